// SPDX-License-Identifier: Apache-2.0
/*
 * The board half of the layout: RAM, CPUs, the console and the interrupt
 * controller, all read from the board's own nodes of the merged tree.
 */
#include <stdlib.h>
#include <string.h>

#include "model.h"

static int cmp_range(const void *a, const void *b)
{
	const struct zg_range *x = a, *y = b;

	return x->base < y->base ? -1 : x->base > y->base;
}

/* Sorted and merged, so "inside RAM" is a test against one range. */
static void merge_ram(struct zg_platform *plat)
{
	u32 i, n = 0;

	qsort(plat->ram, plat->nr_ram, sizeof(plat->ram[0]), cmp_range);
	for (i = 0; i < plat->nr_ram; i++) {
		struct zg_range *last = n ? &plat->ram[n - 1] : NULL;

		if (last && plat->ram[i].base <= range_end(last)) {
			u64 end = range_end(&plat->ram[i]);

			if (end > range_end(last))
				last->size = end - last->base;
			continue;
		}
		plat->ram[n++] = plat->ram[i];
	}
	plat->nr_ram = n;
}

static void add_ram_node(const void *fdt, int node, struct zg_platform *plat,
			 struct zg_diag *diag)
{
	struct zg_range regs[ZG_MAX_RAM];
	int n, i;

	n = dt_get_reg(fdt, node, regs, ZG_MAX_RAM - plat->nr_ram);
	if (n < 0) {
		zg_error(diag, fdt, node, "memory node %s", dt_reg_strerror(n));
		return;
	}
	for (i = 0; i < n; i++) {
		if (range_valid(&regs[i]))
			plat->ram[plat->nr_ram++] = regs[i];
		else
			zg_error(diag, fdt, node,
				 "memory range %d is empty or wraps around", i);
	}
}

static void parse_ram(const void *fdt, struct zg_platform *plat,
		      struct zg_diag *diag)
{
	const char *type;
	int node;

	fdt_for_each_subnode(node, fdt, 0) {
		type = dt_get_string(fdt, node, "device_type");
		if (type && !strcmp(type, "memory") &&
		    dt_node_enabled(fdt, node))
			add_ram_node(fdt, node, plat, diag);
	}
	if (!plat->nr_ram)
		zg_error(diag, fdt, 0, "no /memory node describes RAM");
	merge_ram(plat);
}

/* Subtrees whose reg is not a device's: RAM, CPUs, firmware, zonegen's. */
static bool not_a_device(const void *fdt, int node, int depth)
{
	static const char *const skip[] = { "cpus", "reserved-memory",
					    "bulkhead", "chosen", NULL };
	const char *name = fdt_get_name(fdt, node, NULL);
	const char *type = dt_get_string(fdt, node, "device_type");
	size_t i;

	if (type && !strcmp(type, "memory"))
		return true;
	for (i = 0; depth == 1 && name && skip[i]; i++)
		if (!strcmp(name, skip[i]))
			return true;
	return false;
}

static void check_ram_vs_dev(const void *fdt, int mem, int dev,
			     struct zg_diag *diag)
{
	struct zg_range m[ZG_MAX_RAM], d[ZG_MAX_DEV_REGS];
	int nm = dt_get_reg(fdt, mem, m, ZG_MAX_RAM), nd, i, j;

	nd = dt_get_reg(fdt, dev, d, ZG_MAX_DEV_REGS);
	for (i = 0; i < nm; i++)
		for (j = 0; j < nd; j++)
			if (range_valid(&m[i]) && range_valid(&d[j]) &&
			    ranges_overlap(&m[i], &d[j]))
				zg_error(
					diag, fdt, mem,
					"memory covers device %s %s: a board device is not RAM",
					zg_path(fdt, dev), zg_range(&d[j]));
}

static void check_devices_below(const void *fdt, int node, int depth,
				struct zg_diag *diag)
{
	const char *type;
	int child, mem;

	if (depth > ZG_MAX_DEPTH) {
		zg_error(diag, fdt, node, "nesting deeper than %d levels",
			 ZG_MAX_DEPTH);
		return;
	}
	if (fdt_getprop(fdt, node, "reg", NULL)) {
		fdt_for_each_subnode(mem, fdt, 0) {
			type = dt_get_string(fdt, mem, "device_type");
			if (type && !strcmp(type, "memory") &&
			    dt_node_enabled(fdt, mem))
				check_ram_vs_dev(fdt, mem, node, diag);
		}
	}
	fdt_for_each_subnode(child, fdt, node)
		check_devices_below(fdt, child, depth + 1, diag);
}

