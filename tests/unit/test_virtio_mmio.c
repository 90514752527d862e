// SPDX-License-Identifier: Apache-2.0
/*
 * The virtio-mmio transport (drivers/virtio/virtio_mmio.c) as a guest
 * driver sees it through mmio_dispatch(), on a virtio-blk device: the
 * identification registers, feature negotiation, queue registers, device
 * reset, the interrupt status and line, the config space and the accesses
 * the transport refuses or ignores.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>

#include <cmocka.h>

#include <bulkhead/mmio.h>

#include "vblk_fixture.h"

#define ALL_STATUS                                          \
	(VIRTIO_STATUS_ACKNOWLEDGE | VIRTIO_STATUS_DRIVER | \
	 VIRTIO_STATUS_FEATURES_OK | VIRTIO_STATUS_DRIVER_OK)

static int setup(void **state)
{
	*state = blk_fixture_new(false);
	return 0;
}

static int teardown(void **state)
{
	struct blk_fixture *f = *state;

	assert_true(vg_zone_guards_intact(&f->z));
	assert_true(disk_guard_intact(f));
	blk_fixture_free(f);
	return 0;
}

static u32 rd(struct blk_fixture *f, u64 off)
{
	u64 v = 0;

	assert_int_equal(vg_access(&f->d, off, 4, false, &v), 0);
	return (u32)v;
}

static void wr(struct blk_fixture *f, u64 off, u32 v)
{
	u64 val = v;

	assert_int_equal(vg_access(&f->d, off, 4, true, &val), 0);
}

static void test_identification(void **state)
{
	struct blk_fixture *f = *state;

	assert_int_equal(rd(f, VIRTIO_MMIO_MAGIC), 0x74726976);
	assert_int_equal(rd(f, VIRTIO_MMIO_VERSION), 2);
	assert_int_equal(rd(f, VIRTIO_MMIO_DEVICE_ID), VIRTIO_ID_BLOCK);
	assert_int_equal(rd(f, VIRTIO_MMIO_VENDOR_ID), 0x484b4c42);
	assert_int_equal(rd(f, VIRTIO_MMIO_STATUS), 0);
	assert_int_equal(rd(f, VIRTIO_MMIO_INTERRUPT_STATUS), 0);
	assert_int_equal(rd(f, VIRTIO_MMIO_CONFIG_GENERATION), 0);
	/* Read-only registers ignore writes. */
	wr(f, VIRTIO_MMIO_MAGIC, 0);
	wr(f, VIRTIO_MMIO_DEVICE_ID, 7);
	wr(f, VIRTIO_MMIO_INTERRUPT_STATUS, 3);
	assert_int_equal(rd(f, VIRTIO_MMIO_MAGIC), 0x74726976);
	assert_int_equal(rd(f, VIRTIO_MMIO_DEVICE_ID), VIRTIO_ID_BLOCK);
	assert_int_equal(rd(f, VIRTIO_MMIO_INTERRUPT_STATUS), 0);
	assert_int_equal(fake_virq_calls, 0);
}

static void test_device_features(void **state)
{
	struct blk_fixture *f = *state;

	assert_int_equal(rd(f, VIRTIO_MMIO_DEVICE_FEATURES),
			 BIT(VIRTIO_BLK_F_SEG_MAX) | BIT(VIRTIO_BLK_F_FLUSH));
	wr(f, VIRTIO_MMIO_DEVICE_FEATURES_SEL, 1);
	assert_int_equal(rd(f, VIRTIO_MMIO_DEVICE_FEATURES),
			 BIT(VIRTIO_F_VERSION_1 - 32));
	wr(f, VIRTIO_MMIO_DEVICE_FEATURES_SEL, 2);
	assert_int_equal(rd(f, VIRTIO_MMIO_DEVICE_FEATURES), 0);
	wr(f, VIRTIO_MMIO_DEVICE_FEATURES_SEL, 0xffffffff);
	assert_int_equal(rd(f, VIRTIO_MMIO_DEVICE_FEATURES), 0);
}

