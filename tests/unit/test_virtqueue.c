// SPDX-License-Identifier: Apache-2.0
/*
 * The split-virtqueue walker (drivers/virtio/virtqueue.c) against a guest
 * that breaks the rules, through a virtio-blk device. Each broken queue
 * must put the device into NEEDS_RESET with the configuration interrupt
 * and one log line naming the reason, write nothing at all (not the used
 * ring, not a buffer, not a byte outside the zone's memory or of the
 * disk), and leave a device that works again after a reset. The limits
 * themselves (a chain of exactly VQ_MAX_BUFS buffers, exactly 4 MiB,
 * exactly num new entries) are accepted.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>

#include <cmocka.h>

#include <bulkhead/mmio.h>
#include <bulkhead/virtqueue.h>

#include "vblk_fixture.h"

#define ALL_STATUS                                          \
	(VIRTIO_STATUS_ACKNOWLEDGE | VIRTIO_STATUS_DRIVER | \
	 VIRTIO_STATUS_FEATURES_OK | VIRTIO_STATUS_DRIVER_OK)
#define RAM_END (RAM_IPA + RAM_SIZE)

static int setup(void **state)
{
	struct blk_fixture *f = blk_fixture_new(false);

	assert_int_equal(blk_start(f, 0), ALL_STATUS);
	*state = f;
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

static void set_desc(struct blk_fixture *f, u16 i, ipa_t addr, u32 len,
		     u16 flags, u16 next)
{
	vg_desc(&f->d, 0)[i] = (struct vring_desc){
		.addr = addr, .len = len, .flags = flags, .next = next
	};
}

static bool rom_untouched(const struct blk_fixture *f)
{
	for (u32 i = 0; i < ROM_SIZE; i++)
		if (f->rom[i])
			return false;
	return true;
}

/* Starts again from scratch: clean rings, queue 0 with @num entries. */
static void restart(struct blk_fixture *f, u32 num)
{
	memset(ram_at(f, RINGS), 0, vg_rings_size(CONFIG_VIRTIO_QUEUE_MAX));
	assert_int_equal(vg_start(&f->d, 0, 1, num, RINGS), ALL_STATUS);
}

/*
 * The device is in NEEDS_RESET because of @why, has written nothing since
 * ram_snapshot() and has said so once; it keeps quiet until reset, then
 * serves requests again.
 */
static void check_failed(struct blk_fixture *f, const char *why)
{
	char line[256];
	u32 status = vg_read(&f->d, VIRTIO_MMIO_STATUS);
	u32 isr;

	assert_int_equal(status & VIRTIO_STATUS_NEEDS_RESET,
			 VIRTIO_STATUS_NEEDS_RESET);
	assert_int_equal(vg_read(&f->d, VIRTIO_MMIO_INTERRUPT_STATUS) &
				 VIRTIO_INT_CONFIG,
			 VIRTIO_INT_CONFIG);
	assert_true(blk_line(f));
	snprintf(line, sizeof(line), BLK_LOG_PREFIX "%s; needs reset\n", why);
	assert_string_equal(fake_printk_log, line);
	assert_true(ram_unchanged(f));
	assert_true(rom_untouched(f));
	assert_true(vg_zone_guards_intact(&f->z));
	assert_memory_equal(f->disk, f->disk_copy, DISK_SIZE);
	assert_true(disk_guard_intact(f));

	/* Sticky, and quiet: more notifies, a valid request, an ACK. */
	put_hdr(f, VIRTIO_BLK_T_IN, 0);
	vg_post(&f->d, 0,
		(struct vg_buf[]){ { HDR, 16, false },
				   { DATA, 512, true },
				   { STATUS, 1, true } },
		3);
	ram_snapshot(f);
	vg_notify(&f->d, 0);
	vg_write(&f->d, VIRTIO_MMIO_INTERRUPT_ACK, VIRTIO_INT_CONFIG);
	isr = vg_read(&f->d, VIRTIO_MMIO_INTERRUPT_STATUS);
	assert_int_equal(isr & VIRTIO_INT_CONFIG, 0);
	assert_int_equal(blk_line(f), isr != 0); /* a completion before */
	vg_write(&f->d, VIRTIO_MMIO_INTERRUPT_ACK, isr);
	assert_false(blk_line(f));
	vg_write(&f->d, VIRTIO_MMIO_STATUS,
		 status & ~VIRTIO_STATUS_NEEDS_RESET);
	vg_notify(&f->d, 0);
	assert_true(ram_unchanged(f));
	assert_int_equal(vg_read(&f->d, VIRTIO_MMIO_STATUS), status);
	assert_string_equal(fake_printk_log, line);

	/* Reset: everything works again. */
	restart(f, QNUM);
	assert_int_equal(vg_read(&f->d, VIRTIO_MMIO_INTERRUPT_STATUS), 0);
	assert_false(blk_line(f));
	assert_int_equal(
		blk_request(f, VIRTIO_BLK_T_IN, 3, DATA, 1024, true, NULL),
		VIRTIO_BLK_S_OK);
	assert_memory_equal(ram_at(f, DATA), f->disk + 3 * 512, 1024);
	assert_string_equal(fake_printk_log, line);
}

