// SPDX-License-Identifier: Apache-2.0
// fuzz-sources: tests/unit/zone_fixture.c src/mmio.c src/driver.c drivers/irqchip/vgicv3.c drivers/irqchip/vgicv3_mmio.c tests/unit/fakes.c src/mm/page_alloc.c arch/aarch64/pgtable_format.c
// fuzz-cflags: -Iinclude -Itests/unit/include -Iarch/aarch64/include -include tests/unit/config-host.h -mllvm -asan-globals=0
// fuzz-libs: -Wl,-L,src -Wl,-T,tests/unit/drivers.ld
/*
 * A zone's guest drives its virtual GICv3 (drivers/irqchip/vgicv3.c and
 * vgicv3_mmio.c) with any access it likes, while its devices raise and
 * drop their lines, its vCPUs send SGIs and its passthrough interrupts
 * arrive. The input first describes the zone (CPUs, passthrough SPIs,
 * device lines, redistributor frames), then a series of steps.
 *
 * After every step: the access faulted exactly when the register map says
 * it must, and then changed nothing; an interrupt the zone does not own is
 * untouched, reads as zero and never reaches the physical interrupt
 * controller; every shared interrupt targets an existing vCPU, and the
 * hardware's enable, route and trigger of a passthrough one follow what
 * the zone sees; a redistributor frame reaches only its own vCPU; what is
 * deliverable is in its vCPU's pending map, and that vCPU's CPU was kicked
 * unless it is the one running; only the zone's CPUs are kicked; SGIs
 * reach exactly the vCPUs ICC_SGI1R_EL1 names; vCPUs the zone lacks keep
 * their reset state.
 *
 * .drivers is walked as an array, so ASan must not pad its entries
 * apart with redzones: hence -asan-globals=0.
 */
#include <stdlib.h>
#include <string.h>

#include "fuzz_input.h"

#include <bulkhead/mmio.h>
#include <bulkhead/percpu.h>
#include <bulkhead/zone.h>

#include "../../drivers/irqchip/vgicv3.h"
#include "../unit/fakes.h"
#include "../unit/zone_fixture.h"

#define GICD_BASE 0x08000000ull
#define GICD_SIZE 0x10000ull
#define GICR_BASE 0x080a0000ull
#define FRAME 0x20000ull
#define MAX_IRQS 4
#define MAX_LINES 4
#define ID_SPACE 1024 /* what the registers can name */

struct zone zones[CONFIG_MAX_ZONES];

static struct vdev_config vdevs[2 + MAX_LINES];
static u32 irqs[MAX_IRQS];
static struct zone_config zcfg = { .name = "fuzz",
				   .vdevs = vdevs,
				   .irqs = irqs };
static struct zone *const zone = &zones[0];
static struct percpu cpu;
static struct vgic *g;

/* What the zone owns, by interrupt id. */
static bool owned[ID_SPACE], owned_hw[ID_SPACE], in_cfg_irqs[ID_SPACE];
/* The physical state of a passthrough SPI, as the chip calls left it. */
struct phys_irq {
	bool enabled;
	u64 route;
	int edge; /* -1: not set since the zone (re)started */
};

static struct phys_irq phys[ID_SPACE];

/* What one step may change: a frame's vCPU, the distributor's SPIs. */
#define SCOPE_ALL (-1)
#define SCOPE_DIST (-2)
#define SCOPE_NONE (-3) /* a faulting access changes nothing */
static int scope;

/* Interrupt ids worth aiming at: the zone's own, then anything. */
static u32 interesting[MAX_IRQS + MAX_LINES], nr_interesting;

static void on_vcpu(u32 vcpu)
{
	fixture_on_vcpu(&cpu, zone, vcpu);
}

static void add_vdev(u32 i, const char *compatible, u64 base, u64 size, u32 irq)
{
	vdevs[i] = (struct vdev_config){ compatible, base, size, irq, NULL };
	if (fixture_vdev_init(zone, i))
		abort();
}

/* An interrupt of the zone's configuration: mostly an SPI the
 * distributor shows, sometimes anything, even one beyond them. */
