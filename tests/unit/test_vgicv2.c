// SPDX-License-Identifier: Apache-2.0
/*
 * The virtual GICv2's distributor as a guest sees it through
 * mmio_dispatch() (drivers/irqchip/vgicv2_mmio.c on the shared state of
 * vgicv3.c): the private interrupts banked per vCPU, ITARGETSR, SGIs
 * through GICD_SGIR reaching only the zone's own vCPUs, and SPIs the zone
 * does not own reading as zero without touching the physical interrupt
 * controller (the fake irq_chip() records every call). The zone owns
 * passthrough SPIs 40 and 75 and an emulated device's line, SPI 48.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <string.h>

#include <cmocka.h>

#include <bulkhead/mmio.h>
#include <bulkhead/percpu.h>
#include <bulkhead/zone.h>

#include "../../drivers/irqchip/vgicv2.h"
#include "fakes.h"
#include "zone_fixture.h"

#define GICD 0x08000000ull

#define HW_A 40
#define HW_B 75
#define EMUL 48
#define UNOWNED 41
#define UNOWNED_CFG 100 /* its ICFGR word holds no owned id */

#define CTLR 0x000
#define TYPER 0x004
#define IIDR 0x008
#define IGROUPR 0x080
#define ISENABLER 0x100
#define ICENABLER 0x180
#define ISPENDR 0x200
#define IPRIORITYR 0x400
#define ITARGETSR 0x800
#define ICFGR 0xc00
#define SGIR 0xf00
#define PIDR2 0xfe8

#define SGI 5
#define SGIR_LIST(mask) (((mask) << 16) | SGI)
#define SGIR_OTHERS ((1u << 24) | SGI)
#define SGIR_SELF ((2u << 24) | SGI)
#define SGIR_RESERVED ((3u << 24) | 0xff0000u | SGI)

/* vgic_attach() finds the zone's state by its index in zones[]. */
struct zone zones[CONFIG_MAX_ZONES];

static const struct vdev_config vdevs[] = {
	{ "bulkhead,vgic-v2-dist", GICD, 0x1000, 0, NULL },
	{ FIXTURE_LINE_COMPATIBLE, 0x09000000, 0x1000, EMUL, NULL },
};
static const u32 hw_irqs[] = { HW_A, HW_B };

/* CPUs 3, 4 and 6 are vCPUs 0, 1 and 2. */
static const struct zone_config zcfg = {
	.id = 0,
	.name = "vgicv2",
	.cpu_mask = 0x58,
	.nr_vdevs = ARRAY_SIZE(vdevs),
	.vdevs = vdevs,
	.nr_irqs = ARRAY_SIZE(hw_irqs),
	.irqs = hw_irqs,
};

static const u32 vcpu_cpu[] = { 3, 4, 6 };

static struct zone *const zone = &zones[0];
static struct percpu cpu;

static void on_vcpu(u32 vcpu)
{
	fixture_on_vcpu(&cpu, zone, vcpu);
}

static int setup(void **state)
{
	(void)state;
	fake_reset();
	assert_int_equal(fixture_zone_init(zone, &zcfg), 0);
	assert_non_null(vgic_of(zone));
	vgic_zone_reset(zone);
	fake_reset();
	on_vcpu(0);
	return 0;
}

static int access(u64 off, unsigned int width, bool write, u64 *val)
{
	return fixture_mmio(zone, GICD + off, width, write, val);
}

static u64 rd(u64 off, unsigned int width)
{
	u64 v = 0;

	assert_int_equal(access(off, width, false, &v), 0);
	return v;
}

static void wr(u64 off, unsigned int width, u64 v)
{
	assert_int_equal(access(off, width, true, &v), 0);
}

static u64 bit_reg(u64 bank, u32 id)
{
	return bank + id / 32 * 4;
}

static u64 bit_of(u32 id)
{
	return 1ull << (id % 32);
}

static u64 hwid_of_vcpu(u32 v)
{
	return platform.cpu_hwid[vcpu_cpu[v]];
}

static bool in_pending_map(u32 v, u32 id)
{
	return vgic_of(zone)->cpu[v].pending[id / 64] & (1ull << (id % 64));
}

