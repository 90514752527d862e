// SPDX-License-Identifier: Apache-2.0
/*
 * Virtual GICv3: interrupt state and the list registers.
 *
 * Each vCPU runs on its own physical CPU, so that CPU's list registers
 * (ICH_LR<n>_EL2) are the vCPU's and are written only by it, on its way
 * back into the guest (vgic_flush). Anyone may make an interrupt pending
 * (another vCPU's SGI, a device model, the physical interrupt path): that
 * sets a bit in the target vCPU's pending map under the zone's vGIC lock
 * and kicks the target CPU with the hypervisor IPI.
 *
 * More pending interrupts than list registers: the best ones go in, a
 * pending-only list register of lower priority is evicted for a better
 * one, and the underflow maintenance interrupt (ICH_HCR_EL2.UIE) brings
 * the CPU back when the guest has emptied them. Level-triggered emulated
 * interrupts ask for an EOI maintenance interrupt, so the line is sampled
 * again after the guest handled it.
 */
#include <bulkhead/driver.h>
#include <bulkhead/irq.h>
#include <bulkhead/percpu.h>
#include <bulkhead/printk.h>
#include <bulkhead/string.h>
#include <bulkhead/vcpu.h>
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

#define ICC_SGI1R ISS_SYSREG_ENC(SYSREG_ISS(3, 0, 12, 11, 5))
#define ICC_ASGI1R ISS_SYSREG_ENC(SYSREG_ISS(3, 0, 12, 11, 6))
#define ICC_SGI0R ISS_SYSREG_ENC(SYSREG_ISS(3, 0, 12, 11, 7))

static struct vgic vgics[CONFIG_MAX_ZONES];
static u32 nr_lrs;

struct vgic *vgic_of(struct zone *zone)
{
	return zone->virq;
}

struct vgic_irq *vgic_irq(struct vgic *g, u32 vcpu, u32 id)
{
	struct vgic_irq *vi;

	if (id < 32)
		vi = vcpu < g->zone->nr_vcpus ? &g->cpu[vcpu].priv[id] : NULL;
	else
		vi = id < VGIC_NR_IRQS ? &g->spi[id - 32] : NULL;
	return vi && (vi->flags & VIRQ_VALID) ? vi : NULL;
}

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

static u32 vcpu_of(struct vgic *g, u32 id, u32 vcpu)
{
	return id < 32 ? vcpu : g->spi[id - 32].target;
}

static bool deliverable(const struct vgic *g, const struct vgic_irq *vi)
{
	return (vi->flags & (VIRQ_ENABLED | VIRQ_PENDING)) ==
		       (VIRQ_ENABLED | VIRQ_PENDING) &&
	       (g->ctlr & (GICD_CTLR_EN_GRP1 | GICD_CTLR_EN_GRP1A));
}

/* The target CPU takes the IPI as an exit and loads its list registers. */
static void kick(struct vgic *g, u32 vcpu)
{
	u32 cpu = zone_vcpu_cpu(g->zone, vcpu);

	if (cpu != this_cpu()->id)
		irq_send_ipi(cpu);
}

/* Caller holds g->lock. */
static void make_pending(struct vgic *g, u32 vcpu, u32 id, struct vgic_irq *vi)
{
	vi->flags |= VIRQ_PENDING;
	if (!deliverable(g, vi))
		return;
	g->cpu[vcpu].pending[id / 64] |= BIT(id % 64);
	kick(g, vcpu);
}

