// SPDX-License-Identifier: Apache-2.0
/* Guest DTB writing helpers the emit pass and the models share. */
#include <string.h>

#include "../model.h"

void gdtb_sw(struct gdtb *g, int ret)
{
	if (ret < 0 && !g->err)
		g->err = ret;
}

void gdtb_begin_root_node(struct gdtb *g, const char *name)
{
	u32 i;

	for (i = 0; i < g->nr_names; i++) {
		if (!strcmp(g->names[i], name)) {
			zg_error(g->diag, g->fdt, g->z->node,
				 "guest DTB: two nodes named /%s", name);
			gdtb_sw(g, -FDT_ERR_EXISTS);
		}
	}
	if (g->nr_names == GDTB_MAX_ROOT_NODES)
		gdtb_sw(g, -FDT_ERR_NOSPACE);
	else if (!(g->names[g->nr_names++] = strdup(name)))
		g->nr_names--;
	gdtb_sw(g, fdt_begin_node(g->buf, name));
}

void gdtb_copy_listed(struct gdtb *g, int node, const char *const *names)
{
	const void *val;
	int len;

	for (; names && *names; names++) {
		val = fdt_getprop(g->fdt, node, *names, &len);
		if (val)
			gdtb_sw(g, fdt_property(g->buf, *names, val, len));
	}
}

void gdtb_put_ranges(struct gdtb *g, const char *prop, const struct zg_range *r,
		     u32 n)
{
	int ac = dt_addr_cells(g->fdt, 0), sc = dt_size_cells(g->fdt, 0);
	fdt32_t cells[ZG_MAX_MEM * 4];
	u32 i, c = 0;

	if (n > ZG_MAX_MEM) {
		gdtb_sw(g, -FDT_ERR_BADVALUE);
		return;
	}
	for (i = 0; i < n; i++) {
		if (ac == 1 && (r[i].base >> 32)) {
			gdtb_sw(g, -FDT_ERR_BADVALUE);
			return;
		}
		if (ac == 2)
			cells[c++] = cpu_to_fdt32(r[i].base >> 32);
		cells[c++] = cpu_to_fdt32(r[i].base);
		if (sc == 2)
			cells[c++] = cpu_to_fdt32(r[i].size >> 32);
		cells[c++] = cpu_to_fdt32(r[i].size);
	}
	gdtb_sw(g, fdt_property(g->buf, prop, cells, c * sizeof(cells[0])));
}

/*
 * Properties of passthrough devices that point at board nodes a guest
 * does not get (pin, power, reset, IOMMU, DMA controllers), and status,
 * so that a device the board disables still appears in its zone.
 */
static const char *const foreign_refs[] = {
	"pinctrl-names",
	"power-domains",
	"power-domain-names",
	"resets",
	"reset-names",
	"iommus",
	"iommu-map",
	"msi-parent",
	"dmas",
	"dma-names",
	"assigned-clocks",
	"assigned-clock-rates",
	"assigned-clock-parents",
	"status",
	NULL,
};

static bool prop_in(const char *name, const char *const *list)
{
	for (; *list; list++)
		if (!strcmp(name, *list))
			return true;
	return false;
}

static bool prop_dropped(const char *name, unsigned int flags,
			 const char *extra)
{
	if (extra && !strcmp(name, extra))
		return true;
	if ((flags & COPY_NO_REG) && !strcmp(name, "reg"))
		return true;
	if ((flags & COPY_NO_CLOCKS) &&
	    (!strcmp(name, "clocks") || !strcmp(name, "clock-names")))
		return true;
	if (flags & COPY_NO_REFS)
		return prop_in(name, foreign_refs) ||
		       !strncmp(name, "pinctrl-", 8);
	return false;
}

