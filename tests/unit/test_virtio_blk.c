// SPDX-License-Identifier: Apache-2.0
/*
 * virtio-blk (drivers/virtio/virtio_blk.c) on a memory disk followed by
 * guard bytes: reads, writes, flush, the serial number, unsupported
 * requests, the range check (IOERR, the disk and its guard untouched), a
 * read-only disk, requests the driver got wrong (NEEDS_RESET) and data
 * spread over several descriptors however the driver cuts it.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>

#include <cmocka.h>

#include <bulkhead/mmio.h>

#include "vblk_fixture.h"

#define ALL_STATUS                                          \
	(VIRTIO_STATUS_ACKNOWLEDGE | VIRTIO_STATUS_DRIVER | \
	 VIRTIO_STATUS_FEATURES_OK | VIRTIO_STATUS_DRIVER_OK)

static int setup_rw(void **state)
{
	struct blk_fixture *f = blk_fixture_new(false);

	assert_int_equal(blk_start(f, BIT(VIRTIO_BLK_F_FLUSH)), ALL_STATUS);
	*state = f;
	return 0;
}

static int setup_ro(void **state)
{
	struct blk_fixture *f = blk_fixture_new(true);

	assert_int_equal(blk_start(f, BIT(VIRTIO_BLK_F_RO)), ALL_STATUS);
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	struct blk_fixture *f = *state;

	assert_true(vg_zone_guards_intact(&f->z));
	assert_true(disk_guard_intact(f));
	assert_string_equal(fake_printk_log, "");
	blk_fixture_free(f);
	return 0;
}

static void fill(struct blk_fixture *f, ipa_t ipa, u32 len, u8 seed)
{
	for (u32 i = 0; i < len; i++)
		*ram_at(f, ipa + i) = (u8)(seed + i * 7);
}

static void test_read(void **state)
{
	struct blk_fixture *f = *state;
	u32 len = 0;

	memset(ram_at(f, DATA), 0xcc, 8192);
	assert_int_equal(
		blk_request(f, VIRTIO_BLK_T_IN, 5, DATA, 4096, true, &len),
		VIRTIO_BLK_S_OK);
	assert_int_equal(len, 4096 + 1);
	assert_memory_equal(ram_at(f, DATA), f->disk + 5 * 512, 4096);
	assert_int_equal(*ram_at(f, DATA + 4096), 0xcc); /* nothing more */
	/* The whole disk, and the last sector. */
	assert_int_equal(
		blk_request(f, VIRTIO_BLK_T_IN, 0, DATA, DISK_SIZE, true, &len),
		VIRTIO_BLK_S_OK);
	assert_int_equal(len, DISK_SIZE + 1);
	assert_memory_equal(ram_at(f, DATA), f->disk, DISK_SIZE);
	assert_int_equal(blk_request(f, VIRTIO_BLK_T_IN, DISK_SECTORS - 1, DATA,
				     512, true, &len),
			 VIRTIO_BLK_S_OK);
	assert_memory_equal(ram_at(f, DATA), f->disk + DISK_SIZE - 512, 512);
	assert_int_equal(vg_read(&f->d, VIRTIO_MMIO_INTERRUPT_STATUS),
			 VIRTIO_INT_USED);
	assert_true(blk_line(f));
}

static void test_write(void **state)
{
	struct blk_fixture *f = *state;
	u32 len = 0;

	fill(f, DATA, 1536, 0x11);
	assert_int_equal(
		blk_request(f, VIRTIO_BLK_T_OUT, 7, DATA, 1536, false, &len),
		VIRTIO_BLK_S_OK);
	assert_int_equal(len, 1); /* the status byte only */
	memcpy(f->disk_copy + 7 * 512, ram_at(f, DATA), 1536);
	assert_memory_equal(f->disk, f->disk_copy, DISK_SIZE);
	/* The last sector, and reading it back. */
	fill(f, DATA, 512, 0x77);
	assert_int_equal(blk_request(f, VIRTIO_BLK_T_OUT, DISK_SECTORS - 1,
				     DATA, 512, false, NULL),
			 VIRTIO_BLK_S_OK);
	memcpy(f->disk_copy + DISK_SIZE - 512, ram_at(f, DATA), 512);
	assert_memory_equal(f->disk, f->disk_copy, DISK_SIZE);
	memset(ram_at(f, DATA + 4096), 0, 2048);
	assert_int_equal(blk_request(f, VIRTIO_BLK_T_IN, 7, DATA + 4096, 1536,
				     true, NULL),
			 VIRTIO_BLK_S_OK);
	assert_memory_equal(ram_at(f, DATA + 4096), f->disk_copy + 7 * 512,
			    1536);
	/* A write without data is an empty write. */
	assert_int_equal(blk_request(f, VIRTIO_BLK_T_OUT, 3, 0, 0, false, &len),
			 VIRTIO_BLK_S_OK);
	assert_int_equal(len, 1);
	assert_memory_equal(f->disk, f->disk_copy, DISK_SIZE);
}

