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

#include "zg_internal.h"

#define GIC_SPEC_CELLS 3

bool zg_gic_spi_id(const fdt32_t *cells, u32 *id)
{
	u32 type = fdt32_to_cpu(cells[0]), num = fdt32_to_cpu(cells[1]);

	if (type != ZG_GIC_SPI || num >= ZG_GIC_NR_SPIS)
		return false;
	*id = ZG_GIC_SPI_BASE + num;
	return true;
}

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
	if (!plat->gic && !plat->plic) {
		zg_error(
			diag, fdt, zone->node,
			"device %s: interrupts can only be passed through from a GIC or a PLIC",
			path);
		return false;
	}
	return true;
}

static void add_irq(const void *fdt, struct zg_zone *zone, int dev, u32 id,
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

/* Interrupt @i of @dev: one <type number flags> specifier. */
static void add_spec(const void *fdt, const struct zg_platform *plat,
		     struct zg_zone *zone, int dev, int i, const fdt32_t *cells,
		     const char *path, struct zg_diag *diag)
{
	u32 type = fdt32_to_cpu(cells[0]), num = fdt32_to_cpu(cells[1]);
	u32 id;

	if (type == ZG_GIC_PPI) {
		zg_error(
			diag, fdt, zone->node,
			"device %s: interrupt %d (PPI %u) is a per-CPU interrupt and cannot be passed through",
			path, i, num);
	} else if (!zg_gic_spi_id(cells, &id)) {
		zg_error(
			diag, fdt, zone->node,
			"device %s: interrupt %d <%u %u %u> is not a GIC SPI (type 0, number below %d)",
			path, i, type, num, fdt32_to_cpu(cells[2]),
			ZG_GIC_NR_SPIS);
	} else if (id == plat->console_irq && dev != plat->console_node) {
		zg_error(
			diag, fdt, zone->node,
			"device %s: interrupt %d (SPI %u, id %u) is the interrupt of the hypervisor's console",
			path, i, num, id);
	} else {
		add_irq(fdt, zone, dev, id, diag);
	}
}

/* Interrupt @i of @dev on a PLIC: one cell, the source number. */
static void add_plic_source(const void *fdt, const struct zg_platform *plat,
			    struct zg_zone *zone, int dev, int i, u32 id,
			    const char *path, struct zg_diag *diag)
{
	if (id < 1 || id > plat->plic_ndev)
		zg_error(
			diag, fdt, zone->node,
			"device %s: interrupt %d (source %u) is not a PLIC source (1..%u)",
			path, i, id, plat->plic_ndev);
	else if (id == plat->console_irq && dev != plat->console_node)
		zg_error(
			diag, fdt, zone->node,
			"device %s: interrupt %d (source %u) is the interrupt of the hypervisor's console",
			path, i, id);
	else
		add_irq(fdt, zone, dev, id, diag);
}

static void parse_plic_irqs(const void *fdt, const struct zg_platform *plat,
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
		add_plic_source(fdt, plat, zone, dev, i, fdt32_to_cpu(cells[i]),
				path, diag);
}

void zg_parse_dev_irqs(const void *fdt, const struct zg_platform *plat,
		       struct zg_zone *zone, int dev, struct zg_diag *diag)
{
	const fdt32_t *cells;
	char path[256];
	int len, i;

	cells = fdt_getprop(fdt, dev, "interrupts", &len);
	if (!cells && !fdt_getprop(fdt, dev, "interrupts-extended", NULL))
		return;
	dt_path(fdt, dev, path, sizeof(path));
	if (!check_irq_parent(fdt, plat, zone, dev, path, diag))
		return;
	if (plat->plic) {
		parse_plic_irqs(fdt, plat, zone, dev, cells, len, path, diag);
		return;
	}
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

static int cmp_irq(const void *a, const void *b)
{
	const struct zg_irq *x = a, *y = b;

	return x->id < y->id ? -1 : x->id > y->id;
}

void zg_sort_irqs(struct zg_zone *zone)
{
	qsort(zone->irqs, zone->nr_irqs, sizeof(zone->irqs[0]), cmp_irq);
}