/* After an enable: interrupts already pending become candidates. */
static void recheck_pending(struct vgic *g, u32 vcpu, u32 id)
{
	struct vgic_irq *vi = vgic_irq(g, vcpu, id);

	if (vi && (vi->flags & VIRQ_PENDING))
		make_pending(g, vcpu_of(g, id, vcpu), id, vi);
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

/* Forget list registers the guest has finished with (ICH_ELRSR_EL2). */
static void sync_lrs(struct vgic *g, u32 vcpu)
{
	struct vgic_cpu *c = &g->cpu[vcpu];
	u64 empty = read_sysreg(ICH_ELRSR_EL2) & c->lr_used;

	while (empty) {
		u32 lr = (u32)__builtin_ctzll(empty);
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
			make_pending(g, vcpu, id, vi);
	}
}

/* The best deliverable candidate; stale bits are dropped on the way. */
static struct vgic_irq *best_pending(struct vgic *g, u32 vcpu, u32 *best_id)
{
	struct vgic_cpu *c = &g->cpu[vcpu];
	struct vgic_irq *best = NULL;

	for (u32 w = 0; w < VGIC_WORDS; w++) {
		for (u64 bits = c->pending[w]; bits; bits &= bits - 1) {
			u32 id = w * 64 + (u32)__builtin_ctzll(bits);
			struct vgic_irq *vi = vgic_irq(g, vcpu, id);

			if (!vi || !deliverable(g, vi) ||
			    vcpu_of(g, id, vcpu) != vcpu) {
				c->pending[w] &= ~BIT(id % 64);
				continue;
			}
			if (!best || vi->prio < best->prio) {
				best = vi;
				*best_id = id;
			}
		}
	}
	return best;
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
			make_pending(g, vcpu, id, vi);
		}
	}
	return victim;
}

static int free_lr(const struct vgic_cpu *c)
{
	u32 free = ~c->lr_used & (BIT(nr_lrs) - 1);

	return free ? __builtin_ctz(free) : -1;
}

static void place(struct vgic *g, u32 vcpu, u32 id, struct vgic_irq *vi)
{
	struct vgic_cpu *c = &g->cpu[vcpu];
	int lr = vi->lr;

	vi->flags &= ~VIRQ_PENDING;
	c->pending[id / 64] &= ~BIT(id % 64);
	if (lr >= 0) {
		/* Already listed (active): it becomes pending again too. */
		u64 v = lr_read((u32)lr);

		if (!(v & LR_HW))
			lr_write((u32)lr, v | LR_PENDING);
		return;
	}
	lr = free_lr(c); /* room_for() made sure there is one */
	lr_write((u32)lr, make_lr(id, vi));
	c->lr_irq[lr] = id;
	c->lr_used |= BIT(lr);
	vi->lr = (s8)lr;
}

static bool room_for(struct vgic *g, u32 vcpu, const struct vgic_irq *vi)
{
	const struct vgic_cpu *c = &g->cpu[vcpu];

	return vi->lr >= 0 || free_lr(c) >= 0 ||
	       evict_lr(g, vcpu, vi->prio) >= 0;
}

static void fill_lrs(struct vgic *g, u32 vcpu)
{
	struct vgic_cpu *c = &g->cpu[vcpu];
	u32 hcr = ICH_HCR_EN;
	struct vgic_irq *vi;
	u32 id = 0;

	while ((vi = best_pending(g, vcpu, &id)) != NULL) {
		if (!room_for(g, vcpu, vi)) {
			hcr |= ICH_HCR_UIE; /* come back when they drain */
			break;
		}
		place(g, vcpu, id, vi);
	}
	if (hcr != c->hcr) {
		write_sysreg(ICH_HCR_EL2, hcr);
		c->hcr = hcr;
	}
}

static bool nothing_pending(const struct vgic_cpu *c)
{
	u64 any = 0;

	for (u32 w = 0; w < VGIC_WORDS; w++)
		any |= c->pending[w];
	return !any;
}

