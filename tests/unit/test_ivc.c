// SPDX-License-Identifier: Apache-2.0
/*
 * Inter-zone channel doorbells (drivers/ivc/ivc.c) between zones in the global
 * zones[] the model looks its peers up in: the registers, a doorbell
 * raising the peer's line and PENDING until the peer acknowledges, rings
 * reaching only the other end of the same channel, a stopped peer not
 * rung, and the accesses the window refuses.
 *
 * Zone A (id 10) has channel 0 to B (id 11) and channel 1 to C (id 12);
 * C also has channel 2 to a zone that does not exist, and channel 3 to
 * B, which has no end for it.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>

#include <cmocka.h>

#include <bulkhead/ivc_regs.h>
#include <bulkhead/mmio.h>
#include <bulkhead/vdev_params.h>

#include "fakes.h"
#include "virtio_guest.h"

#define RAM_IPA 0x40000000ull
#define IVC0 0x0b000000ull
#define IVC1 0x0b001000ull
#define SHM0 0x123456000ull
#define SHM1 0x60000000ull

enum { A, B, C, NR };

static const struct ivc_params a_ch0 = { 0, 11, SHM0, 0x10000 };
static const struct ivc_params a_ch1 = { 1, 12, SHM1, 0x2000 };
static const struct ivc_params b_ch0 = { 0, 10, SHM0, 0x10000 };
static const struct ivc_params c_ch1 = { 1, 10, SHM1, 0x2000 };
static const struct ivc_params c_ch2 = { 2, 99, 0x70000000, 0x1000 };
static const struct ivc_params c_ch3 = { 3, 11, 0x71000000, 0x1000 };

static struct vg_zone vz[NR];
/* The doorbell windows: A0, A1, B0, C1, C2, C3. */
static struct vg_dev a0, a1, b0, c1, c2, c3;

static int setup(void **state)
{
	static const char *const names[NR] = { "ivca", "ivcb", "ivcc" };

	(void)state;
	fake_reset();
	fake_hyp_pool_setup(16);
	for (int i = 0; i < NR; i++) {
		vg_zone_init(&vz[i], &zones[i], 10 + (u32)i, names[i]);
		vg_zone_add_mem(&vz[i], RAM_IPA, 0x1000, MEM_READ | MEM_WRITE);
	}
	vg_zone_add_vdev(&vz[A], "bulkhead,ivc", IVC0, IVC_SIZE, 50, &a_ch0);
	vg_zone_add_vdev(&vz[A], "bulkhead,ivc", IVC1, IVC_SIZE, 51, &a_ch1);
	vg_zone_add_vdev(&vz[B], "bulkhead,ivc", IVC0, IVC_SIZE, 60, &b_ch0);
	vg_zone_add_vdev(&vz[C], "bulkhead,ivc", IVC0, IVC_SIZE, 70, &c_ch1);
	vg_zone_add_vdev(&vz[C], "bulkhead,ivc", IVC1, IVC_SIZE, 71, &c_ch2);
	vg_zone_add_vdev(&vz[C], "bulkhead,ivc", IVC1 + IVC_SIZE, IVC_SIZE, 72,
			 &c_ch3);
	for (int i = 0; i < NR; i++)
		assert_int_equal(vg_zone_create(&vz[i]), 0);
	nr_zones = NR;
	vg_dev_init(&a0, &vz[A], IVC0, 50);
	vg_dev_init(&a1, &vz[A], IVC1, 51);
	vg_dev_init(&b0, &vz[B], IVC0, 60);
	vg_dev_init(&c1, &vz[C], IVC0, 70);
	vg_dev_init(&c2, &vz[C], IVC1, 71);
	vg_dev_init(&c3, &vz[C], IVC1 + IVC_SIZE, 72);
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	nr_zones = 0;
	for (int i = 0; i < NR; i++)
		vg_zone_free(&vz[i]);
	fake_hyp_pool_release();
	return 0;
}

static int line(const struct vg_dev *d)
{
	return fake_virq_line(d->z->zone, d->irq);
}

static u32 rd(struct vg_dev *d, u64 off)
{
	u64 v = 0;

	assert_int_equal(vg_access(d, off, 4, false, &v), 0);
	return (u32)v;
}

static void wr(struct vg_dev *d, u64 off, u32 v)
{
	u64 val = v;

	assert_int_equal(vg_access(d, off, 4, true, &val), 0);
}

