// SPDX-License-Identifier: Apache-2.0
/*
 * The board half of the layout: RAM, CPUs, the console and the interrupt
 * controller, all read from the board's own nodes of the merged tree.
 */
#include <stdlib.h>
#include <string.h>

#include "zg_internal.h"

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

static int cmp_cpu(const void *a, const void *b)
{
	const struct zg_cpu *x = a, *y = b;

	return x->hwid < y->hwid ? -1 : x->hwid > y->hwid;
}

static void add_cpu(const void *fdt, int node, int ac, struct zg_platform *plat,
		    struct zg_diag *diag)
{
	const fdt32_t *reg;
	int len;

	reg = fdt_getprop(fdt, node, "reg", &len);
	if (!reg || len != ac * 4) {
		zg_error(diag, fdt, node, "cpu node needs a reg of %d cell(s)",
			 ac);
		return;
	}
	if (plat->nr_board_cpus == ZG_MAX_BOARD_CPUS) {
		zg_error(diag, fdt, node, "more than %d cpu nodes",
			 ZG_MAX_BOARD_CPUS);
		return;
	}
	plat->cpus[plat->nr_board_cpus].node = node;
	dt_read_cells(reg, ac, &plat->cpus[plat->nr_board_cpus].hwid);
	plat->nr_board_cpus++;
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
	qsort(plat->cpus, plat->nr_board_cpus, sizeof(plat->cpus[0]), cmp_cpu);
	for (i = 1; i < plat->nr_board_cpus; i++)
		if (plat->cpus[i].hwid == plat->cpus[i - 1].hwid)
			zg_error(diag, fdt, plat->cpus[i].node,
				 "reg 0x%llx is used by another cpu node too",
				 (unsigned long long)plat->cpus[i].hwid);
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

/* The hypervisor's console: /chosen stdout-path, aliases allowed. */
static void parse_console(const void *fdt, struct zg_platform *plat,
			  struct zg_diag *diag)
{
	struct zg_range regs[ZG_MAX_DEV_REGS];
	int chosen = fdt_path_offset(fdt, "/chosen");
	const char *path = NULL, *colon;
	int node, n;

	if (chosen >= 0)
		path = dt_get_string(fdt, chosen, "stdout-path");
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

static const char *const gic_compatibles[] = {
	"arm,gic-v3",	     "arm,gic-400",	  "arm,cortex-a15-gic",
	"arm,cortex-a9-gic", "arm,cortex-a7-gic", NULL,
};

/*
 * A GIC's interrupts are <type number flags>: zonegen can tell SPIs from
 * PPIs and pass SPIs through. On a GICv3 every zone gets a virtual one.
 */
static void parse_gic(const void *fdt, int node, struct zg_platform *plat,
		      struct zg_diag *diag)
{
	u32 i;

	for (i = 0; gic_compatibles[i]; i++)
		if (zg_is_compatible(fdt, node, gic_compatibles[i]))
			break;
	if (!gic_compatibles[i])
		return;
	if (dt_cells(fdt, node, "#interrupt-cells", -1) != 3) {
		zg_error(diag, fdt, node, "a GIC needs #interrupt-cells = <3>");
		return;
	}
	plat->gic = true;
	if (!plat->irqchip_compatible ||
	    strcmp(plat->irqchip_compatible, "arm,gic-v3"))
		return;
	if (plat->nr_irqchip_regs < 2) {
		zg_error(
			diag, fdt, node,
			"arm,gic-v3 needs reg ranges for the distributor and the redistributors");
		return;
	}
	plat->vgic_v3 = true;
}

/*
 * A PLIC's interrupts are one cell, the source number. The hypervisor's
 * driver and every zone's virtual PLIC go by "riscv,plic0", which all
 * PLIC variants are compatible with.
 */
static void parse_plic(const void *fdt, int node, struct zg_platform *plat,
		       struct zg_diag *diag)
{
	const fdt32_t *ndev;
	int len;

	if (!zg_is_compatible(fdt, node, "riscv,plic0") &&
	    !zg_is_compatible(fdt, node, "sifive,plic-1.0.0"))
		return;
	if (dt_cells(fdt, node, "#interrupt-cells", -1) != 1) {
		zg_error(diag, fdt, node,
			 "a PLIC needs #interrupt-cells = <1>");
		return;
	}
	ndev = fdt_getprop(fdt, node, "riscv,ndev", &len);
	plat->plic_ndev = ndev && len == 4 ? fdt32_to_cpu(*ndev) : 0;
	if (plat->plic_ndev < 1 || plat->plic_ndev > ZG_PLIC_MAX_NDEV) {
		zg_error(diag, fdt, node,
			 "riscv,ndev must be 1..%d (the number of sources)",
			 ZG_PLIC_MAX_NDEV);
		return;
	}
	if (!plat->nr_irqchip_regs) {
		zg_error(diag, fdt, node, "a PLIC needs a reg range");
		return;
	}
	plat->plic = true;
	plat->irqchip_compatible = "riscv,plic0";
}

/* The console's interrupt id, when it is an SPI of the GIC. */
static void set_console_irq(struct zg_platform *plat)
{
	fdt32_t cells[3];
	u32 i;

	if (plat->plic && plat->nr_console_irq_cells == 1) {
		plat->console_irq = plat->console_irq_cells[0];
		return;
	}
	if (!plat->gic || plat->nr_console_irq_cells != 3)
		return;
	for (i = 0; i < 3; i++)
		cells[i] = cpu_to_fdt32(plat->console_irq_cells[i]);
	if (!zg_gic_spi_id(cells, &plat->console_irq))
		plat->console_irq = 0;
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
	node = dt_node_by_phandle(fdt, fdt32_to_cpu(*ph));
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
	parse_gic(fdt, node, plat, diag);
	parse_plic(fdt, node, plat, diag);
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
	parse_cpus(fdt, opt, plat, diag);
	parse_console(fdt, plat, diag);
	parse_irqchip(fdt, plat, diag);
	if (plat->console_node >= 0 &&
	    dt_interrupt_parent(fdt, plat->console_node) == plat->irqchip_node)
		set_console_irq(plat);
}

int zg_cpu_index(const struct zg_platform *plat, int node)
{
	u32 i;

	for (i = 0; i < plat->nr_board_cpus; i++)
		if (plat->cpus[i].node == node)
			return i;
	return -1;
}
