// SPDX-License-Identifier: Apache-2.0
/*
 * Virtual GICv2: the CPU interface side. The interrupt state (pending
 * maps, SPI ownership, the register views) is the version-independent
 * part of the virtual GICv3 (vgicv3.c), shared; what differs is how list
 * registers are reached. On a GICv2 they are the memory-mapped GICH frame,
 * banked per CPU, so each CPU writes its own vCPU's list registers on the
 * way back into the guest (vgic_flush), as the GICv3 side does with
 * ICH_LR<n>_EL2. The guest's CPU interface is the GICV frame, mapped by
 * stage 2 where its device tree says the GICC is (vgicv2_mmio.c).
 *
 * More pending interrupts than list registers: the best go in, a
 * pending-only entry of lower priority is evicted for a better one, and
 * the underflow maintenance interrupt (GICH_HCR.UIE) brings the CPU back
 * when the guest has emptied them. Level-triggered emulated interrupts
 * ask for an EOI maintenance interrupt (GICH_LR.EOI), so the line is
 * sampled again after the guest handled it.
 *
 * Hardware-backed interrupts (the virtual timer, passthrough SPIs) are not
 * hardware-linked here (GICH_LR.HW is never set): they are listed as
 * plain entries asking for an EOI maintenance interrupt, and the
 * hypervisor deactivates the physical interrupt itself (GICC_DIR) once
 * the guest has ended the virtual one. The physical interrupt stays active
 * until then, so it cannot fire again meanwhile, as with the HW bit. The
 * reason is QEMU's GICv2 model (7.2 and later): a guest deactivation
 * through a HW list register clears the physical active state but only
 * recomputes the virtual interrupt lines, never this CPU's physical one.
 * A level that rose while the interrupt was active (the timer's next
 * deadline already due at the guest's EOI) then stays unsignalled until
 * some unrelated GIC event recomputes every line: with no other zone
 * running, the CPU sleeps in WFI for good. A GICC_DIR write recomputes
 * it, and is what the architecture asks for on real hardware too.
 */
#define pr_fmt(fmt) "vgic: " fmt

#include <bulkhead/driver.h>
#include <bulkhead/irq.h>
#include <bulkhead/percpu.h>
#include <bulkhead/printk.h>
#include <bulkhead/virq.h>
#include <bulkhead/zone.h>
#include <asm/sysreg.h>

#include "vgicv2.h"

#define GICH_HCR 0x000
#define GICH_VTR 0x004
#define GICH_VMCR 0x008
#define GICH_EISR0 0x020
#define GICH_ELRSR0 0x030
#define GICH_APR 0x0f0
#define GICH_LR0 0x100

#define GICH_HCR_EN BIT(0)
#define GICH_HCR_UIE BIT(1)
#define GICH_VTR_LISTREGS 0x3f

/* GICH_LR<n>: 32 bits. */
#define LR_HW BIT(31)
#define LR_GROUP1 BIT(30)
#define LR_ACTIVE BIT(29)
#define LR_PENDING BIT(28)
#define LR_STATE (LR_PENDING | LR_ACTIVE)
#define LR_PRIO_SHIFT 23 /* the top five bits of the priority */
#define LR_PINTID_SHIFT 10 /* HW = 1: the physical interrupt */
#define LR_PINTID_MASK 0x3ffu
#define LR_EOI BIT(19) /* HW = 0: maintenance interrupt on EOI */
#define LR_ID_MASK 0x3ffu

static u8 *gich;
static u32 nr_lrs;

static inline u32 gich_read(u64 off)
{
	return *(volatile const u32 *)(gich + off);
}

static inline void gich_write(u64 off, u32 v)
{
	*(volatile u32 *)(gich + off) = v;
}

static u32 lr_read(u32 n)
{
	return gich_read(GICH_LR0 + 4 * n);
}

static void lr_write(u32 n, u32 v)
{
	gich_write(GICH_LR0 + 4 * n, v);
}

