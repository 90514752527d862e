// SPDX-License-Identifier: Apache-2.0
/*
 * Emulated devices: the child nodes of a zone (virtio ones are read on
 * in virtio.c), the zone's ends of inter-zone channels (ivc.c), and on a
 * GICv3 board the zone's virtual GIC (distributor and redistributors,
 * where the physical ones are), on a PLIC board its virtual PLIC. A node's
 * reg is a guest physical address in the zone's own #address-cells/
 * #size-cells. The hypervisor traps accesses by leaving their pages
 * unmapped, so a device must not share a page with the zone's memory, a
 * channel's shared memory or passthrough devices.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <bulkhead/hvinfo_regs.h>
#include <bulkhead/ivc_regs.h>
#include <bulkhead/virtio_abi.h>

#include "zg_internal.h"

/* Whether a model's node may, must or must not have interrupts. */
enum vdev_irq_rule {
	IRQ_NONE,
	IRQ_OPTIONAL,
	IRQ_REQUIRED,
};

struct vdev_model {
	const char *compatible; /* of the node, its first string */
	const char *virtio; /* bulkhead,virtio of a "virtio,mmio" node */
	const char *config_compatible; /* vdev_config.compatible */
	u64 size; /* the exact size of the register window */
	enum vdev_irq_rule irq;
	enum zg_vdev_kind kind;
	/* The Kconfig option the hypervisor needs for it, for messages. */
	const char *kconfig;
	const char *what;
	const char *menu;
};

static const struct vdev_model vdev_models[] = {
	{
		.compatible = "bulkhead,hvinfo",
		.config_compatible = "bulkhead,hvinfo",
		.size = HVINFO_SIZE,
		.irq = IRQ_NONE,
		.kconfig = "CONFIG_VDEV_HVINFO",
		.what = "hypervisor information device",
		.menu = "Core > Hypervisor information device",
	},
	{
		/* the zone's console UART */
		.compatible = "arm,pl011",
		.config_compatible = "arm,pl011",
		.size = 0x1000,
		.irq = IRQ_OPTIONAL,
		.kconfig = "CONFIG_VUART_PL011",
		.what = "emulated PL011 UART",
		.menu = "Drivers > UARTs > Emulated PL011 console for zones",
	},
	{
		/* the same, on RISC-V boards */
		.compatible = "ns16550a",
		.config_compatible = "ns16550a",
		.size = 0x100,
		.irq = IRQ_OPTIONAL,
		.kconfig = "CONFIG_VUART_NS16550",
		.what = "emulated NS16550A UART",
		.menu = "Drivers > UARTs > Emulated NS16550A console for zones",
	},
	{
		.compatible = "virtio,mmio",
		.virtio = "console",
		.config_compatible = "bulkhead,virtio-console",
		.size = VIRTIO_MMIO_SIZE,
		.irq = IRQ_REQUIRED,
		.kind = ZG_VDEV_VIRTIO_CONSOLE,
		.kconfig = "CONFIG_VIRTIO_CONSOLE",
		.what = "virtio console",
		.menu = "Drivers > virtio devices for zones > virtio-console",
	},
	{
		.compatible = "virtio,mmio",
		.virtio = "block",
		.config_compatible = "bulkhead,virtio-blk",
		.size = VIRTIO_MMIO_SIZE,
		.irq = IRQ_REQUIRED,
		.kind = ZG_VDEV_VIRTIO_BLK,
		.kconfig = "CONFIG_VIRTIO_BLK",
		.what = "virtio block device",
		.menu = "Drivers > virtio devices for zones > virtio-blk",
	},
	{
		.compatible = "virtio,mmio",
		.virtio = "net",
		.config_compatible = "bulkhead,virtio-net",
		.size = VIRTIO_MMIO_SIZE,
		.irq = IRQ_REQUIRED,
		.kind = ZG_VDEV_VIRTIO_NET,
		.kconfig = "CONFIG_VIRTIO_NET",
		.what = "virtio network device",
		.menu = "Drivers > virtio devices for zones > virtio-net",
	},
	{
		/* Not a zone's child: a channel gives each of its zones one. */
		.compatible = "bulkhead,ivc",
		.config_compatible = "bulkhead,ivc",
		.size = IVC_SIZE,
		.irq = IRQ_REQUIRED,
		.kind = ZG_VDEV_IVC,
		.kconfig = "CONFIG_IVC",
		.what = "inter-zone channel",
		.menu = "Core > Inter-zone channels",
	},
};