/* Publishes the chain at @head, notifies, and checks the failure. */
static void notify_expect_failure(struct blk_fixture *f, u16 head,
				  const char *why)
{
	vg_make_available(&f->d, 0, head);
	ram_snapshot(f);
	vg_notify(&f->d, 0);
	check_failed(f, why);
}

static void test_chain_loop(void **state)
{
	struct blk_fixture *f = *state;

	put_hdr(f, VIRTIO_BLK_T_IN, 0);
	set_desc(f, 0, HDR, 16, VRING_DESC_F_NEXT, 1);
	set_desc(f, 1, DATA, 512, VRING_DESC_F_WRITE | VRING_DESC_F_NEXT, 2);
	set_desc(f, 2, DATA + 512, 512, VRING_DESC_F_WRITE | VRING_DESC_F_NEXT,
		 1);
	notify_expect_failure(f, 0, "descriptor chain loops or is too long");
}

/* A descriptor naming itself, without any buffer to add. */
static void test_chain_self_loop_empty(void **state)
{
	struct blk_fixture *f = *state;

	set_desc(f, 5, 0, 0, VRING_DESC_F_NEXT, 5);
	notify_expect_failure(f, 5, "descriptor chain loops or is too long");
}

/* Every descriptor of the queue in one chain is fine; one more is not. */
static void test_chain_whole_queue_then_longer(void **state)
{
	struct blk_fixture *f = *state;
	u32 id, len;

	put_hdr(f, VIRTIO_BLK_T_IN, 0);
	set_desc(f, 0, HDR, 16, VRING_DESC_F_NEXT, 1);
	for (u16 i = 1; i < QNUM - 1; i++)
		set_desc(f, i, DATA + (i - 1) * 512u, 512,
			 VRING_DESC_F_WRITE | VRING_DESC_F_NEXT, i + 1);
	set_desc(f, QNUM - 1, STATUS, 1, VRING_DESC_F_WRITE, 0);
	vg_make_available(&f->d, 0, 0);
	vg_notify(&f->d, 0);
	assert_true(vg_take_used(&f->d, 0, &id, &len));
	assert_int_equal(len, (QNUM - 2) * 512 + 1);
	assert_int_equal(*ram_at(f, STATUS), VIRTIO_BLK_S_OK);
	assert_memory_equal(ram_at(f, DATA), f->disk, (QNUM - 2) * 512);
	/* The same, but the last descriptor goes back to the first. */
	set_desc(f, QNUM - 1, STATUS, 1, VRING_DESC_F_WRITE | VRING_DESC_F_NEXT,
		 0);
	notify_expect_failure(f, 0, "descriptor chain loops or is too long");
}

