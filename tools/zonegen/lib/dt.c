// SPDX-License-Identifier: Apache-2.0
/*
 * Device tree reading helpers on top of libfdt. The tree may be hostile
 * (fuzzing), so every length is checked before a cell is read and no
 * helper recurses over the tree.
 */
#include <stdio.h>
#include <string.h>

#include "../model.h"

const char *dt_reg_strerror(int err)
{
	switch (err) {
	case DT_REG_NONE:
		return "has no reg property";
	case DT_REG_MALFORMED:
		return "has a malformed reg property";
	case DT_REG_CELLS:
		return "has an unusable #address-cells/#size-cells (1 or 2 supported)";
	case DT_REG_TOO_MANY:
		return "has too many reg ranges";
	case DT_REG_UNMAPPED:
		return "is not reachable from the CPU (a parent bus has no matching ranges)";
	default:
		return "has an unreadable reg property";
	}
}

#define NR_MSG_BUFS 8

char *zg_msg_buf(void)
{
	static char bufs[NR_MSG_BUFS][ZG_MSG_BUF];
	static unsigned int next;

	return bufs[next++ % NR_MSG_BUFS];
}

void zg_append(char *buf, const char *sep, const char *s, bool quote)
{
	size_t n = strlen(buf);

	snprintf(buf + n, ZG_MSG_BUF - n, "%s", n ? sep : "");
	n = strlen(buf);
	snprintf(buf + n, ZG_MSG_BUF - n, quote ? "\"%s\"" : "%s", s);
}

const char *zg_path(const void *fdt, int node)
{
	char *buf = zg_msg_buf();

	if (fdt_get_path(fdt, node, buf, ZG_MSG_BUF) < 0)
		snprintf(buf, ZG_MSG_BUF, "<node at offset %d>", node);
	return buf;
}

bool dt_read_cells(const void *cells, int nr, u64 *val)
{
	const fdt32_t *c = cells;

	if (nr == 1)
		*val = fdt32_to_cpu(c[0]);
	else if (nr == 2)
		*val = ((u64)fdt32_to_cpu(c[0]) << 32) | fdt32_to_cpu(c[1]);
	else
		return false;
	return true;
}

int dt_cells(const void *fdt, int node, const char *name, int def)
{
	const fdt32_t *val;
	int len;

	val = fdt_getprop(fdt, node, name, &len);
	if (!val)
		return def;
	if (len != sizeof(*val))
		return -1;
	if (fdt32_to_cpu(*val) > 4)
		return -1;
	return fdt32_to_cpu(*val);
}

int dt_addr_cells(const void *fdt, int node)
{
	return dt_cells(fdt, node, "#address-cells", 2);
}

int dt_size_cells(const void *fdt, int node)
{
	return dt_cells(fdt, node, "#size-cells", 1);
}

/*
 * Translates @addr from the bus of @bus (a child address of @bus) to the
 * bus of @bus's parent, using @bus's ranges.
 */
static int dt_translate_one(const void *fdt, int bus, int parent, u64 *addr)
{
	int ac = dt_addr_cells(fdt, bus), sc = dt_size_cells(fdt, bus);
	int pac = dt_addr_cells(fdt, parent);
	const fdt32_t *ranges;
	int len, entry, i;
	u64 child, pbase, size;

	ranges = fdt_getprop(fdt, bus, "ranges", &len);
	if (!ranges)
		return DT_REG_UNMAPPED;
	if (len == 0)
		return 0; /* identity */
	if (ac < 1 || ac > 2 || sc < 1 || sc > 2 || pac < 1 || pac > 2)
		return DT_REG_CELLS;
	entry = ac + pac + sc;
	if (len % (entry * 4))
		return DT_REG_MALFORMED;
	for (i = 0; i < len / 4; i += entry) {
		dt_read_cells(ranges + i, ac, &child);
		dt_read_cells(ranges + i + ac, pac, &pbase);
		dt_read_cells(ranges + i + ac + pac, sc, &size);
		if (*addr >= child && *addr - child < size) {
			*addr = pbase + (*addr - child);
			return 0;
		}
	}
	return DT_REG_UNMAPPED;
}

static int dt_translate(const void *fdt, int node, u64 *addr)
{
	int bus = fdt_parent_offset(fdt, node);
	int parent, err;

	while (bus > 0) {
		parent = fdt_parent_offset(fdt, bus);
		if (parent < 0)
			return DT_REG_UNMAPPED;
		err = dt_translate_one(fdt, bus, parent, addr);
		if (err)
			return err;
		bus = parent;
	}
	return bus == 0 ? 0 : DT_REG_UNMAPPED;
}

static int dt_read_ranges(const fdt32_t *val, int len, int ac, int sc,
			  struct zg_range *out, int max)
{
	int entry = ac + sc, n = 0, i;

	if (ac < 1 || ac > 2 || sc < 1 || sc > 2)
		return DT_REG_CELLS;
	if (len == 0 || len % (entry * 4))
		return DT_REG_MALFORMED;
	for (i = 0; i < len / 4; i += entry, n++) {
		if (n == max)
			return DT_REG_TOO_MANY;
		dt_read_cells(val + i, ac, &out[n].base);
		dt_read_cells(val + i + ac, sc, &out[n].size);
	}
	return n;
}

