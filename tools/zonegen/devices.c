// SPDX-License-Identifier: Apache-2.0
/*
 * Passthrough devices (bulkhead,devices): board nodes whose reg ranges the
 * zone gets mapped as device memory, and whose interrupts it gets routed
 * (irqs.c). Addresses come from the board tree only; the overlay merely
 * points at the nodes.
 */
#include <stdlib.h>
#include <string.h>

#include "model.h"

/*
 * Stage 2 maps whole pages: a device must not drag the hypervisor's own
 * console or interrupt controller into the zone with it.
 */
static bool check_hyp_dev_pages(const void *fdt, struct zg_zone *zone, int dev,
				const struct zg_range *r,
				const struct zg_platform *plat,
				struct zg_diag *diag)
{
	struct zg_range pages = range_to_pages(r);
	char path[256], rs[ZG_RANGE_STR];
	bool ok = true;
	u32 i;

	dt_path(fdt, dev, path, sizeof(path));
	range_str(&pages, rs, sizeof(rs));
	for (i = 0; i < plat->nr_irqchip_regs; i++) {
		if (range_valid(&plat->irqchip_regs[i]) &&
		    ranges_overlap(&pages, &plat->irqchip_regs[i])) {
			zg_error(
				diag, fdt, zone->node,
				"device %s: pages %s overlap the interrupt controller, which the hypervisor owns",
				path, rs);
			ok = false;
		}
	}
	if (dev != plat->console_node && range_valid(&plat->console_reg) &&
	    ranges_overlap(&pages, &plat->console_reg)) {
		zg_error(diag, fdt, zone->node,
			 "device %s: pages %s overlap the hypervisor's console",
			 path, rs);
		ok = false;
	}
	return ok;
}

static bool check_dev_range(const void *fdt, struct zg_zone *zone, int dev,
			    const struct zg_range *r,
			    const struct zg_platform *plat,
			    struct zg_diag *diag)
{
	char path[256], rs[ZG_RANGE_STR];
	bool ok = true;
	u32 i;

	dt_path(fdt, dev, path, sizeof(path));
	range_str(r, rs, sizeof(rs));
	if (!range_valid(r)) {
		zg_error(diag, fdt, zone->node,
			 "device %s: reg %s is empty or wraps past 2^64", path,
			 rs);
		return false;
	}
	for (i = 0; i < plat->nr_ram; i++) {
		if (ranges_overlap(r, &plat->ram[i])) {
			zg_error(diag, fdt, zone->node,
				 "device %s: reg %s overlaps RAM", path, rs);
			ok = false;
		}
	}
	if (plat->hyp.size && ranges_overlap(r, &plat->hyp)) {
		zg_error(diag, fdt, zone->node,
			 "device %s: reg %s overlaps the hypervisor's memory",
			 path, rs);
		ok = false;
	}
	return check_hyp_dev_pages(fdt, zone, dev, r, plat, diag) && ok;
}

static bool add_region(const void *fdt, struct zg_zone *zone,
		       const struct zg_range *r, u32 dev_idx,
		       struct zg_diag *diag)
{
	struct zg_dev_region *reg;

	if (zone->nr_dev_regions == ZG_MAX_DEV_REGIONS) {
		zg_error(diag, fdt, zone->node, "more than %d device ranges",
			 ZG_MAX_DEV_REGIONS);
		return false;
	}
	reg = &zone->dev_regions[zone->nr_dev_regions++];
	reg->range = range_to_pages(r);
	reg->dev_mask = 1u << dev_idx;
	return true;
}

static int find_dev(const struct zg_zone *zone, int node)
{
	u32 i;

	for (i = 0; i < zone->nr_devs; i++)
		if (zone->devs[i].node == node)
			return i;
	return -1;
}

/* Checks one bulkhead,devices entry; returns the node or -1. */
static int check_dev_node(const void *fdt, struct zg_zone *zone, int i,
			  u32 phandle, const struct zg_platform *plat,
			  struct zg_diag *diag)
{
	int dev = dt_node_by_phandle(fdt, phandle);
	char path[256];

	if (dev < 0) {
		zg_error(
			diag, fdt, zone->node,
			"bulkhead,devices entry %d: phandle 0x%x names no node",
			i, phandle);
		return -1;
	}
	dt_path(fdt, dev, path, sizeof(path));
	if (find_dev(zone, dev) >= 0) {
		zg_error(diag, fdt, zone->node, "device %s is listed twice",
			 path);
		return -1;
	}
	if (dev == plat->irqchip_node || dev == 0 ||
	    dev == plat->bulkhead_node) {
		zg_error(
			diag, fdt, zone->node,
			"device %s belongs to the hypervisor and cannot be passed through",
			path);
		return -1;
	}
	return dev;
}

/* A zone that may stop the machine has the right to: it says so. */
static void check_system_control(const void *fdt, const struct zg_zone *zone,
				 int dev, struct zg_diag *diag)
{
	const char *compat = zg_system_control(fdt, dev);
	char path[256];

	if (compat && !zone->may_power_off)
		zg_error(
			diag, fdt, zone->node,
			"device %s is a system-control device (compatible \"%s\"): passing it through needs bulkhead,may-power-off",
			dt_path(fdt, dev, path, sizeof(path)), compat);
}

