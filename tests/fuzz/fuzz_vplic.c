// SPDX-License-Identifier: Apache-2.0
// fuzz-sources: tests/unit/zone_fixture.c src/mmio.c src/driver.c drivers/irqchip/vplic.c tests/unit/fakes.c src/mm/page_alloc.c arch/aarch64/pgtable_format.c
// fuzz-cflags: -Iinclude -Itests/unit/include -Iarch/aarch64/include -include tests/unit/config-host.h -DCONFIG_VPLIC_NR_SOURCES=100 -mllvm -asan-globals=0
// fuzz-libs: -Wl,-L,src -Wl,-T,tests/unit/drivers.ld
/*
 * A zone with two vCPUs drives its virtual PLIC (drivers/irqchip/vplic.c)
 * with any access it likes, while its passthrough interrupts arrive, its
 * devices raise and drop their lines and its vCPUs enter the guest. The
 * input first describes the zone (its CPUs, passthrough sources, device
 * lines), then a series of steps. 100 sources: the last enable word is
 * only partly used.
 *
 * A reference model of the register map and the gateways says what each
 * step must do; after every step: the state is the model's; an access
 * faulted exactly when it was not an aligned 32-bit one; a read returned
 * the model's value, a claim 0 or the model's best enabled pending source
 * above the context's threshold; nothing is pending and in service at
 * once, and only the zone's sources are either; the physical chip saw
 * one completion per completed passthrough source and nothing of other
 * sources; each context's line is what a claim would say, and a CPU
 * whose line changed was kicked (IPI unless it is the one running); a
 * flush set hvip.VSEIP to that line.
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
#include <asm/csr.h>

#include "../../drivers/irqchip/vplic.h"
#include "../unit/fakes.h"
#include "../unit/zone_fixture.h"

#define BASE 0x0c000000ull
#define SIZE 0x400000ull
#define MAX_IRQS 4
#define MAX_LINES 3
#define ID_SPACE 1024 /* what the registers can name */
#define NR_VCPUS 2

struct zone zones[CONFIG_MAX_ZONES];

static struct vdev_config vdevs[1 + MAX_LINES];
static u32 irqs[MAX_IRQS];
static struct zone_config zcfg = { .name = "fuzz",
				   .vdevs = vdevs,
				   .irqs = irqs };
static struct zone *const zone = &zones[0];
static struct vplic *p;
static struct vplic want; /* the reference model's state */
/* A passthrough source the step completed; 0: none. */
static u32 completed;
/* Each context's line before the step. */
static bool eip_before[NR_VCPUS];

/* Source ids worth aiming at: the zone's own, then anything. */
static u32 interesting[MAX_IRQS + MAX_LINES], nr_interesting;

static bool valid(u64 id)
{
	return id && id < VPLIC_NR_SOURCES;
}

static bool bit(const u32 *map, u32 id)
{
	return map[id / 32] & (1u << (id % 32));
}

static void put(u32 *map, u32 id, bool on)
{
	if (on)
		map[id / 32] |= 1u << (id % 32);
	else
		map[id / 32] &= ~(1u << (id % 32));
}

static u32 cpu_of(u32 v)
{
	return zone_vcpu_cpu(zone, v);
}

static void on_vcpu(u32 v)
{
	fixture_on_vcpu(&percpu[cpu_of(v)], zone, v);
}

/* Two distinct CPUs of the eight. */
static void pick_cpus(struct input *in)
{
	u32 a = (u32)take(in, 1) % CONFIG_MAX_CPUS;
	u32 b = (a + 1 + (u32)take(in, 1) % (CONFIG_MAX_CPUS - 1)) %
		CONFIG_MAX_CPUS;

	zcfg.cpu_mask = BIT(a) | BIT(b);
}

/* Mostly a source the zone's PLIC shows, sometimes anything at all. */
static u32 config_id(struct input *in)
{
	u16 v = (u16)take(in, 2);

	return v & 0x8000 ? v % ID_SPACE : v % VPLIC_NR_SOURCES;
}