void gdtb_copy_props(struct gdtb *g, int node, unsigned int flags,
		     const char *extra)
{
	const char *name;
	const void *val;
	int prop, len;

	fdt_for_each_property_offset(prop, g->fdt, node) {
		val = fdt_getprop_by_offset(g->fdt, prop, &name, &len);
		if (!val || prop_dropped(name, flags, extra))
			continue;
		gdtb_sw(g, fdt_property(g->buf, name, val, len));
	}
}

void gdtb_copy_subtree(struct gdtb *g, int node, int depth)
{
	int child;

	if (depth > ZG_MAX_DEPTH) {
		if (!g->err)
			zg_error(g->diag, g->fdt, node,
				 "nesting deeper than %d levels", ZG_MAX_DEPTH);
		gdtb_sw(g, -FDT_ERR_BADSTRUCTURE);
		return;
	}
	gdtb_sw(g, fdt_begin_node(g->buf, fdt_get_name(g->fdt, node, NULL)));
	gdtb_copy_props(g, node, 0, NULL);
	fdt_for_each_subnode(child, g->fdt, node)
		gdtb_copy_subtree(g, child, depth + 1);
	gdtb_sw(g, fdt_end_node(g->buf));
}

/*
 * Every copied node sits directly below the guest root. Nodes that were
 * nested below a bus get a unit address in CPU physical terms.
 */
const char *zg_guest_name(const void *fdt, int node, char *buf, size_t len)
{
	const char *name = fdt_get_name(fdt, node, NULL);
	struct zg_range reg[ZG_MAX_DEV_REGS];
	int n;

	if (!name)
		return "";
	if (fdt_parent_offset(fdt, node) == 0)
		return name;
	n = dt_get_reg(fdt, node, reg, ZG_MAX_DEV_REGS);
	snprintf(buf, len, "%.*s", (int)strcspn(name, "@"), name);
	if (n > 0)
		snprintf(buf + strlen(buf), len - strlen(buf), "@%llx",
			 (unsigned long long)reg[0].base);
	return buf;
}

void gdtb_copy_node_at_root(struct gdtb *g, int node, unsigned int flags,
			    bool subnodes)
{
	struct zg_range reg[ZG_MAX_DEV_REGS];
	bool nested = fdt_parent_offset(g->fdt, node) != 0;
	char name[256];
	int n, child;

	gdtb_begin_root_node(g,
			     zg_guest_name(g->fdt, node, name, sizeof(name)));
	gdtb_copy_props(g, node, flags | (nested ? COPY_NO_REG : 0), NULL);
	if (nested) {
		n = dt_get_reg(g->fdt, node, reg, ZG_MAX_DEV_REGS);
		if (n > 0)
			gdtb_put_ranges(g, "reg", reg, n);
	}
	if (subnodes)
		fdt_for_each_subnode(child, g->fdt, node)
			gdtb_copy_subtree(g, child, 1);
	gdtb_sw(g, fdt_end_node(g->buf));
}

void gdtb_vdev_node_name(const struct gdtb *g, const struct zg_vdev *v,
			 char *buf, size_t size)
{
	const char *name = fdt_get_name(g->fdt, v->node, NULL);

	snprintf(buf, size, "%.*s@%llx", name ? (int)strcspn(name, "@") : 0,
		 name ? name : "", (unsigned long long)v->range.base);
}

int gdtb_find_clock(const struct gdtb *g, int node)
{
	u32 i;

	for (i = 0; i < g->nr_clocks; i++)
		if (g->clocks[i] == node)
			return i;
	return -1;
}

/* The interrupt it raises, in the zone's virtual GIC. */
void gdtb_write_vdev_irq(struct gdtb *g, const struct zg_vdev *v)
{
	const void *irq;
	int len;

	if (!v->irq)
		return;
	irq = fdt_getprop(g->fdt, v->node, "interrupts", &len);
	if (irq)
		gdtb_sw(g, fdt_property(g->buf, "interrupts", irq, len));
	gdtb_sw(g, fdt_property_u32(
			   g->buf, "interrupt-parent",
			   fdt_get_phandle(g->fdt, g->l->plat.irqchip_node)));
}