/* Writes come in whole sectors. */
static void test_write_partial_sector_refused(void **state)
{
	struct blk_fixture *f = *state;

	fill(f, DATA, 1024, 0x42);
	assert_int_equal(
		blk_request(f, VIRTIO_BLK_T_OUT, 1, DATA, 700, false, NULL),
		VIRTIO_BLK_S_IOERR);
	assert_int_equal(
		blk_request(f, VIRTIO_BLK_T_OUT, 1, DATA, 1, false, NULL),
		VIRTIO_BLK_S_IOERR);
	assert_memory_equal(f->disk, f->disk_copy, DISK_SIZE);
}

static void test_flush(void **state)
{
	struct blk_fixture *f = *state;
	u32 len = 0;

	assert_int_equal(
		blk_request(f, VIRTIO_BLK_T_FLUSH, 0, 0, 0, false, &len),
		VIRTIO_BLK_S_OK);
	assert_int_equal(len, 1);
	/* The sector of a flush means nothing. */
	assert_int_equal(
		blk_request(f, VIRTIO_BLK_T_FLUSH, ~0ull, 0, 0, false, &len),
		VIRTIO_BLK_S_OK);
	assert_memory_equal(f->disk, f->disk_copy, DISK_SIZE);
}

static void test_get_id(void **state)
{
	struct blk_fixture *f = *state;
	char want[VIRTIO_BLK_ID_BYTES] = { 0 };
	u32 len = 0;

	snprintf(want, sizeof(want), "bulkhead-blkzone-%llx",
		 (unsigned long long)BLK_BASE);
	memset(ram_at(f, DATA), 0xcc, 64);
	assert_int_equal(
		blk_request(f, VIRTIO_BLK_T_GET_ID, 0, DATA, 64, true, &len),
		VIRTIO_BLK_S_OK);
	assert_int_equal(len, VIRTIO_BLK_ID_BYTES + 1);
	assert_memory_equal(ram_at(f, DATA), want, VIRTIO_BLK_ID_BYTES);
	assert_memory_equal(ram_at(f, DATA), "bulkhead-blkzone-a0", 20);
	assert_int_equal(*ram_at(f, DATA + VIRTIO_BLK_ID_BYTES), 0xcc);
	/* A shorter buffer gets the beginning. */
	memset(ram_at(f, DATA), 0xcc, 64);
	assert_int_equal(
		blk_request(f, VIRTIO_BLK_T_GET_ID, 0, DATA, 8, true, &len),
		VIRTIO_BLK_S_OK);
	assert_int_equal(len, 8 + 1);
	assert_memory_equal(ram_at(f, DATA), "bulkhead", 8);
	assert_int_equal(*ram_at(f, DATA + 8), 0xcc);
}

static void test_unsupported_types(void **state)
{
	static const u32 types[] = { 2, 3, 11, 13, 0x80000000u, 0xffffffffu };
	struct blk_fixture *f = *state;
	u32 len = 0;

	for (size_t i = 0; i < ARRAY_SIZE(types); i++) {
		memset(ram_at(f, DATA), 0xcc, 512);
		assert_int_equal(
			blk_request(f, types[i], 0, DATA, 512, true, &len),
			VIRTIO_BLK_S_UNSUPP);
		assert_int_equal(len, 1);
		assert_int_equal(*ram_at(f, DATA), 0xcc);
	}
	assert_memory_equal(f->disk, f->disk_copy, DISK_SIZE);
	assert_int_equal(vg_read(&f->d, VIRTIO_MMIO_STATUS), ALL_STATUS);
}

static void test_capacity_and_features(void **state)
{
	struct blk_fixture *f = *state;
	u64 v = 0;

	assert_int_equal(vg_access(&f->d, VIRTIO_MMIO_CONFIG, 4, false, &v), 0);
	assert_int_equal(v, DISK_SECTORS);
	assert_int_equal(vg_read(&f->d, VIRTIO_MMIO_DEVICE_FEATURES) &
				 BIT(VIRTIO_BLK_F_RO),
			 0);
}

struct range_case {
	u64 sector;
	u32 len;
};

/* Past the end, across it, or so far that sector * 512 wraps. */
static const struct range_case out_of_range[] = {
	{ DISK_SECTORS, 512 },	  { DISK_SECTORS - 1, 1024 },
	{ 0, DISK_SIZE + 512 },	  { DISK_SECTORS + 1, 512 },
	{ 1ull << 55, 512 },	  { (1ull << 55) + 1, 512 },
	{ ~0ull / 512 + 1, 512 }, { ~0ull, 512 },
};