static void vgic_flush(struct zone *zone, u32 vcpu)
{
	struct vgic *g = zone->virq;
	struct vgic_cpu *c;

	if (!g)
		return;
	c = &g->cpu[vcpu];
	/* A remote make_pending() after this check kicks us again. */
	if (!c->lr_used && c->hcr == ICH_HCR_EN && nothing_pending(c))
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

static void vgic_inject_hw(struct zone *zone, u32 id)
{
	struct vgic *g = zone->virq;
	u32 vcpu = this_cpu()->vcpu_index;
	struct vgic_irq *vi;

	if (!g)
		return;
	spin_lock(&g->lock);
	vi = vgic_irq(g, vcpu, id);
	if (vi && (vi->flags & VIRQ_HW))
		make_pending(g, vcpu_of(g, id, vcpu), id, vi);
	spin_unlock(&g->lock);
	if (!vi)
		irq_chip()->deactivate(id); /* nobody will EOI it */
}

static void vgic_set_level(struct zone *zone, u32 id, bool level)
{
	struct vgic *g = zone->virq;
	struct vgic_irq *vi;

	if (!g || id < 32)
		return;
	spin_lock(&g->lock);
	vi = vgic_irq(g, 0, id);
	if (vi && !(vi->flags & VIRQ_HW)) {
		bool rising = level && !(vi->flags & VIRQ_LINE);

		if (level)
			vi->flags |= VIRQ_LINE;
		else
			vi->flags &= ~VIRQ_LINE;
		/* A listed level interrupt is sampled again at its EOI. */
		if (rising && (vi->lr < 0 || (vi->flags & VIRQ_EDGE)))
			make_pending(g, vi->target, id, vi);
		else if (!level && !(vi->flags & VIRQ_EDGE))
			vi->flags &=
				~VIRQ_PENDING; /* dropped before delivery */
	}
	spin_unlock(&g->lock);
}

/* ICC_SGI1R_EL1: Aff3.Aff2.Aff1 must be 0 (our vCPUs are Aff0 only). */
static void vgic_send_sgi(struct vgic *g, u32 self, u64 v)
{
	u32 id = (v >> 24) & 0xf, rs = (v >> 44) & 0xf;
	bool others = v & BIT(40);
	u64 aff = ((v >> 16) & 0xff) | (v & (0xffull << 32)) |
		  (v & (0xffull << 48));

	spin_lock(&g->lock);
	for (u32 t = 0; t < g->zone->nr_vcpus; t++) {
		bool hit = others ? t != self :
				    !aff && t / 16 == rs && (v & BIT(t % 16));
		struct vgic_irq *vi = vgic_irq(g, t, id);

		if (hit && vi)
			make_pending(g, t, id, vi);
	}
	spin_unlock(&g->lock);
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
 * Register views. A shared interrupt that is hardware-backed is also
 * programmed into the physical distributor (enable, trigger, routing,
 * pending, active): the zone owns it, and the physical state is what
 * decides whether it fires.
 */
static u64 vcpu_hwid(struct vgic *g, u32 vcpu)
{
	return platform.cpu_hwid[zone_vcpu_cpu(g->zone, vcpu)];
}

static bool read_bit(const struct vgic_irq *vi, enum vgic_bitreg r)
{
	switch (r) {
	case VGIC_GROUP:
		return true; /* everything is Group 1 in a zone */
	case VGIC_SET_ENABLE:
	case VGIC_CLEAR_ENABLE:
		return vi->flags & VIRQ_ENABLED;
	case VGIC_SET_PENDING:
	case VGIC_CLEAR_PENDING:
		return (vi->flags & VIRQ_PENDING) ||
		       ((vi->flags & VIRQ_LINE) && !(vi->flags & VIRQ_EDGE));
	default:
		return vi->lr >= 0; /* listed: the guest is handling it */
	}
}

u32 vgic_read_bits(struct vgic *g, u32 vcpu, u32 first, enum vgic_bitreg r)
{
	u32 val = 0;

	for (u32 i = 0; i < 32; i++) {
		struct vgic_irq *vi = vgic_irq(g, vcpu, first + i);

		if (vi && read_bit(vi, r))
			val |= BIT(i);
	}
	return val;
}

static void write_hw(struct vgic *g, u32 id, struct vgic_irq *vi,
		     enum vgic_bitreg r)
{
	const struct irqchip_driver *chip = irq_chip();

	if (!(vi->flags & VIRQ_HW) || id < 32)
		return;
	if (r == VGIC_SET_ENABLE)
		chip->enable_irq(id, vcpu_hwid(g, vi->target));
	else if (r == VGIC_CLEAR_ENABLE)
		chip->disable_irq(id);
	else if (r == VGIC_SET_PENDING || r == VGIC_CLEAR_PENDING)
		chip->set_pending(id, r == VGIC_SET_PENDING);
	else if (r == VGIC_CLEAR_ACTIVE && vi->lr < 0)
		chip->deactivate(id);
}

static void write_bit(struct vgic *g, u32 vcpu, u32 id, struct vgic_irq *vi,
		      enum vgic_bitreg r)
{
	write_hw(g, id, vi, r);
	switch (r) {
	case VGIC_SET_ENABLE:
		vi->flags |= VIRQ_ENABLED;
		recheck_pending(g, vcpu, id);
		break;
	case VGIC_CLEAR_ENABLE:
		vi->flags &= ~VIRQ_ENABLED;
		break;
	case VGIC_SET_PENDING:
		if (!(vi->flags & VIRQ_HW))
			make_pending(g, vcpu_of(g, id, vcpu), id, vi);
		break;
	case VGIC_CLEAR_PENDING:
		vi->flags &= ~VIRQ_PENDING;
		break;
	default:
		break; /* group is fixed; active state lives in list registers */
	}
}

void vgic_write_bits(struct vgic *g, u32 vcpu, u32 first, enum vgic_bitreg r,
		     u32 val)
{
	for (; val; val &= val - 1) {
		u32 id = first + (u32)__builtin_ctz(val);
		struct vgic_irq *vi = vgic_irq(g, vcpu, id);

		if (vi)
			write_bit(g, vcpu, id, vi, r);
	}
}

void vgic_write_prio(struct vgic *g, u32 vcpu, u32 id, u8 prio)
{
	struct vgic_irq *vi = vgic_irq(g, vcpu, id);

	if (vi)
		vi->prio = prio & VGIC_PRIO_MASK;
}

/* Two bits per interrupt, 16 per register; bit 1 set = edge. */
u32 vgic_read_cfg(struct vgic *g, u32 vcpu, u32 first)
{
	u32 val = 0;

	for (u32 i = 0; i < 16; i++) {
		struct vgic_irq *vi = vgic_irq(g, vcpu, first + i);

		if (vi && (vi->flags & VIRQ_EDGE))
			val |= 2u << (2 * i);
	}
	return val;
}

void vgic_write_cfg(struct vgic *g, u32 vcpu, u32 first, u32 val)
{
	for (u32 i = 0; i < 16; i++) {
		u32 id = first + i;
		struct vgic_irq *vi = vgic_irq(g, vcpu, id);
		bool edge = val & (2u << (2 * i));

		if (!vi || id < 16) /* SGIs are always edge */
			continue;
		vi->flags =
			edge ? vi->flags | VIRQ_EDGE : vi->flags & ~VIRQ_EDGE;
		if ((vi->flags & VIRQ_HW) && id >= 32)
			irq_chip()->set_edge(id, edge);
	}
}

/* IROUTER: Aff0 names the vCPU; other affinity levels name nothing. */
void vgic_write_route(struct vgic *g, u32 id, u64 val)
{
	struct vgic_irq *vi = vgic_irq(g, 0, id);
	u64 aff = val & 0xff00ffffffull;
	u32 target;

	if (!vi || id < 32)
		return;
	if (val & BIT(31))
		target = 0;
	else if (aff < g->zone->nr_vcpus)
		target = (u32)aff;
	else
		return; /* no such vCPU: keep the old route */
	vi->flags = (val & BIT(31)) ? vi->flags | VIRQ_ANY_CPU :
				      vi->flags & ~VIRQ_ANY_CPU;
	if (target == vi->target)
		return;
	vi->target = (u8)target;
	if (vi->flags & VIRQ_HW)
		irq_chip()->route_irq(id, vcpu_hwid(g, target));
	if (vi->flags & VIRQ_PENDING)
		make_pending(g, target, id, vi);
}

u64 vgic_read_route(struct vgic *g, u32 id)
{
	struct vgic_irq *vi = vgic_irq(g, 0, id);

	if (!vi || id < 32)
		return 0;
	return (vi->flags & VIRQ_ANY_CPU) ? BIT(31) : vi->target;
}

/* Enabling the distributor makes what was pending deliverable. */
void vgic_write_ctlr(struct vgic *g, u32 val)
{
	g->ctlr = GICD_CTLR_ARE_NS |
		  (val & (GICD_CTLR_EN_GRP1 | GICD_CTLR_EN_GRP1A));
	for (u32 v = 0; v < g->zone->nr_vcpus; v++)
		for (u32 id = 0; id < 32; id++)
			recheck_pending(g, v, id);
	for (u32 id = 32; id < VGIC_NR_IRQS; id++)
		recheck_pending(g, 0, id);
}

/* The zone's interrupts: its passthrough SPIs and its devices' lines. */
static void mark_valid(struct vgic *g)
{
	const struct zone_config *cfg = g->zone->cfg;

	for (u32 i = 0; i < cfg->nr_irqs; i++)
		if (cfg->irqs[i] >= 32 && cfg->irqs[i] < VGIC_NR_IRQS)
			g->spi[cfg->irqs[i] - 32].flags = VIRQ_VALID | VIRQ_HW;
	for (u32 i = 0; i < cfg->nr_vdevs; i++) {
		u32 id = cfg->vdevs[i].irq;

		if (id >= 32 && id < VGIC_NR_IRQS)
			g->spi[id - 32].flags |= VIRQ_VALID;
	}
}

static void vgic_zone_reset(struct zone *zone)
{
	struct vgic *g = zone->virq;

	if (!g)
		return;
	spin_lock(&g->lock);
	g->ctlr = GICD_CTLR_ARE_NS;
	for (u32 i = 0; i < CONFIG_VGIC_NR_SPIS; i++)
		g->spi[i] = (struct vgic_irq){ .lr = -1 };
	mark_valid(g);
	for (u32 v = 0; v < CONFIG_MAX_CPUS; v++) {
		struct vgic_cpu *c = &g->cpu[v];

		memset(c, 0, sizeof(*c));
		c->asleep = true;
		for (u32 id = 0; id < 32; id++)
			c->priv[id] = (struct vgic_irq){
				.flags = VIRQ_VALID | (id < 16 ? VIRQ_EDGE : 0),
				.lr = -1,
			};
		c->priv[VTIMER_PPI].flags |= VIRQ_HW;
	}
	spin_unlock(&g->lock);
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

/* The flush on the way out does the work; the handler only has to exist. */
static void maintenance_irq(u32 irq)
{
	(void)irq;
}

static int vgic_init(void)
{
	nr_lrs = (u32)(read_sysreg(ICH_VTR_EL2) & 0x1f) + 1;
	if (nr_lrs > VGIC_MAX_LRS)
		nr_lrs = VGIC_MAX_LRS;
	if (irq_forward_ppi(VTIMER_PPI) ||
	    irq_request_ppi(MAINTENANCE_PPI, maintenance_irq))
		return -1;
	pr_info("bulkhead: vgic: %u list registers, %u SPIs per zone\n", nr_lrs,
		CONFIG_VGIC_NR_SPIS);
	return 0;
}

/* Called by the distributor and redistributor models' init. */
int vgic_attach(struct vdev *dev)
{
	struct zone *zone = dev->zone;
	struct vgic *g = &vgics[zone - zones];

	if (!zone->virq) {
		g->lock = (spinlock_t)SPINLOCK_INIT;
		g->zone = zone;
		zone->virq = g;
	}
	dev->priv = g;
	return 0;
}

DECLARE_VIRQ_CHIP(vgicv3_chip) = {
	.compatible = "arm,gic-v3",
	.init = vgic_init,
	.zone_reset = vgic_zone_reset,
	.vcpu_reset = vgic_vcpu_reset,
	.inject_hw = vgic_inject_hw,
	.set_level = vgic_set_level,
	.flush = vgic_flush,
	.vcpu_wakeup_pending = vgic_wakeup_pending,
	.sysreg = vgic_sysreg,
};
