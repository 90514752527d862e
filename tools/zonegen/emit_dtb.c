// SPDX-License-Identifier: Apache-2.0
/*
 * The guest DTB of a zone, written with libfdt's sequential-write API from
 * the merged board tree: the root properties, the zone's CPUs renumbered
 * from 0, its memory, /chosen, PSCI, the timer, the interrupt controller
 * (on a GICv3 the zone's virtual GIC, emulated by the hypervisor), the
 * passthrough devices with the fixed clocks they use, the emulated
 * devices (virtio ones too) and the zone's ends of inter-zone channels.
 */
#include <stdlib.h>
#include <string.h>

#include "model.h"

#define GDTB_SLACK 0x1000 /* free space for a boot loader's fix-ups */

static void write_cpus(struct gdtb *g)
{
	static const char *const keep[] = { "device_type", "compatible",
					    "enable-method", NULL };
	static const char *const cpus_keep[] = { "timebase-frequency", NULL };
	const struct zg_irqchip *ic = g->l->plat.irqchip;
	char name[32];
	u32 c, idx = 0;
	int cpu;

	gdtb_begin_root_node(g, "cpus");
	gdtb_sw(g, fdt_property_u32(g->buf, "#address-cells", 1));
	gdtb_sw(g, fdt_property_u32(g->buf, "#size-cells", 0));
	gdtb_copy_listed(g, fdt_path_offset(g->fdt, "/cpus"), cpus_keep);
	for (c = 0; c < ZG_MAX_CPUS; c++) {
		if (!(g->z->cpu_mask & (1ull << c)))
			continue;
		cpu = g->l->plat.cpus[c].node;
		snprintf(name, sizeof(name), "cpu@%x", idx);
		gdtb_sw(g, fdt_begin_node(g->buf, name));
		gdtb_copy_listed(g, cpu, keep);
		gdtb_copy_listed(g, cpu, ic ? ic->cpu_props : NULL);
		gdtb_sw(g, fdt_property_u32(g->buf, "reg", idx++));
		if (ic && ic->write_cpu_child)
			ic->write_cpu_child(g, cpu);
		gdtb_sw(g, fdt_end_node(g->buf));
	}
	gdtb_sw(g, fdt_end_node(g->buf));
}

/* The zone's memory as the zone sees it (bulkhead,guest-address). */
static void write_memory(struct gdtb *g)
{
	struct zg_range mem[ZG_MAX_MEM];
	char name[32];

	for (u32 i = 0; i < g->z->nr_mem; i++)
		mem[i] = zone_guest_mem(g->z, i);
	snprintf(name, sizeof(name), "memory@%llx",
		 (unsigned long long)mem[0].base);
	gdtb_begin_root_node(g, name);
	gdtb_sw(g, fdt_property_string(g->buf, "device_type", "memory"));
	gdtb_put_ranges(g, "reg", mem, g->z->nr_mem);
	gdtb_sw(g, fdt_end_node(g->buf));
}

/* The zone's emulated console UART, if it has one. */
static const struct zg_vdev *console_vdev(const struct zg_zone *z)
{
	for (u32 i = 0; i < z->nr_vdevs; i++)
		if (zg_vdev_has(&z->vdevs[i], ZG_CAP_CONSOLE))
			return &z->vdevs[i];
	return NULL;
}

static void write_chosen(struct gdtb *g)
{
	char name[256], path[260];
	const struct zg_vdev *vuart = console_vdev(g->z);

	gdtb_begin_root_node(g, "chosen");
	if (g->z->bootargs)
		gdtb_sw(g, fdt_property_string(g->buf, "bootargs",
					       g->z->bootargs));
	if (vuart) {
		/* An emulated UART wins over a passed-through console. */
		gdtb_vdev_node_name(g, vuart, name, sizeof(name));
		snprintf(path, sizeof(path), "/%s", name);
		gdtb_sw(g, fdt_property_string(g->buf, "stdout-path", path));
	} else if (g->z->has_console) {
		snprintf(path, sizeof(path), "/%s",
			 zg_guest_name(g->fdt, g->l->plat.console_node, name,
				       sizeof(name)));
		gdtb_sw(g, fdt_property_string(g->buf, "stdout-path", path));
	}
	if (g->z->initrd) {
		gdtb_sw(g, fdt_property_u64(g->buf, "linux,initrd-start",
					    g->z->initrd_addr));
		gdtb_sw(g, fdt_property_u64(g->buf, "linux,initrd-end",
					    g->z->initrd_addr +
						    g->z->initrd_image.size));
	}
	gdtb_sw(g, fdt_end_node(g->buf));
}

