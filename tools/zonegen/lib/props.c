// SPDX-License-Identifier: Apache-2.0
/*
 * Checks every pass shares: known properties, names, single strings,
 * compatibles, and a RAM range against RAM and the firmware's memory.
 */
#include <string.h>

#include "../model.h"

bool zg_check_name(const void *fdt, int node, const char *what,
		   const char *name, struct zg_diag *diag)
{
	size_t len = strlen(name), i;
	bool ok = true;

	if (!len) {
		zg_error(diag, fdt, node, "%s is empty (1 to %d characters)",
			 what, ZG_LABEL_MAX);
		return false;
	}
	if (len > ZG_LABEL_MAX) {
		zg_error(diag, fdt, node,
			 "%s \"%s\" is longer than %d characters", what, name,
			 ZG_LABEL_MAX);
		ok = false;
	}
	for (i = 0; i < len; i++) {
		if (!strchr("abcdefghijklmnopqrstuvwxyz0123456789_-",
			    name[i])) {
			zg_error(
				diag, fdt, node,
				"%s \"%s\" may only contain a-z, 0-9, '_' and '-'",
				what, name);
			return false;
		}
	}
	return ok;
}

bool zg_refuse_string_list(const void *fdt, int node, const char *prop,
			   struct zg_diag *diag)
{
	const char *val;
	int len;

	val = fdt_getprop(fdt, node, prop, &len);
	if (!val || len < 1 || val[len - 1] || strlen(val) + 1 == (size_t)len)
		return false;
	zg_error(diag, fdt, node,
		 "property \"%s\" is a list of strings: expected one string",
		 prop);
	return true;
}

bool zg_is_compatible(const void *fdt, int node, const char *compat)
{
	return fdt_node_check_compatible(fdt, node, compat) == 0;
}

/* The firmware's memory is no zone's and not the hypervisor's either. */
static void check_reserved(const void *fdt, int node, const char *what,
			   const struct zg_range *r,
			   const struct zg_platform *plat, struct zg_diag *diag)
{
	u32 i;

	for (i = 0; i < plat->nr_reserved; i++)
		if (ranges_overlap(r, &plat->reserved[i]))
			zg_error(diag, fdt, node,
				 "%s %s overlaps firmware memory %s (%s)", what,
				 zg_range(r), zg_range(&plat->reserved[i]),
				 plat->reserved_node[i] < 0 ?
					 "/memreserve/" :
					 zg_path(fdt, plat->reserved_node[i]));
}

/*
 * Checks shared by the hypervisor's and the zones' memory ranges. Returns
 * false only if @r is too broken for any further check.
 */
bool zg_check_ram_range(const void *fdt, int node, const char *what,
			const struct zg_range *r,
			const struct zg_platform *plat, struct zg_diag *diag)
{
	u32 i;

	if (!r->size) {
		zg_error(diag, fdt, node, "%s at 0x%llx has size zero", what,
			 (unsigned long long)r->base);
		return false;
	}
	if (!range_valid(r)) {
		zg_error(diag, fdt, node, "%s 0x%llx + 0x%llx wraps past 2^64",
			 what, (unsigned long long)r->base,
			 (unsigned long long)r->size);
		return false;
	}
	if (!range_page_aligned(r))
		zg_error(diag, fdt, node,
			 "%s %s is not 4 KiB aligned (base and size)", what,
			 zg_range(r));
	check_reserved(fdt, node, what, r, plat, diag);
	for (i = 0; i < plat->nr_ram; i++)
		if (range_inside(r, &plat->ram[i]))
			return true;
	if (plat->nr_ram)
		zg_error(diag, fdt, node,
			 "%s %s is outside RAM (the /memory nodes)", what,
			 zg_range(r));
	return true;
}

const struct zg_prop *zg_schema_find(const struct zg_prop *schema,
				     const char *name)
{
	for (; schema && schema->name; schema++)
		if (!strcmp(schema->name, name))
			return schema;
	return NULL;
}