static void test_identification(void **state)
{
	(void)state;
	/* ITLinesNumber 8 (32 + 256 ids), CPUNumber 2 (three vCPUs). */
	assert_int_equal(rd(TYPER, 4), 0x48);
	assert_int_equal(rd(IIDR, 4), 0x0200143b);
	assert_int_equal(rd(PIDR2, 4), 0x2b); /* ArchRev 2 */
}

static void test_ctlr_no_affinity_routing(void **state)
{
	(void)state;
	assert_int_equal(rd(CTLR, 4), 0);
	wr(CTLR, 4, 0xffffffff);
	assert_int_equal(rd(CTLR, 4), 0x3);
	wr(CTLR, 4, 0x1);
	assert_int_equal(rd(CTLR, 4), 0x1);
	assert_int_equal(fake_chip_nr_calls, 0);
}

static void test_group_zero_only(void **state)
{
	(void)state;
	wr(IGROUPR, 4, 0xffffffff);
	wr(IGROUPR + 4, 4, 0xffffffff);
	assert_int_equal(rd(IGROUPR, 4), 0);
	assert_int_equal(rd(IGROUPR + 4, 4), 0);
}

/* Ids 0..31 of a distributor register are the accessing vCPU's. */
static void test_private_banked(void **state)
{
	(void)state;
	wr(ISENABLER, 4, bit_of(SGI) | bit_of(27));
	wr(IPRIORITYR + 27, 1, 0x40);
	on_vcpu(1);
	assert_int_equal(rd(ISENABLER, 4), 0);
	assert_int_equal(rd(IPRIORITYR + 24, 4), 0);
	on_vcpu(0);
	assert_int_equal(rd(ISENABLER, 4), bit_of(SGI) | bit_of(27));
	assert_int_equal(rd(IPRIORITYR + 24, 4), 0x40000000);
}

static void test_private_targets_name_self(void **state)
{
	(void)state;
	assert_int_equal(rd(ITARGETSR, 4), 0x01010101);
	on_vcpu(2);
	assert_int_equal(rd(ITARGETSR + 28, 4), 0x04040404);
	wr(ITARGETSR + 28, 4, 0x01010101); /* read-only */
	assert_int_equal(rd(ITARGETSR + 28, 4), 0x04040404);
}

static void test_spi_target(void **state)
{
	(void)state;
	assert_int_equal(rd(ITARGETSR + HW_A, 1), 0x01);
	wr(ITARGETSR + HW_A, 1, 0x04);
	assert_int_equal(rd(ITARGETSR + HW_A, 1), 0x04);
	assert_int_equal(fake_chip_nr_calls, 1);
	assert_int_equal(fake_chip_calls[0].op, FAKE_CHIP_ROUTE);
	assert_int_equal(fake_chip_calls[0].irq, HW_A);
	assert_int_equal(fake_chip_calls[0].arg, hwid_of_vcpu(2));
	/* Several CPUs: the lowest of the zone's. */
	wr(ITARGETSR + HW_A, 4, 0x00000006);
	assert_int_equal(rd(ITARGETSR + HW_A, 4), 0x00000002);
}

/* Only CPUs the zone does not have: the target stays, nothing reaches
 * the physical distributor. */
static void test_spi_target_foreign_cpus(void **state)
{
	(void)state;
	wr(ITARGETSR + HW_A, 1, 0xf8);
	assert_int_equal(rd(ITARGETSR + HW_A, 1), 0x01);
	assert_int_equal(fake_chip_nr_calls, 0);
}

static void test_unowned_spi_isolated(void **state)
{
	(void)state;
	wr(bit_reg(ISENABLER, UNOWNED), 4, bit_of(UNOWNED));
	wr(bit_reg(ISPENDR, UNOWNED), 4, bit_of(UNOWNED));
	wr(IPRIORITYR + UNOWNED, 1, 0x10);
	wr(ITARGETSR + UNOWNED, 1, 0x01);
	wr(ICFGR + UNOWNED_CFG / 16 * 4, 4, 0xffffffff);
	assert_int_equal(rd(bit_reg(ISENABLER, UNOWNED), 4) & bit_of(UNOWNED),
			 0);
	assert_int_equal(rd(bit_reg(ISPENDR, UNOWNED), 4) & bit_of(UNOWNED), 0);
	assert_int_equal(rd(IPRIORITYR + UNOWNED, 1), 0);
	assert_int_equal(rd(ITARGETSR + UNOWNED, 1), 0);
	assert_int_equal(rd(ICFGR + UNOWNED_CFG / 16 * 4, 4), 0);
	assert_int_equal(fake_chip_nr_calls, 0);
}