static void test_registers(void **state)
{
	(void)state;
	assert_int_equal(rd(&a0, IVC_MAGIC), 0x30435649);
	assert_int_equal(rd(&a0, IVC_CHANNEL), 0);
	assert_int_equal(rd(&a0, IVC_PEER), 11);
	assert_int_equal(rd(&a0, IVC_PEER_STATE), 1);
	assert_int_equal(rd(&a0, IVC_SHM_LOW), 0x23456000);
	assert_int_equal(rd(&a0, IVC_SHM_HIGH), 0x1);
	assert_int_equal(rd(&a0, IVC_SHM_SIZE), 0x10000);
	assert_int_equal(rd(&a0, IVC_PENDING), 0);
	assert_int_equal(rd(&a1, IVC_CHANNEL), 1);
	assert_int_equal(rd(&a1, IVC_PEER), 12);
	assert_int_equal(rd(&a1, IVC_SHM_LOW), (u32)SHM1);
	assert_int_equal(rd(&a1, IVC_SHM_HIGH), 0);
	assert_int_equal(rd(&a1, IVC_SHM_SIZE), 0x2000);
	assert_int_equal(rd(&b0, IVC_PEER), 10);
	assert_int_equal(rd(&b0, IVC_SHM_LOW), 0x23456000);
	assert_int_equal(rd(&c2, IVC_CHANNEL), 2);
	assert_int_equal(rd(&c2, IVC_PEER), 99);
	assert_int_equal(rd(&c2, IVC_PEER_STATE), 0); /* no such zone */
	/* Write-only and unassigned registers read as zero. */
	assert_int_equal(rd(&a0, IVC_DOORBELL), 0);
	assert_int_equal(rd(&a0, IVC_ACK), 0);
	assert_int_equal(rd(&a0, 0x1c), 0);
	assert_int_equal(rd(&a0, 0x2c), 0);
	assert_int_equal(rd(&a0, IVC_SIZE - 4), 0);
	/* Read-only registers ignore writes. */
	wr(&a0, IVC_MAGIC, 0);
	wr(&a0, IVC_PEER, 12);
	wr(&a0, IVC_SHM_LOW, 0);
	wr(&a0, IVC_PENDING, 1);
	assert_int_equal(rd(&a0, IVC_MAGIC), 0x30435649);
	assert_int_equal(rd(&a0, IVC_PEER), 11);
	assert_int_equal(rd(&a0, IVC_SHM_LOW), 0x23456000);
	assert_int_equal(rd(&a0, IVC_PENDING), 0);
	assert_int_equal(fake_virq_calls, 0);
}

static void test_doorbell_rings_the_peer(void **state)
{
	(void)state;
	wr(&a0, IVC_DOORBELL, 0);
	assert_int_equal(rd(&b0, IVC_PENDING), 1);
	assert_int_equal(line(&b0), 1);
	assert_int_equal(rd(&a0, IVC_PENDING), 0); /* not the ringer */
	assert_int_equal(line(&a0), -1);
	assert_int_equal(line(&a1), -1);
	assert_int_equal(line(&c1), -1);
	/* Rings before the ACK are one. */
	wr(&a0, IVC_DOORBELL, 0xffffffff);
	wr(&a0, IVC_DOORBELL, 1);
	assert_int_equal(rd(&b0, IVC_PENDING), 1);
	wr(&b0, IVC_ACK, 0);
	assert_int_equal(rd(&b0, IVC_PENDING), 0);
	assert_int_equal(line(&b0), 0);
	/* An ACK with nothing pending changes nothing. */
	wr(&b0, IVC_ACK, 0);
	assert_int_equal(rd(&b0, IVC_PENDING), 0);
	assert_int_equal(line(&b0), 0);
	/* The other way. */
	wr(&b0, IVC_DOORBELL, 0);
	assert_int_equal(rd(&a0, IVC_PENDING), 1);
	assert_int_equal(line(&a0), 1);
	assert_int_equal(rd(&b0, IVC_PENDING), 0);
	assert_int_equal(line(&a1), -1); /* A's other channel */
	wr(&a0, IVC_ACK, 0);
	assert_int_equal(line(&a0), 0);
	/* And again after the ACK. */
	wr(&a0, IVC_DOORBELL, 0);
	assert_int_equal(rd(&b0, IVC_PENDING), 1);
	assert_int_equal(line(&b0), 1);
}

static void test_channels_are_separate(void **state)
{
	(void)state;
	wr(&a1, IVC_DOORBELL, 0);
	assert_int_equal(rd(&c1, IVC_PENDING), 1);
	assert_int_equal(line(&c1), 1);
	assert_int_equal(rd(&b0, IVC_PENDING), 0);
	assert_int_equal(line(&b0), -1);
	assert_int_equal(line(&c2), -1);
	assert_int_equal(line(&c3), -1);
	wr(&c1, IVC_DOORBELL, 0);
	assert_int_equal(rd(&a1, IVC_PENDING), 1);
	assert_int_equal(rd(&a0, IVC_PENDING), 0);
	assert_int_equal(line(&a1), 1);
	assert_int_equal(line(&a0), -1);
}

