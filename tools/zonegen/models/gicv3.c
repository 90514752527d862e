// SPDX-License-Identifier: Apache-2.0
/*
 * Model: the Arm GIC. Its specifiers are <type number flags>, type 0 an
 * SPI (interrupt id 32 + number), 1 a PPI (per CPU, never passed through).
 * On a GICv3 every zone gets a virtual one where the physical one is: the
 * distributor and one redistributor per vCPU. Older GICs only hand SPIs
 * through; their node is copied into the guest as it is.
 */
#include <string.h>

#include "../model.h"

#define GIC_SPEC_CELLS 3
#define GIC_SPI 0
#define GIC_PPI 1
#define GIC_SPI_BASE 32 /* interrupt id of SPI 0 */
#define GIC_NR_SPIS 988 /* SPI ids are 32..1019 */
#define VGICD_SIZE 0x10000ull
#define VGICR_SIZE 0x20000ull /* per vCPU: RD_base and SGI_base frames */

static bool gic_spi_id(const fdt32_t *cells, u32 *id)
{
	u32 type = fdt32_to_cpu(cells[0]), num = fdt32_to_cpu(cells[1]);

	if (type != GIC_SPI || num >= GIC_NR_SPIS)
		return false;
	*id = GIC_SPI_BASE + num;
	return true;
}

static bool gic_parse(const void *fdt, int node, struct zg_platform *plat,
		      struct zg_diag *diag)
{
	(void)plat;
	if (dt_cells(fdt, node, "#interrupt-cells", -1) != GIC_SPEC_CELLS) {
		zg_error(diag, fdt, node, "a GIC needs #interrupt-cells = <3>");
		return false;
	}
	return true;
}

static bool gicv3_parse(const void *fdt, int node, struct zg_platform *plat,
			struct zg_diag *diag)
{
	if (!gic_parse(fdt, node, plat, diag))
		return false;
	if (plat->nr_irqchip_regs < 2) {
		zg_error(
			diag, fdt, node,
			"arm,gic-v3 needs reg ranges for the distributor and the redistributors");
		return false;
	}
	return true;
}

static u32 gic_console_irq(const struct zg_platform *plat)
{
	fdt32_t cells[GIC_SPEC_CELLS];
	u32 i, id;

	if (plat->nr_console_irq_cells != GIC_SPEC_CELLS)
		return 0;
	for (i = 0; i < GIC_SPEC_CELLS; i++)
		cells[i] = cpu_to_fdt32(plat->console_irq_cells[i]);
	return gic_spi_id(cells, &id) ? id : 0;
}

/* Interrupt @i of @dev: one <type number flags> specifier. */
static void add_spec(const void *fdt, const struct zg_platform *plat,
		     struct zg_zone *zone, int dev, int i, const fdt32_t *cells,
		     const char *path, struct zg_diag *diag)
{
	u32 type = fdt32_to_cpu(cells[0]), num = fdt32_to_cpu(cells[1]);
	u32 id;

	if (type == GIC_PPI)
		zg_error(
			diag, fdt, zone->node,
			"device %s: interrupt %d (PPI %u) is a per-CPU interrupt and cannot be passed through",
			path, i, num);
	else if (!gic_spi_id(cells, &id))
		zg_error(
			diag, fdt, zone->node,
			"device %s: interrupt %d <%u %u %u> is not a GIC SPI (type 0, number below %d)",
			path, i, type, num, fdt32_to_cpu(cells[2]),
			GIC_NR_SPIS);
	else if (id == plat->console_irq && dev != plat->console_node)
		zg_error(
			diag, fdt, zone->node,
			"device %s: interrupt %d (SPI %u, id %u) is the interrupt of the hypervisor's console",
			path, i, num, id);
	else
		zg_add_irq(fdt, zone, dev, id, diag);
}

static void gic_dev_irqs(const void *fdt, const struct zg_platform *plat,
			 struct zg_zone *zone, int dev, const fdt32_t *cells,
			 int len, const char *path, struct zg_diag *diag)
{
	int i;

	if (!len || len % (GIC_SPEC_CELLS * 4)) {
		zg_error(
			diag, fdt, zone->node,
			"device %s: property \"interrupts\" is malformed: expected GIC <type number flags> triples",
			path);
		return;
	}
	for (i = 0; i < len / (GIC_SPEC_CELLS * 4); i++)
		add_spec(fdt, plat, zone, dev, i, cells + i * GIC_SPEC_CELLS,
			 path, diag);
}

/*
 * interrupts = <0 N flags>: the SPI the model raises in the zone's
 * virtual GIC, id 32 + N. Virtual, so it may reuse a physical SPI that is
 * not the zone's.
 */
static bool gicv3_vdev_irq(const void *fdt, const struct zg_platform *plat,
			   int node, const fdt32_t *cells, int len, u32 *irq,
			   struct zg_diag *diag)
{
	(void)plat;
	if (len != GIC_SPEC_CELLS * 4 || fdt32_to_cpu(cells[0]) != GIC_SPI) {
		zg_malformed(diag, fdt, node, "interrupts",
			     "one GIC SPI <0 number flags>");
		return false;
	}
	if (!gic_spi_id(cells, irq)) {
		zg_error(
			diag, fdt, node,
			"interrupt <0 %u ...> is out of range: interrupt id %u, SPI ids must be below %u",
			fdt32_to_cpu(cells[1]),
			GIC_SPI_BASE + fdt32_to_cpu(cells[1]),
			GIC_SPI_BASE + GIC_NR_SPIS);
		return false;
	}
	return true;
}