/* In a queue larger than VQ_MAX_BUFS, chains stop at VQ_MAX_BUFS buffers. */
static void test_chain_max_buffers(void **state)
{
	struct blk_fixture *f = *state;
	const u16 data_bufs = VQ_MAX_BUFS - 2;
	u32 id, len;

	restart(f, 128);
	put_hdr(f, VIRTIO_BLK_T_IN, 0);
	set_desc(f, 0, HDR, 16, VRING_DESC_F_NEXT, 1);
	for (u16 i = 1; i <= data_bufs; i++)
		set_desc(f, i, DATA + (i - 1) * 512u, 512,
			 VRING_DESC_F_WRITE | VRING_DESC_F_NEXT, i + 1);
	set_desc(f, data_bufs + 1, STATUS, 1, VRING_DESC_F_WRITE, 0);
	vg_make_available(&f->d, 0, 0);
	vg_notify(&f->d, 0);
	assert_true(vg_take_used(&f->d, 0, &id, &len));
	assert_int_equal(id, 0);
	assert_int_equal(len, data_bufs * 512 + 1);
	assert_int_equal(*ram_at(f, STATUS), VIRTIO_BLK_S_OK);
	assert_memory_equal(ram_at(f, DATA), f->disk, data_bufs * 512u);
	/* One buffer more. */
	set_desc(f, data_bufs + 1, DATA + data_bufs * 512u, 512,
		 VRING_DESC_F_WRITE | VRING_DESC_F_NEXT, data_bufs + 2);
	set_desc(f, data_bufs + 2, STATUS, 1, VRING_DESC_F_WRITE, 0);
	notify_expect_failure(f, 0, "descriptor chain loops or is too long");
}

static void test_next_index_out_of_range(void **state)
{
	struct blk_fixture *f = *state;

	put_hdr(f, VIRTIO_BLK_T_IN, 0);
	set_desc(f, 0, HDR, 16, VRING_DESC_F_NEXT, QNUM);
	notify_expect_failure(f, 0, "next descriptor index beyond the queue");
}

static void test_next_index_far_out_of_range(void **state)
{
	struct blk_fixture *f = *state;

	put_hdr(f, VIRTIO_BLK_T_IN, 0);
	set_desc(f, 3, HDR, 16, VRING_DESC_F_NEXT, 4);
	set_desc(f, 4, DATA, 512, VRING_DESC_F_WRITE | VRING_DESC_F_NEXT,
		 0xffff);
	notify_expect_failure(f, 3, "next descriptor index beyond the queue");
}

static void test_head_index_out_of_range(void **state)
{
	struct blk_fixture *f = *state;

	notify_expect_failure(f, QNUM,
			      "available ring names a descriptor beyond the "
			      "queue");
}

static void test_avail_idx_jumps_past_num(void **state)
{
	struct blk_fixture *f = *state;

	vg_avail(&f->d, 0)->idx = QNUM + 1;
	ram_snapshot(f);
	vg_notify(&f->d, 0);
	check_failed(f, "available index moved past the queue size");
}

static void test_avail_idx_backwards(void **state)
{
	struct blk_fixture *f = *state;

	vg_avail(&f->d, 0)->idx = 0xffff; /* 65535 entries ahead */
	ram_snapshot(f);
	vg_notify(&f->d, 0);
	check_failed(f, "available index moved past the queue size");
}

/* Exactly num new entries is a full ring, and fine. */
static void test_avail_idx_full_ring(void **state)
{
	struct blk_fixture *f = *state;
	u32 id, len;

	/* Eight chains of two, each made available twice. */
	put_hdr(f, VIRTIO_BLK_T_FLUSH, 0);
	for (u16 i = 0; i < QNUM; i += 2) {
		set_desc(f, i, HDR, 16, VRING_DESC_F_NEXT, i + 1);
		set_desc(f, i + 1, STATUS, 1, VRING_DESC_F_WRITE, 0);
		vg_avail(&f->d, 0)->ring[i] = i;
		vg_avail(&f->d, 0)->ring[i + 1] = i;
	}
	vg_avail(&f->d, 0)->idx = QNUM;
	vg_notify(&f->d, 0);
	assert_int_equal(vg_used(&f->d, 0)->idx, QNUM);
	for (u16 i = 0; i < QNUM; i++) {
		assert_true(vg_take_used(&f->d, 0, &id, &len));
		assert_int_equal(id, 2 * (i / 2));
		assert_int_equal(len, 1);
	}
	assert_int_equal(vg_read(&f->d, VIRTIO_MMIO_STATUS), ALL_STATUS);
}

static void test_buffer_outside_memory(void **state)
{
	static const ipa_t bad[] = {
		0,
		RAM_IPA - 512,
		RAM_END,
		ROM_IPA + ROM_SIZE,
		0xfffffffffffffe00ull,
		RAM_IPA + (1ull << 32),
	};
	struct blk_fixture *f = *state;

	for (size_t i = 0; i < ARRAY_SIZE(bad); i++) {
		put_hdr(f, VIRTIO_BLK_T_IN, 0);
		set_desc(f, 0, HDR, 16, VRING_DESC_F_NEXT, 1);
		set_desc(f, 1, bad[i], 512,
			 VRING_DESC_F_WRITE | VRING_DESC_F_NEXT, 2);
		set_desc(f, 2, STATUS, 1, VRING_DESC_F_WRITE, 0);
		fake_reset();
		notify_expect_failure(f, 0, "buffer outside the zone's memory");
	}
}