/* Channels whose other end is missing ring nobody. */
static void test_missing_peer(void **state)
{
	unsigned int calls;

	(void)state;
	calls = fake_virq_calls;
	wr(&c2, IVC_DOORBELL, 0); /* zone 99 does not exist */
	wr(&c3, IVC_DOORBELL, 0); /* B has no end of channel 3 */
	assert_int_equal(fake_virq_calls, calls);
	assert_int_equal(rd(&b0, IVC_PENDING), 0);
	assert_int_equal(rd(&c3, IVC_PEER_STATE), 1); /* B runs, though */
}

static void test_stopped_peer_not_rung(void **state)
{
	(void)state;
	zones[B].state = ZONE_STOPPED;
	assert_int_equal(rd(&a0, IVC_PEER_STATE), 0);
	wr(&a0, IVC_DOORBELL, 0);
	assert_int_equal(line(&b0), -1);
	assert_int_equal(rd(&b0, IVC_PENDING), 0);
	zones[B].state = ZONE_RESTARTING;
	assert_int_equal(rd(&a0, IVC_PEER_STATE), 0);
	wr(&a0, IVC_DOORBELL, 0);
	assert_int_equal(line(&b0), -1);
	/* Running again: what it missed stays missed, new rings arrive. */
	zones[B].state = ZONE_RUNNING;
	assert_int_equal(rd(&a0, IVC_PEER_STATE), 1);
	assert_int_equal(rd(&b0, IVC_PENDING), 0);
	wr(&a0, IVC_DOORBELL, 0);
	assert_int_equal(rd(&b0, IVC_PENDING), 1);
	assert_int_equal(line(&b0), 1);
}

/* The zone restarting forgets a pending ring and lowers the line. */
static void test_reset_clears_pending(void **state)
{
	struct vdev *dev = &zones[B].vdevs[0];

	(void)state;
	wr(&a0, IVC_DOORBELL, 0);
	assert_int_equal(line(&b0), 1);
	dev->type->reset(dev);
	assert_int_equal(rd(&b0, IVC_PENDING), 0);
	assert_int_equal(line(&b0), 0);
	wr(&a0, IVC_DOORBELL, 0);
	assert_int_equal(rd(&b0, IVC_PENDING), 1);
}

static void test_bad_accesses_fault(void **state)
{
	static const unsigned int widths[] = { 1, 2, 8 };
	u64 v;

	(void)state;
	for (size_t i = 0; i < ARRAY_SIZE(widths); i++) {
		v = 0;
		assert_int_equal(
			vg_access(&a0, IVC_MAGIC, widths[i], false, &v),
			MMIO_BAD_ACCESS);
		v = 1;
		assert_int_equal(
			vg_access(&a0, IVC_DOORBELL, widths[i], true, &v),
			MMIO_BAD_ACCESS);
	}
	v = 1;
	assert_int_equal(vg_access(&a0, IVC_DOORBELL + 1, 1, true, &v),
			 MMIO_BAD_ACCESS);
	assert_int_equal(vg_access(&a0, IVC_DOORBELL + 2, 4, true, &v),
			 MMIO_BAD_ACCESS);
	assert_int_equal(vg_access(&a0, IVC_MAGIC + 1, 4, false, &v),
			 MMIO_BAD_ACCESS);
	assert_int_equal(vg_access(&a0, IVC_SIZE - 2, 4, false, &v),
			 MMIO_BAD_ACCESS);
	/* None of them rang. */
	assert_int_equal(rd(&b0, IVC_PENDING), 0);
	assert_int_equal(fake_virq_calls, 0);
	/* A refused ACK leaves the ring pending. */
	wr(&a0, IVC_DOORBELL, 0);
	v = 0;
	assert_int_equal(vg_access(&b0, IVC_ACK, 1, true, &v), MMIO_BAD_ACCESS);
	assert_int_equal(vg_access(&b0, IVC_ACK, 8, true, &v), MMIO_BAD_ACCESS);
	assert_int_equal(rd(&b0, IVC_PENDING), 1);
	assert_int_equal(line(&b0), 1);
}

#define TEST(f) cmocka_unit_test_setup_teardown(f, setup, teardown)

int main(void)
{
	const struct CMUnitTest tests[] = {
		TEST(test_registers),
		TEST(test_doorbell_rings_the_peer),
		TEST(test_channels_are_separate),
		TEST(test_missing_peer),
		TEST(test_stopped_peer_not_rung),
		TEST(test_reset_clears_pending),
		TEST(test_bad_accesses_fault),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
