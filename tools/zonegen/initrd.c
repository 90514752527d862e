// SPDX-License-Identifier: Apache-2.0
/*
 * A zone's initial ramdisk (bulkhead,initrd): found like the kernel, put
 * at bulkhead,initrd-addr or 2 MiB aligned after the memory the kernel
 * claims, and announced in the guest DTB's /chosen. Guest addresses.
 */
#include "zg_internal.h"

/* Default: the first 2 MiB boundary after the kernel's memory. */
static bool read_initrd_addr(const void *fdt, struct zg_zone *zone,
			     struct zg_diag *diag)
{
	struct zg_range k = zone_kernel_range(zone);
	int err = dt_get_root_addr(fdt, zone->node, "bulkhead,initrd-addr",
				   &zone->initrd_addr);

	if (err == DT_REG_NONE) {
		zone->initrd_addr = (range_end(&k) + ZG_INITRD_ALIGN - 1) &
				    ~(ZG_INITRD_ALIGN - 1);
		return true;
	}
	if (err) {
		zg_error(
			diag, fdt, zone->node,
			"property \"bulkhead,initrd-addr\" is malformed: expected one address in root cells");
		return false;
	}
	return true;
}

static void check_initrd_range(const void *fdt, const struct zg_zone *zone,
			       struct zg_diag *diag)
{
	struct zg_range r = { zone->initrd_addr, zone->initrd_image.size };
	struct zg_range k = zone_kernel_range(zone);
	struct zg_range dtb = { zone->dtb_addr, ZG_DTB_SLOT };
	char rs[ZG_RANGE_STR], os[ZG_RANGE_STR];

	if (!r.size)
		r.size = 1; /* no image size known: check the address */
	range_str(&r, rs, sizeof(rs));
	if (!zone_in_guest_mem(zone, &r)) {
		zg_error(diag, fdt, zone->node,
			 "initrd image %s is not inside the zone's memory", rs);
		return;
	}
	if (ranges_overlap(&r, &k))
		zg_error(diag, fdt, zone->node,
			 "initrd image %s overlaps the kernel image %s", rs,
			 range_str(&k, os, sizeof(os)));
	if (ranges_overlap(&r, &dtb))
		zg_error(diag, fdt, zone->node,
			 "initrd image %s overlaps the guest DTB slot %s", rs,
			 range_str(&dtb, os, sizeof(os)));
}

/* Runs after zg_check_kernel(), whose kernel address it needs. */
void zg_check_initrd(const void *fdt, const struct zg_options *opt,
		     struct zg_zone *zone, struct zg_diag *diag)
{
	bool kernel_ok = zone->kernel && zone->nr_mem &&
			 (zone->image.size || !opt->find_image);

	if (!fdt_getprop(fdt, zone->node, "bulkhead,initrd", NULL)) {
		if (fdt_getprop(fdt, zone->node, "bulkhead,initrd-addr", NULL))
			zg_error(
				diag, fdt, zone->node,
				"bulkhead,initrd-addr without bulkhead,initrd");
		return;
	}
	zone->initrd = zg_image_prop(fdt, zone->node, "bulkhead,initrd", diag);
	if (!zone->initrd)
		return;
	if (zg_find_image(fdt, opt, zone->node, "initrd", zone->initrd,
			  &zone->initrd_image, diag) &&
	    read_initrd_addr(fdt, zone, diag) && kernel_ok)
		check_initrd_range(fdt, zone, diag);
}
