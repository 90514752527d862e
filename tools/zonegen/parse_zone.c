// SPDX-License-Identifier: Apache-2.0
/* One zone node (DT -> IR): its properties, kernel and initrd. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model.h"

/*
 * Where a zone boots from: its kernel image, the entry point and the slot
 * of the guest DTB (by default at the top of the first memory range). All
 * of these are guest addresses.
 */
static bool read_kernel_addr(const void *fdt, struct zg_zone *zone,
			     struct zg_diag *diag)
{
	int err = dt_get_root_addr(fdt, zone->node, "bulkhead,kernel-addr",
				   &zone->kernel_addr);

	if (err == DT_REG_NONE) {
		zone->kernel_addr = zone_guest_mem(zone, 0).base;
		return true;
	}
	if (err)
		return false; /* the schema reader said so */
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

	if (err)
		return false;
	slot = (struct zg_range){ zone->dtb_addr, ZG_DTB_SLOT };
	if (!zone_in_guest_mem(zone, &slot)) {
		zg_error(diag, fdt, zone->node,
			 "guest DTB slot %s is not inside the zone's memory",
			 zg_range(&slot));
		return false;
	}
	return true;
}

static bool set_dtb_slot(const void *fdt, struct zg_zone *zone,
			 struct zg_diag *diag)
{
	struct zg_range first = zone_guest_mem(zone, 0);
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
			zg_range(&zone->mem[0]));
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

	if (!zone_in_guest_mem(zone, &k)) {
		zg_error(diag, fdt, zone->node,
			 "kernel image %s is not inside the zone's memory",
			 zg_range(&k));
		return;
	}
	if (ranges_overlap(&k, &dtb))
		zg_error(diag, fdt, zone->node,
			 "kernel image %s overlaps the guest DTB slot %s",
			 zg_range(&k), zg_range(&dtb));
}

static void check_kernel(const void *fdt, const struct zg_options *opt,
			 struct zg_zone *zone, struct zg_diag *diag)
{
	bool slot_ok = zone->nr_mem && set_dtb_slot(fdt, zone, diag);
	bool found;

	if (fdt_getprop(fdt, zone->node, "bulkhead,kernel", NULL))
		zone->kernel =
			zg_image_prop(fdt, zone->node, "bulkhead,kernel", diag);
	if (!zone->kernel)
		return;
	found = zg_find_image(fdt, opt, zone->node, "kernel", zone->kernel,
			      &zone->image, diag);
	if (read_kernel_addr(fdt, zone, diag) && slot_ok && found)
		check_kernel_range(fdt, zone, diag);
}

/*
 * A zone's initial ramdisk (bulkhead,initrd): found like the kernel, put
 * at bulkhead,initrd-addr or 2 MiB aligned after the memory the kernel
 * claims, and announced in the guest DTB's /chosen. Guest addresses.
 */
/* Default: the first 2 MiB boundary after the kernel's memory. */
static bool read_initrd_addr(const void *fdt, struct zg_zone *zone)
{
	struct zg_range k = zone_kernel_range(zone);
	int err = dt_get_root_addr(fdt, zone->node, "bulkhead,initrd-addr",
				   &zone->initrd_addr);

	if (err == DT_REG_NONE) {
		zone->initrd_addr = (range_end(&k) + ZG_INITRD_ALIGN - 1) &
				    ~(ZG_INITRD_ALIGN - 1);
		return true;
	}
	return !err;
}

static void check_initrd_range(const void *fdt, const struct zg_zone *zone,
			       struct zg_diag *diag)
{
	struct zg_range r = { zone->initrd_addr, zone->initrd_image.size };
	struct zg_range k = zone_kernel_range(zone);
	struct zg_range dtb = { zone->dtb_addr, ZG_DTB_SLOT };

	if (!r.size)
		r.size = 1; /* no image size known: check the address */
	if (!zone_in_guest_mem(zone, &r)) {
		zg_error(diag, fdt, zone->node,
			 "initrd image %s is not inside the zone's memory",
			 zg_range(&r));
		return;
	}
	if (ranges_overlap(&r, &k))
		zg_error(diag, fdt, zone->node,
			 "initrd image %s overlaps the kernel image %s",
			 zg_range(&r), zg_range(&k));
	if (ranges_overlap(&r, &dtb))
		zg_error(diag, fdt, zone->node,
			 "initrd image %s overlaps the guest DTB slot %s",
			 zg_range(&r), zg_range(&dtb));
}