static void test_header_outside_memory(void **state)
{
	struct blk_fixture *f = *state;

	set_desc(f, 0, RAM_END - 8, 16, VRING_DESC_F_NEXT, 1);
	set_desc(f, 1, STATUS, 1, VRING_DESC_F_WRITE, 0);
	notify_expect_failure(f, 0, "buffer outside the zone's memory");
}

/* Ends a byte past the end of memory; the last 512 bytes are fine. */
static void test_buffer_straddles_end_of_memory(void **state)
{
	struct blk_fixture *f = *state;

	assert_int_equal(blk_request(f, VIRTIO_BLK_T_IN, 1, RAM_END - 512, 512,
				     true, NULL),
			 VIRTIO_BLK_S_OK);
	assert_memory_equal(ram_at(f, RAM_END - 512), f->disk + 512, 512);
	set_desc(f, 0, HDR, 16, VRING_DESC_F_NEXT, 1);
	set_desc(f, 1, RAM_END - 511, 512,
		 VRING_DESC_F_WRITE | VRING_DESC_F_NEXT, 2);
	set_desc(f, 2, STATUS, 1, VRING_DESC_F_WRITE, 0);
	notify_expect_failure(f, 0, "buffer outside the zone's memory");
}

static void test_length_huge(void **state)
{
	struct blk_fixture *f = *state;

	put_hdr(f, VIRTIO_BLK_T_IN, 0);
	set_desc(f, 0, HDR, 16, VRING_DESC_F_NEXT, 1);
	set_desc(f, 1, DATA, 0xffffffff, VRING_DESC_F_WRITE | VRING_DESC_F_NEXT,
		 2);
	set_desc(f, 2, STATUS, 1, VRING_DESC_F_WRITE, 0);
	notify_expect_failure(f, 0, "request longer than 4 MiB");
}

/*
 * Buffers may overlap (they are the guest's business): five of 960 KiB
 * each lie inside memory but add up to more than 4 MiB. Up to exactly
 * 4 MiB the request is served (the disk is too small: IOERR).
 */
static void test_length_sum_over_4mib(void **state)
{
	struct blk_fixture *f = *state;
	const u32 big = 0xf0000;
	u32 id, len;

	put_hdr(f, VIRTIO_BLK_T_IN, 0);
	set_desc(f, 0, HDR, 16, VRING_DESC_F_NEXT, 1);
	for (u16 i = 1; i <= 4; i++)
		set_desc(f, i, DATA, big,
			 VRING_DESC_F_WRITE | VRING_DESC_F_NEXT, i + 1);
	set_desc(f, 5, DATA, VQ_MAX_REQ_BYTES - 16 - 4 * big - 1,
		 VRING_DESC_F_WRITE | VRING_DESC_F_NEXT, 6);
	set_desc(f, 6, STATUS, 1, VRING_DESC_F_WRITE, 0);
	vg_make_available(&f->d, 0, 0);
	vg_notify(&f->d, 0);
	assert_true(vg_take_used(&f->d, 0, &id, &len));
	assert_int_equal(len, 1);
	assert_int_equal(*ram_at(f, STATUS), VIRTIO_BLK_S_IOERR);
	assert_int_equal(vg_read(&f->d, VIRTIO_MMIO_STATUS), ALL_STATUS);
	/* One byte more. */
	set_desc(f, 5, DATA, VQ_MAX_REQ_BYTES - 16 - 4 * big,
		 VRING_DESC_F_WRITE | VRING_DESC_F_NEXT, 6);
	notify_expect_failure(f, 0, "request longer than 4 MiB");
	/* Five big ones. */
	fake_reset();
	put_hdr(f, VIRTIO_BLK_T_IN, 0);
	set_desc(f, 0, HDR, 16, VRING_DESC_F_NEXT, 1);
	for (u16 i = 1; i <= 5; i++)
		set_desc(f, i, DATA, big,
			 VRING_DESC_F_WRITE | VRING_DESC_F_NEXT, i + 1);
	set_desc(f, 6, STATUS, 1, VRING_DESC_F_WRITE, 0);
	notify_expect_failure(f, 0, "request longer than 4 MiB");
}

