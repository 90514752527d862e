// SPDX-License-Identifier: Apache-2.0
/*
 * Model: the Arm GICv2 with the virtualization extension (GIC-400, QEMU
 * virt's cortex-a15-gic). The board node's reg holds the distributor
 * (GICD), the CPU interface (GICC), the hypervisor control (GICH) and the
 * virtual CPU interface (GICV) frames. Every zone gets a virtual GICv2
 * where the physical one is: an emulated distributor at GICD, and at GICC
 * the hypervisor maps GICV, so the guest's CPU interface is the
 * hardware's virtual one. Specifiers are a GIC's <type number flags>,
 * decoded exactly as for the GICv3 (models/gicv3.c): this model asks that
 * model for those hooks rather than having a second copy.
 */
#include <string.h>

#include "../model.h"

#define GIC_SPEC_CELLS 3
#define GICV2_REG_GICD 0
#define GICV2_REG_GICC 1
#define GICV2_NR_REGS 4 /* GICD, GICC, GICH, GICV */
#define VGICD_SIZE 0x1000ull /* the GICv2 distributor's 4 KiB */
#define VGICC_SIZE 0x2000ull /* GICC/GICV: 8 KiB, GICC_DIR at 0x1000 */

/* The GIC model whose specifier decoding this one shares. */
static const struct zg_irqchip *gic_base(void)
{
	const struct zg_irqchip *const *m;

	for_each_zg_irqchip(
		m) if ((*m)->key &&
		       !strcmp((*m)->key, "irqchip:arm,gic-v3")) return *m;
	return NULL;
}

static bool gicv2_parse(const void *fdt, int node, struct zg_platform *plat,
			struct zg_diag *diag)
{
	if (dt_cells(fdt, node, "#interrupt-cells", -1) != GIC_SPEC_CELLS) {
		zg_error(diag, fdt, node, "a GIC needs #interrupt-cells = <3>");
		return false;
	}
	if (plat->nr_irqchip_regs < GICV2_NR_REGS) {
		zg_error(
			diag, fdt, node,
			"a GICv2 needs reg ranges for GICD, GICC, GICH and GICV (the virtualization extension)");
		return false;
	}
	return true;
}

static u32 gicv2_console_irq(const struct zg_platform *plat)
{
	return gic_base()->console_irq(plat);
}

static void gicv2_dev_irqs(const void *fdt, const struct zg_platform *plat,
			   struct zg_zone *zone, int dev, const fdt32_t *cells,
			   int len, const char *path, struct zg_diag *diag)
{
	gic_base()->dev_irqs(fdt, plat, zone, dev, cells, len, path, diag);
}

static bool gicv2_vdev_irq(const void *fdt, const struct zg_platform *plat,
			   int node, const fdt32_t *cells, int len, u32 *irq,
			   struct zg_diag *diag)
{
	return gic_base()->vdev_irq(fdt, plat, node, cells, len, irq, diag);
}

/* The zone's GICC window is where the hypervisor maps GICV (vgicv2_mmio.c). */
static void gicv2_add_virtual(const struct zg_platform *plat,
			      struct zg_zone *zone)
{
	zg_add_auto_vdev(zone, "virtual GIC distributor",
			 "bulkhead,vgic-v2-dist",
			 plat->irqchip_regs[GICV2_REG_GICD].base, VGICD_SIZE);
	zg_add_auto_vdev(zone, "virtual GIC CPU interface",
			 "bulkhead,vgic-v2-cpu",
			 plat->irqchip_regs[GICV2_REG_GICC].base, VGICC_SIZE);
}

/*
 * The zone's virtual GICv2: the board node's name, compatible and phandle
 * (copied interrupt-parent links still work), the distributor and the CPU
 * interface only: no GICH/GICV and no maintenance interrupt, the zone has
 * no virtualization extension of its own.
 */
static void gicv2_write_dtb(struct gdtb *g)
{
	static const char *const keep[] = {
		"compatible",
		"#address-cells",
		"#size-cells",
		"ranges",
	};
	const struct zg_platform *p = &g->l->plat;
	struct zg_range reg[2] = {
		{ p->irqchip_regs[GICV2_REG_GICD].base, VGICD_SIZE },
		{ p->irqchip_regs[GICV2_REG_GICC].base, VGICC_SIZE },
	};
	const void *val;
	char name[256];
	size_t k;
	int len;

	gdtb_begin_root_node(
		g, zg_guest_name(g->fdt, p->irqchip_node, name, sizeof(name)));
	for (k = 0; k < ARRAY_SIZE(keep); k++) {
		val = fdt_getprop(g->fdt, p->irqchip_node, keep[k], &len);
		if (val)
			gdtb_sw(g, fdt_property(g->buf, keep[k], val, len));
	}
	gdtb_sw(g, fdt_property_u32(g->buf, "#interrupt-cells", 3));
	gdtb_sw(g, fdt_property(g->buf, "interrupt-controller", NULL, 0));
	gdtb_put_ranges(g, "reg", reg, 2);
	gdtb_sw(g, fdt_property_u32(g->buf, "phandle",
				    fdt_get_phandle(g->fdt, p->irqchip_node)));
	gdtb_sw(g, fdt_end_node(g->buf));
}

static void gicv2_write_timer(struct gdtb *g)
{
	gic_base()->write_root_extra(g);
}

static const char *gicv2_irq_name(u32 id, char *buf, size_t len)
{
	return gic_base()->irq_name(id, buf, len);
}

static void gicv2_emit_irq_limit(FILE *out, u32 max)
{
	gic_base()->emit_irq_limit(out, max);
}

static const char *const gicv2_compatibles[] = {
	"arm,gic-400",
	"arm,cortex-a15-gic",
	NULL,
};

static const struct zg_irqchip zg_irqchip_gicv2 = {
	.key = "irqchip:arm,gic-400",
	.vkey = "vdev:arm,gic-400",
	.vwhat = "virtual GIC",
	.compatibles = gicv2_compatibles,
	.parse = gicv2_parse,
	.console_irq = gicv2_console_irq,
	.dev_irqs = gicv2_dev_irqs,
	.vdev_irq = gicv2_vdev_irq,
	.add_virtual = gicv2_add_virtual,
	.write_dtb = gicv2_write_dtb,
	.write_root_extra = gicv2_write_timer,
	.ipa_bits = 40, /* QEMU virt's cortex-a72, ZCU102's A53: 40 bits */
	.irq_name = gicv2_irq_name,
	.emit_irq_limit = gicv2_emit_irq_limit,
};
ZG_IRQCHIP(zg_irqchip_gicv2);