#define IVC_MODEL (&vdev_models[ARRAY_SIZE(vdev_models) - 1])

static const char *const vdev_props[] = {
	"compatible", "reg", "interrupts", "phandle", NULL,
};

static const char *const virtio_props[] = {
	"compatible",
	"reg",
	"interrupts",
	"phandle",
	"bulkhead,virtio",
	"bulkhead,disk",
	"bulkhead,disk-size",
	"read-only",
	"bulkhead,switch",
	"local-mac-address",
	NULL,
};

/* A "virtio,mmio" node's model is its bulkhead,virtio. */
static const struct vdev_model *find_virtio_model(const void *fdt, int node,
						  struct zg_diag *diag)
{
	const char *type = dt_get_string(fdt, node, "bulkhead,virtio");
	size_t i;

	if (!fdt_getprop(fdt, node, "bulkhead,virtio", NULL)) {
		zg_error(
			diag, fdt, node,
			"missing required property \"bulkhead,virtio\" (\"block\", \"net\" or \"console\")");
		return NULL;
	}
	for (i = 0; type && i < ARRAY_SIZE(vdev_models); i++)
		if (vdev_models[i].virtio &&
		    !strcmp(type, vdev_models[i].virtio))
			return &vdev_models[i];
	zg_error(
		diag, fdt, node,
		"bulkhead,virtio \"%s\" is not one of \"block\", \"net\", \"console\"",
		type ? type : "");
	return NULL;
}

static const struct vdev_model *
find_model(const void *fdt, int node, const char *compat, struct zg_diag *diag)
{
	size_t i;

	if (!strcmp(compat, "virtio,mmio"))
		return find_virtio_model(fdt, node, diag);
	for (i = 0; i < ARRAY_SIZE(vdev_models); i++)
		if (vdev_models[i].kind != ZG_VDEV_IVC &&
		    !strcmp(compat, vdev_models[i].compatible))
			return &vdev_models[i];
	zg_error(
		diag, fdt, node,
		"unknown emulated device compatible \"%s\" (known: bulkhead,hvinfo, arm,pl011, ns16550a, virtio,mmio)%s",
		compat,
		strcmp(compat, "bulkhead,ivc") ?
			"" :
			"; a bulkhead,ivc channel is a child of /bulkhead");
	return NULL;
}

/*
 * A model the hypervisor was built without would only fail when the zone
 * starts: say so now, with the option to turn on.
 */
static void check_model_config(const void *fdt, int node,
			       const struct zg_options *opt,
			       const struct vdev_model *model,
			       struct zg_diag *diag)
{
	if (!opt->config_enabled ||
	    opt->config_enabled(opt->config_ctx, model->kconfig))
		return;
	zg_error(diag, fdt, node,
		 "%s needs %s=y in the configuration (make menuconfig: %s)",
		 model->what, model->kconfig, model->menu);
}

void zg_check_channel_config(const void *fdt, int node,
			     const struct zg_options *opt, struct zg_diag *diag)
{
	check_model_config(fdt, node, opt, IVC_MODEL, diag);
}

/* interrupts = <N>: the source the model raises in the zone's vPLIC. */
static bool read_plic_virq(const void *fdt, const struct zg_platform *plat,
			   int node, u32 *irq, const fdt32_t *cells, int len,
			   struct zg_diag *diag)
{
	if (len != 4) {
		zg_error(
			diag, fdt, node,
			"property \"interrupts\" is malformed: expected one PLIC source <N>");
		return false;
	}
	*irq = fdt32_to_cpu(cells[0]);
	if (*irq < 1 || *irq > plat->plic_ndev) {
		zg_error(
			diag, fdt, node,
			"interrupt <%u> is out of range: PLIC sources are 1..%u",
			*irq, plat->plic_ndev);
		*irq = 0;
		return false;
	}
	return true;
}

