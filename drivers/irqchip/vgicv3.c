// SPDX-License-Identifier: Apache-2.0
/*
 * Virtual GICv3: interrupt state, shared by the distributor and
 * redistributor models (vgicv3_mmio.c) and the CPU interface side
 * (vgicv3_cpuif.c). Anyone may make an interrupt pending (another vCPU's
 * SGI, a device model, the physical interrupt path): that sets a bit in
 * the target vCPU's pending map under the zone's vGIC lock and kicks the
 * target CPU with the hypervisor IPI, which loads its list registers on
 * the way back into the guest.
 */
#include <bulkhead/driver.h>
#include <bulkhead/irq.h>
#include <bulkhead/percpu.h>
#include <bulkhead/printk.h>
#include <bulkhead/string.h>
#include <bulkhead/vcpu.h>
#include <bulkhead/virq.h>
#include <bulkhead/zone.h>

#include "vgicv3.h"

static struct vgic vgics[CONFIG_MAX_ZONES];

bool (*vgic_cpuif_list_now)(struct vgic *g, u32 vcpu, u32 id,
			    struct vgic_irq *vi);

/* IPRIORITYR bytes @first..@first+@width-1 (one byte per interrupt). */
u64 vgic_read_prios(struct vgic *g, u32 vcpu, u32 first, unsigned int width)
{
	u64 val = 0;

	for (u32 i = 0; i < width; i++) {
		struct vgic_irq *vi = vgic_irq(g, vcpu, first + i);

		if (vi)
			val |= (u64)vi->prio << (8 * i);
	}
	return val;
}

void vgic_write_prios(struct vgic *g, u32 vcpu, u32 first, unsigned int width,
		      u64 val)
{
	for (u32 i = 0; i < width; i++)
		vgic_write_prio(g, vcpu, first + i, (u8)(val >> (8 * i)));
}

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

u32 vgic_vcpu_of(struct vgic *g, u32 id, u32 vcpu)
{
	return id < 32 ? vcpu : g->spi[id - 32].target;
}

bool vgic_deliverable(const struct vgic *g, const struct vgic_irq *vi)
{
	return (vi->flags & (VIRQ_ENABLED | VIRQ_PENDING)) ==
		       (VIRQ_ENABLED | VIRQ_PENDING) &&
	       (g->ctlr & (GICD_CTLR_EN_GRP1 | GICD_CTLR_EN_GRP1A));
}

/* The target CPU takes the IPI as an exit and loads its list registers. */
static void kick(struct vgic *g, u32 vcpu)
{
	u32 cpu = g->cpu[vcpu].pcpu;

	WRITE_ONCE(percpu[cpu].virq_work, 1);
	if (cpu != this_cpu()->id)
		irq_send_ipi(cpu);
}

/* Caller holds g->lock. */
void vgic_make_pending(struct vgic *g, u32 vcpu, u32 id, struct vgic_irq *vi)
{
	vi->flags |= VIRQ_PENDING;
	if (!vgic_deliverable(g, vi))
		return;
	g->cpu[vcpu].pending[id / 64] |= BIT(id % 64);
	kick(g, vcpu);
}

/* After an enable: interrupts already pending become candidates. */
static void recheck_pending(struct vgic *g, u32 vcpu, u32 id)
{
	struct vgic_irq *vi = vgic_irq(g, vcpu, id);

	if (vi && (vi->flags & VIRQ_PENDING))
		vgic_make_pending(g, vgic_vcpu_of(g, id, vcpu), id, vi);
}

/* The best deliverable candidate; stale bits are dropped on the way. */
struct vgic_irq *vgic_best_pending(struct vgic *g, u32 vcpu, u32 *best_id)
{
	struct vgic_cpu *c = &g->cpu[vcpu];
	struct vgic_irq *best = NULL;

	for (u32 w = 0; w < VGIC_WORDS; w++) {
		for (u64 bits = c->pending[w]; bits; bits &= bits - 1) {
			u32 id = w * 64 + ctz64(bits);
			struct vgic_irq *vi = vgic_irq(g, vcpu, id);

			if (!vi || !vgic_deliverable(g, vi) ||
			    vgic_vcpu_of(g, id, vcpu) != vcpu) {
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

void vgic_inject_hw(struct zone *zone, u32 id)
{
	struct vgic *g = zone->virq;
	u32 vcpu = this_cpu()->vcpu_index;
	struct vgic_irq *vi;

	if (!g)
		return;
	spin_lock(&g->lock);
	vi = vgic_irq(g, vcpu, id);
	if (vi && (vi->flags & VIRQ_HW)) {
		u32 target = vgic_vcpu_of(g, id, vcpu);

		if (!vgic_cpuif_list_now ||
		    !vgic_cpuif_list_now(g, target, id, vi))
			vgic_make_pending(g, target, id, vi);
	}
	spin_unlock(&g->lock);
	if (!vi)
		irq_chip()->deactivate(id); /* nobody will EOI it */
}

void vgic_set_level(struct zone *zone, u32 id, bool level)
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
			vgic_make_pending(g, vi->target, id, vi);
		else if (!level && !(vi->flags & VIRQ_EDGE))
			vi->flags &=
				~VIRQ_PENDING; /* dropped before delivery */
	}
	spin_unlock(&g->lock);
}

/* ICC_SGI1R_EL1: Aff3.Aff2.Aff1 must be 0 (our vCPUs are Aff0 only). */
void vgic_send_sgi(struct vgic *g, u32 self, u64 v)
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
			vgic_make_pending(g, t, id, vi);
	}
	spin_unlock(&g->lock);
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
			vgic_make_pending(g, vgic_vcpu_of(g, id, vcpu), id, vi);
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
		u32 id = first + ctz64(val);
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
		vgic_make_pending(g, target, id, vi);
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

/*
 * The zone's interrupts: its passthrough SPIs and its devices' lines. A
 * passthrough SPI starts level-triggered in the hardware too, whatever
 * the zone's previous run configured.
 */
static void mark_valid(struct vgic *g)
{
	const struct zone_config *cfg = g->zone->cfg;

	for (u32 i = 0; i < cfg->nr_irqs; i++) {
		u32 id = cfg->irqs[i];

		if (id >= 32 && id < VGIC_NR_IRQS) {
			g->spi[id - 32].flags = VIRQ_VALID | VIRQ_HW;
			irq_chip()->set_edge(id, false);
		}
	}
	for (u32 i = 0; i < cfg->nr_vdevs; i++) {
		u32 id = cfg->vdevs[i].irq;

		if (id >= 32 && id < VGIC_NR_IRQS)
			g->spi[id - 32].flags |= VIRQ_VALID;
	}
}

void vgic_zone_reset(struct zone *zone)
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
		c->pcpu = v < g->zone->nr_vcpus ? zone_vcpu_cpu(g->zone, v) : 0;
		for (u32 id = 0; id < 32; id++)
			c->priv[id] = (struct vgic_irq){
				.flags = VIRQ_VALID | (id < 16 ? VIRQ_EDGE : 0),
				.lr = -1,
			};
		c->priv[VTIMER_PPI].flags |= VIRQ_HW;
	}
	spin_unlock(&g->lock);
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
