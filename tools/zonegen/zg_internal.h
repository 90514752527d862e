/* SPDX-License-Identifier: Apache-2.0 */
/* Helpers shared by the parse/validate files of zonegen; not an API. */
#ifndef ZG_INTERNAL_H
#define ZG_INTERNAL_H

#include <libfdt.h>

#include "zonegen.h"

#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))

/* Makes room for element @nr of growable array @arr (zeroed when new). */
void *zg_vec_grow(void *arr, u32 nr, u32 *cap, size_t size);
/* Appends a zeroed element to growable array @arr; returns its address. */
#define zg_vec_push(arr, nr, cap)                                  \
	((arr) = zg_vec_grow((arr), (nr), &(cap), sizeof(*(arr))), \
	 &(arr)[(nr)++])

/* Enough to print any range as "[0x..., 0x...)". */
#define ZG_RANGE_STR 64

/* Why dt_get_reg() could not produce CPU physical ranges. */
enum dt_reg_err {
	DT_REG_NONE = -1, /* no reg property */
	DT_REG_MALFORMED = -2, /* length not a multiple of the cells */
	DT_REG_CELLS = -3, /* #address-cells/#size-cells unusable */
	DT_REG_TOO_MANY = -4, /* more ranges than the caller takes */
	DT_REG_UNMAPPED = -5, /* a parent bus has no usable ranges */
};

const char *dt_reg_strerror(int err);

/* The path of @node, or a placeholder; never fails. */
const char *dt_path(const void *fdt, int node, char *buf, size_t len);

/* Reads 1 or 2 big-endian cells; returns false for other counts. */
bool dt_read_cells(const void *cells, int nr, u64 *val);

/* A #...-cells property of @node: 0..4, @def if absent, -1 if malformed. */
int dt_cells(const void *fdt, int node, const char *name, int def);

/* #address-cells / #size-cells that @node gives its children. */
int dt_addr_cells(const void *fdt, int node);
/* One address in root cells: 0, DT_REG_NONE if absent, -1 if malformed. */
int dt_get_root_addr(const void *fdt, int node, const char *prop, u64 *addr);
int dt_size_cells(const void *fdt, int node);

/*
 * Reads the reg ranges of @node and translates them through the parents'
 * ranges to CPU physical addresses. Returns the count or a dt_reg_err.
 */
int dt_get_reg(const void *fdt, int node, struct zg_range *out, int max);

/* Reads a (addr, size) list in root cells, e.g. bulkhead,memory. */
int dt_get_root_ranges(const void *fdt, int node, const char *prop,
		       struct zg_range *out, int max);

/* The node @phandle names, or a negative libfdt error. */
int dt_node_by_phandle(const void *fdt, u32 phandle);

/* A string property that is NUL-terminated, or NULL. */
const char *dt_get_string(const void *fdt, int node, const char *prop);

bool dt_is_cpu_node(const void *fdt, int node);
bool dt_node_enabled(const void *fdt, int node);

/*
 * Reads reg in the cells of the parent, without translation (for nodes
 * whose addresses are not CPU physical ones, e.g. emulated devices).
 */
int dt_get_raw_reg(const void *fdt, int node, struct zg_range *out, int max);

/* The interrupt parent that applies to @node, or a negative value. */
int dt_interrupt_parent(const void *fdt, int node);

/* Is @r wholly inside one of the zone's memory ranges (guest view)? */
bool zone_in_guest_mem(const struct zg_zone *zone, const struct zg_range *r);
/* Guest memory the kernel claims: its file or its image_size, if larger. */
struct zg_range zone_kernel_range(const struct zg_zone *zone);
/* Where image @kind of @zone goes (physical, in the zone), and its size. */
bool zone_image(const struct zg_zone *zone, enum zg_image_kind kind,
		struct zg_range *dst);

