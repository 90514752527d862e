// SPDX-License-Identifier: Apache-2.0
/*
 * Guest DTBs for real SoCs: a passthrough device on a vendor's tree
 * points at board nodes its zone does not get (the clock controller,
 * power domains, resets, pins, PHYs, regulators, firmware). An unmodified
 * kernel would wait for those providers forever, so each link is either
 * resolved or dropped with a build-time note naming the node:
 *   - clocks from a provider other than a fixed-clock become fixed clocks
 *     at the rates the board's corrections give (bulkhead,clock-rates,
 *     one cell per clocks entry, or the device's clock-frequency); with
 *     no rate the clocks are dropped, naming the provider;
 *   - every other phandle link (REFS below) is dropped, naming its target.
 * Devices with none of these (QEMU virt's) take the generic path.
 */
#include <string.h>

#include "../model.h"

#define CLOCK_RATES_PROP "bulkhead,clock-rates"
#define MAX_SPECS 64

/* A phandle link: the property and its provider's #cells, NULL: none. */
struct ref_prop {
	const char *name;
	const char *cells;
	bool prefix; /* @name starts the property name (pinctrl-0, ...) */
	bool suffix; /* @name ends it (vmmc-supply, reset-gpios, ...) */
};

static const struct ref_prop REFS[] = {
	{ "power-domains", "#power-domain-cells", false, false },
	{ "resets", "#reset-cells", false, false },
	{ "dmas", "#dma-cells", false, false },
	{ "iommus", "#iommu-cells", false, false },
	{ "phys", "#phy-cells", false, false },
	{ "mboxes", "#mbox-cells", false, false },
	{ "interconnects", "#interconnect-cells", false, false },
	{ "gpios", "#gpio-cells", false, false },
	{ "-gpios", "#gpio-cells", false, true }, /* not ngpios */
	{ "nvmem-cells", NULL, false, false },
	{ "operating-points-v2", NULL, false, false },
	{ "-supply", NULL, false, true },
	{ "pinctrl-", NULL, true, false },
};

/* Names dropped with their link (they describe it), or ours. */
static const char *const COMPANIONS[] = {
	"power-domain-names",
	"reset-names",
	"dma-names",
	"phy-names",
	"mbox-names",
	"interconnect-names",
	"nvmem-cell-names",
	"pinctrl-names",
	"assigned-clocks",
	"assigned-clock-rates",
	"assigned-clock-parents",
	"iommu-map",
	"msi-parent",
	"status",
	CLOCK_RATES_PROP,
};

static bool ends_with(const char *s, const char *tail)
{
	size_t n = strlen(s), t = strlen(tail);

	return n >= t && !strcmp(s + n - t, tail);
}

static const struct ref_prop *ref_of(const char *name)
{
	const struct ref_prop *r;

	if (!strcmp(name, "pinctrl-names"))
		return NULL; /* the states' names, not a link */
	for (r = REFS; r < REFS + ARRAY_SIZE(REFS); r++) {
		if (r->prefix ? !strncmp(name, r->name, strlen(r->name)) :
		    r->suffix ? ends_with(name, r->name) :
				!strcmp(name, r->name))
			return r;
	}
	return NULL;
}

static bool is_companion(const char *name)
{
	size_t i;

	for (i = 0; i < ARRAY_SIZE(COMPANIONS); i++)
		if (!strcmp(name, COMPANIONS[i]))
			return true;
	return false;
}

/*
 * The provider nodes of phandle list @cells (@n cells), each followed by
 * its provider's @cells_prop arguments; false if malformed.
 */
static bool providers(const void *fdt, const fdt32_t *cells, int n,
		      const char *cells_prop, int *out, int *nr)
{
	int i = 0, node, args;

	*nr = 0;
	while (i < n && *nr < MAX_SPECS) {
		node = fdt_node_offset_by_phandle(fdt, fdt32_to_cpu(cells[i]));
		if (node < 0)
			return false;
		args = cells_prop ? dt_cells(fdt, node, cells_prop, -1) : 0;
		if (args < 0 || i + 1 + args > n)
			return false;
		out[(*nr)++] = node;
		i += 1 + args;
	}
	return i == n;
}

static bool under_firmware(const void *fdt, int node)
{
	int fw = fdt_path_offset(fdt, "/firmware");

	while (fw >= 0 && node > 0) {
		if (node == fw)
			return true;
		node = fdt_parent_offset(fdt, node);
	}
	return false;
}

