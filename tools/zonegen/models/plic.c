// SPDX-License-Identifier: Apache-2.0
/*
 * Model: the RISC-V PLIC. Its interrupts are one cell, the source number
 * 1..riscv,ndev. The hypervisor's driver and every zone's virtual PLIC go
 * by "riscv,plic0", which all PLIC variants are compatible with; a zone's
 * vPLIC takes the board's whole window (its contexts are emulated).
 */
#include "../model.h"

#define PLIC_MAX_NDEV 1023 /* PLIC sources 1..1023 */
#define PLIC_S_EXT_IRQ 9 /* a hart's supervisor external interrupt */

static bool plic_parse(const void *fdt, int node, struct zg_platform *plat,
		       struct zg_diag *diag)
{
	const fdt32_t *ndev;
	int len;

	if (dt_cells(fdt, node, "#interrupt-cells", -1) != 1) {
		zg_error(diag, fdt, node,
			 "a PLIC needs #interrupt-cells = <1>");
		return false;
	}
	ndev = fdt_getprop(fdt, node, "riscv,ndev", &len);
	plat->irq_nr_sources = ndev && len == 4 ? fdt32_to_cpu(*ndev) : 0;
	if (plat->irq_nr_sources < 1 || plat->irq_nr_sources > PLIC_MAX_NDEV) {
		zg_error(diag, fdt, node,
			 "riscv,ndev must be 1..%d (the number of sources)",
			 PLIC_MAX_NDEV);
		return false;
	}
	if (!plat->nr_irqchip_regs) {
		zg_error(diag, fdt, node, "a PLIC needs a reg range");
		return false;
	}
	plat->irqchip_compatible = "riscv,plic0";
	return true;
}

static u32 plic_console_irq(const struct zg_platform *plat)
{
	return plat->nr_console_irq_cells == 1 ? plat->console_irq_cells[0] : 0;
}

/* Interrupt @i of @dev: one cell, the source number. */
static void add_source(const void *fdt, const struct zg_platform *plat,
		       struct zg_zone *zone, int dev, int i, u32 id,
		       const char *path, struct zg_diag *diag)
{
	if (id < 1 || id > plat->irq_nr_sources)
		zg_error(
			diag, fdt, zone->node,
			"device %s: interrupt %d (source %u) is not a PLIC source (1..%u)",
			path, i, id, plat->irq_nr_sources);
	else if (id == plat->console_irq && dev != plat->console_node)
		zg_error(
			diag, fdt, zone->node,
			"device %s: interrupt %d (source %u) is the interrupt of the hypervisor's console",
			path, i, id);
	else
		zg_add_irq(fdt, zone, dev, id, diag);
}

static void plic_dev_irqs(const void *fdt, const struct zg_platform *plat,
			  struct zg_zone *zone, int dev, const fdt32_t *cells,
			  int len, const char *path, struct zg_diag *diag)
{
	if (!len || len % 4) {
		zg_error(
			diag, fdt, zone->node,
			"device %s: property \"interrupts\" is malformed: expected PLIC source numbers",
			path);
		return;
	}
	for (int i = 0; i < len / 4; i++)
		add_source(fdt, plat, zone, dev, i, fdt32_to_cpu(cells[i]),
			   path, diag);
}

/* interrupts = <N>: the source the model raises in the zone's vPLIC. */
static bool plic_vdev_irq(const void *fdt, const struct zg_platform *plat,
			  int node, const fdt32_t *cells, int len, u32 *irq,
			  struct zg_diag *diag)
{
	if (len != 4) {
		zg_malformed(diag, fdt, node, "interrupts",
			     "one PLIC source <N>");
		return false;
	}
	*irq = fdt32_to_cpu(cells[0]);
	if (*irq < 1 || *irq > plat->irq_nr_sources) {
		zg_error(
			diag, fdt, node,
			"interrupt <%u> is out of range: PLIC sources are 1..%u",
			*irq, plat->irq_nr_sources);
		*irq = 0;
		return false;
	}
	return true;
}

static void plic_add_virtual(const struct zg_platform *plat,
			     struct zg_zone *zone)
{
	zg_add_auto_vdev(zone, "virtual PLIC", "riscv,plic0",
			 plat->irqchip_regs[0].base,
			 plat->irqchip_regs[0].size);
}

/* The phandle of the local interrupt controller of board CPU @c. */
static u32 cpu_intc_phandle(const struct gdtb *g, u32 c)
{
	int child;

	fdt_for_each_subnode(child, g->fdt, g->l->plat.cpus[c].node)
		if (zg_is_compatible(g->fdt, child, "riscv,cpu-intc"))
			return fdt_get_phandle(g->fdt, child);
	return 0;
}