/* Guests call PSCI with SMC, which the hypervisor traps and emulates. */
static void write_psci(struct gdtb *g)
{
	int node = fdt_subnode_offset(g->fdt, 0, "psci");

	if (node < 0)
		return;
	gdtb_begin_root_node(g, "psci");
	gdtb_copy_props(g, node, 0, "method");
	gdtb_sw(g, fdt_property_string(g->buf, "method", "smc"));
	gdtb_sw(g, fdt_end_node(g->buf));
}

static const char *const root_props[] = {
	"compatible",	    "model", "#address-cells", "#size-cells",
	"interrupt-parent", NULL,
};

static void write_root_props(struct gdtb *g)
{
	gdtb_copy_listed(g, 0, root_props);
}

/*
 * Walks the clocks list of @dev. With @queue false it only checks that
 * every provider is a fixed-clock node; with @queue true it remembers the
 * providers so that they are copied too.
 */
static bool walk_fixed_clocks(struct gdtb *g, int dev, bool queue)
{
	const fdt32_t *cells;
	int len, i = 0, clk;
	u32 cc;

	cells = fdt_getprop(g->fdt, dev, "clocks", &len);
	while (cells && i < len / 4) {
		clk = fdt_node_offset_by_phandle(g->fdt,
						 fdt32_to_cpu(cells[i]));
		if (clk < 0 || !zg_is_compatible(g->fdt, clk, "fixed-clock"))
			return false;
		cc = (u32)dt_cells(g->fdt, clk, "#clock-cells", -1);
		if (cc > 4 || i + 1 + cc > (u32)len / 4)
			return false;
		if (queue && gdtb_find_clock(g, clk) < 0) {
			if (g->nr_clocks == GDTB_MAX_CLOCKS)
				return false;
			g->clocks[g->nr_clocks++] = clk;
		}
		i += 1 + cc;
	}
	return true;
}

static void write_device(struct gdtb *g, int dev)
{
	unsigned int flags = COPY_NO_REFS;

	if (zg_soc_write_device(g, dev))
		return;
	if (!walk_fixed_clocks(g, dev, false) ||
	    !walk_fixed_clocks(g, dev, true)) {
		zg_warn(g->diag, g->fdt, g->z->node,
			"guest DTB: clocks of %s dropped (only fixed-clock providers are copied)",
			zg_path(g->fdt, dev));
		flags |= COPY_NO_CLOCKS;
	}
	gdtb_copy_node_at_root(g, dev, flags, true);
}

/* The virtual GIC's windows are described by the GIC node instead. */
static void write_vdev(struct gdtb *g, const struct zg_vdev *v)
{
	char node[256];
	const void *compat;
	int len;

	if (!v->model)
		return;
	if (v->model->write_dtb) {
		v->model->write_dtb(g, v);
		return;
	}
	gdtb_vdev_node_name(g, v, node, sizeof(node));
	gdtb_begin_root_node(g, node);
	/* All of it: a PL011 is also a primecell to Linux's AMBA bus. */
	compat = fdt_getprop(g->fdt, v->node, "compatible", &len);
	gdtb_sw(g, fdt_property(g->buf, "compatible", compat, len));
	gdtb_put_ranges(g, "reg", &v->range, 1);
	gdtb_write_vdev_irq(g, v);
	if (v->model->dtb_props)
		v->model->dtb_props(g, v);
	/* The back end is the hypervisor: no cache maintenance needed. */
	if (zg_vdev_has(v, ZG_CAP_DMA_COHERENT))
		gdtb_sw(g, fdt_property(g->buf, "dma-coherent", NULL, 0));
	gdtb_sw(g, fdt_end_node(g->buf));
}