/* "/a, /b (a firmware node)" for the note. */
static void name_nodes(const void *fdt, const int *nodes, int nr, char *buf,
		       size_t len)
{
	size_t n = 0;
	int i, j;

	buf[0] = '\0';
	for (i = 0; i < nr && n < len; i++) {
		for (j = 0; j < i && nodes[j] != nodes[i]; j++)
			;
		if (j < i)
			continue;
		n += snprintf(buf + n, len - n, "%s%s%s", n ? ", " : "",
			      zg_path(fdt, nodes[i]),
			      under_firmware(fdt, nodes[i]) ?
				      " (a firmware node)" :
				      "");
	}
}

static void note_dropped(struct gdtb *g, int dev, const char *prop,
			 const int *nodes, int nr, const char *why)
{
	char targets[512];

	name_nodes(g->fdt, nodes, nr, targets, sizeof(targets));
	zg_warn(g->diag, g->fdt, g->z->node,
		"guest DTB: %s %s dropped (it refers to %s, which the zone does not get%s)",
		zg_path(g->fdt, dev), prop, nr ? targets : "a node not found",
		why);
}

static bool is_fixed_clock(const void *fdt, int node)
{
	return zg_is_compatible(fdt, node, "fixed-clock");
}

/* The rate the board gives clock @i of @dev, 0: none. */
static u32 clock_rate(const void *fdt, int dev, int i)
{
	const fdt32_t *rates;
	int len;

	rates = fdt_getprop(fdt, dev, CLOCK_RATES_PROP, &len);
	if (rates && i < len / 4 && fdt32_to_cpu(rates[i]))
		return fdt32_to_cpu(rates[i]);
	rates = fdt_getprop(fdt, dev, "clock-frequency", &len);
	return rates && len == 4 ? fdt32_to_cpu(*rates) : 0;
}

/* The phandle of the synthesized fixed clock at @rate (added if new). */
static u32 fixed_clock_phandle(struct gdtb *g, u32 rate)
{
	u32 i, max = 0;

	if (fdt_find_max_phandle(g->fdt, &max) ||
	    max + 2 + GDTB_MAX_CLOCKS >= FDT_MAX_PHANDLE) {
		gdtb_sw(g, -FDT_ERR_NOPHANDLES);
		return 0;
	}
	for (i = 0; i < g->nr_fixed_rates; i++)
		if (g->fixed_rates[i] == rate)
			break;
	if (i == g->nr_fixed_rates) {
		if (i == GDTB_MAX_CLOCKS) {
			gdtb_sw(g, -FDT_ERR_NOSPACE);
			return 0;
		}
		g->fixed_rates[g->nr_fixed_rates++] = rate;
	}
	/* max + 1 is the emulated PL011's clock (models/vpl011.c). */
	return max + 2 + i;
}

/*
 * Whether the clocks of @dev make it to the guest: each provider is a
 * fixed-clock or has a rate. If not, the note names the providers.
 */
static bool clocks_kept(struct gdtb *g, int dev)
{
	int prov[MAX_SPECS], missing[MAX_SPECS], nr, len, i, nr_missing = 0;
	const fdt32_t *cells = fdt_getprop(g->fdt, dev, "clocks", &len);

	if (!cells)
		return false;
	if (!providers(g->fdt, cells, len / 4, "#clock-cells", prov, &nr)) {
		note_dropped(g, dev, "clocks", NULL, 0, "");
		return false;
	}
	for (i = 0; i < nr; i++)
		if (!is_fixed_clock(g->fdt, prov[i]) &&
		    !clock_rate(g->fdt, dev, i))
			missing[nr_missing++] = prov[i];
	if (nr_missing)
		note_dropped(g, dev, "clocks", missing, nr_missing,
			     "; give their rates in " CLOCK_RATES_PROP);
	return !nr_missing;
}

/*
 * clocks, once clocks_kept(): fixed-clock specifiers as they are (the
 * provider is copied too), the others a fixed clock at the board's rate.
 */