/*
 * Isolation: an overlay cannot turn a device page (the console's) into
 * RAM a zone may get. Every device's reg is checked against every memory
 * node.
 */
static void check_ram_over_devices(const void *fdt, struct zg_diag *diag)
{
	int node;

	fdt_for_each_subnode(node, fdt, 0)
		if (!not_a_device(fdt, node, 1))
			check_devices_below(fdt, node, 1, diag);
}

static void add_reserved(struct zg_platform *plat, int node,
			 const struct zg_range *r)
{
	if (plat->nr_reserved == ZG_MAX_RAM || !r->size)
		return;
	plat->reserved_node[plat->nr_reserved] = node;
	plat->reserved[plat->nr_reserved++] = *r;
}

/*
 * The firmware's memory (OpenSBI's on RISC-V): /reserved-memory children,
 * no-map or not, and the blob's /memreserve/ entries. Facts of the board
 * no overlay can give a zone.
 */
static void parse_reserved(const void *fdt, struct zg_platform *plat,
			   struct zg_diag *diag)
{
	int parent = fdt_path_offset(fdt, "/reserved-memory"), node, n, i;
	struct zg_range r[ZG_MAX_DEV_REGS];
	u64 addr, size;

	for (i = 0; i < fdt_num_mem_rsv(fdt); i++)
		if (!fdt_get_mem_rsv(fdt, i, &addr, &size))
			add_reserved(plat, -1,
				     &(struct zg_range){ addr, size });
	if (parent < 0)
		return;
	fdt_for_each_subnode(node, fdt, parent) {
		n = dt_get_reg(fdt, node, r, ZG_MAX_DEV_REGS);
		if (n == DT_REG_NONE)
			continue; /* a dynamic pool: placed by its user */
		if (n < 0)
			zg_error(diag, fdt, node, "reserved memory %s",
				 dt_reg_strerror(n));
		for (i = 0; i < n; i++)
			add_reserved(plat, node, &r[i]);
	}
}

static int cmp_cpu(const void *a, const void *b)
{
	const struct zg_cpu *x = a, *y = b;

	if (x->hwid != y->hwid)
		return x->hwid < y->hwid ? -1 : 1;
	/*
	 * Twins: the board's first, so that the overlay's is blamed
	 * (fdtoverlay inserts the nodes it adds before the board's).
	 */
	return y->node - x->node;
}

/* The cpu node the machine starts on: the lowest reg, enabled or not. */
static int boot_cpu(const void *fdt, int cpus, int ac)
{
	int node, boot = -1, len;
	const fdt32_t *reg;
	u64 hwid, low = ~0ull;

	fdt_for_each_subnode(node, fdt, cpus) {
		reg = fdt_getprop(fdt, node, "reg", &len);
		if (!dt_is_cpu_node(fdt, node) || !reg || len != ac * 4 ||
		    !dt_read_cells(reg, ac, &hwid) || hwid >= low)
			continue;
		low = hwid;
		boot = node;
	}
	return boot;
}

/*
 * A disabled boot CPU builds an image that never runs; a cpu node that
 * lacks the boot CPU's enable-method (one an overlay made up) is one the
 * board cannot start.
 */
static void check_boot_cpu(const void *fdt, int cpus, int ac,
			   const struct zg_platform *plat, struct zg_diag *diag)
{
	int boot = boot_cpu(fdt, cpus, ac);
	const char *method, *m;
	u32 i;

	if (boot < 0)
		return;
	if (!dt_node_enabled(fdt, boot))
		zg_error(
			diag, fdt, boot,
			"the boot CPU (the cpu node with the lowest reg) is disabled: the hypervisor starts on it");
	method = dt_get_string(fdt, boot, "enable-method");
	for (i = 0; method && i < plat->nr_board_cpus; i++) {
		m = dt_get_string(fdt, plat->cpus[i].node, "enable-method");
		if (plat->cpus[i].node != boot && (!m || strcmp(m, method)))
			zg_error(
				diag, fdt, plat->cpus[i].node,
				"cpu has enable-method \"%s\", not the boot CPU's \"%s\": the board cannot start it",
				m ? m : "", method);
	}
}

static void add_cpu(const void *fdt, int node, int ac, struct zg_platform *plat,
		    struct zg_diag *diag)
{
	const fdt32_t *reg;
	struct zg_cpu *cpu;
	int len;

	reg = fdt_getprop(fdt, node, "reg", &len);
	if (!reg || len != ac * 4) {
		zg_error(diag, fdt, node, "cpu node needs a reg of %d cell(s)",
			 ac);
		return;
	}
	cpu = zg_vec_push(plat->cpus, plat->nr_board_cpus, plat->cap_cpus);
	cpu->node = node;
	dt_read_cells(reg, ac, &cpu->hwid);
}

