// SPDX-License-Identifier: Apache-2.0
/*
 * The virtual PLIC (drivers/irqchip/vplic.c) as a guest sees it through
 * mmio_dispatch(), and as the core drives it: passthrough interrupts
 * arriving, an emulated device's line, the flush before guest entry that
 * sets hvip.VSEIP (host_hvip here). The zone has two vCPUs on CPUs 2 and
 * 5, passthrough sources 10 and 33 (and 200, past the sources its PLIC
 * shows), and an emulated device on source 5.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <string.h>

#include <cmocka.h>

#include <bulkhead/mmio.h>
#include <bulkhead/percpu.h>
#include <bulkhead/zone.h>
#include <asm/csr.h>

#include "../../drivers/irqchip/vplic.h"
#include "fakes.h"
#include "zone_fixture.h"

#define PLIC 0x0c000000ull
#define PLIC_SIZE 0x600000ull

#define EMUL 5
#define HW_A 10
#define HW_B 33
#define HW_FAR 200 /* past CONFIG_VPLIC_NR_SOURCES */
#define NOBODY 7 /* a source nothing drives */

/* attach_zone() finds the zone's state by its index in zones[]. */
struct zone zones[CONFIG_MAX_ZONES];

static const struct vdev_config vdevs[] = {
	{ "riscv,plic0", PLIC, PLIC_SIZE, 0, NULL },
	{ "test,line", 0x10000000, 0x100, EMUL, NULL },
};
static const u32 hw_irqs[] = { HW_A, HW_B, HW_FAR };

/* CPUs 2 and 5 are vCPUs 0 and 1. */
static const struct zone_config zcfg = {
	.id = 0,
	.name = "vplic",
	.cpu_mask = 0x24,
	.nr_vdevs = ARRAY_SIZE(vdevs),
	.vdevs = vdevs,
	.nr_irqs = ARRAY_SIZE(hw_irqs),
	.irqs = hw_irqs,
};

static const u32 vcpu_cpu[] = { 2, 5 };

static struct zone *const zone = &zones[0];

/* Runs on the physical CPU of vCPU `vcpu` (its percpu[] entry). */
static void on_vcpu(u32 vcpu)
{
	fixture_on_vcpu(&percpu[zone_vcpu_cpu(zone, vcpu)], zone, vcpu);
}

/* Forgets the chip calls, IPIs and kicks so far. */
static void forget_calls(void)
{
	fake_reset();
	for (u32 i = 0; i < CONFIG_MAX_CPUS; i++)
		percpu[i].virq_work = 0;
}

static int setup(void **state)
{
	(void)state;
	fake_reset();
	assert_int_equal(fixture_zone_init(zone, &zcfg), 0);
	assert_int_equal(zone->nr_vcpus, ARRAY_SIZE(vcpu_cpu));
	assert_non_null(vplic_of(zone));
	on_vcpu(0);
	vplic_zone_reset(zone);
	forget_calls(); /* the reset's calls to the chip */
	host_hvip = 0;
	return 0;
}

static int access(u64 off, unsigned int width, bool write, u64 *val)
{
	return fixture_mmio(zone, PLIC + off, width, write, val);
}

static u64 rd(u64 off)
{
	u64 v = 0;

	assert_int_equal(access(off, 4, false, &v), 0);
	return v;
}

static void wr(u64 off, u64 v)
{
	assert_int_equal(access(off, 4, true, &v), 0);
}

static void set_prio(u32 id, u32 prio)
{
	wr(4 * id, prio);
}

static u64 enable_reg(u32 ctx, u32 id)
{
	return 0x2000 + 0x80 * ctx + id / 32 * 4;
}

static void set_enable(u32 ctx, u32 id, bool on)
{
	u64 v = rd(enable_reg(ctx, id));
	u64 bit = 1ull << (id % 32);

	wr(enable_reg(ctx, id), on ? v | bit : v & ~bit);
}

static u64 threshold_reg(u32 ctx)
{
	return 0x200000 + 0x1000 * ctx;
}

static u32 claim(u32 ctx)
{
	return (u32)rd(threshold_reg(ctx) + 4);
}

static void complete(u32 ctx, u32 id)
{
	wr(threshold_reg(ctx) + 4, id);
}

static bool is_pending(u32 id)
{
	return rd(0x1000 + id / 32 * 4) & (1ull << (id % 32));
}

