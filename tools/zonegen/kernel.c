// SPDX-License-Identifier: Apache-2.0
/*
 * Where a zone boots from: its kernel image, the entry point and the slot
 * of the guest DTB (by default at the top of the first memory range). All
 * of these are guest addresses.
 */
#include <string.h>

#include "zg_internal.h"

bool zg_image_name_ok(const char *name)
{
	const char *p = name;

	if (!name[0] || name[0] == '/')
		return false;
	while ((p = strstr(p, "..")) != NULL) {
		if ((p == name || p[-1] == '/') && (p[2] == '/' || !p[2]))
			return false;
		p += 2;
	}
	return true;
}

static bool read_kernel_addr(const void *fdt, struct zg_zone *zone,
			     struct zg_diag *diag)
{
	int err = dt_get_root_addr(fdt, zone->node, "bulkhead,kernel-addr",
				   &zone->kernel_addr);

	if (err == DT_REG_NONE) {
		zone->kernel_addr = zone_guest_mem(zone, 0).base;
		return true;
	}
	if (err) {
		zg_error(
			diag, fdt, zone->node,
			"property \"bulkhead,kernel-addr\" is malformed: expected one address in root cells");
		return false;
	}
	/* The loader and the arm64 boot protocol want raw images page aligned. */
	if (zone->kernel_addr % ZG_PAGE_SIZE) {
		zg_error(diag, fdt, zone->node,
			 "bulkhead,kernel-addr 0x%llx is not 4 KiB aligned",
			 (unsigned long long)zone->kernel_addr);
		return false;
	}
	return true;
}

/* bulkhead,dtb-addr: a guest that expects its DTB at a fixed place. */
static bool read_dtb_addr(const void *fdt, struct zg_zone *zone, int err,
			  struct zg_diag *diag)
{
	struct zg_range slot;
	char rs[ZG_RANGE_STR];

	if (err || zone->dtb_addr % 4096) {
		zg_error(
			diag, fdt, zone->node,
			"property \"bulkhead,dtb-addr\" is malformed: expected one 4 KiB aligned address in root cells");
		return false;
	}
	slot = (struct zg_range){ zone->dtb_addr, ZG_DTB_SLOT };
	if (!zone_in_guest_mem(zone, &slot)) {
		zg_error(diag, fdt, zone->node,
			 "guest DTB slot %s is not inside the zone's memory",
			 range_str(&slot, rs, sizeof(rs)));
		return false;
	}
	return true;
}

static bool set_dtb_slot(const void *fdt, struct zg_zone *zone,
			 struct zg_diag *diag)
{
	struct zg_range first = zone_guest_mem(zone, 0);
	char rs[ZG_RANGE_STR];
	int err;

	if (!range_valid(&zone->mem[0]) || !range_valid(&first))
		return false;
	err = dt_get_root_addr(fdt, zone->node, "bulkhead,dtb-addr",
			       &zone->dtb_addr);
	if (err != DT_REG_NONE)
		return read_dtb_addr(fdt, zone, err, diag);
	if (zone->mem[0].size < ZG_MIN_FIRST_MEM) {
		zg_error(
			diag, fdt, zone->node,
			"first memory range %s is smaller than 4 MiB (its top 2 MiB hold the guest DTB)",
			range_str(&zone->mem[0], rs, sizeof(rs)));
		return false;
	}
	zone->dtb_addr = range_end(&first) - ZG_DTB_SLOT;
	return true;
}

static void check_kernel_range(const void *fdt, struct zg_zone *zone,
			       struct zg_diag *diag)
{
	struct zg_range k = zone_kernel_range(zone);
	struct zg_range dtb = { zone->dtb_addr, ZG_DTB_SLOT };
	char rs[ZG_RANGE_STR], ds[ZG_RANGE_STR];

	range_str(&k, rs, sizeof(rs));
	if (!zone_in_guest_mem(zone, &k)) {
		zg_error(diag, fdt, zone->node,
			 "kernel image %s is not inside the zone's memory", rs);
		return;
	}
	if (ranges_overlap(&k, &dtb))
		zg_error(diag, fdt, zone->node,
			 "kernel image %s overlaps the guest DTB slot %s", rs,
			 range_str(&dtb, ds, sizeof(ds)));
}

const char *zg_image_prop(const void *fdt, int node, const char *prop,
			  struct zg_diag *diag)
{
	const char *name = dt_get_string(fdt, node, prop);

	if (zg_refuse_string_list(fdt, node, prop, diag))
		return NULL;
	if (name && zg_image_name_ok(name))
		return name;
	zg_error(
		diag, fdt, node,
		"property \"%s\" is malformed: expected a file name relative to the image directories",
		prop);
	return NULL;
}

bool zg_find_image(const void *fdt, const struct zg_options *opt, int node,
		   const char *what, const char *name, struct zg_image *img,
		   struct zg_diag *diag)
{
	if (!opt->find_image)
		return true;
	if (opt->find_image(opt->find_image_ctx, name, img)) {
		zg_error(diag, fdt, node,
			 "%s image \"%s\" not found in any image directory",
			 what, name);
		return false;
	}
	if (!img->size) {
		zg_error(diag, fdt, node, "%s image \"%s\" is empty", what,
			 name);
		return false;
	}
	return true;
}

void zg_check_kernel(const void *fdt, const struct zg_options *opt,
		     struct zg_zone *zone, struct zg_diag *diag)
{
	bool slot_ok = zone->nr_mem && set_dtb_slot(fdt, zone, diag);
	bool found;

	if (!fdt_getprop(fdt, zone->node, "bulkhead,kernel", NULL)) {
		zg_error(diag, fdt, zone->node,
			 "missing required property \"bulkhead,kernel\"");
		return;
	}
	zone->kernel = zg_image_prop(fdt, zone->node, "bulkhead,kernel", diag);
	if (!zone->kernel)
		return;
	found = zg_find_image(fdt, opt, zone->node, "kernel", zone->kernel,
			      &zone->image, diag);
	if (read_kernel_addr(fdt, zone, diag) && slot_ok && found)
		check_kernel_range(fdt, zone, diag);
}
