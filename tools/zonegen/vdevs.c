// SPDX-License-Identifier: Apache-2.0
/*
 * Emulated devices: the child nodes of a zone. Their reg is a guest
 * physical address in the zone's own #address-cells/#size-cells. The
 * hypervisor traps accesses by leaving their pages unmapped, so a device
 * must not share a page with the zone's memory or passthrough devices.
 */
#include <stdlib.h>
#include <string.h>

#include <bulkhead/hvinfo_regs.h>

#include "zg_internal.h"

struct vdev_model {
	const char *compatible;
	u64 size; /* the exact size of the register window */
};

static const struct vdev_model vdev_models[] = {
	{ "bulkhead,hvinfo", HVINFO_SIZE },
	{ "arm,pl011", 0x1000 }, /* the zone's console UART */
};

static const char *const vdev_props[] = {
	"compatible",
	"reg",
	"phandle",
	NULL,
};

static const struct vdev_model *find_model(const char *compat)
{
	size_t i;

	for (i = 0; compat && i < ARRAY_SIZE(vdev_models); i++)
		if (!strcmp(compat, vdev_models[i].compatible))
			return &vdev_models[i];
	return NULL;
}

static bool read_vdev(const void *fdt, int node, struct zg_vdev *v,
		      struct zg_diag *diag)
{
	const struct vdev_model *model;
	struct zg_range r[2];
	int n;

	v->compatible = dt_get_string(fdt, node, "compatible");
	if (!v->compatible) {
		zg_error(diag, fdt, node,
			 "missing required property \"compatible\"");
		return false;
	}
	model = find_model(v->compatible);
	if (!model) {
		zg_error(
			diag, fdt, node,
			"unknown emulated device compatible \"%s\" (known: bulkhead,hvinfo, arm,pl011)",
			v->compatible);
		return false;
	}
	n = dt_get_raw_reg(fdt, node, r, 1);
	if (n == DT_REG_NONE) {
		zg_error(diag, fdt, node, "missing required property \"reg\"");
		return false;
	}
	if (n < 0 || !range_valid(&r[0])) {
		zg_error(
			diag, fdt, node,
			"property \"reg\" is malformed: expected one (address, size) pair in the zone's #address-cells/#size-cells");
		return false;
	}
	if (r[0].size != model->size) {
		zg_error(diag, fdt, node, "%s needs a reg size of 0x%llx",
			 model->compatible, (unsigned long long)model->size);
		return false;
	}
	v->node = node;
	v->range = r[0];
	return true;
}

static void check_vdev_overlaps(const void *fdt, const struct zg_zone *zone,
				u32 i, struct zg_diag *diag)
{
	const struct zg_vdev *v = &zone->vdevs[i];
	struct zg_range pages = range_to_pages(&v->range);
	char rs[ZG_RANGE_STR], os[ZG_RANGE_STR], path[256];
	u32 j, d;

	range_str(&v->range, rs, sizeof(rs));
	for (j = 0; j < zone->nr_mem; j++) {
		struct zg_range g = zone_guest_mem(zone, j);

		if (range_valid(&g) && ranges_overlap(&pages, &g))
			zg_error(diag, fdt, v->node,
				 "%s overlaps the zone's memory %s", rs,
				 range_str(&g, os, sizeof(os)));
	}
	for (j = 0; j < i; j++)
		if (ranges_overlap(&v->range, &zone->vdevs[j].range))
			zg_error(diag, fdt, v->node,
				 "%s overlaps emulated device %s", rs,
				 dt_path(fdt, zone->vdevs[j].node, path,
					 sizeof(path)));
	for (j = 0; j < zone->nr_dev_regions; j++) {
		if (!ranges_overlap(&pages, &zone->dev_regions[j].range))
			continue;
		for (d = 0; d < zone->nr_devs; d++)
			if (zone->dev_regions[j].dev_mask & (1u << d))
				zg_error(
					diag, fdt, v->node,
					"%s shares a 4 KiB page with passthrough device %s",
					rs,
					dt_path(fdt, zone->devs[d].node, path,
						sizeof(path)));
	}
}

static int cmp_vdev(const void *a, const void *b)
{
	const struct zg_vdev *x = a, *y = b;

	if (x->range.base != y->range.base)
		return x->range.base < y->range.base ? -1 : 1;
	return x->node - y->node;
}

void zg_parse_zone_vdevs(const void *fdt, struct zg_zone *zone,
			 struct zg_diag *diag)
{
	int node;
	u32 i;

	fdt_for_each_subnode(node, fdt, zone->node) {
		zg_check_known_props(fdt, node, vdev_props, diag);
		if (fdt_first_subnode(fdt, node) >= 0)
			zg_error(diag, fdt, node,
				 "emulated devices have no child nodes");
		if (zone->nr_vdevs == ZG_MAX_VDEVS) {
			zg_error(diag, fdt, node,
				 "more than %d emulated devices", ZG_MAX_VDEVS);
			break;
		}
		if (read_vdev(fdt, node, &zone->vdevs[zone->nr_vdevs], diag))
			zone->nr_vdevs++;
	}
	qsort(zone->vdevs, zone->nr_vdevs, sizeof(zone->vdevs[0]), cmp_vdev);
	for (i = 0; i < zone->nr_vdevs; i++)
		check_vdev_overlaps(fdt, zone, i, diag);
}
