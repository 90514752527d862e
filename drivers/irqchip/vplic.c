// SPDX-License-Identifier: Apache-2.0
/*
 * Virtual PLIC: each zone sees a PLIC of its own in the board PLIC's
 * window, trapped and emulated. Its contexts are the vCPUs' supervisor
 * external interrupts only: context v is vCPU v, in the order the guest
 * DTB's interrupts-extended lists them (zonegen writes <&cpuN_intc 9> per
 * vCPU). A guest has no M-mode, so it has no M-mode contexts either.
 *
 * Every source 1 .. VPLIC_NR_SOURCES - 1 has its registers, but only the
 * zone's passthrough interrupts and its emulated devices' lines ever
 * become pending. A passthrough source stays enabled in the physical PLIC
 * while the zone runs, and its physical gateway forwards nothing more
 * until the guest completes the virtual source: the virtual priorities,
 * enables and thresholds alone decide what the guest gets.
 *
 * A context's output is hvip.VSEIP on its vCPU's CPU, which only that CPU
 * can write: whoever changes the state (any CPU, for a passthrough
 * interrupt) works out which contexts' lines change and kicks their CPUs,
 * and each applies its own line in flush on the way into the guest.
 */
#include <bulkhead/driver.h>
#include <bulkhead/irq.h>
#include <bulkhead/percpu.h>
#include <bulkhead/printk.h>
#include <bulkhead/string.h>
#include <bulkhead/vcpu.h>
#include <bulkhead/virq.h>
#include <bulkhead/zone.h>
#include <asm/csr.h>

#include "vplic.h"

static struct vplic vplics[CONFIG_MAX_ZONES];

struct vplic *vplic_of(struct zone *zone)
{
	return zone->virq;
}

static bool valid_id(u64 id)
{
	return id && id < VPLIC_NR_SOURCES;
}

static bool test_id(const u32 *map, u32 id)
{
	return map[id / 32] & (1u << (id % 32));
}

static void set_id(u32 *map, u32 id)
{
	map[id / 32] |= 1u << (id % 32);
}

static void clear_id(u32 *map, u32 id)
{
	map[id / 32] &= ~(1u << (id % 32));
}

/* The bits of word w that name sources: never 0, none past the last. */
static u32 valid_mask(u32 w)
{
	u32 mask = w ? ~0u : ~1u;

	if ((w + 1) * 32 > VPLIC_NR_SOURCES)
		mask &= (1u << (VPLIC_NR_SOURCES % 32)) - 1;
	return mask;
}

/* Highest priority above the threshold wins; on a tie, the lowest id. */
u32 vplic_best(const struct vplic *p, u32 v)
{
	const struct vplic_ctx *c = &p->ctx[v];
	u32 best = 0, best_prio = c->threshold;

	for (u32 w = 0; w < VPLIC_WORDS; w++) {
		for (u32 m = p->pending[w] & c->enable[w]; m; m &= m - 1) {
			u32 id = w * 32 + ctz64(m);

			if (p->prio[id] > best_prio) {
				best = id;
				best_prio = p->prio[id];
			}
		}
	}
	return best;
}

static void kick(struct vplic *p, u32 v)
{
	u32 cpu = p->ctx[v].pcpu;

	WRITE_ONCE(percpu[cpu].virq_work, 1);
	if (cpu != this_cpu()->id)
		irq_send_ipi(cpu);
}

/* After any change of state; the caller holds p->lock. */
static void update(struct vplic *p)
{
	for (u32 v = 0; v < p->zone->nr_vcpus; v++) {
		bool eip = vplic_best(p, v) != 0;

		if (eip != p->ctx[v].eip) {
			p->ctx[v].eip = eip;
			kick(p, v);
		}
	}
}

/* The zone's state lives as long as the zone: one per zone slot. */
static struct vplic *attach_zone(struct zone *zone)
{
	struct vplic *p = &vplics[zone - zones];

	if (!zone->virq) {
		p->lock = (spinlock_t)SPINLOCK_INIT;
		p->zone = zone;
		zone->virq = p;
	}
	return zone->virq;
}

static int vplic_attach(struct vdev *dev)
{
	dev->priv = attach_zone(dev->zone);
	return 0;
}

/* Caller holds p->lock. */
static u32 claim(struct vplic *p, u32 v)
{
	u32 id = vplic_best(p, v);

	if (id) {
		clear_id(p->pending, id);
		set_id(p->in_service, id);
		update(p);
	}
	return id;
}

/*
 * Any context may complete a source, whether it has it enabled or not
 * (the specification lets a PLIC ignore the latter; QEMU's does not, and
 * guests must not rely on it). A level line still high is forwarded again.
 */
static void complete(struct vplic *p, u32 id)
{
	if (!valid_id(id) || !test_id(p->in_service, id))
		return;
	clear_id(p->in_service, id);
	if (test_id(p->hw, id))
		irq_chip()->deactivate(id);
	else if (test_id(p->line, id))
		set_id(p->pending, id);
	update(p);
}

