// SPDX-License-Identifier: Apache-2.0
/*
 * The register windows of a zone's virtual GICv2. The distributor is
 * trapped and decoded here, by a table of regions as vgicv3_mmio.c does,
 * and applied to the shared state (vgicv3.c). Unlike the GICv3's, a GICv2
 * distributor holds the private interrupts too, banked per CPU: an access
 * to their part of a register is the accessing vCPU's. SGIs are sent
 * through GICD_SGIR and reach only the zone's own vCPUs. There is one
 * security state and everything is Group 0 (IGROUPR reads as zero).
 * Interrupts the zone does not own read as zero and ignore writes.
 *
 * The CPU interface window is not trapped at all: the hardware's virtual
 * CPU interface (GICV) is mapped there by stage 2.
 */
#define pr_fmt(fmt) "vgic: " fmt

#include <bulkhead/arch.h>
#include <bulkhead/percpu.h>
#include <bulkhead/printk.h>
#include <bulkhead/zone.h>

#include "vgicv2.h"

#define GICD_CTLR 0x0000
#define GICD_TYPER 0x0004
#define GICD_IIDR 0x0008
#define GICD_IGROUPR 0x0080
#define GICD_IPRIORITYR 0x0400
#define GICD_ITARGETSR 0x0800
#define GICD_ICFGR 0x0c00
#define GICD_SGIR 0x0f00
#define GIC_PIDR2 0x0fe8
#define GICD_END 0x1000

#define GICD_TYPER_CPUS_SHIFT 5
#define GICD_SGIR_FILTER_SHIFT 24
#define GICD_SGIR_LIST_SHIFT 16
#define SGIR_TO_LIST 0
#define SGIR_TO_OTHERS 1
#define SGIR_TO_SELF 2

/* IIDR: Arm's JEP106 code, product GIC-400; PIDR2: architecture v2. */
#define VGIC_IIDR 0x0200143b
#define VGIC_PIDR2 0x2b

#define W1 BIT(1)
#define W4 BIT(4)

struct gicd_region {
	u32 start, end; /* [start, end) */
	u16 widths; /* BIT(n): n-byte accesses allowed */
	u8 bits_per_irq; /* 0: not a per-interrupt register */
	u8 bitreg; /* which enum vgic_bitreg, for the 1-bit registers */
	u32 (*read)(struct vgic *g, const struct gicd_region *r, u32 vcpu,
		    u32 irq, unsigned int width);
	/* NULL: writes are ignored. */
	void (*write)(struct vgic *g, const struct gicd_region *r, u32 vcpu,
		      u32 irq, unsigned int width, u32 val);
};

static u32 ctlr_read(struct vgic *g, const struct gicd_region *r, u32 vcpu,
		     u32 irq, unsigned int width)
{
	(void)r, (void)vcpu, (void)irq, (void)width;
	return g->ctlr & (GICD_CTLR_EN_GRP1 | GICD_CTLR_EN_GRP1A);
}

static void ctlr_write(struct vgic *g, const struct gicd_region *r, u32 vcpu,
		       u32 irq, unsigned int width, u32 val)
{
	(void)r, (void)vcpu, (void)irq, (void)width;
	vgic_write_ctlr(g, val);
}

/* ITLinesNumber for our SPIs, CPUNumber for the zone's vCPUs. */
static u32 typer_read(struct vgic *g, const struct gicd_region *r, u32 vcpu,
		      u32 irq, unsigned int width)
{
	(void)r, (void)vcpu, (void)irq, (void)width;
	return ((VGIC_NR_IRQS + 31) / 32 - 1) |
	       ((g->zone->nr_vcpus - 1) << GICD_TYPER_CPUS_SHIFT);
}

static u32 iidr_read(struct vgic *g, const struct gicd_region *r, u32 vcpu,
		     u32 irq, unsigned int width)
{
	(void)g, (void)r, (void)vcpu, (void)irq, (void)width;
	return VGIC_IIDR;
}

static u32 pidr2_read(struct vgic *g, const struct gicd_region *r, u32 vcpu,
		      u32 irq, unsigned int width)
{
	(void)g, (void)r, (void)vcpu, (void)irq, (void)width;
	return VGIC_PIDR2;
}

static u32 zero_read(struct vgic *g, const struct gicd_region *r, u32 vcpu,
		     u32 irq, unsigned int width)
{
	(void)g, (void)r, (void)vcpu, (void)irq, (void)width;
	return 0;
}