/* Runs after check_kernel(), whose kernel address it needs. */
static void check_initrd(const void *fdt, const struct zg_options *opt,
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
	    read_initrd_addr(fdt, zone) && kernel_ok)
		check_initrd_range(fdt, zone, diag);
}

#define ADDR "one address in root cells"
#define ALIGNED "one 4 KiB aligned address in root cells"
#define STR_(x) #x
#define STR(x) STR_(x)

static const struct zg_prop zone_schema[] = {
	ZG_PROP_ANY_NAMED("compatible"),
	ZG_PROP("reg", ZG_PROP_CELLS, 1, "one cell (the zone id)",
		ZG_PROP_REQUIRED, NULL),
	ZG_PROP("label", ZG_PROP_STRING, 0, "a non-empty string",
		ZG_PROP_REQUIRED, NULL),
	ZG_PROP("bulkhead,role", ZG_PROP_STRING, 0, NULL, ZG_PROP_REQUIRED,
		NULL),
	ZG_PROP("cpus", ZG_PROP_CELLS, 0, "a list of cpu phandles",
		ZG_PROP_REQUIRED, NULL),
	ZG_PROP("bulkhead,memory", ZG_PROP_RANGES, ZG_MAX_MEM,
		"1.." STR(ZG_MAX_MEM) " (address, size) pairs in root cells",
		ZG_PROP_REQUIRED, NULL),
	ZG_PROP("bulkhead,devices", ZG_PROP_CELLS, 0,
		"a list of device phandles", 0, NULL),
	ZG_PROP("bulkhead,kernel", ZG_PROP_ANY, 0, NULL, ZG_PROP_REQUIRED,
		NULL),
	ZG_PROP("bulkhead,kernel-addr", ZG_PROP_ADDR, 0, ADDR, 0, NULL),
	ZG_PROP("bulkhead,guest-address", ZG_PROP_ADDR, 0, ALIGNED,
		ZG_PROP_ALIGNED, NULL),
	ZG_PROP("bulkhead,dtb-addr", ZG_PROP_ADDR, 0, ALIGNED, ZG_PROP_ALIGNED,
		NULL),
	ZG_PROP_ANY_NAMED("bulkhead,initrd"),
	ZG_PROP("bulkhead,initrd-addr", ZG_PROP_ADDR, 0, ADDR, 0, NULL),
	ZG_PROP("bulkhead,may-power-off", ZG_PROP_FLAG, 0, NULL, 0, NULL),
	ZG_PROP("bulkhead,boot", ZG_PROP_STRING, 0, NULL, 0, NULL),
	ZG_PROP("bootargs", ZG_PROP_STRING, 0, NULL, 0, NULL),
	ZG_PROP_ANY_NAMED("#address-cells"),
	ZG_PROP_ANY_NAMED("#size-cells"),
	ZG_PROP_ANY_NAMED("phandle"),
	ZG_PROP_ANY_NAMED(NULL),
};

/* The unit address must say the same as reg. */
static void parse_id(const void *fdt, struct zg_zone *zone,
		     struct zg_diag *diag)
{
	const char *name = fdt_get_name(fdt, zone->node, NULL);
	const char *at = name ? strchr(name, '@') : NULL;
	const fdt32_t *reg;
	char unit[16];
	int len;

	reg = fdt_getprop(fdt, zone->node, "reg", &len);
	if (!reg || len != 4)
		return;
	zone->id = fdt32_to_cpu(*reg);
	zone->id_valid = true;
	snprintf(unit, sizeof(unit), "%x", zone->id);
	if (!at || strcmp(at + 1, unit))
		zg_error(diag, fdt, zone->node,
			 "node name must be zone@%s to match reg <%u>", unit,
			 zone->id);
}

static void parse_label(const void *fdt, struct zg_zone *zone,
			struct zg_diag *diag)
{
	const char *label = dt_get_one_string(fdt, zone->node, "label");