/*
 * interrupts = <0 N flags>: the SPI the model raises in the zone's
 * virtual GIC, id 32 + N. Virtual, so it may reuse a physical SPI that is
 * not the zone's.
 */
bool zg_read_virq(const void *fdt, const struct zg_platform *plat, int node,
		  u32 *irq, struct zg_diag *diag)
{
	const fdt32_t *cells;
	int len;

	*irq = 0;
	cells = fdt_getprop(fdt, node, "interrupts", &len);
	if (!cells)
		return true;
	if (plat->plic)
		return read_plic_virq(fdt, plat, node, irq, cells, len, diag);
	if (!plat->vgic_v3) {
		zg_error(
			diag, fdt, node,
			"interrupts of emulated devices need a virtual interrupt controller (an arm,gic-v3 or a PLIC)");
		return false;
	}
	if (len != 12 || fdt32_to_cpu(cells[0]) != ZG_GIC_SPI) {
		zg_error(
			diag, fdt, node,
			"property \"interrupts\" is malformed: expected one GIC SPI <0 number flags>");
		return false;
	}
	if (!zg_gic_spi_id(cells, irq)) {
		zg_error(
			diag, fdt, node,
			"interrupt <0 %u ...> is out of range: interrupt id %u, SPI ids must be below %u",
			fdt32_to_cpu(cells[1]),
			ZG_GIC_SPI_BASE + fdt32_to_cpu(cells[1]),
			ZG_GIC_SPI_BASE + ZG_GIC_NR_SPIS);
		return false;
	}
	return true;
}

static bool read_vdev_irq(const void *fdt, const struct zg_platform *plat,
			  const struct vdev_model *model, struct zg_vdev *v,
			  struct zg_diag *diag)
{
	bool has = fdt_getprop(fdt, v->node, "interrupts", NULL) != NULL;

	if (has && model->irq == IRQ_NONE) {
		zg_error(diag, fdt, v->node, "%s raises no interrupt",
			 model->compatible);
		return false;
	}
	if (!has && model->irq == IRQ_REQUIRED) {
		zg_error(
			diag, fdt, v->node,
			"missing required property \"interrupts\" (a %s raises an interrupt)",
			model->what);
		return false;
	}
	return zg_read_virq(fdt, plat, v->node, &v->irq, diag);
}

static bool read_vdev_reg(const void *fdt, const struct vdev_model *model,
			  struct zg_vdev *v, struct zg_diag *diag)
{
	struct zg_range r[2];
	int n = dt_get_raw_reg(fdt, v->node, r, 1);

	if (n == DT_REG_NONE) {
		zg_error(diag, fdt, v->node,
			 "missing required property \"reg\"");
		return false;
	}
	if (n < 0 || !range_valid(&r[0])) {
		zg_error(
			diag, fdt, v->node,
			"property \"reg\" is malformed: expected one (address, size) pair in the zone's #address-cells/#size-cells");
		return false;
	}
	if (r[0].size != model->size) {
		zg_error(diag, fdt, v->node, "%s needs a reg size of 0x%llx",
			 model->virtio ? "virtio,mmio" : model->compatible,
			 (unsigned long long)model->size);
		return false;
	}
	v->range = r[0];
	return true;
}

static bool read_vdev(const void *fdt, const struct zg_options *opt,
		      const struct zg_platform *plat, int node,
		      struct zg_vdev *v, struct zg_diag *diag)
{
	const struct vdev_model *model;
	const char *compat;

