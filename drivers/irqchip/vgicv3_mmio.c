// SPDX-License-Identifier: Apache-2.0
/*
 * The register windows of a zone's virtual GICv3: the distributor and
 * one redistributor frame per vCPU, decoded here and applied to the state
 * in vgicv3.c. Affinity routing is always on (GICD_CTLR.ARE_NS reads 1),
 * there is one security state as seen by the zone, no LPIs and no ITS.
 * Interrupts the zone does not own read as zero and ignore writes.
 * Accesses of the wrong width fault the zone, as the spec allows.
 */
#include <bulkhead/zone.h>

#include "vgicv3.h"

#define GICD_CTLR 0x0000
#define GICD_TYPER 0x0004
#define GICD_IIDR 0x0008
#define GICD_IGROUPR 0x0080
#define GICD_ICACTIVER_END 0x0400
#define GICD_IPRIORITYR 0x0400
#define GICD_IPRIORITYR_END 0x0800
#define GICD_ICFGR 0x0c00
#define GICD_ICFGR_END 0x0d00
#define GICD_IROUTER 0x6000
#define GICD_IROUTER_END 0x8000
#define GIC_PIDR2 0xffe8

#define GICR_FRAME 0x20000
#define GICR_SGI 0x10000
#define GICR_CTLR 0x0000
#define GICR_IIDR 0x0004
#define GICR_TYPER 0x0008
#define GICR_WAKER 0x0014
#define GICR_TYPER_LAST BIT(4)
#define GICR_WAKER_PS BIT(1)
#define GICR_WAKER_CA BIT(2)

/* IIDR: Arm's JEP106 code as implementer (as QEMU's own GIC reports). */
#define VGIC_IIDR 0x0042b43b
#define VGIC_PIDR2 0x3b /* architecture revision 3 */

/* IGROUPR at 0x80 ... ICACTIVER at 0x380: 0x80 apart, in enum order. */
static enum vgic_bitreg bitreg_of(u64 off)
{
	return (enum vgic_bitreg)((off - GICD_IGROUPR) / 0x80);
}

static int bitreg_access(struct vgic *g, u32 vcpu, u32 first, u64 off,
			 struct mmio_access *acc)
{
	enum vgic_bitreg r = bitreg_of(off);

	if (acc->width != 4)
		return -1;
	if (!acc->write)
		acc->value = vgic_read_bits(g, vcpu, first, r);
	else if (r != VGIC_GROUP)
		vgic_write_bits(g, vcpu, first, r, (u32)acc->value);
	return 0;
}

/* @width priority bytes from interrupt @first on, as one value. */
static int prio_access(struct vgic *g, u32 vcpu, u32 first,
		       struct mmio_access *acc)
{
	if (acc->width != 1 && acc->width != 4)
		return -1;
	if (acc->write)
		vgic_write_prios(g, vcpu, first, acc->width, acc->value);
	else
		acc->value = vgic_read_prios(g, vcpu, first, acc->width);
	return 0;
}

static int cfg_access(struct vgic *g, u32 vcpu, u32 first,
		      struct mmio_access *acc)
{
	if (acc->width != 4)
		return -1;
	if (acc->write)
		vgic_write_cfg(g, vcpu, first, (u32)acc->value);
	else
		acc->value = vgic_read_cfg(g, vcpu, first);
	return 0;
}

/* IIDR and PIDR2 of a redistributor; anything else there is RAZ. */
static u32 id_reg(u64 off, u64 iidr)
{
	if (off == iidr)
		return VGIC_IIDR;
	return off == GIC_PIDR2 ? VGIC_PIDR2 : 0;
}

/*
 * The distributor's registers, decoded through a table of regions (as
 * Xen's and Bao's vGICs do): each names its offsets, the access widths it
 * takes (anything else faults the zone) and, for per-interrupt registers,
 * how many bits each interrupt has there, from which the dispatcher finds
 * the first interrupt an access covers. The private interrupts' part of a
 * per-interrupt register reads as zero and ignores writes: with affinity
 * routing they live in the redistributors. Offsets in no region are
 * reserved: 32-bit RAZ/WI.
 */
#define W1 BIT(1)
#define W4 BIT(4)
#define W8 BIT(8)
#define VGIC_NR_PRIVATE 32

struct gicd_region {
	u32 start, end; /* [start, end) */
	u16 widths; /* BIT(n): n-byte accesses allowed */
	u8 bits_per_irq; /* 0: not a per-interrupt register */
	u8 first_irq; /* the interrupt whose bits are at `start` */
	u8 bitreg; /* which enum vgic_bitreg, for the 1-bit registers */
	u64 (*read)(struct vgic *g, const struct gicd_region *r, u64 off,
		    u32 irq, unsigned int width);
	/* NULL: writes are ignored. */
	void (*write)(struct vgic *g, const struct gicd_region *r, u64 off,
		      u32 irq, unsigned int width, u64 val);
};

/* GICD_TYPER: ITLinesNumber for our SPIs, 10 id bits, no LPIs. */
static u64 typer_read(struct vgic *g, const struct gicd_region *r, u64 off,
		      u32 irq, unsigned int width)
{
	(void)g, (void)r, (void)off, (void)irq, (void)width;
	return ((VGIC_NR_IRQS + 31) / 32 - 1) | (9u << 19);
}