/* Bit n: list register n (the first 32, all a vCPU can use here). */
static u32 empty_lrs(void)
{
	return gich_read(GICH_ELRSR0) | gich_read(GICH_EISR0);
}

/*
 * Group 0: a GICv2 guest (Linux) enables only Group 0 at its CPU
 * interface, and the virtual interface signals it as a virtual IRQ.
 * The EOI maintenance interrupt samples an emulated level line again, or
 * tells when to deactivate a hardware-backed interrupt (see the top).
 */
static u32 make_lr(u32 id, const struct vgic_irq *vi)
{
	u32 lr = id | ((u32)(vi->prio >> 3) << LR_PRIO_SHIFT) | LR_PENDING;

	if (!(vi->flags & VIRQ_EDGE) || (vi->flags & VIRQ_HW))
		lr |= LR_EOI;
	return lr;
}

/* The guest ended hardware-backed @id: so does its physical interrupt. */
static void end_hw(u32 id, const struct vgic_irq *vi)
{
	if (vi && (vi->flags & VIRQ_HW))
		irq_chip()->deactivate(id);
}

/* Forget list registers the guest has finished with (see vgicv3_cpuif.c). */
static void sync_lrs(struct vgic *g, u32 vcpu)
{
	struct vgic_cpu *c = &g->cpu[vcpu];
	u32 empty = empty_lrs() & c->lr_used;

	while (empty) {
		u32 lr = ctz64(empty);
		u32 id = c->lr_irq[lr];
		struct vgic_irq *vi = vgic_irq(g, vcpu, id);

		empty &= empty - 1;
		c->lr_used &= ~BIT(lr);
		lr_write(lr, 0); /* also ends its EOI maintenance request */
		end_hw(id, vi);
		if (!vi)
			continue;
		vi->lr = -1;
		if (!(vi->flags & (VIRQ_EDGE | VIRQ_HW)) &&
		    (vi->flags & VIRQ_LINE))
			vgic_make_pending(g, vcpu, id, vi);
	}
}

/* A pending-only list register of lower priority than @prio: evict it. */
static int evict_lr(struct vgic *g, u32 vcpu, u8 prio)
{
	struct vgic_cpu *c = &g->cpu[vcpu];
	u32 worst = prio >> 3;
	int victim = -1;

	for (u32 lr = 0; lr < nr_lrs; lr++) {
		u32 v = lr_read(lr);
		u32 p = (v >> LR_PRIO_SHIFT) & 0x1f;

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
	u32 free = ~c->lr_used & (u32)(BIT(nr_lrs) - 1);

	return free ? (int)ctz64(free) : -1;
}

static void list_in(struct vgic_cpu *c, int lr, u32 id, struct vgic_irq *vi)
{
	lr_write((u32)lr, make_lr(id, vi));
	c->lr_irq[lr] = id;
	c->lr_used |= BIT(lr);
	vi->lr = (s8)lr;
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
		u32 v = lr_read((u32)lr);

		if (!(v & LR_HW) && !(vi->flags & VIRQ_HW))
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
	u32 hcr = GICH_HCR_EN;
	struct vgic_irq *vi;
	u32 id = 0;

	while ((vi = vgic_best_pending(g, vcpu, &id)) != NULL) {
		int lr = vi->lr;

		if (lr < 0) {
			lr = free_lr(c);
			if (lr < 0)
				lr = evict_lr(g, vcpu, vi->prio);
		}
		if (lr < 0) {
			hcr |= GICH_HCR_UIE; /* come back when they drain */
			break;
		}
		place(g, vcpu, id, vi, lr);
	}
	if (!vi)
		WRITE_ONCE(this_cpu()->virq_work, 0); /* all listed */
	if (hcr != c->hcr) {
		gich_write(GICH_HCR, hcr);
		c->hcr = hcr;
	}
}

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
	vgic_flush(zone, vcpu);
	for (u32 lr = 0; lr < nr_lrs; lr++)
		if ((g->cpu[vcpu].lr_used & BIT(lr)) &&
		    (lr_read(lr) & LR_PENDING))
			return true;
	return false;
}