static bool in_service(u32 id)
{
	return vplic_of(zone)->in_service[id / 32] & (1u << (id % 32));
}

/* Priority 1 and enabled in context `ctx`; forgets the routing call. */
static void ready(u32 id, u32 ctx)
{
	set_prio(id, 1);
	set_enable(ctx, id, true);
	forget_calls();
}

static void expect_call(unsigned int i, enum fake_chip_op op, u32 irq, u64 arg)
{
	assert_true(i < fake_chip_nr_calls);
	assert_int_equal(fake_chip_calls[i].op, op);
	assert_int_equal(fake_chip_calls[i].irq, irq);
	assert_int_equal(fake_chip_calls[i].arg, arg);
}

static u64 hwid_of_vcpu(u32 v)
{
	return platform.cpu_hwid[vcpu_cpu[v]];
}

static bool vseip(void)
{
	return host_hvip & HVIP_VSEIP;
}

/* Highest priority first, then the lowest id among equals. */
static void test_claim_order(void **state)
{
	(void)state;
	for (u32 id = 1; id < 64; id++)
		set_enable(0, id, true);
	set_prio(HW_A, 2);
	set_prio(HW_B, 5);
	set_prio(EMUL, 5);
	vplic_inject_hw(zone, HW_A);
	vplic_inject_hw(zone, HW_B);
	vplic_set_level(zone, EMUL, true);
	assert_int_equal(claim(0), EMUL);
	assert_int_equal(claim(0), HW_B);
	assert_int_equal(claim(0), HW_A);
	assert_int_equal(claim(0), 0);
}

/* Only priorities above the threshold interrupt; priority 0 never. */
static void test_threshold(void **state)
{
	(void)state;
	set_enable(0, HW_A, true);
	vplic_inject_hw(zone, HW_A);
	assert_int_equal(claim(0), 0); /* priority 0 */
	set_prio(HW_A, 3);
	wr(threshold_reg(0), 3);
	assert_int_equal(rd(threshold_reg(0)), 3);
	assert_int_equal(claim(0), 0);
	wr(threshold_reg(0), 0xfa); /* WARL: three bits */
	assert_int_equal(rd(threshold_reg(0)), 2);
	assert_true(vplic_wakeup_pending(zone, 0));
	assert_int_equal(claim(0), HW_A);
}

static void test_priority_warl(void **state)
{
	(void)state;
	set_prio(HW_B, 0xffffffff);
	assert_int_equal(rd(4 * HW_B), 7);
	set_prio(NOBODY, 4);
	assert_int_equal(rd(4 * NOBODY), 4);
	set_prio(0, 7); /* source 0 does not exist */
	assert_int_equal(rd(0), 0);
	set_prio(CONFIG_VPLIC_NR_SOURCES, 7);
	assert_int_equal(rd(4 * CONFIG_VPLIC_NR_SOURCES), 0);
	set_prio(1023, 7);
	assert_int_equal(rd(4 * 1023), 0);
	assert_int_equal(fake_chip_nr_calls, 0); /* priorities are virtual */
}

static void test_enable_per_context(void **state)
{
	(void)state;
	ready(EMUL, 1);
	vplic_set_level(zone, EMUL, true);
	assert_int_equal(rd(enable_reg(1, EMUL)), 1u << EMUL);
	assert_int_equal(rd(enable_reg(0, EMUL)), 0);
	assert_false(vplic_wakeup_pending(zone, 0));
	assert_true(vplic_wakeup_pending(zone, 1));
	assert_int_equal(claim(0), 0);
	assert_int_equal(claim(1), EMUL);
	/* Source 0 and sources past the last cannot be enabled. */
	wr(enable_reg(0, 0), 0xffffffff);
	assert_int_equal(rd(enable_reg(0, 0)), 0xfffffffe);
	wr(enable_reg(0, CONFIG_VPLIC_NR_SOURCES), 0xffffffff);
	assert_int_equal(rd(enable_reg(0, CONFIG_VPLIC_NR_SOURCES)), 0);
}

static void test_claim_clears_pending(void **state)
{
	(void)state;
	ready(HW_B, 0);
	vplic_inject_hw(zone, HW_B);
	assert_true(is_pending(HW_B));
	assert_int_equal(claim(0), HW_B);
	assert_false(is_pending(HW_B));
	assert_true(in_service(HW_B));
	assert_int_equal(claim(0), 0);
	/* The pending bits are read-only to the guest. */
	wr(0x1000 + HW_B / 32 * 4, 0xffffffff);
	assert_false(is_pending(HW_B));
	vplic_inject_hw(zone, HW_A);
	wr(0x1000, 0);
	assert_true(is_pending(HW_A));
}