/*
 * A hart's local interrupt controller, with the board's phandle: the
 * zone's PLIC node refers to it. It is the root of the interrupt tree, but
 * it would inherit the guest root's interrupt-parent (the PLIC), and Linux
 * then waits for the PLIC before it (of_irq_init: "children remain, but no
 * parents"). Naming itself as its parent is how a DT marks a root
 * controller under such a default.
 */
static void plic_write_cpu_child(struct gdtb *g, int cpu)
{
	int child;

	fdt_for_each_subnode(child, g->fdt, cpu) {
		if (!zg_is_compatible(g->fdt, child, "riscv,cpu-intc"))
			continue;
		gdtb_sw(g, fdt_begin_node(g->buf,
					  fdt_get_name(g->fdt, child, NULL)));
		gdtb_copy_props(g, child, 0, "interrupt-parent");
		gdtb_sw(g, fdt_property_u32(g->buf, "interrupt-parent",
					    fdt_get_phandle(g->fdt, child)));
		gdtb_sw(g, fdt_end_node(g->buf));
	}
}

static const char *const plic_cpu_props[] = { "riscv,isa", "mmu-type", NULL };

static void put_contexts(struct gdtb *g)
{
	fdt32_t ext[2 * ZG_MAX_CPUS];
	u32 c, n = 0;

	for (c = 0; c < ZG_MAX_CPUS; c++) {
		if (!(g->z->cpu_mask & (1ull << c)))
			continue;
		ext[n++] = cpu_to_fdt32(cpu_intc_phandle(g, c));
		ext[n++] = cpu_to_fdt32(PLIC_S_EXT_IRQ);
	}
	gdtb_sw(g, fdt_property(g->buf, "interrupts-extended", ext, n * 4));
}

/*
 * The zone's virtual PLIC: the board's window and phandle, with one
 * context per vCPU, its supervisor one (the hypervisor emulates no
 * M-mode contexts: guests run in VS-mode).
 */
static void plic_write_dtb(struct gdtb *g)
{
	static const char *const keep[] = {
		"compatible",	    "riscv,ndev", "#address-cells",
		"#interrupt-cells", NULL,
	};
	const struct zg_platform *p = &g->l->plat;
	char name[256];

	gdtb_begin_root_node(
		g, zg_guest_name(g->fdt, p->irqchip_node, name, sizeof(name)));
	gdtb_copy_listed(g, p->irqchip_node, keep);
	gdtb_put_ranges(g, "reg", &p->irqchip_regs[0], 1);
	gdtb_sw(g, fdt_property(g->buf, "interrupt-controller", NULL, 0));
	put_contexts(g);
	gdtb_sw(g, fdt_property_u32(g->buf, "phandle",
				    fdt_get_phandle(g->fdt, p->irqchip_node)));
	gdtb_sw(g, fdt_end_node(g->buf));
}

static const char *plic_irq_name(u32 id, char *buf, size_t len)
{
	snprintf(buf, len, "source %u", id);
	return buf;
}

static void plic_emit_irq_limit(FILE *out, u32 max)
{
	fprintf(out,
		"\n#ifdef CONFIG_VPLIC_NR_SOURCES\n"
		"_Static_assert(CONFIG_VPLIC_NR_SOURCES > %u,\n"
		"\t       \"a zone has PLIC source %u: CONFIG_VPLIC_NR_SOURCES must be at least %u\");\n"
		"#endif\n",
		max, max, max + 1);
}

static const char *const plic_compatibles[] = {
	"riscv,plic0",
	"sifive,plic-1.0.0",
	NULL,
};

static const struct zg_irqchip zg_irqchip_plic = {
	.key = "irqchip:riscv,plic0",
	.vkey = "vdev:riscv,plic0",
	.vwhat = "virtual PLIC",
	.compatibles = plic_compatibles,
	.parse = plic_parse,
	.console_irq = plic_console_irq,
	.dev_irqs = plic_dev_irqs,
	.vdev_irq = plic_vdev_irq,
	.add_virtual = plic_add_virtual,
	.write_dtb = plic_write_dtb,
	.cpu_props = plic_cpu_props,
	.write_cpu_child = plic_write_cpu_child,
	.ipa_bits = 41, /* Sv39x4 */
	.irq_name = plic_irq_name,
	.emit_irq_limit = plic_emit_irq_limit,
};
ZG_IRQCHIP(zg_irqchip_plic);