static u32 config_id(struct input *in)
{
	u16 v = (u16)take(in, 2);

	return v & 0x8000 ? v % ID_SPACE : 32 + v % CONFIG_VGIC_NR_SPIS;
}

static void pick_irqs(struct input *in)
{
	u32 nr_irqs = take(in, 1) % (MAX_IRQS + 1);

	memset(owned, 0, sizeof(owned));
	memset(owned_hw, 0, sizeof(owned_hw));
	memset(in_cfg_irqs, 0, sizeof(in_cfg_irqs));
	nr_interesting = 0;
	for (u32 i = 0; i < nr_irqs; i++) {
		irqs[i] = config_id(in);
		in_cfg_irqs[irqs[i]] = true;
		interesting[nr_interesting++] = irqs[i];
		if (irqs[i] >= 32 && irqs[i] < VGIC_NR_IRQS)
			owned[irqs[i]] = owned_hw[irqs[i]] = true;
	}
	zcfg.nr_irqs = nr_irqs;
}

static void build_zone(struct input *in)
{
	u32 nr_lines = take(in, 1) % (MAX_LINES + 1), frames;

	memset(zone, 0, sizeof(*zone));
	zcfg.cpu_mask = take(in, 1);
	if (!zcfg.cpu_mask)
		zcfg.cpu_mask = 1;
	zone->cfg = &zcfg;
	zone->nr_vcpus = (u32)__builtin_popcountll(zcfg.cpu_mask);
	frames = zone->nr_vcpus + take(in, 1) % 2; /* maybe one too many */
	pick_irqs(in);
	add_vdev(0, "bulkhead,vgic-v3-dist", GICD_BASE, GICD_SIZE, 0);
	add_vdev(1, "bulkhead,vgic-v3-redist", GICR_BASE, frames * FRAME, 0);
	for (u32 i = 0; i < nr_lines; i++) {
		u32 irq = config_id(in);

		add_vdev(2 + i, "test,line", 0x09000000 + i * 0x1000ull, 0x1000,
			 irq);
		interesting[nr_interesting++] = irq;
		if (irq >= 32 && irq < VGIC_NR_IRQS)
			owned[irq] = true;
	}
	zcfg.nr_vdevs = zone->nr_vdevs = 2 + nr_lines;
	g = vgic_of(zone);
	if (!g)
		abort();
	vgic_zone_reset(zone);
	for (u32 id = 0; id < ID_SPACE; id++)
		phys[id] = (struct phys_irq){ .edge = -1 };
	on_vcpu(0);
}

/* The register map, as vgicv3_mmio.c documents it. */
static bool gicd_legal(u64 off, unsigned int width)
{
	if (off % width || width == 2)
		return false;
	if (width == 1)
		return off >= 0x400 && off < 0x800; /* IPRIORITYR */
	if (width == 8)
		return off >= 0x6100 && off < 0x8000; /* IROUTER<32..> */
	return true;
}

static bool gicr_legal(u64 off, unsigned int width, bool write)
{
	u64 r = off % FRAME;

	if (off / FRAME >= zone->nr_vcpus || off % width || width == 2)
		return false;
	if (width == 4)
		return true;
	if (r < 0x10000) /* RD_base: TYPER is the only 64-bit register */
		return width == 8 && r == 0x8 && !write;
	return width == 1 && r >= 0x10400 && r < 0x10420; /* IPRIORITYR0-7 */
}