static void build_zone(struct input *in)
{
	u32 nr_irqs = (u32)take(in, 1) % (MAX_IRQS + 1);
	u32 nr_lines = (u32)take(in, 1) % (MAX_LINES + 1);

	memset(zone, 0, sizeof(*zone));
	pick_cpus(in);
	zone->cfg = &zcfg;
	zone->nr_vcpus = NR_VCPUS;
	nr_interesting = 0;
	for (u32 i = 0; i < nr_irqs; i++)
		interesting[nr_interesting++] = irqs[i] = config_id(in);
	zcfg.nr_irqs = nr_irqs;
	vdevs[0] = (struct vdev_config){ "riscv,plic0", BASE, SIZE, 0, NULL };
	for (u32 i = 0; i < nr_lines; i++) {
		u32 id = config_id(in);

		vdevs[1 + i] = (struct vdev_config){ "test,line",
						     0x10000000 + i * 0x1000ull,
						     0x1000, id, NULL };
		interesting[nr_interesting++] = id;
	}
	zcfg.nr_vdevs = zone->nr_vdevs = 1 + nr_lines;
	for (u32 i = 0; i < zone->nr_vdevs; i++)
		if (fixture_vdev_init(zone, i))
			abort();
	p = vplic_of(zone);
	if (!p)
		abort();
	on_vcpu(0);
}

static bool is_hw(u32 id)
{
	for (u32 i = 0; i < zcfg.nr_irqs; i++)
		if (irqs[i] == id && valid(id))
			return true;
	return false;
}

static bool is_line(u32 id)
{
	for (u32 i = 1; i < zcfg.nr_vdevs; i++)
		if (vdevs[i].irq == id && valid(id))
			return true;
	return false;
}

/* The reference: the best claim of context v, by priority then id. */
static u32 ref_best(const struct vplic *s, u32 v)
{
	u32 best = 0;

	for (u32 id = VPLIC_NR_SOURCES - 1; id > 0; id--)
		if (bit(s->pending, id) && bit(s->ctx[v].enable, id) &&
		    s->prio[id] > s->ctx[v].threshold &&
		    (!best || s->prio[id] >= s->prio[best]))
			best = id;
	return best;
}

/* The zone after a (re)start, as the model sees it. */
static void ref_reset(void)
{
	memset(&want, 0, sizeof(want));
	for (u32 id = 1; id < VPLIC_NR_SOURCES; id++) {
		put(want.hw, id, is_hw(id));
		put(want.emul, id, is_line(id) && !is_hw(id));
	}
}

/* Routes the step must have asked the chip for, in order. */
static u32 routes[32], nr_routes;
static u64 route_hwid;

/*
 * The chip calls of a step: `nr_deact` completions of source `deact`,
 * and the routes expected; nothing else.
 */
static void check_calls(u32 deact, u32 nr_deact)
{
	u32 r = 0;

	if (fake_chip_nr_calls > FAKE_CHIP_CALLS)
		abort();
	for (u32 i = 0; i < fake_chip_nr_calls; i++) {
		const struct fake_chip_call *c = &fake_chip_calls[i];

		if (c->op == FAKE_CHIP_DEACTIVATE && c->irq == deact &&
		    nr_deact) {
			nr_deact--;
			continue;
		}
		if (c->op != FAKE_CHIP_ROUTE || r >= nr_routes ||
		    c->irq != routes[r++] || c->arg != route_hwid)
			abort();
	}
	if (nr_deact || r != nr_routes)
		abort();
}

static u32 pick_id(struct input *in)
{
	u8 b = (u8)take(in, 1);

	if (b & 0x80 || !nr_interesting)
		return (u32)take(in, 2) % ID_SPACE;
	return interesting[b % nr_interesting] + (b & 0x40 ? 1 : 0);
}

/* Aimed at a register of a source or a context, or anywhere. */
static u64 pick_offset(struct input *in, u8 how)
{
	u32 id = pick_id(in), ctx = (u32)take(in, 1) % 4;

	switch ((how >> 4) & 7) {
	case 0:
		return 4 * id;
	case 1:
		return 0x1000 + id / 32 * 4;
	case 2:
		return 0x2000 + 0x80 * ctx + id / 32 * 4;
	case 3:
		return 0x200000 + 0x1000 * ctx;
	case 4:
	case 5:
		return 0x200004 + 0x1000 * ctx;
	default:
		return take(in, 3) % SIZE;
	}
}

static u64 pick_value(struct input *in, u64 off)
{
	u8 b = (u8)take(in, 1);

	if (b & 0x80)
		return take(in, 4);
	if (off >= 0x200000 && off % 0x1000 == 4 && nr_interesting)
		return interesting[b % nr_interesting]; /* a completion */
	return b & 0x40 ? 0xffffffff : b & 7;
}