static void write_clocks(struct gdtb *g, int dev)
{
	int prov[MAX_SPECS], nr, len, i, args, c = 0, n = 0;
	const fdt32_t *cells = fdt_getprop(g->fdt, dev, "clocks", &len);
	fdt32_t out[MAX_SPECS * 5];

	providers(g->fdt, cells, len / 4, "#clock-cells", prov, &nr);
	for (i = 0; i < nr; i++) {
		args = dt_cells(g->fdt, prov[i], "#clock-cells", 0);
		if (is_fixed_clock(g->fdt, prov[i])) {
			if (gdtb_find_clock(g, prov[i]) < 0 &&
			    g->nr_clocks < GDTB_MAX_CLOCKS)
				g->clocks[g->nr_clocks++] = prov[i];
			memcpy(&out[n], &cells[c], (1 + args) * 4);
			n += 1 + args;
		} else {
			out[n++] = cpu_to_fdt32(fixed_clock_phandle(
				g, clock_rate(g->fdt, dev, i)));
		}
		c += 1 + args;
	}
	gdtb_sw(g, fdt_property(g->buf, "clocks", out, n * 4));
}

/* What the generic path cannot handle: a clock to resolve or a link. */
static bool needs_fixups(const void *fdt, int dev)
{
	const fdt32_t *cells;
	int prov[MAX_SPECS], nr, len, prop, i;
	const char *name;

	fdt_for_each_property_offset(prop, fdt, dev) {
		if (fdt_getprop_by_offset(fdt, prop, &name, &len) &&
		    ref_of(name))
			return true;
	}
	cells = fdt_getprop(fdt, dev, "clocks", &len);
	if (!cells ||
	    !providers(fdt, cells, len / 4, "#clock-cells", prov, &nr))
		return cells != NULL;
	for (i = 0; i < nr; i++)
		if (!is_fixed_clock(fdt, prov[i]))
			return true;
	return false;
}

/* Notes each link of @dev to a node the zone lacks; true: drop @name. */
static bool drop_link(struct gdtb *g, int dev, const char *name,
		      const fdt32_t *val, int len)
{
	const struct ref_prop *r = ref_of(name);
	int prov[MAX_SPECS], nr = 0;

	if (!r)
		return false;
	if (!providers(g->fdt, val, len / 4, r->cells, prov, &nr))
		nr = 0;
	note_dropped(g, dev, name, prov, nr, "");
	return true;
}

/* The node's properties but reg, clocks and the links it loses. */
static void write_props(struct gdtb *g, int dev, bool nested, bool clocks)
{
	const char *name;
	const void *val;
	int prop, len;

	fdt_for_each_property_offset(prop, g->fdt, dev) {
		val = fdt_getprop_by_offset(g->fdt, prop, &name, &len);
		if (!val || (nested && !strcmp(name, "reg")) ||
		    !strcmp(name, "clocks") || is_companion(name) ||
		    drop_link(g, dev, name, val, len))
			continue;
		if (!strcmp(name, "clock-names") && !clocks)
			continue;
		gdtb_sw(g, fdt_property(g->buf, name, val, len));
	}
}

bool zg_soc_write_device(struct gdtb *g, int dev)
{
	struct zg_range reg[ZG_MAX_DEV_REGS];
	bool nested = fdt_parent_offset(g->fdt, dev) != 0, clocks;
	char name[256];
	int n, child;

	if (!needs_fixups(g->fdt, dev))
		return false;
	clocks = clocks_kept(g, dev);
	gdtb_begin_root_node(g, zg_guest_name(g->fdt, dev, name, sizeof(name)));
	write_props(g, dev, nested, clocks);
	if (nested) {
		n = dt_get_reg(g->fdt, dev, reg, ZG_MAX_DEV_REGS);
		if (n > 0)
			gdtb_put_ranges(g, "reg", reg, n);
	}
	if (clocks)
		write_clocks(g, dev);
	fdt_for_each_subnode(child, g->fdt, dev)
		gdtb_copy_subtree(g, child, 1);
	gdtb_sw(g, fdt_end_node(g->buf));
	return true;
}

void zg_soc_write_clocks(struct gdtb *g)
{
	char name[48];
	u32 i, max = 0;

	if (!g->nr_fixed_rates || fdt_find_max_phandle(g->fdt, &max))
		return;
	for (i = 0; i < g->nr_fixed_rates; i++) {
		snprintf(name, sizeof(name), "bulkhead-clock-%u",
			 g->fixed_rates[i]);
		gdtb_begin_root_node(g, name);
		gdtb_sw(g, fdt_property_string(g->buf, "compatible",
					       "fixed-clock"));
		gdtb_sw(g, fdt_property_u32(g->buf, "#clock-cells", 0));
		gdtb_sw(g, fdt_property_u32(g->buf, "clock-frequency",
					    g->fixed_rates[i]));
		gdtb_sw(g, fdt_property_u32(g->buf, "phandle", max + 2 + i));
		gdtb_sw(g, fdt_end_node(g->buf));
	}
}