/* Range arithmetic; all but range_valid() need valid ranges. */
bool range_valid(const struct zg_range *r);
u64 range_end(const struct zg_range *r); /* exclusive; valid ranges only */
/* Memory range i of a zone as the zone sees it (guest addresses). */
struct zg_range zone_guest_mem(const struct zg_zone *zone, u32 i);
bool ranges_overlap(const struct zg_range *a, const struct zg_range *b);
bool range_inside(const struct zg_range *in, const struct zg_range *out);
bool range_page_aligned(const struct zg_range *r);
struct zg_range range_to_pages(const struct zg_range *r);
const char *range_str(const struct zg_range *r, char *buf, size_t len);

/* Image names are looked up below the image directories, never outside. */
bool zg_image_name_ok(const char *name);
/* Image file name property @prop of @node, or NULL after an error. */
const char *zg_image_prop(const void *fdt, int node, const char *prop,
			  struct zg_diag *diag);
/*
 * Looks image @name up (a "kernel", "initrd" or "disk" @what of @node)
 * into @img; false after reporting that it is missing or empty.
 */
bool zg_find_image(const void *fdt, const struct zg_options *opt, int node,
		   const char *what, const char *name, struct zg_image *img,
		   struct zg_diag *diag);

/*
 * A name zonegen takes from the overlay (a zone label, a switch, a
 * channel): 1..ZG_LABEL_MAX characters of a-z 0-9 _ -. Reports what is
 * wrong as '<what> "<name>" ...'; false if anything is.
 */
bool zg_check_name(const void *fdt, int node, const char *what,
		   const char *name, struct zg_diag *diag);

/* What a property's value must look like (the schema reader's types). */
enum zg_prop_type {
	ZG_PROP_ANY, /* checked where it is read */
	ZG_PROP_STRING, /* one NUL-terminated string, not a list */
	ZG_PROP_FLAG, /* no value */
	ZG_PROP_BYTES, /* exactly @len bytes */
	ZG_PROP_SIZE, /* one size in the root's #size-cells */
};

/* One property of a schema; @expect overrides the type's wording. */
struct zg_prop {
	const char *name;
	enum zg_prop_type type;
	u32 len;
	const char *expect;
};

/*
 * The schema reader: reports a property of @node that is in @schema (a
 * {NULL}-ended list) but malformed, as 'property "x" is malformed:
 * expected ...'. Returns the schema entry of @name, or NULL if unknown.
 */
const struct zg_prop *zg_schema_find(const struct zg_prop *schema,
				     const char *name);
bool zg_check_prop(const void *fdt, int node, const struct zg_prop *p,
		   struct zg_diag *diag);

/*
 * A property that must be one string but is a list ("a", "b"): reported
 * on @node; true if it is one.
 */
bool zg_refuse_string_list(const void *fdt, int node, const char *prop,
			   struct zg_diag *diag);

/* 'property "<prop>" is malformed: expected <expected>' on @node. */
void zg_malformed(struct zg_diag *diag, const void *fdt, int node,
		  const char *prop, const char *expected);
/* 'missing required property "<prop>"' on @node. */
void zg_missing(struct zg_diag *diag, const void *fdt, int node,
		const char *prop);

/* Reports every property of @node not in the NULL-terminated @known. */
void zg_check_known_props(const void *fdt, int node, const char *const *known,
			  struct zg_diag *diag);
bool zg_is_compatible(const void *fdt, int node, const char *compat);
/* Size, wrap, alignment and "inside RAM"; false if unusable. */
bool zg_check_ram_range(const void *fdt, int node, const char *what,
			const struct zg_range *r,
			const struct zg_platform *plat, struct zg_diag *diag);

/* Writes @text into a C comment: no comment end, printable only. */
void zg_put_comment_text(FILE *out, const char *text);
/* The zone of zone node @node, or NULL. */
const struct zg_zone *zg_zone_by_node(const struct zg_layout *l, int node);
/* Index of board node @node among the zone's passthrough devices, or -1. */
int zg_find_dev(const struct zg_zone *zone, int node);
/* Logical index of the cpu node @node, or -1. */
int zg_cpu_index(const struct zg_platform *plat, int node);

#endif