static void parse_cpus(const void *fdt, const struct zg_options *opt,
		       struct zg_platform *plat, struct zg_diag *diag)
{
	int cpus = fdt_path_offset(fdt, "/cpus");
	int node, ac;
	u32 i;

	if (cpus < 0) {
		zg_error(diag, fdt, -1, "/cpus: node missing");
		return;
	}
	ac = dt_addr_cells(fdt, cpus);
	if (ac != 1 && ac != 2) {
		zg_error(diag, fdt, cpus, "#address-cells must be 1 or 2");
		return;
	}
	fdt_for_each_subnode(node, fdt, cpus) {
		if (dt_is_cpu_node(fdt, node) && dt_node_enabled(fdt, node))
			add_cpu(fdt, node, ac, plat, diag);
	}
	if (!plat->nr_board_cpus)
		zg_error(diag, fdt, cpus, "no cpu nodes");
	else
		qsort(plat->cpus, plat->nr_board_cpus, sizeof(plat->cpus[0]),
		      cmp_cpu);
	check_boot_cpu(fdt, cpus, ac, plat, diag);
	for (i = 1; i < plat->nr_board_cpus; i++)
		if (plat->cpus[i].hwid == plat->cpus[i - 1].hwid)
			zg_error(diag, fdt, plat->cpus[i].node,
				 "reg 0x%llx is used by cpu node %s too",
				 (unsigned long long)plat->cpus[i].hwid,
				 zg_path(fdt, plat->cpus[i - 1].node));
	plat->nr_cpus = plat->nr_board_cpus < opt->max_cpus ?
				plat->nr_board_cpus :
				opt->max_cpus;
}

/*
 * The console's first interrupt, kept as raw specifier cells: only the
 * interrupt controller's driver knows what they mean. Without one the
 * hypervisor still prints, but takes no console input.
 */
static void parse_console_irq(const void *fdt, int node,
			      struct zg_platform *plat, struct zg_diag *diag)
{
	const fdt32_t *cells;
	int len, parent = dt_interrupt_parent(fdt, node);
	const fdt32_t *ncells;
	u32 n;

	cells = fdt_getprop(fdt, node, "interrupts", &len);
	if (!cells || parent < 0)
		return;
	ncells = fdt_getprop(fdt, parent, "#interrupt-cells", NULL);
	n = ncells ? fdt32_to_cpu(*ncells) : 0;
	if (n == 0 || n > 3 || len < (int)(n * 4)) {
		zg_error(diag, fdt, node,
			 "console interrupts: need 1..3 cells per interrupt");
		return;
	}
	plat->nr_console_irq_cells = n;
	for (u32 i = 0; i < n; i++)
		plat->console_irq_cells[i] = fdt32_to_cpu(cells[i]);
}

static const struct zg_uart *find_uart(const void *fdt, int node)
{
	const struct zg_uart *const *u;

	for_each_zg_uart(
		u) if (zg_is_compatible(fdt, node, (*u)->compatible)) return *u;
	return NULL;
}

/*
 * A console no driver of the image handles builds an image that prints
 * nothing: refused, naming what there is.
 */
static void check_console_driver(const void *fdt, int chosen, int node,
				 const char *path, const struct zg_options *opt,
				 struct zg_platform *plat, struct zg_diag *diag)
{
	const struct zg_uart *uart = find_uart(fdt, node);
	const struct zg_uart *const *u;
	char *known = zg_msg_buf();

	if (uart) {
		plat->console_compatible = uart->compatible;
		zg_check_key(fdt, node, opt, uart->key, "the console's driver",
			     diag);
		if (uart->check)
			uart->check(fdt, node, diag);
		return;
	}
	known[0] = '\0';
	for_each_zg_uart(u) zg_append(known, ", ", (*u)->compatible, false);
	zg_error(
		diag, fdt, chosen,
		"stdout-path \"%s\" names a node no console driver handles (compatible \"%s\"; drivers: %s)",
		path, plat->console_compatible ? plat->console_compatible : "",
		known);
}

/* The hypervisor's console: /chosen stdout-path, aliases allowed. */
static void parse_console(const void *fdt, const struct zg_options *opt,
			  struct zg_platform *plat, struct zg_diag *diag)
{
	struct zg_range regs[ZG_MAX_DEV_REGS];
	int chosen = fdt_path_offset(fdt, "/chosen");
	const char *path = NULL, *colon;
	int node, n;

