/* SPDX-License-Identifier: Apache-2.0 */
/*
 * A minimal read-only flattened device tree reader. The guest DTB comes
 * from our own tool, but it is still input from outside the guest: every
 * read is checked against the blob's header, nothing is read past
 * totalsize, and a malformed tree yields an error, never a wild read.
 */
#ifndef GUEST_FDT_H
#define GUEST_FDT_H

#include <stdbool.h>
#include <stdint.h>

enum fdt_error {
	FDT_ERR_NOTFOUND = -1, /* valid tree, no such node or property */
	FDT_ERR_BADPTR = -2, /* NULL or misaligned blob */
	FDT_ERR_BADMAGIC = -3,
	FDT_ERR_BADVERSION = -4,
	FDT_ERR_BADLAYOUT = -5, /* blocks outside totalsize, size too big */
	FDT_ERR_BADSTRUCT = -6, /* bad token, unterminated name, overrun */
	FDT_ERR_TOODEEP = -7,
	FDT_ERR_BADVALUE = -8, /* property of the wrong size or format */
};

/* The checked header of an open blob. */
struct fdt {
	const uint8_t *blob;
	uint32_t size; /* totalsize */
	const uint8_t *dt_struct;
	uint32_t struct_size;
	const uint8_t *strings;
	uint32_t strings_size;
};

/* A node met while walking the tree. */
struct fdt_node {
	uint32_t props; /* offset in the struct block of its properties */
	const char *name; /* unit name, e.g. "memory@40000000" */
	unsigned int depth; /* root is 0 */
	uint32_t addr_cells; /* the parent's #address-cells: size of reg */
	uint32_t size_cells; /* the parent's #size-cells */
};

struct fdt_range {
	uint64_t base;
	uint64_t size;
};

/* Checks the header of @blob; 0 or a negative enum fdt_error. */
int fdt_open(struct fdt *fdt, const void *blob);

/* The value of property @name of @node, or NULL; *@len gets its length. */
const void *fdt_get_prop(const struct fdt *fdt, const struct fdt_node *node,
			 const char *name, uint32_t *len);

/* First node whose compatible list holds @compat. */
int fdt_find_compatible(const struct fdt *fdt, const char *compat,
			struct fdt_node *node);

/* The node after the first @index ones whose compatible list holds @compat. */
int fdt_find_compatible_at(const struct fdt *fdt, const char *compat,
			   unsigned int index, struct fdt_node *node);

/* The first (address, size) pair of the node's reg. */
int fdt_node_reg(const struct fdt *fdt, const struct fdt_node *node,
		 struct fdt_range *reg);

/* Entry @index of the node's reg; FDT_ERR_NOTFOUND past the last one. */
int fdt_node_reg_at(const struct fdt *fdt, const struct fdt_node *node,
		    unsigned int index, struct fdt_range *reg);

/*
 * The reg entry named @name in the node's reg-names (a string list in the
 * order of reg); FDT_ERR_NOTFOUND if no entry has that name.
 */
int fdt_node_reg_named(const struct fdt *fdt, const struct fdt_node *node,
		       const char *name, struct fdt_range *reg);

/* Property @name as a NUL-terminated string, or NULL. */
const char *fdt_get_string(const struct fdt *fdt, const struct fdt_node *node,
			   const char *name);

/* The node at absolute @path; a component may omit its unit address. */
int fdt_find_path(const struct fdt *fdt, const char *path,
		  struct fdt_node *node);

/* The node /chosen/stdout-path names (a path, not an alias). */
int fdt_stdout(const struct fdt *fdt, struct fdt_node *node);

/* Cell @i (big-endian, 32-bit) of a property value. */
uint32_t fdt_cell(const void *prop, unsigned int i);

/* The first range of /memory (or /memory@...). */
int fdt_memory_reg(const struct fdt *fdt, struct fdt_range *reg);

/* Range @index of /memory; FDT_ERR_NOTFOUND past the last one. */
int fdt_memory_reg_at(const struct fdt *fdt, unsigned int index,
		      struct fdt_range *reg);

/* /chosen/bootargs, NUL-terminated inside the blob, or NULL. */
const char *fdt_bootargs(const struct fdt *fdt);

/* The number of /cpus/cpu@... nodes, or a negative error. */
int fdt_cpu_count(const struct fdt *fdt);

const char *fdt_strerror(int err);

#endif
