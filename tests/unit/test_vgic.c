// SPDX-License-Identifier: Apache-2.0
/*
 * The virtual GICv3's distributor and redistributors as a guest sees them
 * through mmio_dispatch(), and the interrupt state behind them
 * (drivers/irqchip/vgicv3.c, vgicv3_mmio.c). The zone owns passthrough
 * SPIs 40 and 75 and the line of an emulated device, SPI 48; everything
 * else must read as zero, ignore writes and never reach the physical
 * interrupt controller, which the fake irq_chip() records.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <string.h>

#include <cmocka.h>

#include <bulkhead/mmio.h>
#include <bulkhead/percpu.h>
#include <bulkhead/zone.h>

#include "../../drivers/irqchip/vgicv3.h"
#include "fakes.h"
#include "zone_fixture.h"

#define GICD 0x08000000ull
#define GICR 0x080a0000ull
#define FRAME 0x20000ull /* RD_base + SGI_base per vCPU */
#define SGI 0x10000ull
#define NR_FRAMES 4 /* one more than the zone has vCPUs */

#define HW_A 40
#define HW_B 75
#define EMUL 48
#define UNOWNED 41
#define UNOWNED_FAR 100

/* vgic_attach() finds the zone's state by its index in zones[]. */
struct zone zones[CONFIG_MAX_ZONES];

static const struct vdev_config vdevs[] = {
	{ "bulkhead,vgic-v3-dist", GICD, 0x10000, 0, NULL },
	{ "bulkhead,vgic-v3-redist", GICR, NR_FRAMES *FRAME, 0, NULL },
	{ "test,line", 0x09000000, 0x1000, EMUL, NULL },
};
static const u32 hw_irqs[] = { HW_A, HW_B };

/* CPUs 3, 4 and 6 are vCPUs 0, 1 and 2. */
static const struct zone_config zcfg = {
	.id = 0,
	.name = "vgic",
	.cpu_mask = 0x58,
	.nr_vdevs = ARRAY_SIZE(vdevs),
	.vdevs = vdevs,
	.nr_irqs = ARRAY_SIZE(hw_irqs),
	.irqs = hw_irqs,
};

static const u32 vcpu_cpu[] = { 3, 4, 6 };

static struct zone *const zone = &zones[0];
static struct percpu cpu;

/* Runs on the physical CPU of vCPU `vcpu`. */
static void on_vcpu(u32 vcpu)
{
	fixture_on_vcpu(&cpu, zone, vcpu);
}

static int setup(void **state)
{
	(void)state;
	fake_reset();
	assert_int_equal(fixture_zone_init(zone, &zcfg), 0);
	assert_int_equal(zone->nr_vcpus, ARRAY_SIZE(vcpu_cpu));
	assert_non_null(vgic_of(zone));
	vgic_zone_reset(zone);
	fake_reset(); /* forget the reset's calls to the chip */
	on_vcpu(0);
	return 0;
}

static int access(u64 ipa, unsigned int width, bool write, u64 *val)
{
	return fixture_mmio(zone, ipa, width, write, val);
}

static u64 rd(u64 ipa, unsigned int width)
{
	u64 v = 0;

	assert_int_equal(access(ipa, width, false, &v), 0);
	return v;
}

static void wr(u64 ipa, unsigned int width, u64 v)
{
	assert_int_equal(access(ipa, width, true, &v), 0);
}

static u64 d32(u64 off)
{
	return rd(GICD + off, 4);
}

static void d32w(u64 off, u64 v)
{
	wr(GICD + off, 4, v);
}

/* A register of vCPU `v`'s SGI_base frame. */
static u64 sgi_reg(u32 v, u64 off)
{
	return GICR + v * FRAME + SGI + off;
}

/* One-bit-per-interrupt registers: bank base, and the id's word and bit. */
#define ISENABLER 0x100
#define ICENABLER 0x180
#define ISPENDR 0x200
#define ICPENDR 0x280
#define ISACTIVER 0x300
#define ICACTIVER 0x380

static u64 bit_reg(u64 bank, u32 id)
{
	return bank + id / 32 * 4;
}

static u64 bit_of(u32 id)
{
	return 1ull << (id % 32);
}

static u64 cfg_reg(u32 id)
{
	return 0xc00 + id / 16 * 4;
}

static u64 edge_bit(u32 id)
{
	return 2ull << (id % 16 * 2);
}