static unsigned int deactivations(u32 id)
{
	unsigned int n = 0;

	assert_true(fake_chip_nr_calls <= FAKE_CHIP_CALLS);
	for (unsigned int i = 0; i < fake_chip_nr_calls; i++)
		n += fake_chip_calls[i].op == FAKE_CHIP_DEACTIVATE &&
		     fake_chip_calls[i].irq == id;
	return n;
}

static void test_complete_hw_deactivates_once(void **state)
{
	(void)state;
	ready(HW_A, 0);
	vplic_inject_hw(zone, HW_A);
	assert_int_equal(claim(0), HW_A);
	assert_int_equal(fake_chip_nr_calls, 0);
	complete(0, HW_A);
	assert_int_equal(fake_chip_nr_calls, 1);
	expect_call(0, FAKE_CHIP_DEACTIVATE, HW_A, 0);
	assert_false(in_service(HW_A));
	complete(0, HW_A);
	complete(1, HW_A);
	assert_int_equal(deactivations(HW_A), 1);
	/* It can come again, and any context may complete it. */
	vplic_inject_hw(zone, HW_A);
	assert_int_equal(claim(0), HW_A);
	complete(1, HW_A);
	assert_int_equal(deactivations(HW_A), 2);
}

static void test_complete_not_in_service(void **state)
{
	(void)state;
	ready(HW_B, 0);
	vplic_inject_hw(zone, HW_B);
	complete(0, HW_B); /* pending, not claimed */
	assert_true(is_pending(HW_B));
	complete(0, EMUL);
	complete(0, NOBODY);
	complete(0, 0);
	complete(0, 0xffffffff);
	assert_int_equal(fake_chip_nr_calls, 0);
	assert_int_equal(claim(0), HW_B);
}

static void test_set_level(void **state)
{
	(void)state;
	ready(EMUL, 0);
	vplic_set_level(zone, EMUL, true);
	assert_true(is_pending(EMUL));
	vplic_set_level(zone, EMUL, false); /* dropped before the claim */
	assert_false(is_pending(EMUL));
	assert_int_equal(claim(0), 0);

	vplic_set_level(zone, EMUL, true);
	assert_int_equal(claim(0), EMUL);
	vplic_set_level(zone, EMUL, true); /* in service: not again yet */
	assert_false(is_pending(EMUL));
	complete(0, EMUL); /* still high: forwarded again */
	assert_true(is_pending(EMUL));
	assert_int_equal(claim(0), EMUL);
	vplic_set_level(zone, EMUL, false);
	complete(0, EMUL);
	assert_false(is_pending(EMUL));
	assert_int_equal(fake_chip_nr_calls, 0);
	/* A passthrough source has no line to drive. */
	vplic_set_level(zone, HW_A, true);
	assert_false(is_pending(HW_A));
}

/* Everything but the lock, whose tickets move with every access. */
static void assert_state_equal(const struct vplic *a, const struct vplic *b)
{
	size_t from = offsetof(struct vplic, prio);

	assert_memory_equal((const char *)a + from, (const char *)b + from,
			    sizeof(*a) - from);
}

/* The zone has contexts 0 and 1; the rest of the window is RAZ/WI. */
static void test_other_contexts_raz_wi(void **state)
{
	static struct vplic before;
	u64 offs[] = { enable_reg(2, EMUL),
		       enable_reg(15871, EMUL),
		       threshold_reg(2),
		       threshold_reg(2) + 4,
		       threshold_reg(1000) + 4,
		       threshold_reg(0) + 8,
		       0x1000 + CONFIG_VPLIC_NR_SOURCES / 8,
		       0x1080,
		       0x1ffc,
		       0x1f2000,
		       0x3ffffc,
		       PLIC_SIZE - 4 };

	(void)state;
	ready(EMUL, 0);
	vplic_set_level(zone, EMUL, true);
	forget_calls();
	before = *vplic_of(zone);
	for (u32 i = 0; i < ARRAY_SIZE(offs); i++) {
		wr(offs[i], 0xffffffff);
		wr(offs[i], EMUL); /* a completion, in a context's place */
		assert_int_equal(rd(offs[i]), 0);
	}
	assert_state_equal(&before, vplic_of(zone));
	assert_int_equal(fake_chip_nr_calls, 0);
	assert_int_equal(fake_ipi_mask, 0);
}