static void test_features_ok_negotiation(void **state)
{
	struct blk_fixture *f = *state;
	const u32 s = VIRTIO_STATUS_ACKNOWLEDGE | VIRTIO_STATUS_DRIVER;
	const u64 v1 = BIT(VIRTIO_F_VERSION_1);

	/* Legacy drivers (no VERSION_1) are refused. */
	assert_int_equal(vg_negotiate(&f->d, 0), s);
	assert_int_equal(vg_negotiate(&f->d, BIT(VIRTIO_BLK_F_FLUSH)), s);
	/* Bits the device did not offer, low word or high word. */
	assert_int_equal(vg_negotiate(&f->d, v1 | BIT(VIRTIO_BLK_F_RO)), s);
	assert_int_equal(vg_negotiate(&f->d, v1 | BIT(0)), s);
	assert_int_equal(vg_negotiate(&f->d, v1 | BIT(33)), s);
	assert_int_equal(vg_negotiate(&f->d, v1 | BIT(63)), s);
	/* Any subset of the offer with VERSION_1 sticks. */
	assert_int_equal(vg_negotiate(&f->d, v1),
			 s | VIRTIO_STATUS_FEATURES_OK);
	assert_int_equal(vg_negotiate(&f->d, v1 | BIT(VIRTIO_BLK_F_SEG_MAX) |
						     BIT(VIRTIO_BLK_F_FLUSH)),
			 s | VIRTIO_STATUS_FEATURES_OK);
	/* Features written through a selector beyond 1 go nowhere. */
	vg_negotiate(&f->d, v1);
	wr(f, VIRTIO_MMIO_DRIVER_FEATURES_SEL, 2);
	wr(f, VIRTIO_MMIO_DRIVER_FEATURES, 0xffffffff);
	wr(f, VIRTIO_MMIO_STATUS, s | VIRTIO_STATUS_FEATURES_OK);
	assert_int_equal(rd(f, VIRTIO_MMIO_STATUS),
			 s | VIRTIO_STATUS_FEATURES_OK);
}

/* A device that refused FEATURES_OK still works once the driver agrees. */
static void test_features_refused_then_accepted(void **state)
{
	struct blk_fixture *f = *state;

	assert_false(vg_negotiate(&f->d, BIT(5)) & VIRTIO_STATUS_FEATURES_OK);
	assert_int_equal(blk_start(f, 0), ALL_STATUS);
	assert_int_equal(
		blk_request(f, VIRTIO_BLK_T_FLUSH, 0, 0, 0, false, NULL),
		VIRTIO_BLK_S_OK);
}

static void test_queue_num_max_and_selection(void **state)
{
	struct blk_fixture *f = *state;

	assert_int_equal(rd(f, VIRTIO_MMIO_QUEUE_NUM_MAX),
			 CONFIG_VIRTIO_QUEUE_MAX);
	assert_int_equal(rd(f, VIRTIO_MMIO_QUEUE_READY), 0);
	/* virtio-blk has one queue: the others do not exist. */
	wr(f, VIRTIO_MMIO_QUEUE_SEL, 1);
	assert_int_equal(rd(f, VIRTIO_MMIO_QUEUE_NUM_MAX), 0);
	wr(f, VIRTIO_MMIO_QUEUE_NUM, QNUM);
	wr(f, VIRTIO_MMIO_QUEUE_DESC_LOW, (u32)RINGS);
	wr(f, VIRTIO_MMIO_QUEUE_READY, 1);
	assert_int_equal(rd(f, VIRTIO_MMIO_QUEUE_READY), 0);
	wr(f, VIRTIO_MMIO_QUEUE_SEL, 0xffffffff);
	assert_int_equal(rd(f, VIRTIO_MMIO_QUEUE_NUM_MAX), 0);
	wr(f, VIRTIO_MMIO_QUEUE_SEL, 0);
	assert_int_equal(rd(f, VIRTIO_MMIO_QUEUE_NUM_MAX),
			 CONFIG_VIRTIO_QUEUE_MAX);
	/* The address registers are write-only. */
	wr(f, VIRTIO_MMIO_QUEUE_DESC_LOW, 0x1000);
	assert_int_equal(rd(f, VIRTIO_MMIO_QUEUE_DESC_LOW), 0);
	assert_int_equal(rd(f, VIRTIO_MMIO_QUEUE_NUM), 0);
	assert_int_equal(rd(f, VIRTIO_MMIO_STATUS), 0);
}