static void gicv3_add_virtual(const struct zg_platform *plat,
			      struct zg_zone *zone)
{
	zg_add_auto_vdev(zone, "virtual GIC distributor",
			 "bulkhead,vgic-v3-dist", plat->irqchip_regs[0].base,
			 VGICD_SIZE);
	zg_add_auto_vdev(zone, "virtual GIC redistributor region",
			 "bulkhead,vgic-v3-redist", plat->irqchip_regs[1].base,
			 VGICR_SIZE * zone->nr_cpus);
}

/*
 * The zone's virtual GICv3: where the board's is, with the board node's
 * name and phandle (so that copied interrupt-parent links still work),
 * the distributor and one redistributor per vCPU, no ITS (no MSIs) and no
 * maintenance interrupt.
 */
static void gicv3_write_dtb(struct gdtb *g)
{
	static const char *const keep[] = {
		"#address-cells",
		"#size-cells",
		"ranges",
		NULL,
	};
	const struct zg_platform *p = &g->l->plat;
	struct zg_range reg[2] = {
		{ p->irqchip_regs[0].base, VGICD_SIZE },
		{ p->irqchip_regs[1].base, VGICR_SIZE * g->z->nr_cpus },
	};
	char name[256];

	gdtb_begin_root_node(
		g, zg_guest_name(g->fdt, p->irqchip_node, name, sizeof(name)));
	gdtb_sw(g, fdt_property_string(g->buf, "compatible", "arm,gic-v3"));
	gdtb_sw(g, fdt_property_u32(g->buf, "#interrupt-cells", 3));
	gdtb_sw(g, fdt_property(g->buf, "interrupt-controller", NULL, 0));
	gdtb_copy_listed(g, p->irqchip_node, keep);
	gdtb_sw(g, fdt_property_u32(g->buf, "#redistributor-regions", 1));
	gdtb_put_ranges(g, "reg", reg, 2);
	gdtb_sw(g, fdt_property_u32(g->buf, "phandle",
				    fdt_get_phandle(g->fdt, p->irqchip_node)));
	gdtb_sw(g, fdt_end_node(g->buf));
}

/* The generic timer raises PPIs of the GIC: the guest gets its node. */
static void gic_write_timer(struct gdtb *g)
{
	int node = fdt_node_offset_by_compatible(g->fdt, -1, "arm,armv8-timer");

	if (node >= 0)
		gdtb_copy_node_at_root(g, node, 0, false);
}

static const char *gic_irq_name(u32 id, char *buf, size_t len)
{
	snprintf(buf, len, "SPI %u", id - GIC_SPI_BASE);
	return buf;
}

/* The virtual GIC must show every interrupt id a zone is given. */
static void gic_emit_irq_limit(FILE *out, u32 max)
{
	if (max < GIC_SPI_BASE)
		return;
	fprintf(out,
		"\n#ifdef CONFIG_VGIC_NR_SPIS\n"
		"_Static_assert(32 + CONFIG_VGIC_NR_SPIS > %u,\n"
		"\t       \"a zone has interrupt id %u: CONFIG_VGIC_NR_SPIS must be at least %u\");\n"
		"#endif\n",
		max, max, max - GIC_SPI_BASE + 1);
}

static const char *const gicv3_compatibles[] = { "arm,gic-v3", NULL };

static const struct zg_irqchip zg_irqchip_gicv3 = {
	.key = "irqchip:arm,gic-v3",
	.vkey = "vdev:arm,gic-v3",
	.vwhat = "virtual GIC",
	.compatibles = gicv3_compatibles,
	.parse = gicv3_parse,
	.console_irq = gic_console_irq,
	.dev_irqs = gic_dev_irqs,
	.vdev_irq = gicv3_vdev_irq,
	.add_virtual = gicv3_add_virtual,
	.write_dtb = gicv3_write_dtb,
	.write_root_extra = gic_write_timer,
	.ipa_bits = 40, /* QEMU virt's cortex-a72: 40-bit IPA */
	.irq_name = gic_irq_name,
	.emit_irq_limit = gic_emit_irq_limit,
};
ZG_IRQCHIP(zg_irqchip_gicv3);

/* GICs with the virtualization extension are models/gicv2.c's. */
static const char *const gic_compatibles[] = {
	"arm,cortex-a9-gic",
	"arm,cortex-a7-gic",
	NULL,
};

/* Older GICs: SPIs pass through; no virtual GIC, no emulated interrupts. */
static const struct zg_irqchip zg_irqchip_gic = {
	.key = NULL, /* no driver in the image: no Kconfig option either */
	.compatibles = gic_compatibles,
	.parse = gic_parse,
	.console_irq = gic_console_irq,
	.dev_irqs = gic_dev_irqs,
	.write_root_extra = gic_write_timer,
	.ipa_bits = 40,
	.irq_name = gic_irq_name,
	.emit_irq_limit = gic_emit_irq_limit,
};
ZG_IRQCHIP(zg_irqchip_gic);