static void test_read_out_of_range(void **state)
{
	struct blk_fixture *f = *state;
	u32 len = 0;

	for (size_t i = 0; i < ARRAY_SIZE(out_of_range); i++) {
		const struct range_case *c = &out_of_range[i];

		memset(ram_at(f, DATA), 0xcc, c->len);
		assert_int_equal(blk_request(f, VIRTIO_BLK_T_IN, c->sector,
					     DATA, c->len, true, &len),
				 VIRTIO_BLK_S_IOERR);
		assert_int_equal(len, 1);
		/* Not a byte from beyond the disk (its guard) either. */
		for (u32 j = 0; j < c->len; j++)
			assert_int_equal(*ram_at(f, DATA + j), 0xcc);
	}
	assert_int_equal(vg_read(&f->d, VIRTIO_MMIO_STATUS), ALL_STATUS);
}

static void test_write_out_of_range(void **state)
{
	struct blk_fixture *f = *state;
	u32 len = 0;

	for (size_t i = 0; i < ARRAY_SIZE(out_of_range); i++) {
		const struct range_case *c = &out_of_range[i];

		fill(f, DATA, c->len, (u8)i);
		assert_int_equal(blk_request(f, VIRTIO_BLK_T_OUT, c->sector,
					     DATA, c->len, false, &len),
				 VIRTIO_BLK_S_IOERR);
		assert_int_equal(len, 1);
		assert_memory_equal(f->disk, f->disk_copy, DISK_SIZE);
		assert_true(disk_guard_intact(f));
	}
}

static void test_read_only_disk(void **state)
{
	struct blk_fixture *f = *state;
	u32 len = 0;

	assert_int_equal(vg_read(&f->d, VIRTIO_MMIO_DEVICE_FEATURES) &
				 BIT(VIRTIO_BLK_F_RO),
			 BIT(VIRTIO_BLK_F_RO));
	fill(f, DATA, 1024, 0x99);
	assert_int_equal(
		blk_request(f, VIRTIO_BLK_T_OUT, 0, DATA, 1024, false, &len),
		VIRTIO_BLK_S_IOERR);
	assert_int_equal(len, 1);
	assert_int_equal(blk_request(f, VIRTIO_BLK_T_OUT, DISK_SECTORS, DATA,
				     512, false, &len),
			 VIRTIO_BLK_S_IOERR);
	assert_memory_equal(f->disk, f->disk_copy, DISK_SIZE);
	/* Reads and flushes work. */
	assert_int_equal(
		blk_request(f, VIRTIO_BLK_T_IN, 2, DATA, 1024, true, &len),
		VIRTIO_BLK_S_OK);
	assert_memory_equal(ram_at(f, DATA), f->disk + 1024, 1024);
	assert_int_equal(
		blk_request(f, VIRTIO_BLK_T_FLUSH, 0, 0, 0, false, &len),
		VIRTIO_BLK_S_OK);
	assert_memory_equal(f->disk, f->disk_copy, DISK_SIZE);
	/* A driver that ignores the RO feature is refused all the same. */
	assert_int_equal(blk_start(f, 0), ALL_STATUS);
	assert_int_equal(
		blk_request(f, VIRTIO_BLK_T_OUT, 0, DATA, 512, false, &len),
		VIRTIO_BLK_S_IOERR);
	assert_memory_equal(f->disk, f->disk_copy, DISK_SIZE);
}

/* The driver's mistakes: no header (or a short one), no status byte. */
static void post_expect_failure(struct blk_fixture *f, const struct vg_buf *b,
				u32 n, const char *why)
{
	char line[256];
	u32 id, len;

	vg_post(&f->d, 0, b, n);
	ram_snapshot(f);
	vg_notify(&f->d, 0);
	assert_int_equal(vg_read(&f->d, VIRTIO_MMIO_STATUS),
			 ALL_STATUS | VIRTIO_STATUS_NEEDS_RESET);
	assert_int_equal(vg_read(&f->d, VIRTIO_MMIO_INTERRUPT_STATUS),
			 VIRTIO_INT_CONFIG);
	assert_true(blk_line(f));
	assert_false(vg_take_used(&f->d, 0, &id, &len));
	assert_true(ram_unchanged(f));
	assert_memory_equal(f->disk, f->disk_copy, DISK_SIZE);
	snprintf(line, sizeof(line), BLK_LOG_PREFIX "%s; needs reset\n", why);
	assert_string_equal(fake_printk_log, line);
	fake_reset();
	memset(ram_at(f, RINGS), 0, vg_rings_size(QNUM));
	assert_int_equal(blk_start(f, 0), ALL_STATUS);
}