static void test_queue_ready_sets_up(void **state)
{
	struct blk_fixture *f = *state;

	vg_negotiate(&f->d, BIT(VIRTIO_F_VERSION_1));
	/* QueueNumMax itself is fine, one more is not (see test_virtqueue). */
	assert_int_equal(
		vg_queue_setup(&f->d, 0, CONFIG_VIRTIO_QUEUE_MAX, RINGS), 1);
	assert_int_equal(rd(f, VIRTIO_MMIO_STATUS) & VIRTIO_STATUS_NEEDS_RESET,
			 0);
	assert_string_equal(fake_printk_log, "");
}

/* While the queue is ready its size and addresses stay what they were. */
static void test_queue_registers_ignored_while_ready(void **state)
{
	struct blk_fixture *f = *state;
	const ipa_t elsewhere = RAM_IPA + 0x80000;
	struct vring_used *old_used;

	assert_int_equal(blk_start(f, 0), ALL_STATUS);
	wr(f, VIRTIO_MMIO_QUEUE_SEL, 0);
	wr(f, VIRTIO_MMIO_QUEUE_NUM, 4);
	wr(f, VIRTIO_MMIO_QUEUE_DESC_LOW, (u32)elsewhere);
	wr(f, VIRTIO_MMIO_QUEUE_DRIVER_LOW, (u32)elsewhere + 0x1000);
	wr(f, VIRTIO_MMIO_QUEUE_DEVICE_LOW, (u32)elsewhere + 0x2000);
	wr(f, VIRTIO_MMIO_QUEUE_DEVICE_HIGH, 1);
	wr(f, VIRTIO_MMIO_QUEUE_READY, 1); /* again: no new setup */
	/* Eight requests: more than the 4 a rewritten size would take. */
	for (int i = 0; i < 8; i++)
		assert_int_equal(blk_request(f, VIRTIO_BLK_T_IN, (u64)i, DATA,
					     512, true, NULL),
				 VIRTIO_BLK_S_OK);
	assert_memory_equal(ram_at(f, DATA), f->disk + 7 * 512, 512);
	for (u32 i = 0; i < 0x3000; i++)
		assert_int_equal(*ram_at(f, elsewhere + i), 0);

	/* Stopped, the queue takes new registers; ready, it uses them. */
	old_used = vg_used(&f->d, 0);
	assert_int_equal(old_used->idx, 8);
	wr(f, VIRTIO_MMIO_QUEUE_READY, 0);
	assert_int_equal(rd(f, VIRTIO_MMIO_QUEUE_READY), 0);
	assert_int_equal(vg_queue_setup(&f->d, 0, 4, elsewhere), 1);
	assert_int_equal(
		blk_request(f, VIRTIO_BLK_T_IN, 1, DATA, 512, true, NULL),
		VIRTIO_BLK_S_OK);
	assert_int_equal(vg_used(&f->d, 0)->idx, 1);
	assert_int_equal(old_used->idx, 8);
	assert_memory_equal(ram_at(f, DATA), f->disk + 512, 512);
}