static u64 route_reg(u32 id)
{
	return 0x6000 + id * 8ull;
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

static bool in_pending_map(u32 v, u32 id)
{
	return vgic_of(zone)->cpu[v].pending[id / 64] & (1ull << (id % 64));
}

static void test_identification(void **state)
{
	(void)state;
	/* ITLinesNumber 8: 288 ids = 32 + 256 SPIs; IDbits 9: 10 bits. */
	assert_int_equal(d32(0x0004), 0x00480008);
	assert_int_equal(d32(0x0008), 0x0042b43b);
	assert_int_equal(d32(0xffe8), 0x3b); /* ArchRev 3 */
	assert_int_equal(rd(GICR + 0x0004, 4), 0x0042b43b);
	assert_int_equal(rd(GICR + 2 * FRAME + 0xffe8, 4), 0x3b);
}

static void test_ctlr(void **state)
{
	(void)state;
	assert_int_equal(d32(0x0000), 0x10); /* ARE_NS, nothing enabled */
	d32w(0x0000, 0x3);
	assert_int_equal(d32(0x0000), 0x13);
	d32w(0x0000, 0xffffffff); /* ARE_NS is RAO/WI, the rest reserved */
	assert_int_equal(d32(0x0000), 0x13);
	d32w(0x0000, 0x0);
	assert_int_equal(d32(0x0000), 0x10);
	d32w(0x0000, 0x2);
	assert_int_equal(d32(0x0000), 0x12);
	assert_int_equal(fake_chip_nr_calls, 0);
}

static void test_passthrough_enable(void **state)
{
	(void)state;
	d32w(bit_reg(ISENABLER, HW_A), bit_of(HW_A));
	assert_int_equal(d32(bit_reg(ISENABLER, HW_A)), bit_of(HW_A));
	assert_int_equal(d32(bit_reg(ICENABLER, HW_A)), bit_of(HW_A));
	assert_int_equal(fake_chip_nr_calls, 1);
	expect_call(0, FAKE_CHIP_ENABLE, HW_A, hwid_of_vcpu(0));
	d32w(bit_reg(ICENABLER, HW_A), bit_of(HW_A));
	assert_int_equal(d32(bit_reg(ISENABLER, HW_A)), 0);
	assert_int_equal(fake_chip_nr_calls, 2);
	expect_call(1, FAKE_CHIP_DISABLE, HW_A, 0);
}

static void test_passthrough_prio_cfg_route(void **state)
{
	(void)state;
	wr(GICD + 0x400 + HW_B, 1, 0xff);
	assert_int_equal(rd(GICD + 0x400 + HW_B, 1), 0xf8);
	d32w(0x400 + HW_A, 0x11223344); /* ids 40..43: only 40 is ours */
	assert_int_equal(d32(0x400 + HW_A), 0x40);
	assert_int_equal(fake_chip_nr_calls, 0); /* priority is virtual */

	d32w(cfg_reg(HW_B), edge_bit(HW_B));
	assert_int_equal(d32(cfg_reg(HW_B)), edge_bit(HW_B));
	d32w(cfg_reg(HW_B), 0);
	assert_int_equal(d32(cfg_reg(HW_B)), 0);
	expect_call(0, FAKE_CHIP_SET_EDGE, HW_B, 1);
	expect_call(1, FAKE_CHIP_SET_EDGE, HW_B, 0);

	wr(GICD + route_reg(HW_B), 8, 2);
	assert_int_equal(rd(GICD + route_reg(HW_B), 8), 2);
	assert_int_equal(fake_chip_nr_calls, 3);
	expect_call(2, FAKE_CHIP_ROUTE, HW_B, hwid_of_vcpu(2));
	/* Enabling later routes it to its vCPU's CPU as well. */
	d32w(bit_reg(ISENABLER, HW_B), bit_of(HW_B));
	expect_call(3, FAKE_CHIP_ENABLE, HW_B, hwid_of_vcpu(2));
}

static void test_passthrough_pending_active(void **state)
{
	(void)state;
	d32w(bit_reg(ISPENDR, HW_A), bit_of(HW_A));
	d32w(bit_reg(ICPENDR, HW_A), bit_of(HW_A));
	d32w(bit_reg(ISACTIVER, HW_A), bit_of(HW_A)); /* no such control */
	d32w(bit_reg(ICACTIVER, HW_A), bit_of(HW_A));
	assert_int_equal(fake_chip_nr_calls, 3);
	expect_call(0, FAKE_CHIP_SET_PENDING, HW_A, 1);
	expect_call(1, FAKE_CHIP_SET_PENDING, HW_A, 0);
	expect_call(2, FAKE_CHIP_DEACTIVATE, HW_A, 0);
	/* The physical interrupt decides: nothing pending virtually. */
	assert_int_equal(d32(bit_reg(ISPENDR, HW_A)), 0);
}

static void test_emulated_spi(void **state)
{
	(void)state;
	d32w(bit_reg(ISENABLER, EMUL), bit_of(EMUL));
	wr(GICD + 0x400 + EMUL, 1, 0xa0);
	d32w(cfg_reg(EMUL), edge_bit(EMUL));
	wr(GICD + route_reg(EMUL), 8, 1);
	assert_int_equal(d32(bit_reg(ISENABLER, EMUL)), bit_of(EMUL));
	assert_int_equal(rd(GICD + 0x400 + EMUL, 1), 0xa0);
	assert_int_equal(d32(cfg_reg(EMUL)), edge_bit(EMUL));
	assert_int_equal(rd(GICD + route_reg(EMUL), 8), 1);
	d32w(bit_reg(ISPENDR, EMUL), bit_of(EMUL));
	assert_int_equal(d32(bit_reg(ISPENDR, EMUL)), bit_of(EMUL));
	d32w(bit_reg(ICPENDR, EMUL), bit_of(EMUL));
	assert_int_equal(d32(bit_reg(ISPENDR, EMUL)), 0);
	d32w(bit_reg(ICENABLER, EMUL), bit_of(EMUL));
	assert_int_equal(d32(bit_reg(ISENABLER, EMUL)), 0);
	assert_int_equal(fake_chip_nr_calls, 0); /* no physical interrupt */
}

/* Every chip call so far was for one of the zone's passthrough SPIs. */
static void assert_calls_owned(void)
{
	assert_true(fake_chip_nr_calls <= FAKE_CHIP_CALLS);
	for (unsigned int i = 0; i < fake_chip_nr_calls; i++)
		assert_true(fake_chip_calls[i].irq == HW_A ||
			    fake_chip_calls[i].irq == HW_B);
}

/* Whatever the guest writes, only its own SPIs take it. */
static void test_unowned_spis_isolated(void **state)
{
	(void)state;
	for (u64 bank = 0x80; bank < 0x400; bank += 0x80)
		for (u32 id = 32; id < 1024; id += 32)
			d32w(bit_reg(bank, id), 0xffffffff);
	assert_calls_owned();
	for (u32 id = 32; id < 1024; id += 32) {
		u64 own = (id == 32 ? bit_of(HW_A) | bit_of(EMUL) : 0) |
			  (id == 64 ? bit_of(HW_B) : 0);

		assert_int_equal(d32(bit_reg(ISENABLER, id)), 0);
		assert_int_equal(d32(bit_reg(0x80, id)), own); /* IGROUPR */
	}
	d32w(bit_reg(ISENABLER, UNOWNED), 0xffffffff);
	assert_int_equal(d32(bit_reg(ISENABLER, UNOWNED)),
			 bit_of(HW_A) | bit_of(EMUL));
	fake_chip_nr_calls = 0;
	for (u32 id = 32; id < 1024; id += 4)
		d32w(0x400 + id, 0xffffffff);
	for (u32 id = 32; id < 1024; id += 16)
		d32w(cfg_reg(id), 0xffffffff);
	for (u32 id = 32; id < 1024; id++)
		wr(GICD + route_reg(id), 8, 1);
	assert_calls_owned();
	for (u32 id = 32; id < 1024; id++) {
		bool own = id == HW_A || id == HW_B || id == EMUL;

		assert_int_equal(rd(GICD + 0x400 + id, 1), own ? 0xf8 : 0);
		assert_int_equal(d32(cfg_reg(id)) & edge_bit(id),
				 own ? edge_bit(id) : 0);
		assert_int_equal(rd(GICD + route_reg(id), 8), own ? 1 : 0);
	}
}

/*
 * The bits of an SPI the zone does not own, next to one it does, reach
 * nobody. (ICFGR states the trigger of all 16 interrupts it covers, so
 * it is written for a register without an owned one.)
 */
static void test_unowned_spi_no_chip_call(void **state)
{
	(void)state;
	d32w(0x0000, 0x3);
	for (u64 bank = 0x100; bank < 0x400; bank += 0x80)
		d32w(bit_reg(bank, UNOWNED), bit_of(UNOWNED));
	d32w(cfg_reg(UNOWNED_FAR), 0xffffffff);
	wr(GICD + 0x400 + UNOWNED, 1, 0x80);
	wr(GICD + route_reg(UNOWNED), 8, 2);
	wr(GICD + route_reg(UNOWNED_FAR), 4, 0x80000000);
	vgic_set_level(zone, UNOWNED, true);
	assert_int_equal(fake_chip_nr_calls, 0);
	assert_int_equal(fake_ipi_mask, 0);
	assert_int_equal(d32(bit_reg(ISENABLER, UNOWNED)), 0);
	assert_int_equal(d32(bit_reg(ISPENDR, UNOWNED)), 0);
	assert_int_equal(d32(cfg_reg(UNOWNED_FAR)), 0);
	assert_int_equal(rd(GICD + route_reg(UNOWNED_FAR), 8), 0);
	assert_int_equal(vgic_of(zone)->spi[UNOWNED - 32].flags, 0);
	assert_int_equal(vgic_of(zone)->spi[UNOWNED - 32].target, 0);
	assert_int_equal(vgic_of(zone)->spi[UNOWNED_FAR - 32].flags, 0);
	for (u32 v = 0; v < 3; v++)
		assert_false(in_pending_map(v, UNOWNED));
}

/* With affinity routing, SGIs and PPIs live in the redistributors. */
static void test_gicd_private_banks_raz(void **state)
{
	(void)state;
	d32w(0x0000, 0x3);
	for (u64 bank = 0x80; bank < 0x400; bank += 0x80)
		d32w(bank, 0xffffffff);
	for (u64 off = 0x400; off < 0x420; off += 4)
		d32w(off, 0xffffffff);
	d32w(0xc00, 0);
	d32w(0xc04, 0xffffffff);
	for (u64 bank = 0x80; bank < 0x400; bank += 0x80)
		assert_int_equal(d32(bank), 0);
	for (u64 off = 0x400; off < 0x420; off += 4)
		assert_int_equal(d32(off), 0);
	assert_int_equal(d32(0xc00), 0);
	assert_int_equal(d32(0xc04), 0);
	for (u64 off = 0x6000; off < 0x6100; off += 4)
		assert_int_equal(d32(off), 0);
	for (u32 v = 0; v < 3; v++) {
		assert_int_equal(rd(sgi_reg(v, ISENABLER), 4), 0);
		assert_int_equal(rd(sgi_reg(v, ISPENDR), 4), 0);
		assert_int_equal(rd(sgi_reg(v, 0x400), 4), 0);
		assert_int_equal(rd(sgi_reg(v, 0xc04), 4), 0);
	}
	assert_int_equal(fake_chip_nr_calls, 0);
}

static void test_gicr_typer(void **state)
{
	(void)state;
	for (u64 v = 0; v < 3; v++) {
		u64 typer = (v << 32) | (v << 8) | (v == 2 ? 0x10 : 0);
		u64 rd_base = GICR + v * FRAME;

		assert_int_equal(rd(rd_base + 0x8, 8), typer);
		assert_int_equal(rd(rd_base + 0x8, 4), (u32)typer);
		assert_int_equal(rd(rd_base + 0xc, 4), typer >> 32);
	}
}

static void test_gicr_waker(void **state)
{
	(void)state;
	for (u32 v = 0; v < 3; v++)
		assert_int_equal(rd(GICR + v * FRAME + 0x14, 4), 0x6);
	wr(GICR + FRAME + 0x14, 4, 0); /* vCPU 1 wakes up */
	assert_int_equal(rd(GICR + FRAME + 0x14, 4), 0);
	assert_int_equal(rd(GICR + 0x14, 4), 0x6);
	assert_int_equal(rd(GICR + 2 * FRAME + 0x14, 4), 0x6);
	wr(GICR + FRAME + 0x14, 4, 0x2); /* and goes to sleep */
	assert_int_equal(rd(GICR + FRAME + 0x14, 4), 0x6);
}

static void test_gicr_private_per_vcpu(void **state)
{
	(void)state;
	wr(sgi_reg(1, ISENABLER), 4, bit_of(5) | bit_of(VTIMER_PPI));
	wr(sgi_reg(1, 0x400 + VTIMER_PPI), 1, 0x80);
	wr(sgi_reg(1, 0xc04), 4, edge_bit(20));
	assert_int_equal(rd(sgi_reg(1, ISENABLER), 4),
			 bit_of(5) | bit_of(VTIMER_PPI));
	assert_int_equal(rd(sgi_reg(1, 0x400 + VTIMER_PPI), 1), 0x80);
	assert_int_equal(rd(sgi_reg(1, 0xc04), 4), edge_bit(20));
	for (u32 v = 0; v < 3; v += 2) {
		assert_int_equal(rd(sgi_reg(v, ISENABLER), 4), 0);
		assert_int_equal(rd(sgi_reg(v, 0x400 + VTIMER_PPI), 1), 0);
		assert_int_equal(rd(sgi_reg(v, 0xc04), 4), 0);
	}
	wr(sgi_reg(1, 0xc00), 4, 0); /* SGIs stay edge-triggered */
	assert_int_equal(rd(sgi_reg(1, 0xc00), 4), 0xaaaaaaaa);
	wr(sgi_reg(1, ICENABLER), 4, bit_of(5));
	assert_int_equal(rd(sgi_reg(1, ISENABLER), 4), bit_of(VTIMER_PPI));
	assert_int_equal(fake_chip_nr_calls, 0); /* PPIs are never physical */
}

static void test_gicr_frame_beyond_vcpus_faults(void **state)
{
	u64 v = 0;

	(void)state;
	assert_int_equal(access(GICR + 3 * FRAME + 0x8, 8, false, &v),
			 MMIO_BAD_ACCESS);
	assert_int_equal(access(GICR + 3 * FRAME + 0x14, 4, true, &v),
			 MMIO_BAD_ACCESS);
	assert_int_equal(
		access(GICR + 3 * FRAME + SGI + ISENABLER, 4, false, &v),
		MMIO_BAD_ACCESS);
	assert_int_equal(access(GICR + 2 * FRAME + 0x8, 8, false, &v), 0);
}

static void expect_bad(u64 ipa, unsigned int width, bool write)
{
	u64 v = 0xffffffffffffffffull;

	assert_int_equal(access(ipa, width, write, &v), MMIO_BAD_ACCESS);
}

static void test_bad_widths_fault(void **state)
{
	(void)state;
	expect_bad(GICD + 0x0000, 8, true); /* CTLR */
	expect_bad(GICD + 0x0000, 2, true);
	expect_bad(GICD + 0x0000, 1, true);
	expect_bad(GICD + 0x0002, 4, false); /* misaligned */
	expect_bad(GICD + bit_reg(ISENABLER, HW_A), 1, true);
	expect_bad(GICD + bit_reg(ISENABLER, HW_A), 8, true);
	expect_bad(GICD + 0x400 + HW_A, 2, true);
	expect_bad(GICD + 0x400 + HW_A, 8, true);
	expect_bad(GICD + 0x401 + HW_A, 4, true);
	expect_bad(GICD + cfg_reg(HW_A), 2, true);
	expect_bad(GICD + route_reg(HW_A), 2, true);
	expect_bad(GICD + route_reg(HW_A), 1, false);
	expect_bad(GICD + route_reg(HW_A) + 4, 8, true);
	expect_bad(GICD + route_reg(HW_A) + 2, 4, true);
	expect_bad(GICR + 0x14, 8, true); /* WAKER */
	expect_bad(GICR + 0x14, 1, false);
	expect_bad(GICR + 0x8, 8, true); /* TYPER is read-only */
	expect_bad(GICR + 0xa, 2, false);
	expect_bad(sgi_reg(0, ISENABLER), 2, true);
	expect_bad(sgi_reg(0, 0x400), 8, false);
	expect_bad(sgi_reg(0, ISENABLER), 8, false);
	/* None of them changed anything. */
	assert_int_equal(d32(0x0000), 0x10);
	assert_int_equal(d32(bit_reg(ISENABLER, HW_A)), 0);
	assert_int_equal(rd(GICD + route_reg(HW_A), 8), 0);
	assert_int_equal(rd(GICR + 0x14, 4), 0x6);
	assert_int_equal(fake_chip_nr_calls, 0);
}

static void test_irouter(void **state)
{
	u64 r = GICD + route_reg(HW_A);

	(void)state;
	wr(r, 8, 2);
	expect_call(0, FAKE_CHIP_ROUTE, HW_A, hwid_of_vcpu(2));
	wr(r, 8, 0x80000000ull); /* IRM: any vCPU, vCPU 0 here */
	assert_int_equal(rd(r, 8), 0x80000000ull);
	expect_call(1, FAKE_CHIP_ROUTE, HW_A, hwid_of_vcpu(0));
	wr(r, 8, 1);
	assert_int_equal(rd(r, 8), 1);
	assert_int_equal(fake_chip_nr_calls, 3);
	/* No such vCPU: the route stays. */
	wr(r, 8, 3);
	wr(r, 8, 0x100); /* Aff1 */
	wr(r, 8, 0x10000); /* Aff2 */
	wr(r, 8, 1ull << 32); /* Aff3 */
	wr(r, 8, 0xff);
	assert_int_equal(rd(r, 8), 1);
	assert_int_equal(fake_chip_nr_calls, 3);
	assert_int_equal(vgic_of(zone)->spi[HW_A - 32].target, 1);
}

static void test_irouter_halves(void **state)
{
	u64 r = GICD + route_reg(HW_B);

	(void)state;
	wr(r, 4, 2);
	assert_int_equal(rd(r, 8), 2);
	assert_int_equal(rd(r, 4), 2);
	assert_int_equal(rd(r + 4, 4), 0);
	wr(r + 4, 4, 0); /* Aff3 0: the low half stays */
	assert_int_equal(rd(r, 8), 2);
	wr(r + 4, 4, 1); /* Aff3 1: nobody, so nothing changes */
	assert_int_equal(rd(r, 8), 2);
	wr(r, 4, 0x80000000);
	assert_int_equal(rd(r, 4), 0x80000000);
	wr(r + 4, 4, 0); /* IRM survives a write of the other half */
	assert_int_equal(rd(r, 8), 0x80000000);
	wr(r, 4, 1);
	assert_int_equal(rd(r, 8), 1);
	assert_int_equal(fake_chip_nr_calls, 3);
	expect_call(0, FAKE_CHIP_ROUTE, HW_B, hwid_of_vcpu(2));
	expect_call(1, FAKE_CHIP_ROUTE, HW_B, hwid_of_vcpu(0));
	expect_call(2, FAKE_CHIP_ROUTE, HW_B, hwid_of_vcpu(1));
}

static void enable_emul(u32 target)
{
	d32w(0x0000, 0x2); /* EnableGrp1A */
	wr(GICD + route_reg(EMUL), 8, target);
	d32w(bit_reg(ISENABLER, EMUL), bit_of(EMUL));
}

static void test_set_level_local(void **state)
{
	(void)state;
	enable_emul(0);
	vgic_set_level(zone, EMUL, true);
	assert_true(in_pending_map(0, EMUL));
	assert_int_equal(d32(bit_reg(ISPENDR, EMUL)), bit_of(EMUL));
	assert_int_equal(fake_ipi_mask, 0); /* vCPU 0 runs here */
	assert_false(in_pending_map(1, EMUL));
}

static void test_set_level_remote_kicks(void **state)
{
	(void)state;
	enable_emul(2);
	vgic_set_level(zone, EMUL, true);
	assert_true(in_pending_map(2, EMUL));
	assert_false(in_pending_map(0, EMUL));
	assert_int_equal(fake_ipi_mask, 1ull << vcpu_cpu[2]);
	assert_int_equal(fake_chip_nr_calls, 0);
}

static void test_set_level_falls_before_delivery(void **state)
{
	(void)state;
	enable_emul(1);
	vgic_set_level(zone, EMUL, true);
	assert_int_equal(d32(bit_reg(ISPENDR, EMUL)), bit_of(EMUL));
	vgic_set_level(zone, EMUL, false);
	assert_int_equal(d32(bit_reg(ISPENDR, EMUL)), 0);
	assert_int_equal(vgic_of(zone)->spi[EMUL - 32].flags & VIRQ_PENDING, 0);
}

/* Raised while the distributor is off: delivered (and kicked) when on. */
static void test_set_level_while_distributor_off(void **state)
{
	(void)state;
	wr(GICD + route_reg(EMUL), 8, 1);
	vgic_set_level(zone, EMUL, true);
	assert_false(in_pending_map(1, EMUL));
	assert_int_equal(fake_ipi_mask, 0);
	d32w(bit_reg(ISENABLER, EMUL), bit_of(EMUL));
	assert_false(in_pending_map(1, EMUL));
	assert_int_equal(fake_ipi_mask, 0);
	d32w(0x0000, 0x2);
	assert_true(in_pending_map(1, EMUL));
	assert_int_equal(fake_ipi_mask, 1ull << vcpu_cpu[1]);
}

/* Raised while the interrupt is disabled: delivered at its enable. */
static void test_set_level_while_disabled(void **state)
{
	(void)state;
	d32w(0x0000, 0x2);
	wr(GICD + route_reg(EMUL), 8, 2);
	vgic_set_level(zone, EMUL, true);
	assert_false(in_pending_map(2, EMUL));
	assert_int_equal(fake_ipi_mask, 0);
	d32w(bit_reg(ISENABLER, EMUL), bit_of(EMUL));
	assert_true(in_pending_map(2, EMUL));
	assert_int_equal(fake_ipi_mask, 1ull << vcpu_cpu[2]);
}

/* Only emulated SPIs of the zone have a line. */
static void test_set_level_ignores_others(void **state)
{
	(void)state;
	d32w(0x0000, 0x2);
	d32w(bit_reg(ISENABLER, HW_A), bit_of(HW_A));
	fake_chip_nr_calls = 0;
	vgic_set_level(zone, HW_A, true);
	vgic_set_level(zone, UNOWNED, true);
	vgic_set_level(zone, VTIMER_PPI, true);
	vgic_set_level(zone, 5000, true);
	assert_int_equal(d32(bit_reg(ISPENDR, HW_A)), 0);
	assert_int_equal(vgic_of(zone)->spi[UNOWNED - 32].flags, 0);
	assert_int_equal(rd(sgi_reg(0, ISPENDR), 4), 0);
	for (u32 v = 0; v < 3; v++)
		for (u32 w = 0; w < VGIC_WORDS; w++)
			assert_int_equal(vgic_of(zone)->cpu[v].pending[w], 0);
	assert_int_equal(fake_ipi_mask, 0);
	assert_int_equal(fake_chip_nr_calls, 0);
}

static void test_inject_hw(void **state)
{
	(void)state;
	d32w(0x0000, 0x2);
	wr(GICD + route_reg(HW_B), 8, 1);
	d32w(bit_reg(ISENABLER, HW_B), bit_of(HW_B));
	fake_chip_nr_calls = 0;
	vgic_inject_hw(zone, HW_B);
	assert_true(in_pending_map(1, HW_B));
	assert_int_equal(fake_ipi_mask, 1ull << vcpu_cpu[1]);
	assert_int_equal(fake_chip_nr_calls, 0); /* the guest's EOI ends it */
	vgic_inject_hw(zone, UNOWNED); /* nobody would: end it here */
	assert_int_equal(fake_chip_nr_calls, 1);
	expect_call(0, FAKE_CHIP_DEACTIVATE, UNOWNED, 0);
	assert_false(in_pending_map(0, UNOWNED));
}

/* SGI 5 enabled everywhere, distributor on. */
static void enable_sgi5(void)
{
	d32w(0x0000, 0x2);
	for (u32 v = 0; v < 3; v++)
		wr(sgi_reg(v, ISENABLER), 4, bit_of(5));
}

static u32 sgi5_pending(void)
{
	u32 who = 0;

	for (u32 v = 0; v < 3; v++)
		if (rd(sgi_reg(v, ISPENDR), 4) & bit_of(5))
			who |= 1u << v;
	return who;
}

static void test_sgi_target_list(void **state)
{
	(void)state;
	enable_sgi5();
	vgic_send_sgi(vgic_of(zone), 0, (5ull << 24) | 0x6);
	assert_int_equal(sgi5_pending(), 0x6);
	assert_true(in_pending_map(1, 5));
	assert_true(in_pending_map(2, 5));
	assert_false(in_pending_map(0, 5));
	assert_int_equal(fake_ipi_mask,
			 (1ull << vcpu_cpu[1]) | (1ull << vcpu_cpu[2]));
}

static void test_sgi_to_self(void **state)
{
	(void)state;
	enable_sgi5();
	vgic_send_sgi(vgic_of(zone), 0, (5ull << 24) | 0x1);
	assert_int_equal(sgi5_pending(), 0x1);
	assert_int_equal(fake_ipi_mask, 0);
}

static void test_sgi_irm_all_but_self(void **state)
{
	(void)state;
	enable_sgi5();
	on_vcpu(1);
	vgic_send_sgi(vgic_of(zone), 1, (5ull << 24) | (1ull << 40));
	assert_int_equal(sgi5_pending(), 0x5);
	assert_int_equal(fake_ipi_mask,
			 (1ull << vcpu_cpu[0]) | (1ull << vcpu_cpu[2]));
}

static void test_sgi_other_affinity_nobody(void **state)
{
	(void)state;
	enable_sgi5();
	vgic_send_sgi(vgic_of(zone), 0, (5ull << 24) | (1ull << 16) | 0x7);
	vgic_send_sgi(vgic_of(zone), 0, (5ull << 24) | (1ull << 32) | 0x7);
	vgic_send_sgi(vgic_of(zone), 0, (5ull << 24) | (1ull << 48) | 0x7);
	vgic_send_sgi(vgic_of(zone), 0, (5ull << 24) | (1ull << 44) | 0x7);
	assert_int_equal(sgi5_pending(), 0);
	assert_int_equal(fake_ipi_mask, 0);
}

static void test_zone_reset_clears_everything(void **state)
{
	struct vgic *g = vgic_of(zone);

	(void)state;
	enable_emul(2);
	vgic_set_level(zone, EMUL, true);
	d32w(cfg_reg(HW_A), edge_bit(HW_A));
	wr(GICD + 0x400 + HW_A, 1, 0x80);
	wr(GICD + route_reg(HW_A), 8, 1);
	enable_sgi5();
	vgic_send_sgi(g, 0, (5ull << 24) | 0x7);
	wr(sgi_reg(1, 0xc04), 4, 0xffffffff);
	wr(GICR + FRAME + 0x14, 4, 0);
	vgic_zone_reset(zone);
	assert_int_equal(d32(0x0000), 0x10);
	for (u32 id = 32; id < 1024; id += 32) {
		assert_int_equal(d32(bit_reg(ISENABLER, id)), 0);
		assert_int_equal(d32(bit_reg(ISPENDR, id)), 0);
	}
	assert_int_equal(d32(cfg_reg(HW_A)), 0);
	assert_int_equal(rd(GICD + 0x400 + HW_A, 1), 0);
	assert_int_equal(rd(GICD + route_reg(HW_A), 8), 0);
	assert_int_equal(rd(GICD + route_reg(EMUL), 8), 0);
	for (u32 v = 0; v < 3; v++) {
		assert_int_equal(rd(sgi_reg(v, ISENABLER), 4), 0);
		assert_int_equal(rd(sgi_reg(v, ISPENDR), 4), 0);
		assert_int_equal(rd(sgi_reg(v, 0xc04), 4), 0);
		assert_int_equal(rd(GICR + v * FRAME + 0x14, 4), 0x6);
		for (u32 w = 0; w < VGIC_WORDS; w++)
			assert_int_equal(g->cpu[v].pending[w], 0);
	}
	/* What the zone owns is still its own. */
	assert_int_equal(d32(bit_reg(0x80, HW_A)), bit_of(HW_A) | bit_of(EMUL));
	assert_int_equal(g->spi[HW_A - 32].flags, VIRQ_VALID | VIRQ_HW);
	assert_int_equal(g->spi[EMUL - 32].flags, VIRQ_VALID);
}

/*
 * The hardware trigger of a passthrough SPI is what the zone reads after
 * a reset (level), not what its previous run left there.
 */
static void test_zone_reset_levels_passthrough(void **state)
{
	(void)state;
	d32w(cfg_reg(HW_A), edge_bit(HW_A));
	d32w(cfg_reg(HW_B), edge_bit(HW_B));
	fake_chip_nr_calls = 0;
	vgic_zone_reset(zone);
	assert_int_equal(d32(cfg_reg(HW_A)), 0);
	assert_int_equal(fake_chip_nr_calls, 2);
	expect_call(0, FAKE_CHIP_SET_EDGE, HW_A, 0);
	expect_call(1, FAKE_CHIP_SET_EDGE, HW_B, 0);
}

#define T(name) cmocka_unit_test_setup(name, setup)

int main(void)
{
	const struct CMUnitTest tests[] = {
		T(test_identification),
		T(test_ctlr),
		T(test_passthrough_enable),
		T(test_passthrough_prio_cfg_route),
		T(test_passthrough_pending_active),
		T(test_emulated_spi),
		T(test_unowned_spis_isolated),
		T(test_unowned_spi_no_chip_call),
		T(test_gicd_private_banks_raz),
		T(test_gicr_typer),
		T(test_gicr_waker),
		T(test_gicr_private_per_vcpu),
		T(test_gicr_frame_beyond_vcpus_faults),
		T(test_bad_widths_fault),
		T(test_irouter),
		T(test_irouter_halves),
		T(test_set_level_local),
		T(test_set_level_remote_kicks),
		T(test_set_level_falls_before_delivery),
		T(test_set_level_while_distributor_off),
		T(test_set_level_while_disabled),
		T(test_set_level_ignores_others),
		T(test_inject_hw),
		T(test_sgi_target_list),
		T(test_sgi_to_self),
		T(test_sgi_irm_all_but_self),
		T(test_sgi_other_affinity_nobody),
		T(test_zone_reset_clears_everything),
		T(test_zone_reset_levels_passthrough),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
