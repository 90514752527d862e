/* SPDX-License-Identifier: Apache-2.0 */
/* The guest DTB writer's state and the helpers models write nodes with. */
#ifndef ZG_GDTB_H
#define ZG_GDTB_H

#include "zg_internal.h"

#define GDTB_MAX_ROOT_NODES 256
#define GDTB_MAX_CLOCKS 32
#define COPY_NO_REG (1u << 0) /* reg is rewritten in root cells */
#define COPY_NO_CLOCKS (1u << 1) /* a clock provider is not in the guest */
#define COPY_NO_REFS (1u << 2) /* drop links to nodes the guest lacks */

struct gdtb {
	void *buf;
	const void *fdt; /* the merged tree */
	const struct zg_layout *l;
	const struct zg_zone *z;
	struct zg_diag *diag;
	int err; /* first libfdt error */
	u32 nr_names;
	char *names[GDTB_MAX_ROOT_NODES]; /* root children, to refuse twins */
	u32 nr_clocks;
	int clocks[GDTB_MAX_CLOCKS]; /* fixed-clock nodes to copy */
	u32 model_clk; /* phandle of a clock a model's nodes use, 0: none */
	bool model_clk_synth; /* the model writes that clock node itself */
	u32 nr_fixed_rates; /* fixed clocks lib/soc_fixups.c makes up */
	u32 fixed_rates[GDTB_MAX_CLOCKS];
};

/* Keeps the first libfdt error of a sequence of writes. */
void gdtb_sw(struct gdtb *g, int ret);
/* Begins root child @name; two of the same name are an error. */
void gdtb_begin_root_node(struct gdtb *g, const char *name);
/* Writes @n ranges as a reg-like property in the root's cells. */
void gdtb_put_ranges(struct gdtb *g, const char *prop, const struct zg_range *r,
		     u32 n);
/* Index of @node among the clocks to copy, or -1. */
int gdtb_find_clock(const struct gdtb *g, int node);
/* interrupts and interrupt-parent of emulated device @v, if it has one. */
void gdtb_write_vdev_irq(struct gdtb *g, const struct zg_vdev *v);
/* The name board node @node gets at the guest's root. */
const char *zg_guest_name(const void *fdt, int node, char *buf, size_t len);
/* Copies the properties of @node but the dropped ones (and @extra). */
void gdtb_copy_props(struct gdtb *g, int node, unsigned int flags,
		     const char *extra);
/* Copies board node @node (and its children) into the open node. */
void gdtb_copy_subtree(struct gdtb *g, int node, int depth);
/* Copies board node @node to the guest root, reg in CPU physical terms. */
void gdtb_copy_node_at_root(struct gdtb *g, int node, unsigned int flags,
			    bool subnodes);
/* "<node name>@<base>" of emulated device @v. */
void gdtb_vdev_node_name(const struct gdtb *g, const struct zg_vdev *v,
			 char *buf, size_t size);

/*
 * lib/soc_fixups.c: writes passthrough device @dev when it links to board
 * nodes the guest lacks (clocks resolved, other links dropped with a
 * note); false when the generic copy will do.
 */
bool zg_soc_write_device(struct gdtb *g, int dev);
/* The fixed clocks zg_soc_write_device() made up for the guest. */
void zg_soc_write_clocks(struct gdtb *g);

#endif
