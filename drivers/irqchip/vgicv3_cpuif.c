// SPDX-License-Identifier: Apache-2.0
/*
 * Virtual GICv3: the CPU interface side. Each vCPU runs on its own
 * physical CPU, so that CPU's list registers (ICH_LR<n>_EL2) are the
 * vCPU's and are written only by it, on its way back into the guest
 * (vgic_flush).
 *
 * More pending interrupts than list registers: the best ones go in, a
 * pending-only list register of lower priority is evicted for a better
 * one, and the underflow maintenance interrupt (ICH_HCR_EL2.UIE) brings
 * the CPU back when the guest has emptied them. Level-triggered emulated
 * interrupts ask for an EOI maintenance interrupt, so the line is sampled
 * again after the guest handled it.
 */
#define pr_fmt(fmt) "vgic: " fmt

#include <bulkhead/driver.h>
#include <bulkhead/irq.h>
#include <bulkhead/percpu.h>
#include <bulkhead/printk.h>
#include <bulkhead/virq.h>
#include <bulkhead/zone.h>
#include <asm/sysreg.h>

#include "vgicv3.h"

#define LR_PENDING BIT(62)
#define LR_ACTIVE BIT(63)
#define LR_STATE (LR_PENDING | LR_ACTIVE)
#define LR_HW BIT(61)
#define LR_GROUP1 BIT(60)
#define LR_EOI BIT(41) /* maintenance interrupt on EOI (HW = 0 only) */
#define LR_PRIO_SHIFT 48
#define LR_PINTID_SHIFT 32

#define ICH_HCR_EN BIT(0)
#define ICH_HCR_UIE BIT(1)

#define ICC_SGI1R SYSREG_ISS(3, 0, 12, 11, 5)
#define ICC_ASGI1R SYSREG_ISS(3, 0, 12, 11, 6)
#define ICC_SGI0R SYSREG_ISS(3, 0, 12, 11, 7)

static u32 nr_lrs;