/*
 * A passthrough source follows the vCPU that enabled it last, so that it
 * arrives on that vCPU's own CPU without an IPI on the way.
 */
static void write_enable(struct vplic *p, u32 v, u32 w, u32 val)
{
	u32 *en = &p->ctx[v].enable[w];
	u32 fresh = val & valid_mask(w) & ~*en & p->hw[w];

	*en = val & valid_mask(w);
	for (; fresh; fresh &= fresh - 1)
		irq_chip()->route_irq(w * 32 + ctz64(fresh),
				      platform.cpu_hwid[p->ctx[v].pcpu]);
	update(p);
}

/* Which context and word an enable register is; false: none (RAZ/WI). */
static bool enable_pos(const struct vplic *p, u64 off, u32 *v, u32 *w)
{
	u64 ctx = (off - VPLIC_ENABLE) / VPLIC_ENABLE_STRIDE;
	u64 word = off % VPLIC_ENABLE_STRIDE / 4;

	if (ctx >= p->zone->nr_vcpus || word >= VPLIC_WORDS)
		return false;
	*v = (u32)ctx;
	*w = (u32)word;
	return true;
}

static u32 context_read(struct vplic *p, u64 off)
{
	u64 v = (off - VPLIC_CONTEXT) / VPLIC_CONTEXT_STRIDE;
	u64 reg = off % VPLIC_CONTEXT_STRIDE;

	if (v >= p->zone->nr_vcpus)
		return 0;
	if (reg == VPLIC_THRESHOLD)
		return p->ctx[v].threshold;
	return reg == VPLIC_CLAIM ? claim(p, (u32)v) : 0;
}

static void context_write(struct vplic *p, u64 off, u32 val)
{
	u64 v = (off - VPLIC_CONTEXT) / VPLIC_CONTEXT_STRIDE;
	u64 reg = off % VPLIC_CONTEXT_STRIDE;

	if (v >= p->zone->nr_vcpus)
		return;
	if (reg == VPLIC_THRESHOLD) {
		p->ctx[v].threshold = val & VPLIC_PRIO_MASK;
		update(p);
	} else if (reg == VPLIC_CLAIM) {
		complete(p, val);
	}
}

static u32 read_reg(struct vplic *p, u64 off)
{
	u32 v, w;

	if (off < VPLIC_PENDING)
		return valid_id(off / 4) ? p->prio[off / 4] : 0;
	if (off < VPLIC_ENABLE) {
		off -= VPLIC_PENDING;
		return off / 4 < VPLIC_WORDS ? p->pending[off / 4] : 0;
	}
	if (off < VPLIC_CONTEXT)
		return enable_pos(p, off, &v, &w) ? p->ctx[v].enable[w] : 0;
	return context_read(p, off);
}

/* Pending bits are the gateways': read-only. */
static void write_reg(struct vplic *p, u64 off, u32 val)
{
	u32 v, w;

	if (off < VPLIC_PENDING) {
		if (valid_id(off / 4)) {
			p->prio[off / 4] = val & VPLIC_PRIO_MASK;
			update(p);
		}
	} else if (off >= VPLIC_ENABLE && off < VPLIC_CONTEXT) {
		if (enable_pos(p, off, &v, &w))
			write_enable(p, v, w, val);
	} else if (off >= VPLIC_CONTEXT) {
		context_write(p, off, val);
	}
}

/* Every register is 32 bits wide; other accesses fault the zone. */
static int vplic_access(struct vdev *dev, struct mmio_access *acc)
{
	struct vplic *p = dev->priv;

	if (acc->width != 4 || (acc->offset & 3))
		return -1;
	spin_lock(&p->lock);
	if (acc->write)
		write_reg(p, acc->offset, (u32)acc->value);
	else
		acc->value = read_reg(p, acc->offset);
	spin_unlock(&p->lock);
	return 0;
}

/* Caller holds p->lock. */
static void clear_state(struct vplic *p)
{
	memset(p->prio, 0, sizeof(p->prio));
	memset(p->pending, 0, sizeof(p->pending));
	memset(p->in_service, 0, sizeof(p->in_service));
	memset(p->hw, 0, sizeof(p->hw));
	memset(p->emul, 0, sizeof(p->emul));
	memset(p->line, 0, sizeof(p->line));
	memset(p->ctx, 0, sizeof(p->ctx));
	for (u32 v = 0; v < p->zone->nr_vcpus; v++)
		p->ctx[v].pcpu = zone_vcpu_cpu(p->zone, v);
}

/*
 * The passthrough sources start routed to vCPU 0's CPU and stay enabled
 * in the physical PLIC; one the zone cannot see is left off, since the
 * zone could never complete it.
 */
