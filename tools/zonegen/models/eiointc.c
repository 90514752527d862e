// SPDX-License-Identifier: Apache-2.0
/*
 * Model: the Loongson EIOINTC as a board's root interrupt controller
 * (devices wired to its vectors directly, as on LS2K-class SoCs). Its
 * interrupts are one cell, the vector 0..255; the hypervisor's id is
 * vector + 16. It has no registers in the memory map (IOCSR), so a reg
 * is optional. Zones get no emulated EIOINTC yet (see pch_pic.c).
 */
#include "../model.h"

#define EIO_VECTORS 256
#define EIO_ID_BASE 16 /* drivers/irqchip: EIOINTC_ID_BASE */

static bool eio_parse(const void *fdt, int node, struct zg_platform *plat,
		      struct zg_diag *diag)
{
	if (dt_cells(fdt, node, "#interrupt-cells", -1) != 1) {
		zg_error(
			diag, fdt, node,
			"an EIOINTC needs #interrupt-cells = <1> (the vector)");
		return false;
	}
	plat->irq_nr_sources = EIO_VECTORS;
	plat->irqchip_compatible = "loongson,ls2k2000-eiointc";
	return true;
}

static u32 eio_console_irq(const struct zg_platform *plat)
{
	if (plat->nr_console_irq_cells != 1 ||
	    plat->console_irq_cells[0] >= EIO_VECTORS)
		return 0;
	return plat->console_irq_cells[0] + EIO_ID_BASE;
}

static void eio_dev_irqs(const void *fdt, const struct zg_platform *plat,
			 struct zg_zone *zone, int dev, const fdt32_t *cells,
			 int len, const char *path, struct zg_diag *diag)
{
	if (!len || len % 4) {
		zg_error(
			diag, fdt, zone->node,
			"device %s: property \"interrupts\" is malformed: expected EIOINTC vectors",
			path);
		return;
	}
	for (int i = 0; i < len / 4; i++) {
		u32 vec = fdt32_to_cpu(cells[i]);

		if (vec >= EIO_VECTORS)
			zg_error(
				diag, fdt, zone->node,
				"device %s: interrupt %d (vector %u) is not an EIOINTC vector (0..%u)",
				path, i, vec, EIO_VECTORS - 1);
		else if (vec + EIO_ID_BASE == plat->console_irq &&
			 dev != plat->console_node)
			zg_error(
				diag, fdt, zone->node,
				"device %s: interrupt %d (vector %u) is the interrupt of the hypervisor's console",
				path, i, vec);
		else
			zg_add_irq(fdt, zone, dev, vec + EIO_ID_BASE, diag);
	}
}

static bool eio_vdev_irq(const void *fdt, const struct zg_platform *plat,
			 int node, const fdt32_t *cells, int len, u32 *irq,
			 struct zg_diag *diag)
{
	(void)plat;
	if (len != 4 || fdt32_to_cpu(cells[0]) >= EIO_VECTORS) {
		zg_malformed(diag, fdt, node, "interrupts",
			     "one EIOINTC vector <0..255>");
		return false;
	}
	*irq = fdt32_to_cpu(cells[0]) + EIO_ID_BASE;
	return true;
}

static const char *eio_irq_name(u32 id, char *buf, size_t len)
{
	snprintf(buf, len, "vector %u", id - EIO_ID_BASE);
	return buf;
}

static void eio_emit_irq_limit(FILE *out, u32 max)
{
	fprintf(out,
		"\n_Static_assert(%u < %u, \"EIOINTC vector out of range\");\n",
		max, EIO_VECTORS + EIO_ID_BASE);
}

static const char *const eio_compatibles[] = {
	"loongson,ls2k2000-eiointc",
	"loongson,ls2k0500-eiointc",
	NULL,
};

static const struct zg_irqchip zg_irqchip_eiointc = {
	.key = "irqchip:loongson,ls2k2000-eiointc",
	.compatibles = eio_compatibles,
	.parse = eio_parse,
	.console_irq = eio_console_irq,
	.dev_irqs = eio_dev_irqs,
	.vdev_irq = eio_vdev_irq,
	.ipa_bits = 39,
	.irq_name = eio_irq_name,
	.emit_irq_limit = eio_emit_irq_limit,
};
ZG_IRQCHIP(zg_irqchip_eiointc);