int dt_get_raw_reg(const void *fdt, int node, struct zg_range *out, int max)
{
	int parent = fdt_parent_offset(fdt, node);
	const fdt32_t *reg;
	int len;

	if (parent < 0)
		return DT_REG_UNMAPPED;
	reg = fdt_getprop(fdt, node, "reg", &len);
	if (!reg)
		return DT_REG_NONE;
	return dt_read_ranges(reg, len, dt_addr_cells(fdt, parent),
			      dt_size_cells(fdt, parent), out, max);
}

int dt_get_reg(const void *fdt, int node, struct zg_range *out, int max)
{
	int n = dt_get_raw_reg(fdt, node, out, max), i, err;

	for (i = 0; i < n; i++) {
		err = dt_translate(fdt, node, &out[i].base);
		if (err)
			return err;
	}
	return n;
}

int dt_interrupt_parent(const void *fdt, int node)
{
	const fdt32_t *ph;
	int len;

	while (node >= 0) {
		ph = fdt_getprop(fdt, node, "interrupt-parent", &len);
		if (ph)
			return len == 4 ? fdt_node_offset_by_phandle(
						  fdt, fdt32_to_cpu(*ph)) :
					  -FDT_ERR_BADVALUE;
		node = fdt_parent_offset(fdt, node);
	}
	return node;
}

int dt_get_root_ranges(const void *fdt, int node, const char *prop,
		       struct zg_range *out, int max)
{
	const fdt32_t *val;
	int len;

	val = fdt_getprop(fdt, node, prop, &len);
	if (!val)
		return DT_REG_NONE;
	return dt_read_ranges(val, len, dt_addr_cells(fdt, 0),
			      dt_size_cells(fdt, 0), out, max);
}

const char *dt_get_string(const void *fdt, int node, const char *prop)
{
	const char *val;
	int len;

	val = fdt_getprop(fdt, node, prop, &len);
	if (!val || len < 1 || val[len - 1] != '\0')
		return NULL;
	return val;
}

const char *dt_get_one_string(const void *fdt, int node, const char *prop)
{
	const char *val = dt_get_string(fdt, node, prop);
	int len;

	fdt_getprop(fdt, node, prop, &len);
	return val && strlen(val) + 1 == (size_t)len ? val : NULL;
}

bool dt_is_cpu_node(const void *fdt, int node)
{
	const char *type = dt_get_string(fdt, node, "device_type");
	int parent = fdt_parent_offset(fdt, node);

	if (!type || strcmp(type, "cpu") || parent < 0)
		return false;
	return parent == fdt_path_offset(fdt, "/cpus");
}

bool dt_node_enabled(const void *fdt, int node)
{
	const char *status = dt_get_string(fdt, node, "status");

	return !status || !strcmp(status, "okay") || !strcmp(status, "ok");
}

/*
 * Valid ranges are not empty and end below the last page of the address
 * space, so ends and page-rounded ends never wrap to zero.
 */
bool range_valid(const struct zg_range *r)
{
	u64 top = ~(ZG_PAGE_SIZE - 1);

	return r->size && r->base < top && r->size <= top - r->base;
}

u64 range_end(const struct zg_range *r)
{
	return r->base + r->size;
}

bool ranges_overlap(const struct zg_range *a, const struct zg_range *b)
{
	return a->base < range_end(b) && b->base < range_end(a);
}

bool range_inside(const struct zg_range *in, const struct zg_range *out)
{
	return in->base >= out->base && range_end(in) <= range_end(out);
}

bool range_page_aligned(const struct zg_range *r)
{
	return !(r->base % ZG_PAGE_SIZE) && !(r->size % ZG_PAGE_SIZE);
}

/* @r must be valid; the result then is too. */
struct zg_range range_to_pages(const struct zg_range *r)
{
	u64 last = r->base + (r->size - 1);
	struct zg_range p;

	p.base = r->base & ~(ZG_PAGE_SIZE - 1);
	p.size = (last | (ZG_PAGE_SIZE - 1)) - p.base + 1;
	return p;
}

const char *zg_range(const struct zg_range *r)
{
	u64 end = r->base + r->size;
	char *buf = zg_msg_buf();

	if (end < r->base && end) /* never "[0xffff..., 0x1ff000)" */
		snprintf(buf, ZG_MSG_BUF, "0x%llx + 0x%llx wraps past 2^64",
			 (unsigned long long)r->base,
			 (unsigned long long)r->size);
	else
		snprintf(buf, ZG_MSG_BUF, "[0x%llx, 0x%llx)",
			 (unsigned long long)r->base, (unsigned long long)end);
	return buf;
}

int dt_get_root_addr(const void *fdt, int node, const char *prop, u64 *addr)
{
	int ac = dt_addr_cells(fdt, 0), len;
	const void *val = fdt_getprop(fdt, node, prop, &len);

	if (!val)
		return DT_REG_NONE;
	return len == ac * 4 && dt_read_cells(val, ac, addr) ? 0 : -1;
}