/* Status = 0 forgets features, queues, selectors and interrupts. */
static void test_reset_clears_everything(void **state)
{
	struct blk_fixture *f = *state;

	assert_int_equal(blk_start(f, BIT(VIRTIO_BLK_F_FLUSH)), ALL_STATUS);
	assert_int_equal(
		blk_request(f, VIRTIO_BLK_T_FLUSH, 0, 0, 0, false, NULL),
		VIRTIO_BLK_S_OK);
	assert_int_equal(rd(f, VIRTIO_MMIO_INTERRUPT_STATUS), VIRTIO_INT_USED);
	assert_true(blk_line(f));
	wr(f, VIRTIO_MMIO_DEVICE_FEATURES_SEL, 1);
	wr(f, VIRTIO_MMIO_QUEUE_SEL, 1);

	wr(f, VIRTIO_MMIO_STATUS, 0);
	assert_int_equal(rd(f, VIRTIO_MMIO_STATUS), 0);
	assert_int_equal(rd(f, VIRTIO_MMIO_INTERRUPT_STATUS), 0);
	assert_int_equal(fake_virq_line(&f->zone, BLK_IRQ), 0);
	/* Both selectors are back at 0. */
	assert_int_equal(rd(f, VIRTIO_MMIO_DEVICE_FEATURES),
			 BIT(VIRTIO_BLK_F_SEG_MAX) | BIT(VIRTIO_BLK_F_FLUSH));
	assert_int_equal(rd(f, VIRTIO_MMIO_QUEUE_NUM_MAX),
			 CONFIG_VIRTIO_QUEUE_MAX);
	assert_int_equal(rd(f, VIRTIO_MMIO_QUEUE_READY), 0);
	/* The driver's features are gone: FEATURES_OK alone is refused. */
	wr(f, VIRTIO_MMIO_STATUS,
	   VIRTIO_STATUS_ACKNOWLEDGE | VIRTIO_STATUS_DRIVER |
		   VIRTIO_STATUS_FEATURES_OK);
	assert_int_equal(rd(f, VIRTIO_MMIO_STATUS),
			 VIRTIO_STATUS_ACKNOWLEDGE | VIRTIO_STATUS_DRIVER);
	/* The queue is gone: with DRIVER_OK, a notify does nothing. */
	vg_make_available(&f->d, 0, 0);
	ram_snapshot(f);
	wr(f, VIRTIO_MMIO_STATUS, VIRTIO_STATUS_DRIVER_OK);
	vg_notify(&f->d, 0);
	assert_true(ram_unchanged(f));
	/* And it comes back as new. */
	assert_int_equal(blk_start(f, 0), ALL_STATUS);
	assert_int_equal(
		blk_request(f, VIRTIO_BLK_T_IN, 2, DATA, 512, true, NULL),
		VIRTIO_BLK_S_OK);
	assert_memory_equal(ram_at(f, DATA), f->disk + 1024, 512);
}

/* The zone restarting resets the device as Status = 0 does. */
static void test_zone_reset_hook(void **state)
{
	struct blk_fixture *f = *state;
	struct vdev *dev = &f->zone.vdevs[0];

	assert_int_equal(blk_start(f, 0), ALL_STATUS);
	assert_int_equal(
		blk_request(f, VIRTIO_BLK_T_FLUSH, 0, 0, 0, false, NULL),
		VIRTIO_BLK_S_OK);
	assert_true(blk_line(f));
	dev->type->reset(dev);
	assert_int_equal(rd(f, VIRTIO_MMIO_STATUS), 0);
	assert_int_equal(rd(f, VIRTIO_MMIO_INTERRUPT_STATUS), 0);
	assert_int_equal(rd(f, VIRTIO_MMIO_QUEUE_READY), 0);
	assert_false(blk_line(f));
}