static void test_indirect_refused(void **state)
{
	struct blk_fixture *f = *state;

	/* An indirect table that would itself be a valid request. */
	struct vring_desc *table = (struct vring_desc *)ram_at(f, DATA);

	put_hdr(f, VIRTIO_BLK_T_IN, 0);
	table[0] = (struct vring_desc){ HDR, 16, VRING_DESC_F_NEXT, 1 };
	table[1] = (struct vring_desc){ STATUS, 1, VRING_DESC_F_WRITE, 0 };
	set_desc(f, 0, DATA, 32, VRING_DESC_F_INDIRECT, 0);
	notify_expect_failure(f, 0, "indirect descriptor (not offered)");
}

static void test_readable_after_writable(void **state)
{
	struct blk_fixture *f = *state;

	put_hdr(f, VIRTIO_BLK_T_OUT, 0);
	set_desc(f, 0, HDR, 16, VRING_DESC_F_NEXT, 1);
	set_desc(f, 1, STATUS, 1, VRING_DESC_F_WRITE | VRING_DESC_F_NEXT, 2);
	set_desc(f, 2, DATA, 512, VRING_DESC_F_NEXT, 3);
	set_desc(f, 3, STATUS + 1, 1, VRING_DESC_F_WRITE, 0);
	notify_expect_failure(f, 0, "readable buffer after a writable one");
}

/* The page the zone may only read: fine to read from, not to write into. */
static void test_writable_buffer_in_read_only_memory(void **state)
{
	struct blk_fixture *f = *state;
	struct virtio_blk_req_hdr h = { .type = VIRTIO_BLK_T_IN, .sector = 2 };
	u32 id, len;

	memcpy(f->rom, &h, sizeof(h));
	set_desc(f, 0, ROM_IPA, 16, VRING_DESC_F_NEXT, 1);
	set_desc(f, 1, DATA, 512, VRING_DESC_F_WRITE | VRING_DESC_F_NEXT, 2);
	set_desc(f, 2, STATUS, 1, VRING_DESC_F_WRITE, 0);
	vg_make_available(&f->d, 0, 0);
	vg_notify(&f->d, 0);
	assert_true(vg_take_used(&f->d, 0, &id, &len));
	assert_int_equal(*ram_at(f, STATUS), VIRTIO_BLK_S_OK);
	assert_memory_equal(ram_at(f, DATA), f->disk + 1024, 512);
	memset(f->rom, 0, sizeof(h));

	put_hdr(f, VIRTIO_BLK_T_IN, 0);
	set_desc(f, 0, HDR, 16, VRING_DESC_F_NEXT, 1);
	set_desc(f, 1, ROM_IPA, 512, VRING_DESC_F_WRITE | VRING_DESC_F_NEXT, 2);
	set_desc(f, 2, STATUS, 1, VRING_DESC_F_WRITE, 0);
	notify_expect_failure(f, 0, "buffer outside the zone's memory");
}

static void test_status_byte_in_read_only_memory(void **state)
{
	struct blk_fixture *f = *state;

	put_hdr(f, VIRTIO_BLK_T_FLUSH, 0);
	set_desc(f, 0, HDR, 16, VRING_DESC_F_NEXT, 1);
	set_desc(f, 1, ROM_IPA + 100, 1, VRING_DESC_F_WRITE, 0);
	notify_expect_failure(f, 0, "buffer outside the zone's memory");
}