/* The zone-wide hooks of each model the zone has a device of, once each. */
static void for_each_model_hook(struct gdtb *g, bool nodes)
{
	const struct zg_model *m;
	u32 i, j;

	for (i = 0; i < g->z->nr_vdevs; i++) {
		m = g->z->vdevs[i].model;
		for (j = 0; m && j < i; j++)
			if (g->z->vdevs[j].model == m)
				m = NULL;
		if (m && !nodes && m->dtb_plan)
			m->dtb_plan(g);
		if (m && nodes && m->dtb_nodes)
			m->dtb_nodes(g);
	}
}

static void write_devices(struct gdtb *g)
{
	u32 i;

	for (i = 0; i < g->z->nr_devs; i++)
		write_device(g, g->z->devs[i].node);
	for_each_model_hook(g, false);
	for (i = 0; i < g->nr_clocks; i++)
		gdtb_copy_node_at_root(g, g->clocks[i], 0, false);
	zg_soc_write_clocks(g);
	for_each_model_hook(g, true);
	for (i = 0; i < g->z->nr_vdevs; i++)
		write_vdev(g, &g->z->vdevs[i]);
}

static void write_irqchip(struct gdtb *g)
{
	if (g->l->plat.irqchip_node < 0)
		return;
	if (g->l->plat.irqchip && g->l->plat.irqchip->write_dtb)
		g->l->plat.irqchip->write_dtb(g);
	else
		gdtb_copy_node_at_root(g, g->l->plat.irqchip_node, 0, false);
}

/* One attempt into a buffer of @size bytes; a libfdt error on failure. */
static int gdtb_write(struct gdtb *g, size_t size)
{
	gdtb_sw(g, fdt_create(g->buf, size));
	gdtb_sw(g, fdt_finish_reservemap(g->buf));
	gdtb_sw(g, fdt_begin_node(g->buf, ""));
	write_root_props(g);
	write_chosen(g);
	write_cpus(g);
	write_memory(g);
	write_psci(g);
	if (g->l->plat.irqchip && g->l->plat.irqchip->write_root_extra)
		g->l->plat.irqchip->write_root_extra(g);
	write_irqchip(g);
	write_devices(g);
	gdtb_sw(g, fdt_end_node(g->buf));
	gdtb_sw(g, fdt_finish(g->buf));
	if (!g->err && fdt_totalsize(g->buf) + GDTB_SLACK > size)
		gdtb_sw(g, -FDT_ERR_NOSPACE);
	if (!g->err)
		gdtb_sw(g, fdt_open_into(g->buf, g->buf,
					 fdt_totalsize(g->buf) + GDTB_SLACK));
	return g->err;
}

static void gdtb_reset(struct gdtb *g)
{
	while (g->nr_names)
		free(g->names[--g->nr_names]);
	g->nr_clocks = 0;
	g->model_clk = 0;
	g->model_clk_synth = false;
	g->err = 0;
}

/*
 * Each board node is copied at most once and the nodes zonegen adds are
 * small, so twice the merged tree is room enough in one attempt.
 */
size_t zg_build_guest_dtb(const struct zg_layout *layout,
			  const struct zg_zone *zone, void **dtb,
			  struct zg_diag *diag)
{
	size_t size = 2 * (size_t)fdt_totalsize(layout->fdt) + 0x10000;
	struct gdtb g = {
		.fdt = layout->fdt,
		.l = layout,
		.z = zone,
		.diag = diag,
	};
	int err;

	*dtb = NULL;
	g.buf = malloc(size);
	if (!g.buf) {
		zg_error(diag, NULL, -1, "out of memory");
		return 0;
	}
	err = gdtb_write(&g, size);
	gdtb_reset(&g);
	if (!err && fdt_totalsize(g.buf) > ZG_DTB_SLOT)
		err = -FDT_ERR_NOSPACE;
	if (err) {
		zg_error(diag, layout->fdt, zone->node,
			 "cannot build the guest DTB: %s", fdt_strerror(err));
		free(g.buf);
		return 0;
	}
	*dtb = g.buf;
	return fdt_totalsize(g.buf);
}