static void test_interrupt_status_and_ack(void **state)
{
	struct blk_fixture *f = *state;

	assert_int_equal(blk_start(f, 0), ALL_STATUS);
	assert_int_equal(fake_virq_line(&f->zone, BLK_IRQ), 0); /* reset */
	assert_int_equal(
		blk_request(f, VIRTIO_BLK_T_FLUSH, 0, 0, 0, false, NULL),
		VIRTIO_BLK_S_OK);
	assert_int_equal(rd(f, VIRTIO_MMIO_INTERRUPT_STATUS), VIRTIO_INT_USED);
	assert_true(blk_line(f));
	assert_int_equal(fake_virq_irq, BLK_IRQ);
	/* Acknowledging another cause leaves this one and the line. */
	wr(f, VIRTIO_MMIO_INTERRUPT_ACK, VIRTIO_INT_CONFIG);
	assert_int_equal(rd(f, VIRTIO_MMIO_INTERRUPT_STATUS), VIRTIO_INT_USED);
	assert_true(blk_line(f));
	/* A second completion while unacknowledged changes nothing. */
	assert_int_equal(
		blk_request(f, VIRTIO_BLK_T_FLUSH, 0, 0, 0, false, NULL),
		VIRTIO_BLK_S_OK);
	assert_int_equal(rd(f, VIRTIO_MMIO_INTERRUPT_STATUS), VIRTIO_INT_USED);
	wr(f, VIRTIO_MMIO_INTERRUPT_ACK, VIRTIO_INT_USED);
	assert_int_equal(rd(f, VIRTIO_MMIO_INTERRUPT_STATUS), 0);
	assert_false(blk_line(f));
	assert_int_equal(fake_virq_line(&f->zone, BLK_IRQ), 0);
	/* A driver that polls (NO_INTERRUPT) is not interrupted. */
	vg_avail(&f->d, 0)->flags = VRING_AVAIL_F_NO_INTERRUPT;
	assert_int_equal(
		blk_request(f, VIRTIO_BLK_T_FLUSH, 0, 0, 0, false, NULL),
		VIRTIO_BLK_S_OK);
	assert_int_equal(rd(f, VIRTIO_MMIO_INTERRUPT_STATUS), 0);
	assert_false(blk_line(f));
	vg_avail(&f->d, 0)->flags = 0;
	assert_int_equal(
		blk_request(f, VIRTIO_BLK_T_FLUSH, 0, 0, 0, false, NULL),
		VIRTIO_BLK_S_OK);
	assert_true(blk_line(f));
}

static int cfg_read(struct blk_fixture *f, u64 off, unsigned int width, u64 *v)
{
	*v = 0xdeadbeef;
	return vg_access(&f->d, VIRTIO_MMIO_CONFIG + off, width, false, v);
}

static void test_config_space(void **state)
{
	struct blk_fixture *f = *state;
	u64 v;

	/* capacity = 64 sectors (u64 at 0), seg_max = 62 (u32 at 12) */
	assert_int_equal(cfg_read(f, 0, 4, &v), 0);
	assert_int_equal(v, DISK_SECTORS);
	assert_int_equal(cfg_read(f, 4, 4, &v), 0);
	assert_int_equal(v, 0);
	assert_int_equal(cfg_read(f, 0, 2, &v), 0);
	assert_int_equal(v, DISK_SECTORS);
	assert_int_equal(cfg_read(f, 0, 1, &v), 0);
	assert_int_equal(v, DISK_SECTORS);
	assert_int_equal(cfg_read(f, 1, 1, &v), 0);
	assert_int_equal(v, 0);
	assert_int_equal(cfg_read(f, 12, 4, &v), 0);
	assert_int_equal(v, 62);
	assert_int_equal(cfg_read(f, 12, 1, &v), 0);
	assert_int_equal(v, 62);
	assert_int_equal(cfg_read(f, 14, 2, &v), 0);
	assert_int_equal(v, 0);
	/* Past the device's config: zeros up to the window's end. */
	for (u64 off = 16; off < VIRTIO_MMIO_SIZE - VIRTIO_MMIO_CONFIG;
	     off += 4) {
		assert_int_equal(cfg_read(f, off, 4, &v), 0);
		assert_int_equal(v, 0);
	}
	/* Writes are ignored, not faults. */
	v = 0x12345678;
	assert_int_equal(vg_access(&f->d, VIRTIO_MMIO_CONFIG, 4, true, &v), 0);
	v = 0xff;
	assert_int_equal(vg_access(&f->d, VIRTIO_MMIO_CONFIG + 1, 1, true, &v),
			 0);
	assert_int_equal(cfg_read(f, 0, 4, &v), 0);
	assert_int_equal(v, DISK_SECTORS);
}