static void test_bad_access_faults(void **state)
{
	u64 v = 7;

	(void)state;
	ready(EMUL, 0);
	vplic_set_level(zone, EMUL, true);
	assert_int_equal(access(threshold_reg(0) + 4, 8, false, &v),
			 MMIO_BAD_ACCESS);
	assert_int_equal(access(threshold_reg(0) + 4, 2, false, &v),
			 MMIO_BAD_ACCESS);
	assert_int_equal(access(threshold_reg(0) + 5, 1, false, &v),
			 MMIO_BAD_ACCESS);
	assert_int_equal(access(4 * EMUL + 2, 4, true, &v), MMIO_BAD_ACCESS);
	assert_int_equal(access(4 * EMUL, 1, true, &v), MMIO_BAD_ACCESS);
	assert_int_equal(access(0x300001, 4, false, &v), MMIO_BAD_ACCESS);
	/* Nothing happened: not claimed, priority unchanged. */
	assert_int_equal(rd(4 * EMUL), 1);
	assert_int_equal(claim(0), EMUL);
}

/* The flush on the vCPU's CPU sets hvip.VSEIP to what a claim would get. */
static void test_vseip_follows_state(void **state)
{
	(void)state;
	ready(HW_A, 0);
	ready(HW_B, 0);
	vplic_inject_hw(zone, HW_A);
	assert_int_equal(percpu[2].virq_work, 1); /* its own CPU: no IPI */
	assert_int_equal(fake_ipi_mask, 0);
	vplic_flush(zone, 0);
	assert_true(vseip());
	assert_int_equal(percpu[2].virq_work, 0);
	vplic_inject_hw(zone, HW_B);
	assert_int_equal(percpu[2].virq_work, 0); /* the line was up already */
	assert_int_equal(claim(0), HW_A);
	vplic_flush(zone, 0);
	assert_true(vseip());
	assert_int_equal(claim(0), HW_B);
	assert_int_equal(percpu[2].virq_work, 1); /* nothing left: recheck */
	vplic_flush(zone, 0);
	assert_false(vseip());
	/* A threshold masks it, a lower one lets it through again. */
	complete(0, HW_A);
	vplic_inject_hw(zone, HW_A);
	wr(threshold_reg(0), 1);
	vplic_flush(zone, 0);
	assert_false(vseip());
	wr(threshold_reg(0), 0);
	assert_int_equal(percpu[2].virq_work, 1);
	vplic_flush(zone, 0);
	assert_true(vseip());
}

/* Another vCPU's context: its CPU is kicked, and only when it changes. */
static void test_remote_kick(void **state)
{
	(void)state;
	ready(HW_A, 1);
	forget_calls();
	vplic_inject_hw(zone, HW_A);
	assert_int_equal(fake_ipi_mask, 1ull << 5);
	assert_int_equal(percpu[5].virq_work, 1);
	assert_int_equal(percpu[2].virq_work, 0);
	forget_calls();
	ready(EMUL, 1);
	vplic_set_level(zone, EMUL, true);
	assert_int_equal(fake_ipi_mask, 0);
	on_vcpu(1);
	assert_int_equal(claim(1), EMUL);
	assert_int_equal(claim(1), HW_A);
	assert_int_equal(percpu[5].virq_work, 1);
	assert_int_equal(fake_ipi_mask, 0); /* its own CPU */
	vplic_flush(zone, 1);
	assert_false(vseip());
}

/* A passthrough source follows the vCPU that enabled it last. */
static void test_enable_routes_hw(void **state)
{
	(void)state;
	set_enable(1, HW_B, true);
	assert_int_equal(fake_chip_nr_calls, 1);
	expect_call(0, FAKE_CHIP_ROUTE, HW_B, hwid_of_vcpu(1));
	set_enable(1, HW_B, true); /* no change */
	set_enable(1, EMUL, true); /* not a physical source */
	set_enable(1, NOBODY, true);
	assert_int_equal(fake_chip_nr_calls, 1);
	set_enable(0, HW_B, true);
	expect_call(1, FAKE_CHIP_ROUTE, HW_B, hwid_of_vcpu(0));
	set_enable(0, HW_B, false);
	set_enable(1, HW_B, false);
	assert_int_equal(fake_chip_nr_calls, 2); /* stays enabled, routed */
}

