// SPDX-License-Identifier: Apache-2.0
/*
 * Emulated devices: the child nodes of a zone, and on a GICv3 board the
 * zone's virtual GIC (distributor and redistributors, where the physical
 * ones are). A node's reg is a guest physical address in the zone's own
 * #address-cells/#size-cells. The hypervisor traps accesses by leaving
 * their pages unmapped, so a device must not share a page with the zone's
 * memory or passthrough devices.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <bulkhead/hvinfo_regs.h>

#include "zg_internal.h"

struct vdev_model {
	const char *compatible;
	u64 size; /* the exact size of the register window */
	bool irq; /* the model may raise an interrupt */
};

static const struct vdev_model vdev_models[] = {
	{ "bulkhead,hvinfo", HVINFO_SIZE, false },
	{ "arm,pl011", 0x1000, true }, /* the zone's console UART */
	{ "ns16550a", 0x100, true }, /* the same, on RISC-V boards */
};

static const char *const vdev_props[] = {
	"compatible", "reg", "interrupts", "phandle", NULL,
};

static const struct vdev_model *find_model(const char *compat)
{
	size_t i;

	for (i = 0; compat && i < ARRAY_SIZE(vdev_models); i++)
		if (!strcmp(compat, vdev_models[i].compatible))
			return &vdev_models[i];
	return NULL;
}

/* interrupts = <N>: the source the model raises in the zone's vPLIC. */
static bool read_vdev_plic_irq(const void *fdt, const struct zg_platform *plat,
			       struct zg_vdev *v, const fdt32_t *cells, int len,
			       struct zg_diag *diag)
{
	if (len != 4) {
		zg_error(
			diag, fdt, v->node,
			"property \"interrupts\" is malformed: expected one PLIC source <N>");
		return false;
	}
	v->irq = fdt32_to_cpu(cells[0]);
	if (v->irq < 1 || v->irq > plat->plic_ndev) {
		zg_error(
			diag, fdt, v->node,
			"interrupt <%u> is out of range: PLIC sources are 1..%u",
			v->irq, plat->plic_ndev);
		return false;
	}
	return true;
}

/*
 * interrupts = <0 N flags>: the SPI the model raises in the zone's
 * virtual GIC, id 32 + N. Virtual, so it may reuse a physical SPI that is
 * not the zone's.
 */
static bool read_vdev_irq(const void *fdt, const struct zg_platform *plat,
			  const struct vdev_model *model, struct zg_vdev *v,
			  struct zg_diag *diag)
{
	const fdt32_t *cells;
	int len;

	cells = fdt_getprop(fdt, v->node, "interrupts", &len);
	if (!cells)
		return true;
	if (!model->irq) {
		zg_error(diag, fdt, v->node, "%s raises no interrupt",
			 model->compatible);
		return false;
	}
	if (plat->plic)
		return read_vdev_plic_irq(fdt, plat, v, cells, len, diag);
	if (!plat->vgic_v3) {
		zg_error(
			diag, fdt, v->node,
			"interrupts of emulated devices need a virtual interrupt controller (an arm,gic-v3 or a PLIC)");
		return false;
	}
	if (len != 12 || fdt32_to_cpu(cells[0]) != ZG_GIC_SPI) {
		zg_error(
			diag, fdt, v->node,
			"property \"interrupts\" is malformed: expected one GIC SPI <0 number flags>");
		return false;
	}
	if (!zg_gic_spi_id(cells, &v->irq)) {
		zg_error(
			diag, fdt, v->node,
			"interrupt <0 %u ...> is out of range: interrupt id %u, SPI ids must be below %u",
			fdt32_to_cpu(cells[1]),
			ZG_GIC_SPI_BASE + fdt32_to_cpu(cells[1]),
			ZG_GIC_SPI_BASE + ZG_GIC_NR_SPIS);
		return false;
	}
	return true;
}

static bool read_vdev(const void *fdt, const struct zg_platform *plat, int node,
		      struct zg_vdev *v, struct zg_diag *diag)
{
	const struct vdev_model *model;
	struct zg_range r[2];
	int n;