/* Requests before the broken one in the same notify are served. */
static void test_good_then_bad_in_one_notify(void **state)
{
	struct blk_fixture *f = *state;
	u32 id, len;

	put_hdr(f, VIRTIO_BLK_T_FLUSH, 0);
	set_desc(f, 0, HDR, 16, VRING_DESC_F_NEXT, 1);
	set_desc(f, 1, STATUS, 1, VRING_DESC_F_WRITE, 0);
	set_desc(f, 2, HDR, 16, VRING_DESC_F_NEXT, 3);
	set_desc(f, 3, RAM_END, 1, VRING_DESC_F_WRITE, 0);
	set_desc(f, 4, HDR, 16, VRING_DESC_F_NEXT, 5);
	set_desc(f, 5, STATUS + 1, 1, VRING_DESC_F_WRITE, 0);
	vg_make_available(&f->d, 0, 0);
	vg_make_available(&f->d, 0, 2);
	vg_make_available(&f->d, 0, 4);
	*ram_at(f, STATUS + 1) = 0xee;
	vg_notify(&f->d, 0);
	assert_int_equal(vg_used(&f->d, 0)->idx, 1);
	assert_true(vg_take_used(&f->d, 0, &id, &len));
	assert_int_equal(id, 0);
	assert_int_equal(*ram_at(f, STATUS + 1), 0xee); /* never reached */
	ram_snapshot(f);
	check_failed(f, "buffer outside the zone's memory");
}

struct ring_case {
	u32 num;
	ipa_t desc, avail, used;
	const char *why;
};

static void test_bad_rings_refused_at_queue_ready(void **state)
{
	static const struct ring_case cases[] = {
		{ 12, RINGS, RINGS + 0x1000, RINGS + 0x2000,
		  "queue size is not a power of two up to QueueNumMax" },
		{ 0, RINGS, RINGS + 0x1000, RINGS + 0x2000,
		  "queue size is not a power of two up to QueueNumMax" },
		{ 2 * CONFIG_VIRTIO_QUEUE_MAX, RINGS, RINGS + 0x4000,
		  RINGS + 0x8000,
		  "queue size is not a power of two up to QueueNumMax" },
		{ 0x80000000u, RINGS, RINGS + 0x1000, RINGS + 0x2000,
		  "queue size is not a power of two up to QueueNumMax" },
		{ QNUM, RINGS + 8, RINGS + 0x1000, RINGS + 0x2000,
		  "ring address misaligned" },
		{ QNUM, RINGS, RINGS + 0x1001, RINGS + 0x2000,
		  "ring address misaligned" },
		{ QNUM, RINGS, RINGS + 0x1000, RINGS + 0x2002,
		  "ring address misaligned" },
		{ QNUM, 0x1000, RINGS + 0x1000, RINGS + 0x2000,
		  "ring outside the zone's memory" },
		{ QNUM, RINGS, RAM_END - 6 - 2 * QNUM + 2, RINGS + 0x2000,
		  "ring outside the zone's memory" },
		{ QNUM, RINGS, RINGS + 0x1000, RAM_END - 8 * QNUM - 4,
		  "ring outside the zone's memory" },
		{ QNUM, RAM_END - 16 * QNUM + 16, RINGS + 0x1000,
		  RINGS + 0x2000, "ring outside the zone's memory" },
		/* The device writes the used ring: not in read-only memory. */
		{ QNUM, RINGS, RINGS + 0x1000, ROM_IPA,
		  "ring outside the zone's memory" },
		{ QNUM, RINGS, RINGS + 0x1000, 0xfffffffffffff000ull,
		  "ring outside the zone's memory" },
	};
	struct blk_fixture *f = *state;

	for (size_t i = 0; i < ARRAY_SIZE(cases); i++) {
		const struct ring_case *c = &cases[i];
		u32 s = vg_negotiate(&f->d, BIT(VIRTIO_F_VERSION_1));
		char line[256];

		fake_reset();
		vg_write(&f->d, VIRTIO_MMIO_QUEUE_NUM, c->num);
		vg_write(&f->d, VIRTIO_MMIO_QUEUE_DESC_LOW, (u32)c->desc);
		vg_write(&f->d, VIRTIO_MMIO_QUEUE_DESC_HIGH,
			 (u32)(c->desc >> 32));
		vg_write(&f->d, VIRTIO_MMIO_QUEUE_DRIVER_LOW, (u32)c->avail);
		vg_write(&f->d, VIRTIO_MMIO_QUEUE_DRIVER_HIGH,
			 (u32)(c->avail >> 32));
		vg_write(&f->d, VIRTIO_MMIO_QUEUE_DEVICE_LOW, (u32)c->used);
		vg_write(&f->d, VIRTIO_MMIO_QUEUE_DEVICE_HIGH,
			 (u32)(c->used >> 32));
		ram_snapshot(f);
		vg_write(&f->d, VIRTIO_MMIO_QUEUE_READY, 1);
		assert_int_equal(vg_read(&f->d, VIRTIO_MMIO_QUEUE_READY), 0);
		assert_int_equal(vg_read(&f->d, VIRTIO_MMIO_STATUS),
				 s | VIRTIO_STATUS_NEEDS_RESET);
		assert_int_equal(vg_read(&f->d, VIRTIO_MMIO_INTERRUPT_STATUS),
				 VIRTIO_INT_CONFIG);
		assert_true(blk_line(f));
		snprintf(line, sizeof(line), BLK_LOG_PREFIX "%s; needs reset\n",
			 c->why);
		assert_string_equal(fake_printk_log, line);
		assert_true(ram_unchanged(f));
		restart(f, QNUM);
		assert_int_equal(blk_request(f, VIRTIO_BLK_T_IN, 0, DATA, 512,
					     true, NULL),
				 VIRTIO_BLK_S_OK);
	}
}