	memset(v, 0, sizeof(*v));
	v->node = node;
	compat = dt_get_string(fdt, node, "compatible");
	if (!compat) {
		zg_error(diag, fdt, node,
			 "missing required property \"compatible\"");
		return false;
	}
	model = find_model(fdt, node, compat, diag);
	if (!model)
		return false;
	v->compatible = model->config_compatible;
	v->kind = model->kind;
	check_model_config(fdt, node, opt, model, diag);
	if (!read_vdev_reg(fdt, model, v, diag) ||
	    !read_vdev_irq(fdt, plat, model, v, diag))
		return false;
	if (model->virtio)
		zg_read_virtio(fdt, opt, plat, v, diag);
	return true;
}

/*
 * How messages name an emulated device: its node, what zonegen added, or
 * a channel's doorbell.
 */
static const char *vdev_name(const void *fdt, const struct zg_vdev *v,
			     char *buf, size_t len)
{
	char path[256], rs[ZG_RANGE_STR];

	if (v->kind == ZG_VDEV_IVC)
		snprintf(buf, len, "the doorbell of channel %s",
			 dt_path(fdt, v->node, path, sizeof(path)));
	else if (v->node >= 0)
		snprintf(buf, len, "emulated device %s",
			 dt_path(fdt, v->node, path, sizeof(path)));
	else
		snprintf(buf, len, "the %s %s", v->what,
			 range_str(&v->range, rs, sizeof(rs)));
	return buf;
}

/*
 * Errors about a channel's end are reported on the channel node, which
 * serves two zones: they start by naming the zone.
 */
static const char *vdev_zone_prefix(const void *fdt, const struct zg_zone *zone,
				    const struct zg_vdev *v, char *buf,
				    size_t len)
{
	char path[256];

	buf[0] = '\0';
	if (v->kind == ZG_VDEV_IVC)
		snprintf(buf, len, "zone %s: ",
			 dt_path(fdt, zone->node, path, sizeof(path)));
	return buf;
}

/*
 * "[a, b)" for a node, "virtual GIC distributor [a, b)" for the vGIC,
 * "zone /bulkhead/zone@1: doorbell [a, b)" for a channel's end.
 */
static const char *vdev_range(const void *fdt, const struct zg_zone *zone,
			      const struct zg_vdev *v, char *buf, size_t len)
{
	char rs[ZG_RANGE_STR], zs[300];

	range_str(&v->range, rs, sizeof(rs));
	if (v->kind == ZG_VDEV_IVC)
		snprintf(buf, len, "%sdoorbell %s",
			 vdev_zone_prefix(fdt, zone, v, zs, sizeof(zs)), rs);
	else if (v->node >= 0)
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
	char rs[ZG_RANGE_STR + 340], os[ZG_RANGE_STR];
	u32 j;

	for (j = 0; j < zone->nr_mem; j++) {
		struct zg_range g = zone_guest_mem(zone, j);

		if (range_valid(&g) && ranges_overlap(&pages, &g))
			zg_error(diag, fdt, vdev_blame(zone, v),
				 "%s overlaps the zone's memory %s",
				 vdev_range(fdt, zone, v, rs, sizeof(rs)),
				 range_str(&g, os, sizeof(os)));
	}
}

/* The shared memory of a channel is RAM to both zones: no traps in it. */
static void check_vdev_vs_shm(const void *fdt, const struct zg_zone *zone,
			      const struct zg_vdev *v, struct zg_diag *diag)
{
	struct zg_range pages = range_to_pages(&v->range);
	char rs[ZG_RANGE_STR + 340], os[ZG_RANGE_STR], path[256];
	const struct zg_vdev *e;
	u32 j;

	for (j = 0; j < zone->nr_vdevs; j++) {
		e = &zone->vdevs[j];
		if (e->kind != ZG_VDEV_IVC || !range_valid(&e->ivc.shm) ||
		    !ranges_overlap(&pages, &e->ivc.shm))
			continue;
		zg_error(diag, fdt, vdev_blame(zone, v),
			 "%s overlaps the shared memory %s of channel %s",
			 vdev_range(fdt, zone, v, rs, sizeof(rs)),
			 range_str(&e->ivc.shm, os, sizeof(os)),
			 dt_path(fdt, e->node, path, sizeof(path)));
	}
}