/* A larger disk: capacity is a u64 across both words. */
static void test_config_capacity_high_word(void **state)
{
	struct blk_fixture *f = *state;
	u64 v;

	f->params.size = (5ull << 32) * VIRTIO_BLK_SECTOR_SIZE + 512 * 3;
	assert_int_equal(cfg_read(f, 0, 4, &v), 0);
	assert_int_equal(v, 3);
	assert_int_equal(cfg_read(f, 4, 4, &v), 0);
	assert_int_equal(v, 5);
	assert_int_equal(cfg_read(f, 4, 1, &v), 0);
	assert_int_equal(v, 5);
	f->params.size = DISK_SIZE;
}

static void test_bad_accesses_fault(void **state)
{
	struct blk_fixture *f = *state;
	u64 v = 0;

	/* Registers: 32-bit and aligned only. */
	assert_int_equal(vg_access(&f->d, VIRTIO_MMIO_MAGIC, 1, false, &v),
			 MMIO_BAD_ACCESS);
	assert_int_equal(vg_access(&f->d, VIRTIO_MMIO_MAGIC, 2, false, &v),
			 MMIO_BAD_ACCESS);
	assert_int_equal(vg_access(&f->d, VIRTIO_MMIO_MAGIC, 8, false, &v),
			 MMIO_BAD_ACCESS);
	assert_int_equal(vg_access(&f->d, VIRTIO_MMIO_MAGIC + 2, 4, false, &v),
			 MMIO_BAD_ACCESS);
	v = VIRTIO_STATUS_ACKNOWLEDGE;
	assert_int_equal(vg_access(&f->d, VIRTIO_MMIO_STATUS, 1, true, &v),
			 MMIO_BAD_ACCESS);
	assert_int_equal(vg_access(&f->d, VIRTIO_MMIO_STATUS, 2, true, &v),
			 MMIO_BAD_ACCESS);
	assert_int_equal(vg_access(&f->d, VIRTIO_MMIO_STATUS, 8, true, &v),
			 MMIO_BAD_ACCESS);
	assert_int_equal(rd(f, VIRTIO_MMIO_STATUS), 0); /* none took effect */
	/* Config space: 1, 2 or 4 bytes, naturally aligned. */
	assert_int_equal(cfg_read(f, 0, 8, &v), MMIO_BAD_ACCESS);
	assert_int_equal(cfg_read(f, 1, 2, &v), MMIO_BAD_ACCESS);
	assert_int_equal(cfg_read(f, 2, 4, &v), MMIO_BAD_ACCESS);
	assert_int_equal(cfg_read(f, 3, 4, &v), MMIO_BAD_ACCESS);
	v = 0;
	assert_int_equal(vg_access(&f->d, VIRTIO_MMIO_CONFIG + 2, 4, true, &v),
			 MMIO_BAD_ACCESS);
	/* Straddling the window's end, or past it. */
	assert_int_equal(vg_access(&f->d, VIRTIO_MMIO_SIZE - 2, 4, false, &v),
			 MMIO_BAD_ACCESS);
	assert_int_equal(vg_access(&f->d, VIRTIO_MMIO_SIZE, 4, false, &v),
			 MMIO_UNHANDLED);
	assert_int_equal(fake_virq_calls, 0);
	assert_string_equal(fake_printk_log, "");
}

/* Notifies before DRIVER_OK, of queues that are not ready or do not
 * exist, and after FAILED, are ignored. */