/* SGI 5 enabled on every vCPU (each in its own bank), distributor on. */
static void enable_sgi(void)
{
	for (u32 v = 0; v < 3; v++) {
		on_vcpu(v);
		wr(ISENABLER, 4, bit_of(SGI));
	}
	wr(CTLR, 4, 1);
	fake_reset();
}

static u32 sgi_pending_on(void)
{
	u32 who = 0;

	for (u32 v = 0; v < 3; v++)
		if (in_pending_map(v, SGI))
			who |= 1u << v;
	return who;
}

static void test_sgir_target_list(void **state)
{
	(void)state;
	enable_sgi();
	on_vcpu(0);
	wr(SGIR, 4, SGIR_LIST(0x6));
	assert_int_equal(sgi_pending_on(), 0x6);
	assert_int_equal(fake_ipi_mask,
			 (1ull << vcpu_cpu[1]) | (1ull << vcpu_cpu[2]));
	assert_int_equal(rd(SGIR, 4), 0); /* write-only */
}

static void test_sgir_foreign_cpus_nobody(void **state)
{
	(void)state;
	enable_sgi();
	on_vcpu(0);
	wr(SGIR, 4, SGIR_LIST(0xf8));
	wr(SGIR, 4, SGIR_RESERVED);
	assert_int_equal(sgi_pending_on(), 0);
	assert_int_equal(fake_ipi_mask, 0);
}

static void test_sgir_others_and_self(void **state)
{
	(void)state;
	enable_sgi();
	on_vcpu(1);
	wr(SGIR, 4, SGIR_OTHERS);
	assert_int_equal(sgi_pending_on(), 0x5);
	assert_int_equal(fake_ipi_mask,
			 (1ull << vcpu_cpu[0]) | (1ull << vcpu_cpu[2]));
	setup(NULL);
	enable_sgi();
	on_vcpu(2);
	wr(SGIR, 4, SGIR_SELF);
	assert_int_equal(sgi_pending_on(), 0x4);
	assert_int_equal(fake_ipi_mask, 0);
}

static void test_bad_accesses_fault(void **state)
{
	u64 v = 0;

	(void)state;
	assert_int_equal(access(CTLR, 8, false, &v), MMIO_BAD_ACCESS);
	assert_int_equal(access(CTLR, 2, false, &v), MMIO_BAD_ACCESS);
	assert_int_equal(access(ISENABLER, 1, false, &v), MMIO_BAD_ACCESS);
	assert_int_equal(access(SGIR, 1, true, &v), MMIO_BAD_ACCESS);
	assert_int_equal(access(IPRIORITYR + 2, 4, false, &v), MMIO_BAD_ACCESS);
	assert_int_equal(rd(IPRIORITYR + 2, 1), 0); /* byte access is fine */
	assert_int_equal(rd(0x0f80, 4), 0); /* reserved: RAZ/WI */
}

static void test_passthrough_enable_reaches_chip(void **state)
{
	(void)state;
	wr(bit_reg(ISENABLER, HW_B), 4, bit_of(HW_B));
	assert_int_equal(rd(bit_reg(ISENABLER, HW_B), 4), bit_of(HW_B));
	assert_int_equal(fake_chip_nr_calls, 1);
	assert_int_equal(fake_chip_calls[0].op, FAKE_CHIP_ENABLE);
	assert_int_equal(fake_chip_calls[0].irq, HW_B);
	assert_int_equal(fake_chip_calls[0].arg, hwid_of_vcpu(0));
}

#define T(fn) cmocka_unit_test_setup(fn, setup)

int main(void)
{
	const struct CMUnitTest tests[] = {
		T(test_identification),
		T(test_ctlr_no_affinity_routing),
		T(test_group_zero_only),
		T(test_private_banked),
		T(test_private_targets_name_self),
		T(test_spi_target),
		T(test_spi_target_foreign_cpus),
		T(test_unowned_spi_isolated),
		T(test_sgir_target_list),
		T(test_sgir_foreign_cpus_nobody),
		T(test_sgir_others_and_self),
		T(test_bad_accesses_fault),
		T(test_passthrough_enable_reaches_chip),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