/* Rings right at the end of memory, the descriptors in read-only memory. */
static void test_rings_at_the_edges(void **state)
{
	struct blk_fixture *f = *state;
	const u32 num = 8;
	const ipa_t used = RAM_END - 6 - 8 * num - 2;
	const ipa_t avail = RAM_END - 0x100 - 6 - 2 * num;
	struct vring_used *u;
	struct vring_avail *a;
	struct vring_desc *desc = (struct vring_desc *)f->rom;

	vg_negotiate(&f->d, BIT(VIRTIO_F_VERSION_1));
	vg_write(&f->d, VIRTIO_MMIO_QUEUE_NUM, num);
	vg_write(&f->d, VIRTIO_MMIO_QUEUE_DESC_LOW, (u32)ROM_IPA);
	vg_write(&f->d, VIRTIO_MMIO_QUEUE_DRIVER_LOW, (u32)avail);
	vg_write(&f->d, VIRTIO_MMIO_QUEUE_DEVICE_LOW, (u32)used);
	vg_write(&f->d, VIRTIO_MMIO_QUEUE_READY, 1);
	assert_int_equal(vg_read(&f->d, VIRTIO_MMIO_QUEUE_READY), 1);
	vg_write(&f->d, VIRTIO_MMIO_STATUS, ALL_STATUS);
	put_hdr(f, VIRTIO_BLK_T_IN, 4);
	desc[0] = (struct vring_desc){ HDR, 16, VRING_DESC_F_NEXT, 1 };
	desc[1] = (struct vring_desc){ DATA, 512,
				       VRING_DESC_F_WRITE | VRING_DESC_F_NEXT,
				       2 };
	desc[2] = (struct vring_desc){ STATUS, 1, VRING_DESC_F_WRITE, 0 };
	a = (struct vring_avail *)ram_at(f, avail);
	a->ring[0] = 0;
	a->idx = 1;
	vg_notify(&f->d, 0);
	u = (struct vring_used *)ram_at(f, used);
	assert_int_equal(u->idx, 1);
	assert_int_equal(u->ring[0].id, 0);
	assert_int_equal(u->ring[0].len, 513);
	assert_memory_equal(ram_at(f, DATA), f->disk + 4 * 512, 512);
	memset(f->rom, 0, ROM_SIZE);
}

#define TEST(f) cmocka_unit_test_setup_teardown(f, setup, teardown)

int main(void)
{
	const struct CMUnitTest tests[] = {
		TEST(test_chain_loop),
		TEST(test_chain_self_loop_empty),
		TEST(test_chain_whole_queue_then_longer),
		TEST(test_chain_max_buffers),
		TEST(test_next_index_out_of_range),
		TEST(test_next_index_far_out_of_range),
		TEST(test_head_index_out_of_range),
		TEST(test_avail_idx_jumps_past_num),
		TEST(test_avail_idx_backwards),
		TEST(test_avail_idx_full_ring),
		TEST(test_buffer_outside_memory),
		TEST(test_header_outside_memory),
		TEST(test_buffer_straddles_end_of_memory),
		TEST(test_length_huge),
		TEST(test_length_sum_over_4mib),
		TEST(test_indirect_refused),
		TEST(test_readable_after_writable),
		TEST(test_writable_buffer_in_read_only_memory),
		TEST(test_status_byte_in_read_only_memory),
		TEST(test_good_then_bad_in_one_notify),
		TEST(test_bad_rings_refused_at_queue_ready),
		TEST(test_rings_at_the_edges),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