	if (label && !label[0]) {
		zg_malformed(diag, fdt, zone->node, "label",
			     "a non-empty string");
	} else if (label) {
		zg_check_name(fdt, zone->node, "label", label, diag);
		zone->label = label;
	}
}

static void parse_role(const void *fdt, struct zg_zone *zone,
		       struct zg_diag *diag)
{
	const char *role = dt_get_one_string(fdt, zone->node, "bulkhead,role");
	enum zg_role r;

	zone->role = ZG_ROLE_USER;
	for (r = ZG_ROLE_ROOT; role && r <= ZG_ROLE_RT; r++)
		if (!strcmp(role, zg_role_name(r)))
			zone->role = r;
	if (role && strcmp(role, zg_role_name(zone->role)))
		zg_error(
			diag, fdt, zone->node,
			"bulkhead,role \"%s\" is not one of \"root\", \"user\", \"rt\"",
			role);
}

static void add_cpu(const void *fdt, struct zg_zone *zone, int i, u32 phandle,
		    const struct zg_options *opt,
		    const struct zg_platform *plat, struct zg_diag *diag)
{
	int cpu = fdt_node_offset_by_phandle(fdt, phandle);
	int idx;

	if (cpu < 0 || !dt_is_cpu_node(fdt, cpu)) {
		zg_error(diag, fdt, zone->node,
			 "cpus entry %d (phandle 0x%x%s%s) is not a cpu node",
			 i, phandle, cpu < 0 ? "" : ", ",
			 cpu < 0 ? "" : zg_path(fdt, cpu));
		return;
	}
	idx = zg_cpu_index(plat, cpu);
	if (idx < 0) {
		zg_error(diag, fdt, zone->node, "cpu %s is disabled",
			 zg_path(fdt, cpu));
	} else if ((u32)idx >= opt->max_cpus) {
		zg_error(
			diag, fdt, zone->node,
			"cpu %s has logical index %d, more CPUs than the maximum of %u (CONFIG_MAX_CPUS=%u)",
			zg_path(fdt, cpu), idx, opt->max_cpus, opt->max_cpus);
	} else if (zone->cpu_mask & (1ull << idx)) {
		zg_error(diag, fdt, zone->node, "cpu %s is listed twice",
			 zg_path(fdt, cpu));
	} else {
		zone->cpu_mask |= 1ull << idx;
		zone->nr_cpus++;
	}
}

static void parse_cpus(const void *fdt, struct zg_zone *zone,
		       const struct zg_options *opt,
		       const struct zg_platform *plat, struct zg_diag *diag)
{
	const fdt32_t *cells;
	int len, i;

	cells = fdt_getprop(fdt, zone->node, "cpus", &len);
	for (i = 0; i < len / 4; i++)
		add_cpu(fdt, zone, i, fdt32_to_cpu(cells[i]), opt, plat, diag);
}

static void check_mem_range(const void *fdt, struct zg_zone *zone, u32 i,
			    const struct zg_platform *plat,
			    struct zg_diag *diag)
{
	const struct zg_range *r = &zone->mem[i];
	u32 j;

	if (!zg_check_ram_range(fdt, zone->node, "memory", r, plat, diag))
		return;
	for (j = 0; j < i; j++)
		if (range_valid(&zone->mem[j]) &&
		    ranges_overlap(r, &zone->mem[j]))
			zg_error(
				diag, fdt, zone->node,
				"memory %s overlaps memory %s of the same zone",
				zg_range(r), zg_range(&zone->mem[j]));
}

static void parse_memory(const void *fdt, struct zg_zone *zone,
			 const struct zg_platform *plat, struct zg_diag *diag)
{
	int n;
	u32 i;

	n = dt_get_root_ranges(fdt, zone->node, "bulkhead,memory", zone->mem,
			       ZG_MAX_MEM);
	if (n < 0)
		return;
	zone->nr_mem = n;
	for (i = 0; i < zone->nr_mem; i++)
		check_mem_range(fdt, zone, i, plat, diag);
}

/*
 * Optional: where the zone sees its memory. The ranges keep their layout
 * and move together, the first one to this guest address (a guest that
 * insists on its RAM at a fixed address, e.g. U-Boot for QEMU virt).
 */