/* Blames the overlay node of the two, the later one if both are nodes. */
static void check_vdev_pair(const void *fdt, const struct zg_zone *zone,
			    const struct zg_vdev *a, const struct zg_vdev *b,
			    struct zg_diag *diag)
{
	char rs[ZG_RANGE_STR + 340], other[320];

	if (!ranges_overlap(&a->range, &b->range))
		return;
	if (b->node < 0 && a->node >= 0) {
		const struct zg_vdev *t = a;

		a = b;
		b = t;
	}
	zg_error(diag, fdt, vdev_blame(zone, b), "%s overlaps %s",
		 vdev_range(fdt, zone, b, rs, sizeof(rs)),
		 vdev_name(fdt, a, other, sizeof(other)));
}

static void check_vdev_vs_devs(const void *fdt, const struct zg_zone *zone,
			       const struct zg_vdev *v, struct zg_diag *diag)
{
	struct zg_range pages = range_to_pages(&v->range);
	char rs[ZG_RANGE_STR + 340], path[256];
	u32 j, d;

	vdev_range(fdt, zone, v, rs, sizeof(rs));
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
	char path[256], zs[300], other[320];
	u32 j;

	if (!v->irq)
		return;
	vdev_zone_prefix(fdt, zone, v, zs, sizeof(zs));
	for (j = 0; j < zone->nr_irqs; j++)
		if (zone->irqs[j].id == v->irq)
			zg_error(
				diag, fdt, v->node,
				"%sinterrupt id %u is already the zone's passthrough interrupt of device %s",
				zs, v->irq,
				dt_path(fdt, zone->irqs[j].dev, path,
					sizeof(path)));
	for (j = 0; j < i; j++)
		if (zone->vdevs[j].irq == v->irq)
			zg_error(diag, fdt, v->node,
				 "%sinterrupt id %u is already raised by %s",
				 zs, v->irq,
				 vdev_name(fdt, &zone->vdevs[j], other,
					   sizeof(other)));
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

static void read_vdev_nodes(const void *fdt, const struct zg_options *opt,
			    const struct zg_platform *plat,
			    struct zg_zone *zone, struct zg_diag *diag)
{
	const char *compat;
	int node;

	fdt_for_each_subnode(node, fdt, zone->node) {
		compat = dt_get_string(fdt, node, "compatible");
		zg_check_known_props(fdt, node,
				     compat && !strcmp(compat, "virtio,mmio") ?
					     virtio_props :
					     vdev_props,
				     diag);
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
		if (read_vdev(fdt, opt, plat, node,
			      &zone->vdevs[zone->nr_vdevs], diag))
			zone->nr_vdevs++;
	}
}

void zg_parse_zone_vdevs(const void *fdt, const struct zg_options *opt,
			 const struct zg_platform *plat, struct zg_zone *zone,
			 struct zg_diag *diag)
{
	u32 i, j;

	add_virtual_irqchip(plat, zone);
	read_vdev_nodes(fdt, opt, plat, zone, diag);
	zg_add_ivc_ends(fdt, plat, zone, diag);
	qsort(zone->vdevs, zone->nr_vdevs, sizeof(zone->vdevs[0]), cmp_vdev);
	for (i = 0; i < zone->nr_vdevs; i++) {
		check_vdev_vs_mem(fdt, zone, &zone->vdevs[i], diag);
		check_vdev_vs_shm(fdt, zone, &zone->vdevs[i], diag);
		for (j = 0; j < i; j++)
			check_vdev_pair(fdt, zone, &zone->vdevs[j],
					&zone->vdevs[i], diag);
		check_vdev_vs_devs(fdt, zone, &zone->vdevs[i], diag);
		check_vdev_irq(fdt, zone, i, diag);
	}
	zg_check_zone_virtio(fdt, zone, diag);
}