static void test_zone_reset(void **state)
{
	(void)state;
	ready(HW_A, 0);
	ready(EMUL, 1);
	wr(threshold_reg(1), 4);
	vplic_inject_hw(zone, HW_A);
	vplic_set_level(zone, EMUL, true);
	assert_int_equal(claim(0), HW_A);
	forget_calls();
	vplic_zone_reset(zone);
	for (u32 id = 0; id < CONFIG_VPLIC_NR_SOURCES; id++) {
		assert_int_equal(rd(4 * id), 0);
		assert_false(is_pending(id));
		assert_false(in_service(id));
	}
	for (u32 v = 0; v < 2; v++) {
		assert_int_equal(rd(enable_reg(v, 0)), 0);
		assert_int_equal(rd(threshold_reg(v)), 0);
	}
	/* The passthrough sources it can see, to vCPU 0's CPU. */
	assert_int_equal(fake_chip_nr_calls, 2);
	expect_call(0, FAKE_CHIP_ENABLE, HW_A, hwid_of_vcpu(0));
	expect_call(1, FAKE_CHIP_ENABLE, HW_B, hwid_of_vcpu(0));
	assert_non_null(strstr(fake_printk_log, "interrupt 200"));
	/* The line was dropped with the rest: the device raises it again. */
	ready(EMUL, 1);
	assert_int_equal(claim(1), 0);
}

/* A vCPU (re)starts with its line down, then gets what is there. */
static void test_vcpu_reset(void **state)
{
	(void)state;
	host_hvip = HVIP_VSEIP | HVIP_VSTIP;
	vplic_vcpu_reset(zone, 0);
	assert_int_equal(host_hvip, HVIP_VSTIP);
	assert_int_equal(percpu[2].virq_work, 0);
	ready(HW_A, 0);
	vplic_inject_hw(zone, HW_A);
	vplic_flush(zone, 0);
	vplic_vcpu_reset(zone, 0);
	assert_false(vseip());
	assert_int_equal(percpu[2].virq_work, 1);
	assert_int_equal(rd(enable_reg(0, HW_A)), 1u << HW_A); /* kept */
	vplic_flush(zone, 0);
	assert_true(vseip());
}

static void test_out_of_range_ids_ignored(void **state)
{
	(void)state;
	ready(HW_A, 0);
	vplic_inject_hw(zone, HW_FAR); /* nobody could complete it */
	assert_int_equal(fake_chip_nr_calls, 1);
	expect_call(0, FAKE_CHIP_DEACTIVATE, HW_FAR, 0);
	vplic_inject_hw(zone, NOBODY); /* not a passthrough one */
	expect_call(1, FAKE_CHIP_DEACTIVATE, NOBODY, 0);
	vplic_set_level(zone, NOBODY, true); /* no device of the zone's */
	vplic_set_level(zone, 0, true);
	vplic_set_level(zone, CONFIG_VPLIC_NR_SOURCES, true);
	vplic_set_level(zone, 0xffffffff, true);
	for (u32 w = 0; w < VPLIC_WORDS; w++) {
		assert_int_equal(rd(0x1000 + 4 * w), 0);
		assert_int_equal(vplic_of(zone)->line[w], 0);
	}
	assert_int_equal(claim(0), 0);
	vplic_flush(zone, 2); /* no such vCPU */
	vplic_vcpu_reset(zone, 2);
	assert_false(vplic_wakeup_pending(zone, 2));
	assert_int_equal(fake_chip_nr_calls, 2);
	assert_int_equal(fake_ipi_mask, 0);
}

#define T(name) cmocka_unit_test_setup(name, setup)

int main(void)
{
	const struct CMUnitTest tests[] = {
		T(test_claim_order),
		T(test_threshold),
		T(test_priority_warl),
		T(test_enable_per_context),
		T(test_claim_clears_pending),
		T(test_complete_hw_deactivates_once),
		T(test_complete_not_in_service),
		T(test_set_level),
		T(test_other_contexts_raz_wi),
		T(test_bad_access_faults),
		T(test_vseip_follows_state),
		T(test_remote_kick),
		T(test_enable_routes_hw),
		T(test_zone_reset),
		T(test_vcpu_reset),
		T(test_out_of_range_ids_ignored),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
