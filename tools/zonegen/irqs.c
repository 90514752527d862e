// SPDX-License-Identifier: Apache-2.0
/*
 * Passthrough interrupts: the SPIs of the devices a zone owns. The
 * hypervisor routes each of them to that zone only, which sees it under
 * the same interrupt id. Only a GIC's SPIs or a PLIC's sources can be
 * handed out: a PPI is a per-CPU interrupt of every CPU, an interrupt of
 * another controller never reaches the GIC or PLIC, and the console's
 * belongs to the hypervisor.
 */
#include <stdlib.h>

#include "model.h"

static bool check_irq_parent(const void *fdt, const struct zg_platform *plat,
			     const struct zg_zone *zone, int dev,
			     const char *path, struct zg_diag *diag)
{
	if (fdt_getprop(fdt, dev, "interrupts-extended", NULL)) {
		zg_error(diag, fdt, zone->node,
			 "device %s: interrupts-extended is not supported",
			 path);
		return false;
	}
	if (dt_interrupt_parent(fdt, dev) != plat->irqchip_node) {
		zg_error(
			diag, fdt, zone->node,
			"device %s: its interrupt parent is not the interrupt controller of / (not supported)",
			path);
		return false;
	}
	if (!plat->irqchip) {
		zg_error(
			diag, fdt, zone->node,
			"device %s: interrupts can only be passed through from a GIC or a PLIC",
			path);
		return false;
	}
	return true;
}

void zg_add_irq(const void *fdt, struct zg_zone *zone, int dev, u32 id,
		struct zg_diag *diag)
{
	u32 i;

	for (i = 0; i < zone->nr_irqs; i++)
		if (zone->irqs[i].id == id)
			return; /* a line two devices of the zone share */
	if (zone->nr_irqs == ZG_MAX_IRQS) {
		zg_error(diag, fdt, zone->node,
			 "more than %d passthrough interrupts", ZG_MAX_IRQS);
		return;
	}
	zone->irqs[zone->nr_irqs].id = id;
	zone->irqs[zone->nr_irqs].dev = dev;
	zone->nr_irqs++;
}

void zg_parse_dev_irqs(const void *fdt, const struct zg_platform *plat,
		       struct zg_zone *zone, int dev, struct zg_diag *diag)
{
	const fdt32_t *cells;
	char path[256];
	int len;

	cells = fdt_getprop(fdt, dev, "interrupts", &len);
	if (!cells && !fdt_getprop(fdt, dev, "interrupts-extended", NULL))
		return;
	dt_path(fdt, dev, path, sizeof(path));
	if (!check_irq_parent(fdt, plat, zone, dev, path, diag))
		return;
	plat->irqchip->dev_irqs(fdt, plat, zone, dev, cells, len, path, diag);
}

static int cmp_irq(const void *a, const void *b)
{
	const struct zg_irq *x = a, *y = b;

	return x->id < y->id ? -1 : x->id > y->id;
}

void zg_sort_irqs(struct zg_zone *zone)
{
	qsort(zone->irqs, zone->nr_irqs, sizeof(zone->irqs[0]), cmp_irq);
}