/* Does the value of @p, @len bytes at @val, have its schema's type? */
static bool prop_type_ok(const void *fdt, const struct zg_prop *p,
			 const char *val, int len)
{
	int ac = dt_addr_cells(fdt, 0), sc = dt_size_cells(fdt, 0);
	int pair = 4 * (ac + sc);
	u64 addr;

	switch (p->type) {
	case ZG_PROP_STRING:
		return len > 0 && !val[len - 1] &&
		       strlen(val) + 1 == (size_t)len;
	case ZG_PROP_FLAG:
		return len == 0;
	case ZG_PROP_BYTES:
		return len == (int)p->len;
	case ZG_PROP_SIZE:
		return len == 4 * dt_size_cells(fdt, 0);
	case ZG_PROP_CELLS:
		return p->len ? len == 4 * (int)p->len : len && !(len % 4);
	case ZG_PROP_ADDR:
		return len == 4 * ac && dt_read_cells(val, ac, &addr) &&
		       (!(p->flags & ZG_PROP_ALIGNED) ||
			!(addr % ZG_PAGE_SIZE));
	case ZG_PROP_RANGES:
		return ac >= 1 && ac <= 2 && sc >= 1 && sc <= 2 && len &&
		       !(len % pair) && len / pair <= (int)p->len;
	default:
		return true;
	}
}

bool zg_check_prop(const void *fdt, int node, const struct zg_prop *p,
		   struct zg_diag *diag)
{
	static const char *const wording[] = {
		[ZG_PROP_STRING] = "a string",
		[ZG_PROP_FLAG] = "no value",
		[ZG_PROP_BYTES] = "a byte string",
		[ZG_PROP_SIZE] = "one size in root #size-cells",
		[ZG_PROP_CELLS] = "cells",
		[ZG_PROP_ADDR] = "one address in root cells",
		[ZG_PROP_RANGES] = "(address, size) pairs in root cells",
	};
	const char *val;
	int len;

	val = fdt_getprop(fdt, node, p->name, &len);
	if (!val) {
		if (p->flags & ZG_PROP_REQUIRED)
			zg_error(diag, fdt, node,
				 "missing required property \"%s\"%s%s%s",
				 p->name, p->why ? " (" : "",
				 p->why ? p->why : "", p->why ? ")" : "");
		return !(p->flags & ZG_PROP_REQUIRED);
	}
	if (prop_type_ok(fdt, p, val, len))
		return true;
	if (p->type == ZG_PROP_STRING && len > 0 && !val[len - 1])
		return !zg_refuse_string_list(fdt, node, p->name, diag);
	zg_malformed(diag, fdt, node, p->name,
		     p->expect ? p->expect : wording[p->type]);
	return false;
}

bool zg_check_props(const void *fdt, int node, const struct zg_prop *schema,
		    struct zg_diag *diag)
{
	const struct zg_prop *p;
	const char *name;
	bool ok = true;
	int prop;

	fdt_for_each_property_offset(prop, fdt, node) {
		if (fdt_getprop_by_offset(fdt, prop, &name, NULL) &&
		    !zg_schema_find(schema, name)) {
			zg_error(diag, fdt, node, "unknown property \"%s\"",
				 name);
			ok = false;
		}
	}
	for (p = schema; p->name; p++)
		ok = zg_check_prop(fdt, node, p, diag) && ok;
	return ok;
}

void zg_malformed(struct zg_diag *diag, const void *fdt, int node,
		  const char *prop, const char *expected)
{
	zg_error(diag, fdt, node, "property \"%s\" is malformed: expected %s",
		 prop, expected);
}

void zg_missing(struct zg_diag *diag, const void *fdt, int node,
		const char *prop)
{
	zg_error(diag, fdt, node, "missing required property \"%s\"", prop);
}

static bool zg_image_name_ok(const char *name)
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