static void add_device(const void *fdt, struct zg_zone *zone, int i,
		       u32 phandle, const struct zg_platform *plat,
		       struct zg_diag *diag)
{
	int dev = check_dev_node(fdt, zone, i, phandle, plat, diag);
	struct zg_device *d;
	char path[256];
	int n, r;

	if (dev < 0)
		return;
	if (zone->nr_devs == ZG_MAX_DEVS) {
		zg_error(diag, fdt, zone->node,
			 "more than %d passthrough devices", ZG_MAX_DEVS);
		return;
	}
	d = &zone->devs[zone->nr_devs];
	n = dt_get_reg(fdt, dev, d->regs, ZG_MAX_DEV_REGS);
	if (n < 0) {
		zg_error(diag, fdt, zone->node, "device %s %s",
			 dt_path(fdt, dev, path, sizeof(path)),
			 dt_reg_strerror(n));
		return;
	}
	check_system_control(fdt, zone, dev, diag);
	d->node = dev;
	d->nr_regs = n;
	for (r = 0; r < n; r++)
		if (check_dev_range(fdt, zone, dev, &d->regs[r], plat, diag))
			add_region(fdt, zone, &d->regs[r], zone->nr_devs, diag);
	zg_parse_dev_irqs(fdt, plat, zone, dev, diag);
	if (dev == plat->console_node)
		zone->has_console = true;
	zone->nr_devs++;
}

static int cmp_region(const void *a, const void *b)
{
	const struct zg_dev_region *x = a, *y = b;

	return x->range.base < y->range.base ? -1 :
					       x->range.base > y->range.base;
}

/* Regions of one zone sharing a page become one stage-2 mapping. */
static void merge_regions(struct zg_zone *zone)
{
	struct zg_dev_region *last;
	u32 i, n = 0;

	qsort(zone->dev_regions, zone->nr_dev_regions,
	      sizeof(zone->dev_regions[0]), cmp_region);
	for (i = 0; i < zone->nr_dev_regions; i++) {
		last = n ? &zone->dev_regions[n - 1] : NULL;
		if (last &&
		    ranges_overlap(&last->range, &zone->dev_regions[i].range)) {
			u64 end = range_end(&zone->dev_regions[i].range);

			if (end > range_end(&last->range))
				last->range.size = end - last->range.base;
			last->dev_mask |= zone->dev_regions[i].dev_mask;
			continue;
		}
		zone->dev_regions[n++] = zone->dev_regions[i];
	}
	zone->nr_dev_regions = n;
}

static bool descends_from_dev(const void *fdt, const struct zg_zone *zone,
			      int node)
{
	while ((node = fdt_parent_offset(fdt, node)) > 0)
		if (find_dev(zone, node) >= 0)
			return true;
	return false;
}

/* The first device region of @zone that @node's registers fall into. */
static const struct zg_dev_region *
node_in_regions(const void *fdt, const struct zg_zone *zone, int node)
{
	struct zg_range regs[ZG_MAX_DEV_REGS];
	int n, r;
	u32 i;

	n = dt_get_reg(fdt, node, regs, ZG_MAX_DEV_REGS);
	for (r = 0; r < n; r++) {
		if (!range_valid(&regs[r]))
			continue;
		for (i = 0; i < zone->nr_dev_regions; i++)
			if (ranges_overlap(&regs[r],
					   &zone->dev_regions[i].range))
				return &zone->dev_regions[i];
	}
	return NULL;
}

/*
 * A page shared with a board device nobody asked for hands that device to
 * the zone as well. Not an error (the board may pack unused devices), but
 * worth saying on every build.
 */
static void warn_page_neighbours(const void *fdt,
				 const struct zg_platform *plat,
				 const struct zg_zone *zone,
				 struct zg_diag *diag)
{
	const struct zg_dev_region *reg;
	char path[256], rs[ZG_RANGE_STR];
	int node, depth = 0;

	for (node = fdt_next_node(fdt, -1, &depth); node >= 0;
	     node = fdt_next_node(fdt, node, &depth)) {
		if (find_dev(zone, node) >= 0 || node == plat->console_node ||
		    node == plat->irqchip_node)
			continue;
		reg = node_in_regions(fdt, zone, node);
		if (!reg || descends_from_dev(fdt, zone, node))
			continue;
		zg_warn(diag, fdt, zone->node,
			"passthrough pages %s also expose %s, which is not passed through to this zone",
			range_str(&reg->range, rs, sizeof(rs)),
			dt_path(fdt, node, path, sizeof(path)));
	}
}

void zg_parse_zone_devices(const void *fdt, const struct zg_platform *plat,
			   struct zg_zone *zone, struct zg_diag *diag)
{
	const fdt32_t *cells;
	int len, i;

	cells = fdt_getprop(fdt, zone->node, "bulkhead,devices", &len);
	if (!cells)
		return;
	if (!len || len % 4) {
		zg_error(
			diag, fdt, zone->node,
			"property \"bulkhead,devices\" is malformed: expected a list of device phandles");
		return;
	}
	for (i = 0; i < len / 4; i++)
		add_device(fdt, zone, i, fdt32_to_cpu(cells[i]), plat, diag);
	merge_regions(zone);
	zg_sort_irqs(zone);
	if (zone->nr_dev_regions)
		warn_page_neighbours(fdt, plat, zone, diag);
}
