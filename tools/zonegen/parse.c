// SPDX-License-Identifier: Apache-2.0
/*
 * The parse pass (DT -> IR): the blob, /bulkhead and its zones. It goes on
 * after an error, so one run reports all the problems of an overlay.
 */
#include <stdlib.h>
#include <string.h>

#include "model.h"

#define PAIR "one (address, size) pair in root cells"

static const struct zg_prop bulkhead_schema[] = {
	ZG_PROP_ANY_NAMED("compatible"),
	ZG_PROP("bulkhead,memory", ZG_PROP_RANGES, 1, PAIR, ZG_PROP_REQUIRED,
		NULL),
	ZG_PROP("bulkhead,image-store", ZG_PROP_RANGES, 1, PAIR, 0, NULL),
	ZG_PROP_ANY_NAMED("#address-cells"),
	ZG_PROP_ANY_NAMED("#size-cells"),
	ZG_PROP_ANY_NAMED("phandle"),
	ZG_PROP_ANY_NAMED(NULL),
};

static int parse_bulkhead(const void *fdt, struct zg_platform *plat,
			  struct zg_diag *diag)
{
	int node = fdt_path_offset(fdt, "/bulkhead");
	const char *compat;
	struct zg_range r;

	if (node < 0) {
		zg_error(
			diag, fdt, -1,
			"/bulkhead: node missing (the product overlay must add it)");
		return -1;
	}
	compat = dt_get_string(fdt, node, "compatible");
	if (!compat || strcmp(compat, "bulkhead,hypervisor")) {
		zg_error(diag, fdt, node,
			 "compatible must be \"bulkhead,hypervisor\"");
		return -1;
	}
	zg_check_props(fdt, node, bulkhead_schema, diag);
	if (dt_get_root_ranges(fdt, node, "bulkhead,memory", &r, 1) == 1 &&
	    zg_check_ram_range(fdt, node, "hypervisor memory", &r, plat, diag))
		plat->hyp = r;
	if (dt_get_root_ranges(fdt, node, "bulkhead,image-store", &r, 1) == 1 &&
	    zg_check_ram_range(fdt, node, "image store", &r, plat, diag))
		plat->image_store = r;
	return node;
}

static int cmp_zone(const void *a, const void *b)
{
	const struct zg_zone *x = a, *y = b;

	if (x->id != y->id)
		return x->id < y->id ? -1 : 1;
	return x->node - y->node;
}

static void parse_zones(const void *fdt, int bulkhead,
			const struct zg_options *opt, struct zg_layout *out,
			struct zg_diag *diag)
{
	u32 count = 0;
	int node;

	fdt_for_each_subnode(node, fdt, bulkhead) {
		if (zg_is_channel(fdt, node))
			continue; /* read by zg_parse_channels() */
		zg_parse_zone(fdt, node, opt, &out->plat,
			      zg_vec_push(out->zones, count, out->cap_zones),
			      diag);
	}
	if (!count)
		zg_error(diag, fdt, bulkhead,
			 "no zones (add at least one zone@N node)");
	else if (count > opt->max_zones)
		zg_error(
			diag, fdt, bulkhead,
			"%u zones, more than the maximum of %u (CONFIG_MAX_ZONES=%u)",
			count, opt->max_zones, opt->max_zones);
	out->nr_zones = count;
	if (count) /* glibc's qsort takes no NULL array */
		qsort(out->zones, out->nr_zones, sizeof(out->zones[0]),
		      cmp_zone);
}

/*
 * dtc writes version 17 blobs. Older layouts are refused before libfdt
 * walks them (fdt_check_full() of libfdt 1.6.1 crashes on some), and so
 * are misaligned blocks, which would make every cell read misaligned.
 */
static bool check_blob_layout(const void *fdt, size_t size,
			      struct zg_diag *diag)
{
	if (size < FDT_V17_SIZE || fdt_magic(fdt) != FDT_MAGIC ||
	    fdt_check_header(fdt) || fdt_totalsize(fdt) > size) {
		zg_error(diag, NULL, -1,
			 "input is not a valid device tree blob");
		return false;
	}
	if (fdt_version(fdt) < 17) {
		zg_error(
			diag, NULL, -1,
			"device tree blob version %u is not supported (dtc writes 17)",
			fdt_version(fdt));
		return false;
	}
	if (fdt_off_dt_struct(fdt) % 4 || fdt_off_mem_rsvmap(fdt) % 8) {
		zg_error(diag, NULL, -1,
			 "device tree blob is corrupt: misaligned blocks");
		return false;
	}
	return true;
}

static bool check_blob(const void *fdt, size_t size, struct zg_diag *diag)
{
	int err;

	if (!check_blob_layout(fdt, size, diag))
		return false;
	err = fdt_check_full(fdt, fdt_totalsize(fdt));
	if (err) {
		zg_error(diag, NULL, -1, "device tree blob is corrupt: %s",
			 fdt_strerror(err));
		return false;
	}
	return true;
}

static bool check_options(const struct zg_options *opt, struct zg_diag *diag)
{
	bool ok = true;

	if (opt->max_cpus < 1 || opt->max_cpus > ZG_MAX_CPUS) {
		zg_error(diag, NULL, -1, "max cpus must be 1..%d", ZG_MAX_CPUS);
		ok = false;
	}
	if (opt->max_zones < 1 || opt->max_zones > ZG_MAX_ZONES) {
		zg_error(diag, NULL, -1, "max zones must be 1..%d",
			 ZG_MAX_ZONES);
		ok = false;
	}
	return ok;
}

int zg_parse(const void *fdt, size_t size, const struct zg_options *opt,
	     struct zg_layout *out, struct zg_diag *diag)
{
	int bulkhead;

	zg_layout_free(out);
	if (!check_options(opt, diag) || !check_blob(fdt, size, diag))
		return -1;
	out->fdt = fdt;
	zg_parse_platform(fdt, opt, &out->plat, diag);
	bulkhead = parse_bulkhead(fdt, &out->plat, diag);
	out->plat.bulkhead_node = bulkhead;
	if (bulkhead < 0)
		return -1;
	/* Before the zones: each zone's ends are among its vdevs. */
	zg_parse_channels(fdt, bulkhead, opt, &out->plat, diag);
	parse_zones(fdt, bulkhead, opt, out, diag);
	zg_link_channel_peers(out);
	return 0;
}