static void parse_guest_address(const void *fdt, struct zg_zone *zone,
				struct zg_diag *diag)
{
	u64 ga;
	int err = dt_get_root_addr(fdt, zone->node, "bulkhead,guest-address",
				   &ga);

	if (err || ga % ZG_PAGE_SIZE || !zone->nr_mem)
		return;
	zone->ipa_delta = ga - zone->mem[0].base;
	for (u32 i = 0; i < zone->nr_mem; i++) {
		struct zg_range g = zone_guest_mem(zone, i);

		if (!range_valid(&g))
			zg_error(
				diag, fdt, zone->node,
				"bulkhead,guest-address moves memory range %u past the end of the address space",
				i);
	}
}

/* SYSTEM_OFF and SYSTEM_RESET act on the machine: the root zone's right. */
static void parse_may_power_off(const void *fdt, struct zg_zone *zone,
				struct zg_diag *diag)
{
	int len;

	if (!fdt_getprop(fdt, zone->node, "bulkhead,may-power-off", &len) ||
	    len)
		return;
	if (zone->role != ZG_ROLE_ROOT) {
		zg_error(
			diag, fdt, zone->node,
			"bulkhead,may-power-off is only allowed in the root zone (bulkhead,role = \"root\")");
		return;
	}
	zone->may_power_off = true;
}

/*
 * "auto" (the default) or "manual": a manual zone waits for the root
 * zone's start command, so the root zone itself cannot be one.
 */
static void parse_boot(const void *fdt, struct zg_zone *zone,
		       struct zg_diag *diag)
{
	const char *boot = dt_get_string(fdt, zone->node, "bulkhead,boot");

	/* The schema refuses a string list; absent means auto. */
	if (!fdt_getprop(fdt, zone->node, "bulkhead,boot", NULL))
		return;
	if (boot && !strcmp(boot, "auto"))
		return;
	if (!boot || strcmp(boot, "manual")) {
		zg_malformed(diag, fdt, zone->node, "bulkhead,boot",
			     "\"auto\" or \"manual\"");
		return;
	}
	if (zone->role == ZG_ROLE_ROOT)
		zg_error(
			diag, fdt, zone->node,
			"bulkhead,boot = \"manual\" is not allowed in the root zone: nothing could start it");
	zone->boot_manual = true;
}

/* A zone node is only looked into once it says it is one. */
static bool parse_compatible(const void *fdt, struct zg_zone *zone,
			     struct zg_diag *diag)
{
	if (!fdt_getprop(fdt, zone->node, "compatible", NULL)) {
		zg_missing(diag, fdt, zone->node, "compatible");
		return false;
	}
	if (!zg_is_compatible(fdt, zone->node, "bulkhead,zone")) {
		zg_error(
			diag, fdt, zone->node,
			"compatible must be \"bulkhead,zone\" (children of /bulkhead are zones, or \"bulkhead,ivc\" channels)");
		return false;
	}
	return true;
}

void zg_parse_zone(const void *fdt, int node, const struct zg_options *opt,
		   const struct zg_platform *plat, struct zg_zone *zone,
		   struct zg_diag *diag)
{
	zone->node = node;
	zone->role = ZG_ROLE_USER;
	if (!parse_compatible(fdt, zone, diag))
		return;
	zg_check_props(fdt, node, zone_schema, diag);
	parse_id(fdt, zone, diag);
	parse_label(fdt, zone, diag);
	parse_role(fdt, zone, diag);
	parse_cpus(fdt, zone, opt, plat, diag);
	parse_memory(fdt, zone, plat, diag);
	parse_guest_address(fdt, zone, diag);
	zone->bootargs = dt_get_one_string(fdt, node, "bootargs");
	parse_may_power_off(fdt, zone, diag);
	parse_boot(fdt, zone, diag);
	zg_parse_zone_devices(fdt, plat, zone, diag);
	zg_parse_zone_vdevs(fdt, opt, plat, zone, diag);
	zg_add_ivc_ends(fdt, plat, zone, diag);
	if (zone->nr_vdevs) /* by base */
		qsort(zone->vdevs, zone->nr_vdevs, sizeof(zone->vdevs[0]),
		      zg_cmp_vdev);
	check_kernel(fdt, opt, zone, diag);
	check_initrd(fdt, opt, zone, diag);
}