static u64 ctlr_read(struct vgic *g, const struct gicd_region *r, u64 off,
		     u32 irq, unsigned int width)
{
	(void)r, (void)off, (void)irq, (void)width;
	return g->ctlr;
}

static void ctlr_write(struct vgic *g, const struct gicd_region *r, u64 off,
		       u32 irq, unsigned int width, u64 val)
{
	(void)r, (void)off, (void)irq, (void)width;
	vgic_write_ctlr(g, (u32)val);
}

static u64 iidr_read(struct vgic *g, const struct gicd_region *r, u64 off,
		     u32 irq, unsigned int width)
{
	(void)g, (void)r, (void)off, (void)irq, (void)width;
	return VGIC_IIDR;
}

static u64 pidr2_read(struct vgic *g, const struct gicd_region *r, u64 off,
		      u32 irq, unsigned int width)
{
	(void)g, (void)r, (void)off, (void)irq, (void)width;
	return VGIC_PIDR2;
}

/* IGROUPR ... ICACTIVER: one bit per interrupt; the group is fixed. */
static u64 bits_read(struct vgic *g, const struct gicd_region *r, u64 off,
		     u32 irq, unsigned int width)
{
	(void)off, (void)width;
	return vgic_read_bits(g, 0, irq, (enum vgic_bitreg)r->bitreg);
}

static void bits_write(struct vgic *g, const struct gicd_region *r, u64 off,
		       u32 irq, unsigned int width, u64 val)
{
	(void)off, (void)width;
	if (r->bitreg != VGIC_GROUP)
		vgic_write_bits(g, 0, irq, (enum vgic_bitreg)r->bitreg,
				(u32)val);
}

/* IPRIORITYR: byte or word access, one byte per interrupt. */
static u64 prio_read(struct vgic *g, const struct gicd_region *r, u64 off,
		     u32 irq, unsigned int width)
{
	(void)r, (void)off;
	return vgic_read_prios(g, 0, irq, width);
}

static void prio_write(struct vgic *g, const struct gicd_region *r, u64 off,
		       u32 irq, unsigned int width, u64 val)
{
	(void)r, (void)off;
	vgic_write_prios(g, 0, irq, width, val);
}

static u64 cfg_read(struct vgic *g, const struct gicd_region *r, u64 off,
		    u32 irq, unsigned int width)
{
	(void)r, (void)off, (void)width;
	return vgic_read_cfg(g, 0, irq);
}

static void cfg_write(struct vgic *g, const struct gicd_region *r, u64 off,
		      u32 irq, unsigned int width, u64 val)
{
	(void)r, (void)off, (void)width;
	vgic_write_cfg(g, 0, irq, (u32)val);
}

/* IROUTER: 64-bit, or either 32-bit half. */
static u64 route_read(struct vgic *g, const struct gicd_region *r, u64 off,
		      u32 irq, unsigned int width)
{
	u64 cur = vgic_read_route(g, irq);

	(void)r;
	return width == 8 ? cur : (u32)(cur >> ((off & 4) * 8));
}

static void route_write(struct vgic *g, const struct gicd_region *r, u64 off,
			u32 irq, unsigned int width, u64 val)
{
	unsigned int shift = (off & 4) * 8;

	(void)r;
	if (width == 4)
		val = (vgic_read_route(g, irq) & ~(0xffffffffull << shift)) |
		      (val << shift);
	vgic_write_route(g, irq, val);
}

/* IGROUPR at 0x80 ... ICACTIVER at 0x380: 0x80 apart, in enum order. */
#define GICD_BITREG(reg)                                                \
	{                                                               \
		.start = GICD_IGROUPR + 0x80 * (reg),                   \
		.end = GICD_IGROUPR + 0x80 * ((reg) + 1), .widths = W4, \
		.bits_per_irq = 1, .bitreg = (reg), .read = bits_read,  \
		.write = bits_write                                     \
	}

static const struct gicd_region gicd_regions[] = {
	{ GICD_CTLR, GICD_CTLR + 4, W4, 0, 0, 0, ctlr_read, ctlr_write },
	{ GICD_TYPER, GICD_TYPER + 4, W4, 0, 0, 0, typer_read, NULL },
	{ GICD_IIDR, GICD_IIDR + 4, W4, 0, 0, 0, iidr_read, NULL },
	GICD_BITREG(VGIC_GROUP),
	GICD_BITREG(VGIC_SET_ENABLE),
	GICD_BITREG(VGIC_CLEAR_ENABLE),
	GICD_BITREG(VGIC_SET_PENDING),
	GICD_BITREG(VGIC_CLEAR_PENDING),
	GICD_BITREG(VGIC_SET_ACTIVE),
	GICD_BITREG(VGIC_CLEAR_ACTIVE),
	{ GICD_IPRIORITYR, GICD_IPRIORITYR_END, W1 | W4, 8, 0, 0, prio_read,
	  prio_write },
	{ GICD_ICFGR, GICD_ICFGR_END, W4, 2, 0, 0, cfg_read, cfg_write },
	/* IROUTER0-31 (private interrupts) are reserved. */
	{ GICD_IROUTER + 8 * VGIC_NR_PRIVATE, GICD_IROUTER_END, W4 | W8, 64,
	  VGIC_NR_PRIVATE, 0, route_read, route_write },
	{ GIC_PIDR2, GIC_PIDR2 + 4, W4, 0, 0, 0, pidr2_read, NULL },
};