	memset(v, 0, sizeof(*v));
	v->node = node;
	v->compatible = dt_get_string(fdt, node, "compatible");
	if (!v->compatible) {
		zg_error(diag, fdt, node,
			 "missing required property \"compatible\"");
		return false;
	}
	model = find_model(v->compatible);
	if (!model) {
		zg_error(
			diag, fdt, node,
			"unknown emulated device compatible \"%s\" (known: bulkhead,hvinfo, arm,pl011, ns16550a)",
			v->compatible);
		return false;
	}
	n = dt_get_raw_reg(fdt, node, r, 1);
	if (n == DT_REG_NONE) {
		zg_error(diag, fdt, node, "missing required property \"reg\"");
		return false;
	}
	if (n < 0 || !range_valid(&r[0])) {
		zg_error(
			diag, fdt, node,
			"property \"reg\" is malformed: expected one (address, size) pair in the zone's #address-cells/#size-cells");
		return false;
	}
	if (r[0].size != model->size) {
		zg_error(diag, fdt, node, "%s needs a reg size of 0x%llx",
			 model->compatible, (unsigned long long)model->size);
		return false;
	}
	v->range = r[0];
	return read_vdev_irq(fdt, plat, model, v, diag);
}

/* How messages name an emulated device: its node, or what zonegen added. */
static const char *vdev_name(const void *fdt, const struct zg_vdev *v,
			     char *buf, size_t len)
{
	char path[256], rs[ZG_RANGE_STR];

	if (v->node >= 0)
		snprintf(buf, len, "emulated device %s",
			 dt_path(fdt, v->node, path, sizeof(path)));
	else
		snprintf(buf, len, "the %s %s", v->what,
			 range_str(&v->range, rs, sizeof(rs)));
	return buf;
}

/* "[a, b)" for a node, "virtual GIC distributor [a, b)" for the vGIC. */
static const char *vdev_range(const struct zg_vdev *v, char *buf, size_t len)
{
	char rs[ZG_RANGE_STR];

	range_str(&v->range, rs, sizeof(rs));
	if (v->node >= 0)
		snprintf(buf, len, "%s", rs);
	else
		snprintf(buf, len, "%s %s", v->what, rs);
	return buf;
}

/* Errors about a vGIC window are the zone's own. */
static int vdev_blame(const struct zg_zone *zone, const struct zg_vdev *v)
{
	return v->node >= 0 ? v->node : zone->node;
}

static void check_vdev_vs_mem(const void *fdt, const struct zg_zone *zone,
			      const struct zg_vdev *v, struct zg_diag *diag)
{
	struct zg_range pages = range_to_pages(&v->range);
	char rs[ZG_RANGE_STR + 40], os[ZG_RANGE_STR];
	u32 j;

	for (j = 0; j < zone->nr_mem; j++) {
		struct zg_range g = zone_guest_mem(zone, j);

		if (range_valid(&g) && ranges_overlap(&pages, &g))
			zg_error(diag, fdt, vdev_blame(zone, v),
				 "%s overlaps the zone's memory %s",
				 vdev_range(v, rs, sizeof(rs)),
				 range_str(&g, os, sizeof(os)));
	}
}

/* Blames the overlay node of the two, the later one if both are nodes. */
static void check_vdev_pair(const void *fdt, const struct zg_zone *zone,
			    const struct zg_vdev *a, const struct zg_vdev *b,
			    struct zg_diag *diag)
{
	char rs[ZG_RANGE_STR + 40], other[320];

	if (!ranges_overlap(&a->range, &b->range))
		return;
	if (b->node < 0 && a->node >= 0) {
		const struct zg_vdev *t = a;

		a = b;
		b = t;
	}
	zg_error(diag, fdt, vdev_blame(zone, b), "%s overlaps %s",
		 vdev_range(b, rs, sizeof(rs)),
		 vdev_name(fdt, a, other, sizeof(other)));
}

static void check_vdev_vs_devs(const void *fdt, const struct zg_zone *zone,
			       const struct zg_vdev *v, struct zg_diag *diag)
{
	struct zg_range pages = range_to_pages(&v->range);
	char rs[ZG_RANGE_STR + 40], path[256];
	u32 j, d;

	vdev_range(v, rs, sizeof(rs));
	for (j = 0; j < zone->nr_dev_regions; j++) {
		if (!ranges_overlap(&pages, &zone->dev_regions[j].range))
			continue;
		for (d = 0; d < zone->nr_devs; d++)
			if (zone->dev_regions[j].dev_mask & (1u << d))
				zg_error(
					diag, fdt, vdev_blame(zone, v),
					"%s shares a 4 KiB page with passthrough device %s",
					rs,
					dt_path(fdt, zone->devs[d].node, path,
						sizeof(path)));
	}
}

