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

/* GICD_TYPER: ITLinesNumber for our SPIs, 10 id bits, no LPIs. */
static u32 gicd_typer(void)
{
	return ((VGIC_NR_IRQS + 31) / 32 - 1) | (9u << 19);
}

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

/* IPRIORITYR: byte or word access, one byte per interrupt. */
static int prio_access(struct vgic *g, u32 vcpu, u32 first,
		       struct mmio_access *acc)
{
	if (acc->width != 1 && acc->width != 4)
		return -1;
	if (!acc->write)
		acc->value = 0;
	for (u32 i = 0; i < acc->width; i++) {
		struct vgic_irq *vi = vgic_irq(g, vcpu, first + i);

		if (acc->write)
			vgic_write_prio(g, vcpu, first + i,
					(u8)(acc->value >> (8 * i)));
		else if (vi)
			acc->value |= (u64)vi->prio << (8 * i);
	}
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

/* IROUTER: 64-bit, or either 32-bit half. */
static int route_access(struct vgic *g, u64 off, struct mmio_access *acc)
{
	u32 id = (u32)((off - GICD_IROUTER) / 8);
	unsigned int shift = (off & 4) * 8;
	u64 cur = vgic_read_route(g, id);

	if (acc->width != 8 && (acc->width != 4 || (off & 3)))
		return -1;
	if (!acc->write) {
		acc->value = acc->width == 8 ? cur : (u32)(cur >> shift);
		return 0;
	}
	if (acc->width == 4)
		acc->value = (cur & ~(0xffffffffull << shift)) |
			     (acc->value << shift);
	vgic_write_route(g, id, acc->value);
	return 0;
}

/* IIDR and PIDR2 of either window; anything else there is RAZ. */
static u32 id_reg(u64 off, u64 iidr)
{
	if (off == iidr)
		return VGIC_IIDR;
	return off == GIC_PIDR2 ? VGIC_PIDR2 : 0;
}

/* Identification and control registers; the rest is reserved: RAZ/WI. */
static int gicd_misc(struct vgic *g, u64 off, struct mmio_access *acc)
{
	if (acc->width != 4)
		return -1;
	if (acc->write) {
		if (off == GICD_CTLR)
			vgic_write_ctlr(g, (u32)acc->value);
		return 0;
	}
	if (off == GICD_CTLR)
		acc->value = g->ctlr;
	else if (off == GICD_TYPER)
		acc->value = gicd_typer();
	else
		acc->value = id_reg(off, GICD_IIDR);
	return 0;
}

/* In the distributor, the first register of each bank (SGIs and PPIs)
 * reads as zero: with affinity routing they live in the redistributors. */
static int gicd_dispatch(struct vgic *g, u64 off, struct mmio_access *acc)
{
	if (off >= GICD_IGROUPR && off < GICD_ICACTIVER_END) {
		u32 first = (u32)(off % 0x80) / 4 * 32;

		return bitreg_access(g, 0, first < 32 ? VGIC_NR_IRQS : first,
				     off - off % 0x80, acc);
	}
	if (off >= GICD_IPRIORITYR && off < GICD_IPRIORITYR_END)
		return prio_access(g, 0,
				   off < GICD_IPRIORITYR + 32 ?
					   VGIC_NR_IRQS :
					   (u32)(off - GICD_IPRIORITYR),
				   acc);
	if (off >= GICD_ICFGR && off < GICD_ICFGR_END)
		return cfg_access(g, 0,
				  off < GICD_ICFGR + 8 ?
					  VGIC_NR_IRQS :
					  (u32)(off - GICD_ICFGR) / 4 * 16,
				  acc);
	if (off >= GICD_IROUTER + 32 * 8 && off < GICD_IROUTER_END)
		return route_access(g, off, acc);
	return gicd_misc(g, off, acc);
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