static const struct gicd_region *gicd_region_of(u64 off)
{
	for (u32 i = 0; i < ARRAY_SIZE(gicd_regions); i++)
		if (off >= gicd_regions[i].start && off < gicd_regions[i].end)
			return &gicd_regions[i];
	return NULL;
}

/* Applies one aligned access to the distributor; -1 faults the zone. */
static int gicd_dispatch(struct vgic *g, u64 off, struct mmio_access *acc)
{
	const struct gicd_region *r = gicd_region_of(off);
	u32 irq = 0;

	if (acc->width > 8 || !(BIT(acc->width) & (r ? r->widths : W4)))
		return -1;
	if (r && r->bits_per_irq)
		irq = r->first_irq +
		      (u32)((off - r->start) * 8 / r->bits_per_irq);
	if (!r || (r->bits_per_irq && irq < VGIC_NR_PRIVATE)) {
		if (!acc->write)
			acc->value = 0; /* reserved or private: RAZ/WI */
		return 0;
	}
	if (!acc->write)
		acc->value = r->read(g, r, off, irq, acc->width);
	else if (r->write)
		r->write(g, r, off, irq, acc->width, acc->value);
	return 0;
}

static int gicd_access(struct vdev *dev, struct mmio_access *acc)
{
	struct vgic *g = dev->priv;
	int ret;

	if (acc->offset & (acc->width - 1))
		return -1;
	spin_lock(&g->lock);
	ret = gicd_dispatch(g, acc->offset, acc);
	spin_unlock(&g->lock);
	return ret;
}

/* RD_base: who this frame is, and the (only) power control. */
static int gicr_rd(struct vgic *g, u32 vcpu, u64 off, struct mmio_access *acc)
{
	struct vgic_cpu *c = &g->cpu[vcpu];
	u64 typer = ((u64)vcpu << 32) | ((u64)vcpu << 8) |
		    (vcpu + 1 == g->zone->nr_vcpus ? GICR_TYPER_LAST : 0);

	if (off == GICR_TYPER && acc->width == 8 && !acc->write) {
		acc->value = typer;
		return 0;
	}
	if (acc->width != 4)
		return -1;
	if (acc->write) {
		if (off == GICR_WAKER)
			c->asleep = acc->value & GICR_WAKER_PS;
		return 0;
	}
	if (off == GICR_TYPER || off == GICR_TYPER + 4)
		acc->value = (u32)(typer >> ((off - GICR_TYPER) * 8));
	else if (off == GICR_WAKER)
		acc->value = c->asleep ? GICR_WAKER_PS | GICR_WAKER_CA : 0;
	else
		acc->value = id_reg(off, GICR_IIDR);
	return 0;
}

/* SGI_base: the same bank layout as the distributor's first registers. */
static int gicr_sgi(struct vgic *g, u32 vcpu, u64 off, struct mmio_access *acc)
{
	if (off >= GICD_IGROUPR && off < GICD_ICACTIVER_END && off % 0x80 == 0)
		return bitreg_access(g, vcpu, 0, off, acc);
	if (off >= GICD_IPRIORITYR && off < GICD_IPRIORITYR + 32)
		return prio_access(g, vcpu, (u32)(off - GICD_IPRIORITYR), acc);
	if (off == GICD_ICFGR || off == GICD_ICFGR + 4)
		return cfg_access(g, vcpu, off == GICD_ICFGR ? 0 : 16, acc);
	if (acc->width != 4)
		return -1;
	if (!acc->write)
		acc->value = 0;
	return 0;
}

static int gicr_access(struct vdev *dev, struct mmio_access *acc)
{
	struct vgic *g = dev->priv;
	u32 vcpu = (u32)(acc->offset / GICR_FRAME);
	u64 off = acc->offset % GICR_FRAME;
	int ret;

	if (acc->offset & (acc->width - 1) || vcpu >= g->zone->nr_vcpus)
		return -1;
	spin_lock(&g->lock);
	if (off >= GICR_SGI)
		ret = gicr_sgi(g, vcpu, off - GICR_SGI, acc);
	else
		ret = gicr_rd(g, vcpu, off, acc);
	spin_unlock(&g->lock);
	return ret;
}

DECLARE_DRIVER(vgicd_type, DRIVER_VDEV, struct vdev_type,
	       "bulkhead,vgic-v3-dist") = {
	.init = vgic_attach,
	.access = gicd_access,
};

DECLARE_DRIVER(vgicr_type, DRIVER_VDEV, struct vdev_type,
	       "bulkhead,vgic-v3-redist") = {
	.init = vgic_attach,
	.access = gicr_access,
};