/* A read of the distributor shows nothing of what the zone lacks. */
static void check_gicd_read(u64 off, unsigned int width, u64 val)
{
	if (off == 0x0000 && (val & ~0x13ull || !(val & 0x10)))
		abort(); /* CTLR: ARE_NS, the enables and nothing else */
	if (off >= 0x80 && off < 0x400) {
		for (u32 i = 0, first = off % 0x80 / 4 * 32; i < 32; i++)
			if ((val & BIT(i)) && (first < 32 || !owned[first + i]))
				abort();
	} else if (off >= 0x400 && off < 0x800) {
		for (u32 i = 0; i < width; i++)
			if (((val >> (8 * i)) & 0xff) &&
			    (off + i < 0x420 || !owned[off - 0x400 + i]))
				abort();
	} else if (off >= 0xc00 && off < 0xd00) {
		for (u32 i = 0, first = (off - 0xc00) / 4 * 16; i < 16; i++)
			if ((val & (3ull << (2 * i))) &&
			    (first < 32 || !owned[first + i]))
				abort();
	} else if (off >= 0x6000 && off < 0x8000) {
		if (val && (off < 0x6100 || !owned[(off - 0x6000) / 8]))
			abort();
	}
}

static u32 pick_id(struct input *in)
{
	u8 b = take(in, 1);

	if (b & 0x80 || !nr_interesting)
		return (u32)take(in, 2) % ID_SPACE;
	return interesting[b % nr_interesting] + (b & 0x40 ? 1 : 0);
}

/*
 * A register of interrupt `id`: kinds 0-6 are the bit banks (IGROUPR ..
 * ICACTIVER), 7 IPRIORITYR, 8 ICFGR, 9 and 10 the halves of IROUTER,
 * 11 and 12 CTLR and TYPER (the distributor's or the frame's), 13 WAKER.
 */
static u64 reg_of(u32 kind, u32 id, bool dist)
{
	if (kind < 7)
		return 0x80 * (kind + 1) + id / 32 * 4;
	if (kind == 7)
		return 0x400 + id;
	if (kind == 8)
		return 0xc00 + id / 16 * 4;
	if (kind < 11)
		return 0x6000 + id * 8 + (kind == 10 ? 4 : 0);
	return kind == 11 ? 0x0 : kind == 12 ? (dist ? 0x4 : 0x8) : 0x14;
}

/* Where an access goes: aimed at one interrupt's register, or anywhere. */
struct target {
	u64 off;
	u32 kind, id; /* kind ~0u: not aimed */
};

static struct target pick_target(struct input *in, bool dist, u8 how, u64 size)
{
	struct target t = { .kind = ~0u };
	u32 frame;

	if (!(how & 0x20)) {
		t.off = take(in, 3) % size;
		return t;
	}
	t.kind = (u32)take(in, 1) % 14;
	t.id = pick_id(in);
	if (dist) {
		t.off = reg_of(t.kind, t.id, true);
		return t;
	}
	t.id %= 32;
	frame = (u32)take(in, 1) % (u32)(size / FRAME);
	t.off = frame * FRAME + (t.kind >= 11 ? 0 : 0x10000) +
		reg_of(t.kind, t.id, false);
	return t;
}

/* Mostly what a driver would write there: the interrupt's own bit, its
 * trigger, a vCPU number or IRM; or anything at all. */
static u64 pick_value(struct input *in, const struct target *t)
{
	u8 b = take(in, 1);

	if (t->kind == ~0u || b & 0x80)
		return take(in, 8);
	if (t->kind < 7)
		return b & 0x40 ? ~0ull : BIT(t->id % 32);
	if (t->kind == 8)
		return b & 0x40 ? 0 : 2ull << (t->id % 16 * 2);
	if (t->kind == 9)
		return b & 0x40 ? BIT(31) : b % 10;
	return b;
}

/* Width code 0 of an aimed access: what a driver would use. */
static unsigned int pick_width(u8 how, u64 off, bool dist)
{
	if ((how >> 2) & 3 || !(how & 0x20))
		return 1u << ((how >> 2) & 3);
	if (dist && off >= 0x6000 && off < 0x8000)
		return 8;
	return (off % FRAME) == 0x8 && !dist ? 8 : 4;
}

/* A frame says which vCPU it is, and whether it is the last. */
static void check_gicr_read(u64 off, unsigned int width, u64 val)
{
	u64 v = off / FRAME, r = off % FRAME;
	u64 typer = v << 32 | v << 8 | (v + 1 == zone->nr_vcpus ? 0x10 : 0);

	if (r == 0x8 && val != (width == 8 ? typer : (u32)typer))
		abort();
	if (r == 0xc && val != typer >> 32)
		abort();
	if (r == 0x14 && val != (g->cpu[v].asleep ? 0x6 : 0))
		abort();
}