static void enable_passthrough(struct vplic *p)
{
	const struct zone_config *cfg = p->zone->cfg;
	u64 hwid = platform.cpu_hwid[p->ctx[0].pcpu];

	for (u32 i = 0; i < cfg->nr_irqs; i++) {
		u32 id = cfg->irqs[i];

		if (valid_id(id)) {
			irq_chip()->enable_irq(id, hwid);
			continue;
		}
		pr_warn("zone %s: interrupt %u is past the vPLIC's %u sources\n",
			cfg->name, id, (unsigned int)VPLIC_NR_SOURCES);
	}
}

/* A source is a passthrough one or else a device's; the zone's only. */
static void mark_sources(struct vplic *p)
{
	const struct zone_config *cfg = p->zone->cfg;

	for (u32 i = 0; i < cfg->nr_irqs; i++)
		if (valid_id(cfg->irqs[i]))
			set_id(p->hw, cfg->irqs[i]);
	for (u32 i = 0; i < cfg->nr_vdevs; i++) {
		u32 id = cfg->vdevs[i].irq;

		if (valid_id(id) && !test_id(p->hw, id))
			set_id(p->emul, id);
	}
}

void vplic_zone_reset(struct zone *zone)
{
	struct vplic *p = attach_zone(zone);

	if (!zone->nr_vcpus)
		return;
	spin_lock(&p->lock);
	clear_state(p);
	mark_sources(p);
	spin_unlock(&p->lock);
	enable_passthrough(p);
}

/*
 * On the vCPU's CPU, before its first instruction: the line may still be
 * up from the zone's previous run. The context's registers are kept, as a
 * hart's start leaves a real PLIC alone.
 */
void vplic_vcpu_reset(struct zone *zone, u32 vcpu)
{
	struct vplic *p = zone->virq;

	if (!p || vcpu >= zone->nr_vcpus)
		return;
	spin_lock(&p->lock);
	csr_clear(CSR_HVIP, HVIP_VSEIP);
	p->ctx[vcpu].eip = false;
	update(p);
	spin_unlock(&p->lock);
}

/*
 * The physical gateway forwards nothing more until the completion, so a
 * source in service cannot arrive again. One the zone cannot see would
 * never be completed: complete it here.
 */
void vplic_inject_hw(struct zone *zone, u32 id)
{
	struct vplic *p = zone->virq;
	bool known;

	if (!p)
		return;
	spin_lock(&p->lock);
	known = valid_id(id) && test_id(p->hw, id);
	if (known && !test_id(p->in_service, id)) {
		set_id(p->pending, id);
		update(p);
	}
	spin_unlock(&p->lock);
	if (!known)
		irq_chip()->deactivate(id);
}

/*
 * A level-triggered gateway: a line held high while in service is
 * forwarded again at the completion. Only the zone's own devices' lines
 * exist here.
 */
void vplic_set_level(struct zone *zone, u32 id, bool level)
{
	struct vplic *p = zone->virq;

	if (!p || !valid_id(id))
		return;
	spin_lock(&p->lock);
	if (test_id(p->emul, id)) {
		if (!level) {
			clear_id(p->line, id);
			clear_id(p->pending, id);
		} else {
			set_id(p->line, id);
			if (!test_id(p->in_service, id))
				set_id(p->pending, id);
		}
		update(p);
	}
	spin_unlock(&p->lock);
}

void vplic_flush(struct zone *zone, u32 vcpu)
{
	struct vplic *p = zone->virq;

	if (!p || vcpu >= zone->nr_vcpus) {
		WRITE_ONCE(this_cpu()->virq_work, 0);
		return;
	}
	spin_lock(&p->lock);
	WRITE_ONCE(this_cpu()->virq_work, 0);
	p->ctx[vcpu].eip = vplic_best(p, vcpu) != 0;
	if (p->ctx[vcpu].eip)
		csr_set(CSR_HVIP, HVIP_VSEIP);
	else
		csr_clear(CSR_HVIP, HVIP_VSEIP);
	spin_unlock(&p->lock);
}

bool vplic_wakeup_pending(struct zone *zone, u32 vcpu)
{
	struct vplic *p = zone->virq;
	bool any;

	if (!p || vcpu >= zone->nr_vcpus)
		return false;
	spin_lock(&p->lock);
	any = vplic_best(p, vcpu) != 0;
	spin_unlock(&p->lock);
	return any;
}

static int vplic_init(void)
{
	return 0;
}

DECLARE_DRIVER(vplic_type, DRIVER_VDEV, struct vdev_type, "riscv,plic0") = {
	.init = vplic_attach,
	.access = vplic_access,
};

/* No system registers: a guest reaches its PLIC through MMIO only. */
DECLARE_DRIVER(vplic_chip, DRIVER_VIRQ, struct virq_chip, "riscv,plic0") = {
	.init = vplic_init,
	.zone_reset = vplic_zone_reset,
	.vcpu_reset = vplic_vcpu_reset,
	.inject_hw = vplic_inject_hw,
	.set_level = vplic_set_level,
	.flush = vplic_flush,
	.vcpu_wakeup_pending = vplic_wakeup_pending,
	.sysreg = NULL,
};
