// SPDX-License-Identifier: Apache-2.0
/*
 * The list registers of a virtual GIC's CPU interface, for GICv3 and GICv2
 * alike. Each vCPU runs on its own physical CPU, so that CPU's list
 * registers are the vCPU's and are written only by it, on its way back
 * into the guest (vgic_flush). The chip in use says how to reach them
 * (struct vgic_lr_ops, in the ICH_LR<n>_EL2 layout; vgicv3_cpuif.c,
 * vgicv2.c).
 *
 * More pending interrupts than list registers: the best ones go in, a
 * pending-only list register of lower priority is evicted for a better
 * one, and the underflow maintenance interrupt (HCR.UIE) brings the CPU
 * back when the guest has emptied them. Level-triggered emulated
 * interrupts ask for an EOI maintenance interrupt, so the line is sampled
 * again after the guest handled it. A hardware-backed interrupt the chip
 * does not hardware-link asks for one too, and is deactivated here when
 * the guest has ended it.
 */
#define pr_fmt(fmt) "vgic: " fmt

#include <bulkhead/irq.h>
#include <bulkhead/percpu.h>
#include <bulkhead/zone.h>

#include "vgicv3.h"

static const struct vgic_lr_ops *lrs;
static u32 nr_lrs;

static u64 make_lr(u32 id, const struct vgic_irq *vi)
{
	u64 lr = id | ((u64)vi->prio << VGIC_LR_PRIO_SHIFT) | VGIC_LR_GROUP1 |
		 VGIC_LR_PENDING;

	if ((vi->flags & VIRQ_HW) && lrs->hw_link)
		lr |= VGIC_LR_HW | ((u64)id << VGIC_LR_PINTID_SHIFT);
	else if (!(vi->flags & VIRQ_EDGE) || (vi->flags & VIRQ_HW))
		lr |= VGIC_LR_EOI; /* come back after the guest's EOI */
	return lr;
}

/* The guest ended hardware-backed @id not linked to it: end it here. */
static void end_unlinked_hw(u32 id, const struct vgic_irq *vi)
{
	if (vi && (vi->flags & VIRQ_HW) && !lrs->hw_link)
		irq_chip()->deactivate(id);
}

/*
 * Forget list registers the guest has finished with: empty ones (ELRSR)
 * and EOI'd ones asking for maintenance (EISR, which ELRSR does not count
 * as empty).
 */
static void sync_lrs(struct vgic *g, u32 vcpu)
{
	struct vgic_cpu *c = &g->cpu[vcpu];
	u64 done = lrs->finished() & c->lr_used;

	while (done) {
		u32 lr = ctz64(done);
		u32 id = c->lr_irq[lr];
		struct vgic_irq *vi = vgic_irq(g, vcpu, id);

		done &= done - 1;
		c->lr_used &= ~BIT(lr);
		lrs->write(lr, 0); /* also ends its EOI maintenance request */
		end_unlinked_hw(id, vi);
		if (!vi)
			continue;
		vi->lr = -1;
		if (!(vi->flags & (VIRQ_EDGE | VIRQ_HW)) &&
		    (vi->flags & VIRQ_LINE))
			vgic_make_pending(g, vcpu, id, vi);
	}
}