static void one_access(struct input *in)
{
	u8 how = take(in, 1);
	bool dist = how & 1, write = how & 2;
	u64 size = dist ? GICD_SIZE : zone->vdevs[1].cfg->size;
	struct target t = pick_target(in, dist, how, size);
	u64 off = t.off;
	unsigned int width = pick_width(how, off, dist);
	struct mmio_access acc = { .width = width, .write = write };
	bool legal;
	int ret;

	if (how & 0x30)
		off &= ~(u64)(width - 1); /* mostly aligned */
	if (off + width > size)
		off = size - width;
	/* Models see only the bytes the guest wrote, as in traps.c. */
	acc.value = pick_value(in, &t) & (~0ull >> (64 - 8 * width));
	legal = dist ? gicd_legal(off, width) : gicr_legal(off, width, write);
	ret = mmio_dispatch(zone, (dist ? GICD_BASE : GICR_BASE) + off, &acc);
	if (ret != (legal ? 0 : MMIO_BAD_ACCESS))
		abort();
	scope = ret ? SCOPE_NONE : dist ? SCOPE_DIST : (int)(off / FRAME);
	if (ret == 0 && !write && width < 8 && acc.value >> (8 * width))
		abort(); /* more bits than the guest asked for */
	if (ret == 0 && !write && dist)
		check_gicd_read(off, width, acc.value);
	else if (ret == 0 && !write)
		check_gicr_read(off, width, acc.value);
}

/* ICC_SGI1R_EL1 as the architecture defines it, for Aff0-only vCPUs. */
static bool sgi_targets(u64 v, u32 self, u32 t)
{
	u64 aff = v & 0x00ff00ff00ff0000ull; /* Aff3, Aff2, Aff1 */

	if (v & BIT(40))
		return t != self; /* IRM: everyone else */
	return !aff && t / 16 == ((v >> 44) & 0xf) && (v & BIT(t % 16));
}

/* An SGI to a target list or to all others, sometimes with an affinity
 * no vCPU has; or any value. */
static u64 pick_sgi(struct input *in)
{
	u8 b = take(in, 1);
	u64 v = (u64)(b & 0xf) << 24;

	if (b & 0x80)
		return take(in, 8);
	if (b & 0x40)
		return v | BIT(40);
	v |= take(in, 1);
	return b & 0x20 ? v | 1ull << (16 + (b & 0x10 ? 16 : 0)) : v;
}

/* Targets get the SGI pending; nobody else's state changes. */
static void send_sgi(u64 v)
{
	u32 id = (v >> 24) & 0xf, self = cpu.vcpu_index;
	u8 before[CONFIG_MAX_CPUS];

	for (u32 t = 0; t < CONFIG_MAX_CPUS; t++)
		before[t] = g->cpu[t].priv[id].flags;
	vgic_send_sgi(g, self, v);
	for (u32 t = 0; t < CONFIG_MAX_CPUS; t++) {
		u8 want = before[t];

		if (t < zone->nr_vcpus && sgi_targets(v, self, t))
			want |= VIRQ_PENDING;
		if (g->cpu[t].priv[id].flags != want)
			abort();
	}
}

static u64 hwid_of(u32 vcpu)
{
	return platform.cpu_hwid[zone_vcpu_cpu(zone, vcpu)];
}

/* The physical chip heard only of the zone's own passthrough interrupts,
 * routed where their virtual counterparts go. */