/* ISENABLER ... ICACTIVER: one bit per interrupt. */
static u32 bits_read(struct vgic *g, const struct gicd_region *r, u32 vcpu,
		     u32 irq, unsigned int width)
{
	(void)width;
	return vgic_read_bits(g, vcpu, irq, (enum vgic_bitreg)r->bitreg);
}

static void bits_write(struct vgic *g, const struct gicd_region *r, u32 vcpu,
		       u32 irq, unsigned int width, u32 val)
{
	(void)width;
	vgic_write_bits(g, vcpu, irq, (enum vgic_bitreg)r->bitreg, val);
}

/* IPRIORITYR: byte or word access, one byte per interrupt. */
static u32 prio_read(struct vgic *g, const struct gicd_region *r, u32 vcpu,
		     u32 irq, unsigned int width)
{
	(void)r;
	return (u32)vgic_read_prios(g, vcpu, irq, width);
}

static void prio_write(struct vgic *g, const struct gicd_region *r, u32 vcpu,
		       u32 irq, unsigned int width, u32 val)
{
	(void)r;
	vgic_write_prios(g, vcpu, irq, width, val);
}

/* ITARGETSR: a CPU mask per interrupt; a private one names its own vCPU. */
static u32 target_read(struct vgic *g, const struct gicd_region *r, u32 vcpu,
		       u32 irq, unsigned int width)
{
	u32 val = 0;

	(void)r;
	for (u32 i = 0; i < width; i++) {
		u32 id = irq + i;
		struct vgic_irq *vi = vgic_irq(g, vcpu, id);

		if (vi)
			val |= BIT(id < 32 ? vcpu : vi->target) << (8 * i);
	}
	return val;
}

/*
 * A shared interrupt goes to one vCPU: the lowest the mask names. Bits
 * of CPUs the zone does not have are dropped; nothing left keeps the
 * old target.
 */
static void target_write(struct vgic *g, const struct gicd_region *r, u32 vcpu,
			 u32 irq, unsigned int width, u32 val)
{
	u32 mine = (u32)BIT(g->zone->nr_vcpus) - 1;

	(void)r, (void)vcpu;
	for (u32 i = 0; i < width; i++) {
		u32 id = irq + i, mask = (val >> (8 * i)) & 0xff & mine;

		if (id >= 32 && mask)
			vgic_write_route(g, id, ctz64(mask));
	}
}

static u32 cfg_read(struct vgic *g, const struct gicd_region *r, u32 vcpu,
		    u32 irq, unsigned int width)
{
	(void)r, (void)width;
	return vgic_read_cfg(g, vcpu, irq);
}

static void cfg_write(struct vgic *g, const struct gicd_region *r, u32 vcpu,
		      u32 irq, unsigned int width, u32 val)
{
	(void)r, (void)width;
	vgic_write_cfg(g, vcpu, irq, val);
}

/* The vCPUs an SGIR write names, as a mask of the zone's vCPUs. */
static u32 sgi_targets(const struct vgic *g, u32 self, u32 val)
{
	u32 mine = (u32)BIT(g->zone->nr_vcpus) - 1;

	switch ((val >> GICD_SGIR_FILTER_SHIFT) & 3) {
	case SGIR_TO_LIST:
		return (val >> GICD_SGIR_LIST_SHIFT) & 0xff & mine;
	case SGIR_TO_OTHERS:
		return mine & ~BIT(self);
	case SGIR_TO_SELF:
		return BIT(self);
	default:
		return 0; /* reserved filter: no one */
	}
}

static void sgir_write(struct vgic *g, const struct gicd_region *r, u32 vcpu,
		       u32 irq, unsigned int width, u32 val)
{
	u32 id = val & 0xf;

	(void)r, (void)irq, (void)width;
	for (u32 t = sgi_targets(g, vcpu, val); t; t &= t - 1) {
		u32 target = ctz64(t);
		struct vgic_irq *vi = vgic_irq(g, target, id);

		if (vi)
			vgic_make_pending(g, target, id, vi);
	}
}

#define GICD_BITREG(reg)                                                \
	{                                                               \
		.start = GICD_IGROUPR + 0x80 * (reg),                   \
		.end = GICD_IGROUPR + 0x80 * ((reg) + 1), .widths = W4, \
		.bits_per_irq = 1, .bitreg = (reg), .read = bits_read,  \
		.write = bits_write                                     \
	}