/* A list register only pending, of lower priority than @prio: evict it. */
static int evict_lr(struct vgic *g, u32 vcpu, u8 prio)
{
	struct vgic_cpu *c = &g->cpu[vcpu];
	int victim = -1;
	u8 worst = prio;

	for (u32 lr = 0; lr < nr_lrs; lr++) {
		u64 v = lrs->read(lr);
		u8 p = (u8)(v >> VGIC_LR_PRIO_SHIFT);

		if ((c->lr_used & BIT(lr)) &&
		    (v & VGIC_LR_STATE) == VGIC_LR_PENDING && p > worst) {
			worst = p;
			victim = (int)lr;
		}
	}
	if (victim >= 0) {
		u32 id = c->lr_irq[victim];
		struct vgic_irq *vi = vgic_irq(g, vcpu, id);

		lrs->write((u32)victim, 0);
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
	u32 free = ~c->lr_used & (u32)(BIT(nr_lrs) - 1);

	return free ? (int)ctz64(free) : -1;
}

/* Puts @id into the free list register @lr. */
static void list_in(struct vgic_cpu *c, int lr, u32 id, struct vgic_irq *vi)
{
	lrs->write((u32)lr, make_lr(id, vi));
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
		/*
		 * Already listed (active): it becomes pending again too. A
		 * hardware-backed one cannot: its physical interrupt is active.
		 */
		u64 v = lrs->read((u32)lr);

		if (!(v & VGIC_LR_HW) && !(vi->flags & VIRQ_HW))
			lrs->write((u32)lr, v | VGIC_LR_PENDING);
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
	u32 hcr = VGIC_HCR_EN;
	struct vgic_irq *vi;
	u32 id = 0;

	while ((vi = vgic_best_pending(g, vcpu, &id)) != NULL) {
		int lr = vi->lr >= 0 ? vi->lr : claim_lr(g, vcpu, vi->prio);

		if (lr < 0) {
			hcr |= VGIC_HCR_UIE; /* come back when they drain */
			break;
		}
		place(g, vcpu, id, vi, lr);
	}
	if (!vi)
		WRITE_ONCE(this_cpu()->virq_work, 0); /* all listed */
	if (hcr != c->hcr) {
		lrs->write_hcr(hcr);
		c->hcr = hcr;
	}
}

/* Called when this CPU's virq_work says so, and by maintenance. */
void vgic_flush(struct zone *zone, u32 vcpu)
{
	struct vgic *g = zone->virq;

	if (!g)
		return;
	spin_lock(&g->lock);
	sync_lrs(g, vcpu);
	fill_lrs(g, vcpu);
	spin_unlock(&g->lock);
}

bool vgic_wakeup_pending(struct zone *zone, u32 vcpu)
{
	struct vgic *g = zone->virq;

	if (!g)
		return false;
	/* Also tidies the list registers before the CPU sleeps, which keeps
	 * that work off the wake-up path (timer latency, make bench). */
	vgic_flush(zone, vcpu);
	for (u32 lr = 0; lr < nr_lrs; lr++)
		if ((g->cpu[vcpu].lr_used & BIT(lr)) &&
		    (lrs->read(lr) & VGIC_LR_PENDING))
			return true;
	return false;
}

/*
 * Empties this CPU's list registers for a vCPU (re)starting. Physical
 * interrupts still live in them are deactivated here, since the guest
 * never will: the registers say which (a zone reset forgot its records),
 * and the records say which were listed without a hardware link. @g may
 * be NULL (a zone without a virtual GIC). Caller holds g->lock if any.
 */
void vgic_lrs_clear(struct vgic *g, u32 vcpu)
{
	struct vgic_cpu *c = g ? &g->cpu[vcpu] : NULL;

	for (u32 lr = 0; lr < nr_lrs; lr++) {
		u64 v = lrs->read(lr);

		if ((v & VGIC_LR_HW) && (v & VGIC_LR_STATE))
			irq_chip()->deactivate(
				(u32)(v >> VGIC_LR_PINTID_SHIFT) & 0x1fff);
		if (c && (c->lr_used & BIT(lr))) {
			struct vgic_irq *vi = vgic_irq(g, vcpu, c->lr_irq[lr]);

			end_unlinked_hw(c->lr_irq[lr], vi);
			if (vi)
				vi->lr = -1;
		}
		lrs->write(lr, 0);
	}
	if (c) {
		c->lr_used = 0;
		c->hcr = VGIC_HCR_EN;
	}
	lrs->write_hcr(VGIC_HCR_EN);
}

/*
 * The maintenance interrupt is level: it stays asserted until the list
 * registers it reports on (an EOI'd entry, an underflow) are dealt with,
 * so deal with them now, not on the way out.
 */
static void maintenance_irq(u32 irq)
{
	struct percpu *cpu = this_cpu();

	(void)irq;
	if (cpu->zone)
		vgic_flush(cpu->zone, cpu->vcpu_index);
}

void vgic_cpu_park(void)
{
	lrs->write_hcr(0);
}

int vgic_lrs_init(const struct vgic_lr_ops *ops, u32 count)
{
	lrs = ops;
	nr_lrs = count < VGIC_MAX_LRS ? count : VGIC_MAX_LRS;
	if (irq_forward_private(VTIMER_PPI) ||
	    irq_request_private(MAINTENANCE_PPI, maintenance_irq))
		return -1;
	vgic_cpuif_list_now = list_now;
	return (int)nr_lrs;
}