static void test_notify_ignored_until_driver_ok(void **state)
{
	struct blk_fixture *f = *state;
	u32 s = vg_negotiate(&f->d, BIT(VIRTIO_F_VERSION_1));
	u32 id, len;

	assert_int_equal(vg_queue_setup(&f->d, 0, QNUM, RINGS), 1);
	put_hdr(f, VIRTIO_BLK_T_IN, 0);
	vg_post(&f->d, 0,
		(struct vg_buf[]){ { HDR, 16, false },
				   { DATA, 512, true },
				   { STATUS, 1, true } },
		3);
	ram_snapshot(f);
	vg_notify(&f->d, 0);
	vg_notify(&f->d, 1);
	vg_notify(&f->d, 0xffffffff);
	assert_true(ram_unchanged(f));
	assert_false(vg_take_used(&f->d, 0, &id, &len));
	/* FAILED with DRIVER_OK: still nothing. */
	wr(f, VIRTIO_MMIO_STATUS,
	   s | VIRTIO_STATUS_DRIVER_OK | VIRTIO_STATUS_FAILED);
	vg_notify(&f->d, 0);
	assert_true(ram_unchanged(f));
	wr(f, VIRTIO_MMIO_STATUS, s | VIRTIO_STATUS_DRIVER_OK);
	vg_notify(&f->d, 1); /* a queue the device does not have */
	assert_true(ram_unchanged(f));
	vg_notify(&f->d, 0);
	assert_true(vg_take_used(&f->d, 0, &id, &len));
	assert_int_equal(id, 0);
	assert_int_equal(len, 513);
	assert_int_equal(*ram_at(f, STATUS), VIRTIO_BLK_S_OK);
	assert_memory_equal(ram_at(f, DATA), f->disk, 512);
	/* A queue stopped with QueueReady = 0 is not served either. */
	wr(f, VIRTIO_MMIO_QUEUE_SEL, 0);
	wr(f, VIRTIO_MMIO_QUEUE_READY, 0);
	vg_post(&f->d, 0,
		(struct vg_buf[]){ { HDR, 16, false },
				   { DATA, 512, true },
				   { STATUS, 1, true } },
		3);
	ram_snapshot(f);
	vg_notify(&f->d, 0);
	assert_true(ram_unchanged(f));
	assert_string_equal(fake_printk_log, "");
}

/* NEEDS_RESET is the device's bit: a driver writing it changes nothing. */
static void test_driver_cannot_set_needs_reset(void **state)
{
	struct blk_fixture *f = *state;

	assert_int_equal(blk_start(f, 0), ALL_STATUS);
	wr(f, VIRTIO_MMIO_STATUS, ALL_STATUS | VIRTIO_STATUS_NEEDS_RESET);
	assert_int_equal(rd(f, VIRTIO_MMIO_STATUS), ALL_STATUS);
	wr(f, VIRTIO_MMIO_STATUS, 0xff & ~VIRTIO_STATUS_FAILED);
	assert_int_equal(rd(f, VIRTIO_MMIO_STATUS),
			 0xff & ~VIRTIO_STATUS_FAILED &
				 ~VIRTIO_STATUS_NEEDS_RESET);
	assert_int_equal(
		blk_request(f, VIRTIO_BLK_T_IN, 1, DATA, 512, true, NULL),
		VIRTIO_BLK_S_OK);
	assert_memory_equal(ram_at(f, DATA), f->disk + 512, 512);
	assert_int_equal(rd(f, VIRTIO_MMIO_INTERRUPT_STATUS), VIRTIO_INT_USED);
	assert_string_equal(fake_printk_log, "");
}

#define TEST(f) cmocka_unit_test_setup_teardown(f, setup, teardown)

int main(void)
{
	const struct CMUnitTest tests[] = {
		TEST(test_identification),
		TEST(test_device_features),
		TEST(test_features_ok_negotiation),
		TEST(test_features_refused_then_accepted),
		TEST(test_queue_num_max_and_selection),
		TEST(test_queue_ready_sets_up),
		TEST(test_queue_registers_ignored_while_ready),
		TEST(test_reset_clears_everything),
		TEST(test_zone_reset_hook),
		TEST(test_interrupt_status_and_ack),
		TEST(test_config_space),
		TEST(test_config_capacity_high_word),
		TEST(test_bad_accesses_fault),
		TEST(test_notify_ignored_until_driver_ok),
		TEST(test_driver_cannot_set_needs_reset),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