/* A vdev's interrupt must not be one the zone already gets from a device. */
static void check_vdev_irq(const void *fdt, const struct zg_zone *zone, u32 i,
			   struct zg_diag *diag)
{
	const struct zg_vdev *v = &zone->vdevs[i];
	char path[256];
	u32 j;

	if (!v->irq)
		return;
	for (j = 0; j < zone->nr_irqs; j++)
		if (zone->irqs[j].id == v->irq)
			zg_error(
				diag, fdt, v->node,
				"interrupt id %u is already the zone's passthrough interrupt of device %s",
				v->irq,
				dt_path(fdt, zone->irqs[j].dev, path,
					sizeof(path)));
	for (j = 0; j < i; j++)
		if (zone->vdevs[j].irq == v->irq)
			zg_error(
				diag, fdt, v->node,
				"interrupt id %u is already raised by emulated device %s",
				v->irq,
				dt_path(fdt, zone->vdevs[j].node, path,
					sizeof(path)));
}

static int cmp_vdev(const void *a, const void *b)
{
	const struct zg_vdev *x = a, *y = b;

	if (x->range.base != y->range.base)
		return x->range.base < y->range.base ? -1 : 1;
	return x->node - y->node;
}

static void add_auto_vdev(struct zg_zone *zone, const char *what,
			  const char *compatible, u64 base, u64 size)
{
	struct zg_vdev *v = &zone->vdevs[zone->nr_vdevs];

	memset(v, 0, sizeof(*v));
	v->node = -1;
	v->what = what;
	v->compatible = compatible;
	v->range.base = base;
	v->range.size = size;
	if (range_valid(&v->range))
		zone->nr_vdevs++;
}

/*
 * On a GICv3 board each zone gets a virtual GIC where the physical one
 * is: the distributor and one redistributor per vCPU.
 */
static void add_virtual_irqchip(const struct zg_platform *plat,
				struct zg_zone *zone)
{
	if (plat->plic && zone->nr_cpus) {
		/* A PLIC's whole window: the zone's contexts are emulated. */
		add_auto_vdev(zone, "virtual PLIC", "riscv,plic0",
			      plat->irqchip_regs[0].base,
			      plat->irqchip_regs[0].size);
		return;
	}
	if (!plat->vgic_v3 || !zone->nr_cpus)
		return;
	add_auto_vdev(zone, "virtual GIC distributor", "bulkhead,vgic-v3-dist",
		      plat->irqchip_regs[0].base, ZG_VGICD_SIZE);
	add_auto_vdev(zone, "virtual GIC redistributor region",
		      "bulkhead,vgic-v3-redist", plat->irqchip_regs[1].base,
		      ZG_VGICR_SIZE * zone->nr_cpus);
}

static void read_vdev_nodes(const void *fdt, const struct zg_platform *plat,
			    struct zg_zone *zone, struct zg_diag *diag)
{
	int node;

	fdt_for_each_subnode(node, fdt, zone->node) {
		zg_check_known_props(fdt, node, vdev_props, diag);
		if (fdt_first_subnode(fdt, node) >= 0)
			zg_error(diag, fdt, node,
				 "emulated devices have no child nodes");
		if (zone->nr_vdevs == ZG_MAX_VDEVS) {
			zg_error(diag, fdt, node,
				 "more than %d emulated devices%s",
				 ZG_MAX_VDEVS,
				 plat->vgic_v3 ?
					 " (the virtual GIC counts as two)" :
					 "");
			break;
		}
		if (read_vdev(fdt, plat, node, &zone->vdevs[zone->nr_vdevs],
			      diag))
			zone->nr_vdevs++;
	}
}

void zg_parse_zone_vdevs(const void *fdt, const struct zg_platform *plat,
			 struct zg_zone *zone, struct zg_diag *diag)
{
	u32 i, j;

	add_virtual_irqchip(plat, zone);
	read_vdev_nodes(fdt, plat, zone, diag);
	qsort(zone->vdevs, zone->nr_vdevs, sizeof(zone->vdevs[0]), cmp_vdev);
	for (i = 0; i < zone->nr_vdevs; i++) {
		check_vdev_vs_mem(fdt, zone, &zone->vdevs[i], diag);
		for (j = 0; j < i; j++)
			check_vdev_pair(fdt, zone, &zone->vdevs[j],
					&zone->vdevs[i], diag);
		check_vdev_vs_devs(fdt, zone, &zone->vdevs[i], diag);
		check_vdev_irq(fdt, zone, i, diag);
	}
}