static void check_chip_calls(void)
{
	if (fake_chip_nr_calls > FAKE_CHIP_CALLS)
		abort();
	for (unsigned int i = 0; i < fake_chip_nr_calls; i++) {
		const struct fake_chip_call *c = &fake_chip_calls[i];

		if (c->irq >= ID_SPACE || !in_cfg_irqs[c->irq])
			abort();
		if (c->op == FAKE_CHIP_DEACTIVATE)
			continue;
		if (!owned_hw[c->irq])
			abort();
		if (c->op == FAKE_CHIP_ENABLE || c->op == FAKE_CHIP_DISABLE)
			phys[c->irq].enabled = c->op == FAKE_CHIP_ENABLE;
		if (c->op == FAKE_CHIP_ENABLE || c->op == FAKE_CHIP_ROUTE)
			phys[c->irq].route = c->arg;
		if (c->op == FAKE_CHIP_SET_EDGE)
			phys[c->irq].edge = (int)c->arg;
	}
}

/* As zone.c does before a restart: irq_release_zone() disables them. */
static void restart_zone(void)
{
	for (u32 id = 0; id < ID_SPACE; id++)
		phys[id].enabled = false;
	vgic_zone_reset(zone);
}

/* The hardware agrees with what the guest sees of the interrupt. */
static void check_phys(u32 id, const struct vgic_irq *vi)
{
	if (phys[id].enabled != !!(vi->flags & VIRQ_ENABLED))
		abort();
	if (phys[id].enabled && phys[id].route != hwid_of(vi->target))
		abort();
	if (phys[id].edge >= 0 && phys[id].edge != !!(vi->flags & VIRQ_EDGE))
		abort();
}

static bool in_map(u32 vcpu, u32 id)
{
	return g->cpu[vcpu].pending[id / 64] & BIT(id % 64);
}

static void check_spi(u32 id, const struct vgic_irq *vi)
{
	if (vi->lr != -1)
		abort(); /* no CPU interface on the host */
	if (!owned[id]) {
		if (vi->flags || vi->prio || vi->target)
			abort(); /* touched an interrupt of nobody's */
		return;
	}
	if (!(vi->flags & VIRQ_VALID) ||
	    !!(vi->flags & VIRQ_HW) != owned_hw[id] ||
	    (owned_hw[id] && (vi->flags & VIRQ_LINE)))
		abort();
	if (vi->target >= zone->nr_vcpus || vi->prio & ~VGIC_PRIO_MASK)
		abort();
	if ((vi->flags & VIRQ_ANY_CPU) && vi->target)
		abort();
	if (vgic_deliverable(g, vi) && !in_map(vi->target, id))
		abort(); /* its vCPU would never load it */
	if (owned_hw[id])
		check_phys(id, vi);
}

/* SGIs stay edge, only the timer is hardware-linked, nothing has a line. */
static void check_private(u32 vcpu, u32 id, const struct vgic_irq *vi)
{
	u8 reset = VIRQ_VALID | (id < 16 ? VIRQ_EDGE : 0) |
		   (id == VTIMER_PPI ? VIRQ_HW : 0);
	u8 fixed = VIRQ_VALID | VIRQ_HW | VIRQ_LINE | VIRQ_ANY_CPU |
		   (id < 16 ? VIRQ_EDGE : 0);

	if (vi->lr != -1 || vi->target || vi->prio & ~VGIC_PRIO_MASK ||
	    (vi->flags & fixed) != (reset & fixed))
		abort();
	if (vcpu >= zone->nr_vcpus && (vi->flags != reset || vi->prio))
		abort(); /* a vCPU the zone lacks was reached */
	if (vgic_deliverable(g, vi) && !in_map(vcpu, id))
		abort();
}

static void check_pending_map(u32 vcpu, const struct vgic_cpu *c)
{
	for (u32 id = 0; id < VGIC_WORDS * 64; id++) {
		if (!(c->pending[id / 64] & BIT(id % 64)))
			continue;
		if (vcpu >= zone->nr_vcpus || id >= VGIC_NR_IRQS ||
		    (id >= 32 && !owned[id]))
			abort();
	}
	if (vcpu >= zone->nr_vcpus && (!c->asleep || c->lr_used))
		abort();
}