/* A context register: threshold or claim/complete; 0 elsewhere. */
static u32 ref_context(u64 off, bool write, u32 val)
{
	u64 v = (off - 0x200000) / 0x1000, reg = off % 0x1000;
	u32 id;

	if (v >= NR_VCPUS)
		return 0;
	if (reg == 4 && write && valid(val) && bit(want.in_service, val) &&
	    bit(want.hw, val))
		completed = val;
	if (reg == 0 && write)
		want.ctx[v].threshold = val & 7;
	if (reg == 0)
		return want.ctx[v].threshold;
	if (reg != 4)
		return 0;
	if (!write) {
		id = ref_best(&want, (u32)v);
		put(want.pending, id, false);
		put(want.in_service, id, id != 0);
		return id;
	}
	if (valid(val) && bit(want.in_service, val)) {
		put(want.in_service, val, false);
		if (!bit(want.hw, val) && bit(want.line, val))
			put(want.pending, val, true);
	}
	return 0;
}

/* Enable word w of context v: what it newly enables of the
 * passthrough sources is routed to the vCPU's CPU. */
static void ref_enable(u64 v, u64 w, u32 val)
{
	u32 fresh = val & ~want.ctx[v].enable[w] & want.hw[w];

	route_hwid = platform.cpu_hwid[cpu_of((u32)v)];
	for (u32 i = 0; i < 32; i++)
		if (fresh & (1u << i))
			routes[nr_routes++] = (u32)w * 32 + i;
	want.ctx[v].enable[w] = val;
}

/* The bits of enable word w that exist. */
static u32 ref_mask(u32 w)
{
	u32 m = 0;

	for (u32 i = 0; i < 32; i++)
		if (valid(w * 32 + i))
			m |= 1u << i;
	return m;
}

/* Applies an access to the model; returns what a read gives. */
static u32 ref_access(u64 off, bool write, u32 val)
{
	u64 v = (off - 0x2000) / 0x80, w = off % 0x80 / 4;

	if (off < 0x1000 && valid(off / 4)) {
		if (write)
			want.prio[off / 4] = val & 7;
		return want.prio[off / 4];
	}
	if (off >= 0x1000 && off < 0x1000 + 4 * VPLIC_WORDS)
		return want.pending[(off - 0x1000) / 4];
	if (off >= 0x2000 && off < 0x200000 && v < NR_VCPUS &&
	    w < VPLIC_WORDS) {
		if (write)
			ref_enable(v, w, val & ref_mask((u32)w));
		return want.ctx[v].enable[w];
	}
	return off >= 0x200000 ? ref_context(off, write, val) : 0;
}

static void one_access(struct input *in)
{
	u8 how = (u8)take(in, 1);
	unsigned int width = 1u << (how & 3);
	u64 off = pick_offset(in, how) % SIZE;
	struct mmio_access acc = { .width = width, .write = how & 4 };
	u32 expect;
	bool legal;

	if (!(how & 8))
		off &= ~(u64)(width - 1); /* mostly aligned */
	if (off + width > SIZE)
		off = SIZE - width;
	acc.value = pick_value(in, off) & (~0ull >> (64 - 8 * width));
	legal = width == 4 && !(off & 3);
	expect = legal ? ref_access(off, acc.write, (u32)acc.value) : 0;
	if (mmio_dispatch(zone, BASE + off, &acc) !=
	    (legal ? 0 : MMIO_BAD_ACCESS))
		abort();
	if (legal && !acc.write && acc.value != expect)
		abort(); /* a read, or a claim, the model disagrees with */
	check_calls(completed, completed ? 1 : 0);
}

/* A passthrough source arrives; one the zone cannot see is completed. */
static void inject(u32 id)
{
	bool known = valid(id) && bit(want.hw, id);

	if (known && !bit(want.in_service, id))
		put(want.pending, id, true);
	vplic_inject_hw(zone, id);
	check_calls(id, known ? 0 : 1);
}

static void set_level(u32 id, bool level)
{
	if (valid(id) && bit(want.emul, id)) {
		put(want.line, id, level);
		if (!level || !bit(want.in_service, id))
			put(want.pending, id, level);
	}
	vplic_set_level(zone, id, level);
	check_calls(0, 0);
}