/* List registers are named in the instruction: one case per register. */
#define LR_CASE(n, crm, op2, op)            \
	case n:                             \
		op(S3_4_C12_##crm##_##op2); \
		break

static u64 lr_read(u32 n)
{
	u64 v = 0;
#define LR_RD(reg) (v = read_sysreg(reg))
	switch (n) {
		LR_CASE(0, C12, 0, LR_RD);
		LR_CASE(1, C12, 1, LR_RD);
		LR_CASE(2, C12, 2, LR_RD);
		LR_CASE(3, C12, 3, LR_RD);
		LR_CASE(4, C12, 4, LR_RD);
		LR_CASE(5, C12, 5, LR_RD);
		LR_CASE(6, C12, 6, LR_RD);
		LR_CASE(7, C12, 7, LR_RD);
		LR_CASE(8, C13, 0, LR_RD);
		LR_CASE(9, C13, 1, LR_RD);
		LR_CASE(10, C13, 2, LR_RD);
		LR_CASE(11, C13, 3, LR_RD);
		LR_CASE(12, C13, 4, LR_RD);
		LR_CASE(13, C13, 5, LR_RD);
		LR_CASE(14, C13, 6, LR_RD);
		LR_CASE(15, C13, 7, LR_RD);
	}
#undef LR_RD
	return v;
}

static void lr_write(u32 n, u64 v)
{
#define LR_WR(reg) write_sysreg(reg, v)
	switch (n) {
		LR_CASE(0, C12, 0, LR_WR);
		LR_CASE(1, C12, 1, LR_WR);
		LR_CASE(2, C12, 2, LR_WR);
		LR_CASE(3, C12, 3, LR_WR);
		LR_CASE(4, C12, 4, LR_WR);
		LR_CASE(5, C12, 5, LR_WR);
		LR_CASE(6, C12, 6, LR_WR);
		LR_CASE(7, C12, 7, LR_WR);
		LR_CASE(8, C13, 0, LR_WR);
		LR_CASE(9, C13, 1, LR_WR);
		LR_CASE(10, C13, 2, LR_WR);
		LR_CASE(11, C13, 3, LR_WR);
		LR_CASE(12, C13, 4, LR_WR);
		LR_CASE(13, C13, 5, LR_WR);
		LR_CASE(14, C13, 6, LR_WR);
		LR_CASE(15, C13, 7, LR_WR);
	}
#undef LR_WR
}

static u64 make_lr(u32 id, const struct vgic_irq *vi)
{
	u64 lr = id | ((u64)vi->prio << LR_PRIO_SHIFT) | LR_GROUP1 | LR_PENDING;

	if (vi->flags & VIRQ_HW)
		lr |= LR_HW | ((u64)id << LR_PINTID_SHIFT);
	else if (!(vi->flags & VIRQ_EDGE))
		lr |= LR_EOI; /* sample the line again after the guest's EOI */
	return lr;
}

/*
 * Forget list registers the guest has finished with: empty ones
 * (ICH_ELRSR_EL2) and EOI'd level ones asking for maintenance
 * (ICH_EISR_EL2, which ELRSR does not count as empty).
 */
static void sync_lrs(struct vgic *g, u32 vcpu)
{
	struct vgic_cpu *c = &g->cpu[vcpu];
	u64 empty = (read_sysreg(ICH_ELRSR_EL2) | read_sysreg(ICH_EISR_EL2)) &
		    c->lr_used;

	while (empty) {
		u32 lr = ctz64(empty);
		u32 id = c->lr_irq[lr];
		struct vgic_irq *vi = vgic_irq(g, vcpu, id);

		empty &= empty - 1;
		c->lr_used &= ~BIT(lr);
		lr_write(lr, 0); /* also ends its EOI maintenance request */
		if (!vi)
			continue;
		vi->lr = -1;
		if (!(vi->flags & (VIRQ_EDGE | VIRQ_HW)) &&
		    (vi->flags & VIRQ_LINE))
			vgic_make_pending(g, vcpu, id, vi);
	}
}

/* A list register only pending, of lower priority than `prio`: evict it. */
static int evict_lr(struct vgic *g, u32 vcpu, u8 prio)
{
	struct vgic_cpu *c = &g->cpu[vcpu];
	int victim = -1;
	u8 worst = prio;

	for (u32 lr = 0; lr < nr_lrs; lr++) {
		u64 v = lr_read(lr);
		u8 p = (u8)(v >> LR_PRIO_SHIFT);

		if ((c->lr_used & BIT(lr)) && (v & LR_STATE) == LR_PENDING &&
		    p > worst) {
			worst = p;
			victim = (int)lr;
		}
	}
	if (victim >= 0) {
		u32 id = c->lr_irq[victim];
		struct vgic_irq *vi = vgic_irq(g, vcpu, id);

		lr_write((u32)victim, 0);
		c->lr_used &= ~BIT(victim);
		if (vi) {
			vi->lr = -1;
			vgic_make_pending(g, vcpu, id, vi);
		}
	}
	return victim;
}

static int free_lr(const struct vgic_cpu *c)
{
	u32 free = ~c->lr_used & (BIT(nr_lrs) - 1);

	return free ? (int)ctz64(free) : -1;
}

/* Puts @id into the free list register @lr. */
static void list_in(struct vgic_cpu *c, int lr, u32 id, struct vgic_irq *vi)
{
	lr_write((u32)lr, make_lr(id, vi));
	c->lr_irq[lr] = id;
	c->lr_used |= BIT(lr);
	vi->lr = (s8)lr;
}

/* A free list register, or one evicted for priority @prio; -1 if none. */
static int claim_lr(struct vgic *g, u32 vcpu, u8 prio)
{
	int lr = free_lr(&g->cpu[vcpu]);

	return lr >= 0 ? lr : evict_lr(g, vcpu, prio);
}

/* Moves a pending interrupt into list register @lr (its own if listed). */
static void place(struct vgic *g, u32 vcpu, u32 id, struct vgic_irq *vi, int lr)
{
	struct vgic_cpu *c = &g->cpu[vcpu];

	vi->flags &= ~VIRQ_PENDING;
	c->pending[id / 64] &= ~BIT(id % 64);
	if (vi->lr >= 0) {
		/* Already listed (active): it becomes pending again too. */
		u64 v = lr_read((u32)lr);

		if (!(v & LR_HW))
			lr_write((u32)lr, v | LR_PENDING);
		return;
	}
	list_in(c, lr, id, vi);
}

static bool list_now(struct vgic *g, u32 vcpu, u32 id, struct vgic_irq *vi)
{
	struct vgic_cpu *c = &g->cpu[vcpu];
	struct percpu *cpu = this_cpu();
	int lr;

	if (c->pcpu != cpu->id || vi->lr >= 0 || !(vi->flags & VIRQ_ENABLED) ||
	    !(g->ctlr & (GICD_CTLR_EN_GRP1 | GICD_CTLR_EN_GRP1A)))
		return false;
	sync_lrs(g, vcpu);
	lr = free_lr(c);
	if (lr < 0 || READ_ONCE(cpu->virq_work))
		return false; /* others wait: priorities decide, in the flush */
	list_in(c, lr, id, vi);
	return true;
}

static void fill_lrs(struct vgic *g, u32 vcpu)
{
	struct vgic_cpu *c = &g->cpu[vcpu];
	u32 hcr = ICH_HCR_EN;
	struct vgic_irq *vi;
	u32 id = 0;

	while ((vi = vgic_best_pending(g, vcpu, &id)) != NULL) {
		int lr = vi->lr >= 0 ? vi->lr : claim_lr(g, vcpu, vi->prio);

		if (lr < 0) {
			hcr |= ICH_HCR_UIE; /* come back when they drain */
			break;
		}
		place(g, vcpu, id, vi, lr);
	}
	if (!vi)
		WRITE_ONCE(this_cpu()->virq_work, 0); /* all listed */
	if (hcr != c->hcr) {
		write_sysreg(ICH_HCR_EL2, hcr);
		c->hcr = hcr;
	}
}

/* Called when this CPU's virq_work says so, and by maintenance. */
static void vgic_flush(struct zone *zone, u32 vcpu)
{
	struct vgic *g = zone->virq;

	if (!g)
		return;
	spin_lock(&g->lock);
	sync_lrs(g, vcpu);
	fill_lrs(g, vcpu);
	spin_unlock(&g->lock);
}

static bool vgic_wakeup_pending(struct zone *zone, u32 vcpu)
{
	struct vgic *g = zone->virq;

	if (!g)
		return false;
	/* Also tidies the list registers before the CPU sleeps, which keeps
	 * that work off the wake-up path (timer latency, make bench). */
	vgic_flush(zone, vcpu);
	for (u32 lr = 0; lr < nr_lrs; lr++)
		if ((g->cpu[vcpu].lr_used & BIT(lr)) &&
		    (lr_read(lr) & LR_PENDING))
			return true;
	return false;
}

static int vgic_sysreg(struct zone *zone, u32 vcpu, u32 enc, bool write,
		       u64 *val)
{
	struct vgic *g = zone->virq;

	if (!g || !write)
		return -1;
	if (enc == ICC_SGI1R || enc == ICC_ASGI1R)
		vgic_send_sgi(g, vcpu, *val);
	else if (enc != ICC_SGI0R) /* Group 0 does not exist for zones */
		return -1;
	return 0;
}

/*
 * A vCPU (re)starts with an empty CPU interface. Physical interrupts it
 * had listed hardware-linked are deactivated here, since its guest never
 * will, and its timer is stopped.
 */
static void vgic_vcpu_reset(struct zone *zone, u32 vcpu)
{
	struct vgic *g = zone->virq;
	struct vgic_cpu *c;

	write_sysreg(cntv_ctl_el0, 0);
	irq_chip()->deactivate(VTIMER_PPI);
	/* Masked if it fired while the zone was not running (irq.c). */
	irq_chip()->enable_irq(VTIMER_PPI, this_cpu()->hwid);
	if (!g)
		return;
	c = &g->cpu[vcpu];
	spin_lock(&g->lock);
	for (u32 lr = 0; lr < nr_lrs; lr++) {
		u64 v = lr_read(lr);
		struct vgic_irq *vi = vgic_irq(g, vcpu, c->lr_irq[lr]);

		/* The registers, not our records: a zone reset forgot those. */
		if ((v & LR_HW) && (v & LR_STATE))
			irq_chip()->deactivate((u32)(v >> LR_PINTID_SHIFT) &
					       0x1fff);
		if ((c->lr_used & BIT(lr)) && vi)
			vi->lr = -1;
		lr_write(lr, 0);
	}
	c->lr_used = 0;
	write_sysreg(ICH_AP0R0_EL2, 0);
	write_sysreg(ICH_AP1R0_EL2, 0);
	write_sysreg(ICH_VMCR_EL2, 0);
	write_sysreg(ICC_SRE_EL1, 0x7); /* system registers only */
	write_sysreg(ICH_HCR_EL2, ICH_HCR_EN);
	c->hcr = ICH_HCR_EN;
	spin_unlock(&g->lock);
	isb();
}

/*
 * The maintenance interrupt is level: it stays asserted until the list
 * registers it reports on (an EOI'd level interrupt, an underflow) are
 * dealt with, so deal with them now, not on the way out.
 */
static void maintenance_irq(u32 irq)
{
	struct percpu *cpu = this_cpu();

	(void)irq;
	if (cpu->zone)
		vgic_flush(cpu->zone, cpu->vcpu_index);
}

static void vgic_cpu_park(void)
{
	write_sysreg(ICH_HCR_EL2, 0);
}

static int vgic_init(void)
{
	nr_lrs = (u32)(read_sysreg(ICH_VTR_EL2) & 0x1f) + 1;
	if (nr_lrs > VGIC_MAX_LRS)
		nr_lrs = VGIC_MAX_LRS;
	if (irq_forward_private(VTIMER_PPI) ||
	    irq_request_private(MAINTENANCE_PPI, maintenance_irq))
		return -1;
	vgic_cpuif_list_now = list_now;
	pr_info("%u list registers, %u SPIs per zone\n", nr_lrs,
		CONFIG_VGIC_NR_SPIS);
	return 0;
}

DECLARE_DRIVER(vgicv3_chip, DRIVER_VIRQ, struct virq_chip, "arm,gic-v3") = {
	.init = vgic_init,
	.zone_reset = vgic_zone_reset,
	.vcpu_reset = vgic_vcpu_reset,
	.inject_hw = vgic_inject_hw,
	.set_level = vgic_set_level,
	.flush = vgic_flush,
	.vcpu_wakeup_pending = vgic_wakeup_pending,
	.sysreg = vgic_sysreg,
	.cpu_park = vgic_cpu_park,
};