static const struct gicd_region gicd_regions[] = {
	{ GICD_CTLR, GICD_CTLR + 4, W4, 0, 0, ctlr_read, ctlr_write },
	{ GICD_TYPER, GICD_TYPER + 4, W4, 0, 0, typer_read, NULL },
	{ GICD_IIDR, GICD_IIDR + 4, W4, 0, 0, iidr_read, NULL },
	/* Group 0 only: RAZ/WI. */
	{ GICD_IGROUPR, GICD_IGROUPR + 0x80, W4, 1, 0, zero_read, NULL },
	GICD_BITREG(VGIC_SET_ENABLE),
	GICD_BITREG(VGIC_CLEAR_ENABLE),
	GICD_BITREG(VGIC_SET_PENDING),
	GICD_BITREG(VGIC_CLEAR_PENDING),
	GICD_BITREG(VGIC_SET_ACTIVE),
	GICD_BITREG(VGIC_CLEAR_ACTIVE),
	{ GICD_IPRIORITYR, GICD_ITARGETSR, W1 | W4, 8, 0, prio_read,
	  prio_write },
	{ GICD_ITARGETSR, GICD_ICFGR, W1 | W4, 8, 0, target_read,
	  target_write },
	{ GICD_ICFGR, GICD_ICFGR + 0x100, W4, 2, 0, cfg_read, cfg_write },
	{ GICD_SGIR, GICD_SGIR + 4, W4, 0, 0, zero_read, sgir_write },
	{ GIC_PIDR2, GIC_PIDR2 + 4, W4, 0, 0, pidr2_read, NULL },
};

static const struct gicd_region *gicd_region_of(u64 off)
{
	for (u32 i = 0; i < ARRAY_SIZE(gicd_regions); i++)
		if (off >= gicd_regions[i].start && off < gicd_regions[i].end)
			return &gicd_regions[i];
	return NULL;
}

/* Applies one aligned access of vCPU @vcpu; -1 faults the zone. */
static int gicd_dispatch(struct vgic *g, u32 vcpu, u64 off,
			 struct mmio_access *acc)
{
	const struct gicd_region *r = gicd_region_of(off);
	u32 irq = 0;

	if (acc->width > 4 || !(BIT(acc->width) & (r ? r->widths : W4)))
		return -1;
	if (!r) {
		if (!acc->write)
			acc->value = 0; /* reserved: RAZ/WI */
		return 0;
	}
	if (r->bits_per_irq)
		irq = (u32)((off - r->start) * 8 / r->bits_per_irq);
	if (!acc->write)
		acc->value = r->read(g, r, vcpu, irq, acc->width);
	else if (r->write)
		r->write(g, r, vcpu, irq, acc->width, (u32)acc->value);
	return 0;
}

static int gicd_access(struct vdev *dev, struct mmio_access *acc)
{
	struct vgic *g = dev->priv;
	int ret;

	if (acc->offset & (acc->width - 1) || acc->offset >= GICD_END)
		return -1;
	spin_lock(&g->lock);
	ret = gicd_dispatch(g, this_cpu()->vcpu_index, acc->offset, acc);
	spin_unlock(&g->lock);
	return ret;
}

/*
 * The zone's GICC window is the hardware's GICV frame, mapped by stage 2:
 * the guest's acknowledges, EOIs and priority mask do not trap.
 */
static int gicc_init(struct vdev *dev)
{
	const struct dev_region *gicv;
	u64 off;
	int err;

	if (platform.irqchip.nr_regs < VGICV2_NR_REGS)
		return -1;
	gicv = &platform.irqchip.regs[VGICV2_REG_GICV];
	off = gicv2_frame_offset(gicv->size);
	if (dev->cfg->size > gicv->size - off)
		return -1;
	err = pt_map_range(
		&dev->zone->s2, dev->cfg->base, gicv->base + off,
		dev->cfg->size,
		arch_stage2_attrs(MEM_READ | MEM_WRITE | MEM_DEVICE));
	if (err)
		pr_err("zone %s: cannot map GICV at %#llx (%d)\n",
		       dev->zone->cfg->name, (unsigned long long)dev->cfg->base,
		       err);
	return err;
}

/* Only reached if the mapping is gone: an access the zone cannot make. */
static int gicc_access(struct vdev *dev, struct mmio_access *acc)
{
	(void)dev, (void)acc;
	return -1;
}

DECLARE_DRIVER(vgicv2_dist_type, DRIVER_VDEV, struct vdev_type,
	       "bulkhead,vgic-v2-dist") = {
	.init = vgic_attach,
	.access = gicd_access,
};

DECLARE_DRIVER(vgicv2_cpu_type, DRIVER_VDEV, struct vdev_type,
	       "bulkhead,vgic-v2-cpu") = {
	.init = gicc_init,
	.access = gicc_access,
};