	if (chosen >= 0)
		path = dt_get_string(fdt, chosen, "stdout-path");
	if (path && zg_refuse_string_list(fdt, chosen, "stdout-path", diag))
		return;
	if (!path) {
		zg_error(
			diag, fdt, -1,
			"/chosen: no stdout-path (the hypervisor needs a console)");
		return;
	}
	colon = strchr(path, ':');
	node = fdt_path_offset_namelen(
		fdt, path, colon ? (int)(colon - path) : (int)strlen(path));
	if (node < 0) {
		zg_error(diag, fdt, chosen, "stdout-path \"%s\" names no node",
			 path);
		return;
	}
	plat->console_node = node;
	plat->console_compatible = dt_get_string(fdt, node, "compatible");
	if (!plat->console_compatible)
		zg_error(diag, fdt, node, "console has no compatible");
	else
		check_console_driver(fdt, chosen, node, path, opt, plat, diag);
	n = dt_get_reg(fdt, node, regs, ZG_MAX_DEV_REGS);
	if (n < 0)
		zg_error(diag, fdt, node, "console %s", dt_reg_strerror(n));
	else
		plat->console_reg = regs[0];
	parse_console_irq(fdt, node, plat, diag);
}

static void parse_irqchip_regs(const void *fdt, int node,
			       struct zg_platform *plat, struct zg_diag *diag)
{
	struct zg_range regs[ZG_MAX_DEV_REGS];
	int n, i;

	n = dt_get_reg(fdt, node, regs, ZG_MAX_DEV_REGS);
	if (n < 0) {
		zg_error(diag, fdt, node, "interrupt controller %s",
			 dt_reg_strerror(n));
		return;
	}
	if (n > ZG_MAX_IRQCHIP_REGS)
		zg_warn(diag, fdt, node, "%d reg ranges, using the first %d", n,
			ZG_MAX_IRQCHIP_REGS);
	for (i = 0; i < n && i < ZG_MAX_IRQCHIP_REGS; i++)
		plat->irqchip_regs[i] = regs[i];
	plat->nr_irqchip_regs = i;
}

static const struct zg_irqchip *find_irqchip(const void *fdt, int node)
{
	const struct zg_irqchip *const *m;
	const char *const *c;

	for_each_zg_irqchip(
		m) for (c = (*m)->compatibles; *c;
			c++) if (zg_is_compatible(fdt, node, *c)) return *m;
	return NULL;
}

/* The interrupt controller the root node points at. */
static void parse_irqchip(const void *fdt, struct zg_platform *plat,
			  struct zg_diag *diag)
{
	const fdt32_t *ph;
	int len, node;

	ph = fdt_getprop(fdt, 0, "interrupt-parent", &len);
	if (!ph || len != 4) {
		zg_error(
			diag, fdt, 0,
			"no interrupt-parent (needed to find the interrupt controller)");
		return;
	}
	node = fdt_node_offset_by_phandle(fdt, fdt32_to_cpu(*ph));
	if (node < 0 || !fdt_getprop(fdt, node, "interrupt-controller", NULL)) {
		zg_error(diag, fdt, 0,
			 "interrupt-parent is not an interrupt controller");
		return;
	}
	plat->irqchip_node = node;
	plat->irqchip_compatible = dt_get_string(fdt, node, "compatible");
	if (!plat->irqchip_compatible)
		zg_error(diag, fdt, node,
			 "interrupt controller has no compatible");
	parse_irqchip_regs(fdt, node, plat, diag);
	plat->irqchip = find_irqchip(fdt, node);
	if (plat->irqchip && !plat->irqchip->parse(fdt, node, plat, diag))
		plat->irqchip = NULL;
}

void zg_parse_platform(const void *fdt, const struct zg_options *opt,
		       struct zg_platform *plat, struct zg_diag *diag)
{
	int ac = dt_addr_cells(fdt, 0), sc = dt_size_cells(fdt, 0);

	plat->console_node = -1;
	plat->irqchip_node = -1;
	if (ac < 1 || ac > 2 || sc < 1 || sc > 2)
		zg_error(diag, fdt, 0,
			 "#address-cells and #size-cells must be 1 or 2");
	parse_ram(fdt, plat, diag);
	check_ram_over_devices(fdt, diag);
	parse_reserved(fdt, plat, diag);
	parse_cpus(fdt, opt, plat, diag);
	parse_console(fdt, opt, plat, diag);
	parse_irqchip(fdt, plat, diag);
	if (plat->irqchip)
		zg_check_key(fdt, plat->irqchip_node, opt, plat->irqchip->key,
			     "the interrupt controller's driver", diag);
	if (plat->irqchip && plat->console_node >= 0 &&
	    dt_interrupt_parent(fdt, plat->console_node) == plat->irqchip_node)
		plat->console_irq = plat->irqchip->console_irq(plat);
}