static void test_request_without_header(void **state)
{
	struct blk_fixture *f = *state;

	put_hdr(f, VIRTIO_BLK_T_OUT, 0);
	post_expect_failure(f, (struct vg_buf[]){ { STATUS, 1, true } }, 1,
			    "block request without a header");
	post_expect_failure(
		f, (struct vg_buf[]){ { HDR, 15, false }, { STATUS, 1, true } },
		2, "block request without a header");
	/* Header bytes in writable buffers do not count. */
	post_expect_failure(
		f, (struct vg_buf[]){ { HDR, 16, true }, { STATUS, 1, true } },
		2, "block request without a header");
	/* Zero-length descriptors carry nothing. */
	post_expect_failure(
		f, (struct vg_buf[]){ { HDR, 0, false }, { STATUS, 1, true } },
		2, "block request without a header");
}

static void test_request_without_status(void **state)
{
	struct blk_fixture *f = *state;

	put_hdr(f, VIRTIO_BLK_T_FLUSH, 0);
	post_expect_failure(f, (struct vg_buf[]){ { HDR, 16, false } }, 1,
			    "block request without a status byte");
	put_hdr(f, VIRTIO_BLK_T_OUT, 0);
	post_expect_failure(
		f,
		(struct vg_buf[]){ { HDR, 16, false }, { DATA, 512, false } },
		2, "block request without a status byte");
	post_expect_failure(
		f, (struct vg_buf[]){ { HDR, 16, false }, { STATUS, 0, true } },
		2, "block request without a status byte");
}

/* Data in pieces of any size, in any places, the status byte included. */
static void test_data_split_across_descriptors(void **state)
{
	struct blk_fixture *f = *state;
	const ipa_t a = DATA, b = DATA + 0x8000, c = DATA + 0x20000;
	u32 id, len;

	/* A read of 4 sectors into 100 + 1000 + 0 + 48 + (900 + status). */
	memset(ram_at(f, DATA), 0xcc, 0x30000);
	put_hdr(f, VIRTIO_BLK_T_IN, 9);
	vg_post(&f->d, 0,
		(struct vg_buf[]){ { HDR, 8, false },
				   { HDR + 8, 8, false },
				   { a, 100, true },
				   { b, 1000, true },
				   { a + 4000, 0, true },
				   { c, 48, true },
				   { a + 200, 901, true } },
		7);
	vg_notify(&f->d, 0);
	assert_true(vg_take_used(&f->d, 0, &id, &len));
	assert_int_equal(len, 2048 + 1);
	assert_memory_equal(ram_at(f, a), f->disk + 9 * 512, 100);
	assert_memory_equal(ram_at(f, b), f->disk + 9 * 512 + 100, 1000);
	assert_memory_equal(ram_at(f, c), f->disk + 9 * 512 + 1100, 48);
	assert_memory_equal(ram_at(f, a + 200), f->disk + 9 * 512 + 1148, 900);
	assert_int_equal(*ram_at(f, a + 1100), VIRTIO_BLK_S_OK);
	assert_int_equal(*ram_at(f, a + 100), 0xcc);
	assert_int_equal(*ram_at(f, a + 1101), 0xcc);
	assert_int_equal(*ram_at(f, b + 1000), 0xcc);
	assert_int_equal(*ram_at(f, c + 48), 0xcc);

	/* A write with the header and the first data in one buffer. */
	put_hdr(f, VIRTIO_BLK_T_OUT, 20);
	fill(f, HDR + 16, 300, 0x31);
	fill(f, b, 724, 0x52);
	vg_post(&f->d, 0,
		(struct vg_buf[]){ { HDR, 16 + 300, false },
				   { b, 724, false },
				   { c + 0x1000, 1, true } },
		3);
	vg_notify(&f->d, 0);
	assert_true(vg_take_used(&f->d, 0, &id, &len));
	assert_int_equal(len, 1);
	assert_int_equal(*ram_at(f, c + 0x1000), VIRTIO_BLK_S_OK);
	memcpy(f->disk_copy + 20 * 512, ram_at(f, HDR + 16), 300);
	memcpy(f->disk_copy + 20 * 512 + 300, ram_at(f, b), 724);
	assert_memory_equal(f->disk, f->disk_copy, DISK_SIZE);
}

#define TEST(f) cmocka_unit_test_setup_teardown(f, setup_rw, teardown)
#define TEST_RO(f) cmocka_unit_test_setup_teardown(f, setup_ro, teardown)

int main(void)
{
	const struct CMUnitTest tests[] = {
		TEST(test_read),
		TEST(test_write),
		TEST(test_write_partial_sector_refused),
		TEST(test_flush),
		TEST(test_get_id),
		TEST(test_unsupported_types),
		TEST(test_capacity_and_features),
		TEST(test_read_out_of_range),
		TEST(test_write_out_of_range),
		TEST_RO(test_read_only_disk),
		TEST(test_request_without_header),
		TEST(test_request_without_status),
		TEST(test_data_split_across_descriptors),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
