// SPDX-License-Identifier: Apache-2.0
/*
 * Model: the Loongson 7A bridge's PCH-PIC (LS7A1000, LS7A2000). Its
 * interrupts are two cells, <input flags>, inputs 0..63; the hypervisor
 * numbers input n as EIOINTC vector n, id n + 16 (ids below 16 are the
 * CPU's own lines). Zones get no emulated PCH-PIC yet: the image cannot
 * start a zone without LVZ, and the virtual one is future work.
 */
#include "../model.h"

#define PIC_INPUTS 64
#define PIC_ID_BASE 16 /* drivers/irqchip: EIOINTC_ID_BASE */

static bool pic_parse(const void *fdt, int node, struct zg_platform *plat,
		      struct zg_diag *diag)
{
	if (dt_cells(fdt, node, "#interrupt-cells", -1) != 2) {
		zg_error(
			diag, fdt, node,
			"a PCH-PIC needs #interrupt-cells = <2> (input, flags)");
		return false;
	}
	if (!plat->nr_irqchip_regs) {
		zg_error(diag, fdt, node, "a PCH-PIC needs a reg range");
		return false;
	}
	plat->irq_nr_sources = PIC_INPUTS;
	plat->irqchip_compatible = "loongson,pch-pic-1.0";
	return true;
}

static u32 pic_console_irq(const struct zg_platform *plat)
{
	if (plat->nr_console_irq_cells != 2 ||
	    plat->console_irq_cells[0] >= PIC_INPUTS)
		return 0;
	return plat->console_irq_cells[0] + PIC_ID_BASE;
}

static void pic_add_input(const void *fdt, const struct zg_platform *plat,
			  struct zg_zone *zone, int dev, int i, u32 in,
			  const char *path, struct zg_diag *diag)
{
	u32 id = in + PIC_ID_BASE;

	if (in >= PIC_INPUTS)
		zg_error(
			diag, fdt, zone->node,
			"device %s: interrupt %d (input %u) is not a PCH-PIC input (0..%u)",
			path, i, in, PIC_INPUTS - 1);
	else if (id == plat->console_irq && dev != plat->console_node)
		zg_error(
			diag, fdt, zone->node,
			"device %s: interrupt %d (input %u) is the interrupt of the hypervisor's console",
			path, i, in);
	else
		zg_add_irq(fdt, zone, dev, id, diag);
}

static void pic_dev_irqs(const void *fdt, const struct zg_platform *plat,
			 struct zg_zone *zone, int dev, const fdt32_t *cells,
			 int len, const char *path, struct zg_diag *diag)
{
	if (!len || len % 8) {
		zg_error(
			diag, fdt, zone->node,
			"device %s: property \"interrupts\" is malformed: expected <input flags> pairs",
			path);
		return;
	}
	for (int i = 0; i < len / 8; i++)
		pic_add_input(fdt, plat, zone, dev, i,
			      fdt32_to_cpu(cells[2 * i]), path, diag);
}

static bool pic_vdev_irq(const void *fdt, const struct zg_platform *plat,
			 int node, const fdt32_t *cells, int len, u32 *irq,
			 struct zg_diag *diag)
{
	u32 in;

	(void)plat;
	if (len != 8) {
		zg_malformed(diag, fdt, node, "interrupts",
			     "one PCH-PIC <input flags>");
		return false;
	}
	in = fdt32_to_cpu(cells[0]);
	if (in >= PIC_INPUTS) {
		zg_error(
			diag, fdt, node,
			"interrupt <%u> is out of range: PCH-PIC inputs are 0..%u",
			in, PIC_INPUTS - 1);
		return false;
	}
	*irq = in + PIC_ID_BASE;
	return true;
}

static const char *pic_irq_name(u32 id, char *buf, size_t len)
{
	snprintf(buf, len, "input %u", id - PIC_ID_BASE);
	return buf;
}

static void pic_emit_irq_limit(FILE *out, u32 max)
{
	fprintf(out,
		"\n_Static_assert(%u < %u, \"PCH-PIC input out of range\");\n",
		max, PIC_INPUTS + PIC_ID_BASE);
}

static const char *const pic_compatibles[] = {
	"loongson,pch-pic-1.0",
	NULL,
};

static const struct zg_irqchip zg_irqchip_pch_pic = {
	.key = "irqchip:loongson,pch-pic-1.0",
	.compatibles = pic_compatibles,
	.parse = pic_parse,
	.console_irq = pic_console_irq,
	.dev_irqs = pic_dev_irqs,
	.vdev_irq = pic_vdev_irq,
	.ipa_bits = 39, /* the GPA table: three levels of 4 KiB pages */
	.irq_name = pic_irq_name,
	.emit_irq_limit = pic_emit_irq_limit,
};
ZG_IRQCHIP(zg_irqchip_pch_pic);