static void flush(u32 v)
{
	on_vcpu(v);
	vplic_flush(zone, v);
	check_calls(0, 0);
	if (!!(host_hvip & HVIP_VSEIP) != (ref_best(&want, v) != 0) ||
	    percpu[cpu_of(v)].virq_work)
		abort();
}

/* As the core does: passthrough sources come back on, to vCPU 0. */
static void restart(void)
{
	u32 n = 0;

	ref_reset();
	vplic_zone_reset(zone);
	for (u32 i = 0; i < fake_chip_nr_calls && i < FAKE_CHIP_CALLS; i++) {
		const struct fake_chip_call *c = &fake_chip_calls[i];

		if (c->op != FAKE_CHIP_ENABLE || !is_hw(c->irq) ||
		    c->arg != platform.cpu_hwid[cpu_of(0)])
			abort();
		n++;
	}
	if (n != fake_chip_nr_calls)
		abort();
	for (u32 v = 0; v < NR_VCPUS; v++)
		eip_before[v] = false; /* down without a kick: vcpu_reset */
}

static void one_event(struct input *in, u8 op)
{
	u32 v = (u32)take(in, 1) % NR_VCPUS;

	switch (op) {
	case 0:
		inject(pick_id(in));
		break;
	case 1:
		set_level(pick_id(in), v);
		break;
	case 2:
		flush(v);
		break;
	case 3:
		on_vcpu(v);
		break;
	case 4:
		on_vcpu(v);
		host_hvip = HVIP_VSEIP;
		vplic_vcpu_reset(zone, v);
		check_calls(0, 0);
		if (host_hvip)
			abort();
		break;
	default:
		if (take(in, 1) == 0xa5)
			restart();
		break;
	}
}

/* Pending and in service never both; only the zone's sources either. */
static void check_sources(void)
{
	for (u32 id = 0; id < VPLIC_WORDS * 32; id++) {
		bool pend = bit(p->pending, id), serv = bit(p->in_service, id);

		if ((pend || serv) && !is_hw(id) && !is_line(id))
			abort();
		if ((pend && serv) || ((pend || serv) && !valid(id)))
			abort();
		if (bit(p->line, id) && (!is_line(id) || is_hw(id)))
			abort();
	}
}

/* The line of each context is what a claim would say; a change kicked
 * its CPU. Contexts past the vCPUs keep their reset state. */
static void check_lines(void)
{
	static const struct vplic_ctx blank;
	u32 self = host_this_cpu->id;

	for (u32 v = 0; v < NR_VCPUS; v++) {
		bool eip = ref_best(&want, v) != 0;
		u32 cpu = cpu_of(v);

		if (p->ctx[v].eip != eip || p->ctx[v].pcpu != cpu)
			abort();
		if (eip != eip_before[v] &&
		    (!percpu[cpu].virq_work ||
		     (cpu != self && !(fake_ipi_mask & BIT(cpu)))))
			abort();
		want.ctx[v].eip = eip;
		want.ctx[v].pcpu = cpu;
	}
	for (u32 v = NR_VCPUS; v < CONFIG_MAX_CPUS; v++)
		if (memcmp(&p->ctx[v], &blank, sizeof(blank)))
			abort();
	if (fake_ipi_mask & ~zcfg.cpu_mask & ~BIT(self))
		abort(); /* only the zone's CPUs are kicked */
}

/* Everything but the lock, which moves with every access. */
static void check_state(void)
{
	size_t from = offsetof(struct vplic, prio);

	check_sources();
	check_lines();
	if (memcmp((char *)p + from, (char *)&want + from, sizeof(want) - from))
		abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct input in = { data, size };

	fake_reset();
	build_zone(&in);
	restart();
	check_state();
	while (in.size) {
		u8 op = (u8)take(&in, 1);

		for (u32 v = 0; v < NR_VCPUS; v++)
			eip_before[v] = p->ctx[v].eip;
		fake_reset();
		for (u32 c = 0; c < CONFIG_MAX_CPUS; c++)
			percpu[c].virq_work = 0;
		completed = nr_routes = 0;
		if (op < 0xb0)
			one_access(&in);
		else
			one_event(&in, op % 6);
		check_state();
	}
	return 0;
}