/* Hardware-linked entries still live: their physical interrupt is ended. */
static void clear_lrs(void)
{
	for (u32 lr = 0; lr < nr_lrs; lr++) {
		u32 v = lr_read(lr);

		if ((v & LR_HW) && (v & LR_STATE))
			irq_chip()->deactivate((v >> LR_PINTID_SHIFT) &
					       LR_PINTID_MASK);
		lr_write(lr, 0);
	}
}

/*
 * A vCPU (re)starts with an empty CPU interface; its timer is stopped and
 * the timer's physical interrupt ended (vgicv3_cpuif.c says why).
 */
static void vgic_vcpu_reset(struct zone *zone, u32 vcpu)
{
	struct vgic *g = zone->virq;
	struct vgic_cpu *c;

	write_sysreg(cntv_ctl_el0, 0);
	irq_chip()->deactivate(VTIMER_PPI);
	irq_chip()->enable_irq(VTIMER_PPI, this_cpu()->hwid);
	if (!g) {
		clear_lrs();
		return;
	}
	c = &g->cpu[vcpu];
	spin_lock(&g->lock);
	for (u32 lr = 0; lr < nr_lrs; lr++) {
		struct vgic_irq *vi = vgic_irq(g, vcpu, c->lr_irq[lr]);

		if (!(c->lr_used & BIT(lr)) || !vi)
			continue;
		vi->lr = -1;
		end_hw(c->lr_irq[lr], vi); /* listed: not deactivated yet */
	}
	clear_lrs();
	c->lr_used = 0;
	gich_write(GICH_APR, 0);
	gich_write(GICH_VMCR, 0);
	gich_write(GICH_HCR, GICH_HCR_EN);
	c->hcr = GICH_HCR_EN;
	spin_unlock(&g->lock);
}

/* Level: deal with what it reports (EOI'd level entries, underflow) now. */
static void maintenance_irq(u32 irq)
{
	struct percpu *cpu = this_cpu();

	(void)irq;
	if (cpu->zone)
		vgic_flush(cpu->zone, cpu->vcpu_index);
}

static void vgic_cpu_park(void)
{
	gich_write(GICH_HCR, 0);
}

/* regs: GICD, GICC, GICH, GICV (models/gicv2.c checked there are four). */
static int vgic_init(void)
{
	if (platform.irqchip.nr_regs < VGICV2_NR_REGS)
		return -1;
	gich = (u8 *)(uintptr_t)platform.irqchip.regs[VGICV2_REG_GICH].base;
	nr_lrs = (gich_read(GICH_VTR) & GICH_VTR_LISTREGS) + 1;
	if (nr_lrs > VGIC_MAX_LRS)
		nr_lrs = VGIC_MAX_LRS;
	if (irq_forward_private(VTIMER_PPI) ||
	    irq_request_private(MAINTENANCE_PPI, maintenance_irq))
		return -1;
	vgic_cpuif_list_now = list_now;
	pr_info("GICv2: %u list registers, %u SPIs per zone\n", nr_lrs,
		CONFIG_VGIC_NR_SPIS);
	return 0;
}

#define VGICV2_OPS                                                          \
	{                                                                   \
		.init = vgic_init, .zone_reset = vgic_zone_reset,           \
		.vcpu_reset = vgic_vcpu_reset, .inject_hw = vgic_inject_hw, \
		.set_level = vgic_set_level, .flush = vgic_flush,           \
		.vcpu_wakeup_pending = vgic_wakeup_pending,                 \
		.cpu_park = vgic_cpu_park,                                  \
	}

/* Found by the physical chip's compatible, under both its names. */
DECLARE_DRIVER(vgicv2_gic400_chip, DRIVER_VIRQ, struct virq_chip,
	       "arm,gic-400") = VGICV2_OPS;
DECLARE_DRIVER(vgicv2_a15_chip, DRIVER_VIRQ, struct virq_chip,
	       "arm,cortex-a15-gic") = VGICV2_OPS;