/* A vCPU with something new to load was kicked, unless it runs here. */
static void check_kicks(const struct vgic *before)
{
	for (u32 v = 0; v < zone->nr_vcpus; v++) {
		u32 on = zone_vcpu_cpu(zone, v);
		bool fresh = false;

		for (u32 w = 0; w < VGIC_WORDS; w++)
			fresh |= !!(g->cpu[v].pending[w] &
				    ~before->cpu[v].pending[w]);
		if (fresh && on != cpu.id && !(fake_ipi_mask & BIT(on)))
			abort();
	}
}

static void check_scope(const struct vgic *before)
{
	if (scope == SCOPE_ALL)
		return;
	if (scope != SCOPE_DIST &&
	    (g->ctlr != before->ctlr ||
	     memcmp(g->spi, before->spi, sizeof(g->spi))))
		abort(); /* a redistributor reached the distributor */
	for (u32 v = 0; v < CONFIG_MAX_CPUS; v++) {
		if ((int)v == scope)
			continue;
		if (memcmp(g->cpu[v].priv, before->cpu[v].priv,
			   sizeof(g->cpu[v].priv)))
			abort(); /* a frame reached another vCPU */
		if (scope != SCOPE_DIST &&
		    memcmp(g->cpu[v].pending, before->cpu[v].pending,
			   sizeof(g->cpu[v].pending)))
			abort();
	}
}

static void check_state(const struct vgic *before)
{
	u64 cpus = zcfg.cpu_mask & ~BIT(cpu.id);

	if (g->ctlr & ~0x13u || !(g->ctlr & GICD_CTLR_ARE_NS))
		abort();
	check_chip_calls();
	for (u32 id = 32; id < VGIC_NR_IRQS; id++)
		check_spi(id, &g->spi[id - 32]);
	for (u32 v = 0; v < CONFIG_MAX_CPUS; v++) {
		for (u32 id = 0; id < 32; id++)
			check_private(v, id, &g->cpu[v].priv[id]);
		check_pending_map(v, &g->cpu[v]);
	}
	if (fake_ipi_mask & ~cpus)
		abort(); /* kicked itself, or a CPU of another zone */
	check_kicks(before);
	check_scope(before);
	if (scope == SCOPE_NONE && fake_chip_nr_calls)
		abort();
}

/* An emulated line: a rising one makes it pending, a falling one drops a
 * level-triggered one (nothing is ever listed here). */
static void set_level(u32 id, bool level)
{
	const struct vgic_irq *vi = NULL;
	bool was_high = false;

	if (id >= 32 && id < ID_SPACE && owned[id] && !owned_hw[id]) {
		vi = &g->spi[id - 32];
		was_high = vi->flags & VIRQ_LINE;
	}
	vgic_set_level(zone, id, level);
	if (!vi)
		return;
	if (!!(vi->flags & VIRQ_LINE) != level)
		abort();
	if (level && !was_high && !(vi->flags & VIRQ_PENDING))
		abort();
	if (!level && !(vi->flags & VIRQ_EDGE) && (vi->flags & VIRQ_PENDING))
		abort();
}

static void one_event(struct input *in, u8 op)
{
	u32 id;

	switch (op) {
	case 0:
		set_level(pick_id(in), take(in, 1) & 1);
		break;
	case 1:
		send_sgi(pick_sgi(in));
		break;
	case 2: /* what the core hands over: passthrough SPIs, the timer */
		id = (u32)take(in, 1) % (zcfg.nr_irqs + 1);
		vgic_inject_hw(zone, id < zcfg.nr_irqs ? irqs[id] : VTIMER_PPI);
		break;
	case 3:
		on_vcpu((u32)take(in, 1) % zone->nr_vcpus);
		break;
	default:
		if (take(in, 1) == 0xa5)
			restart_zone();
		break;
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct vgic before;
	struct input in = { data, size };

	fake_reset();
	build_zone(&in);
	check_chip_calls(); /* the reset's */
	while (in.size) {
		u8 op = take(&in, 1);

		before = *g;
		fake_chip_nr_calls = 0;
		fake_ipi_mask = 0;
		scope = SCOPE_ALL;
		if (op < 0xc0)
			one_access(&in);
		else
			one_event(&in, op % 5);
		check_state(&before);
	}
	return 0;
}
