// SPDX-License-Identifier: Apache-2.0
/*
 * Host tests of the page-table walker (src/mm/pgtable.c) driving the
 * aarch64 descriptor format (arch/aarch64/pgtable_format.c), and of the
 * stage-2 attribute encoding. Tables live in a host page pool; descriptor
 * values are checked bit for bit against the VMSAv8-64 layout.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdlib.h>
#include <cmocka.h>

#include <bulkhead/compiler.h>
#include <bulkhead/pgtable.h>
#include <bulkhead/zone_config.h>
#include <asm/pgtable_format.h>

#define SZ_4K 0x1000ull
#define SZ_2M 0x200000ull
#define SZ_1G 0x40000000ull
#define VA_LIMIT (1ull << 39)

/* Descriptor type bits [1:0]: block (levels 1, 2) and page/table. */
#define DESC_BLOCK 0x1ull
#define DESC_PAGE 0x3ull
#define DESC_TABLE 0x3ull
#define DESC_ADDR(pte) ((pte)&0x0000fffffffff000ull)

/* Arbitrary leaf attributes: AF, SH inner, S2AP RW, MemAttr normal, XN. */
#define ATTRS 0x00400000000007fcull
#define POOL_PAGES 64

struct pt_fixture {
	struct page_pool pool;
	u64 bitmap[PAGE_POOL_BITMAP_WORDS(POOL_PAGES)];
	u8 *mem;
	struct pgtable pt;
};

static int pt_setup(void **state)
{
	struct pt_fixture *f = calloc(1, sizeof(*f));

	assert_non_null(f);
	f->mem = aligned_alloc(PAGE_SIZE, POOL_PAGES * PAGE_SIZE);
	assert_non_null(f->mem);
	page_pool_init(&f->pool, f->mem, POOL_PAGES, f->bitmap);
	*state = f;
	return 0;
}

static int pt_teardown(void **state)
{
	struct pt_fixture *f = *state;

	free(f->mem);
	free(f);
	return 0;
}

/* Shrinks the pool to nr_pages before the table is created. */
static void limit_pool(struct pt_fixture *f, size_t nr_pages)
{
	page_pool_init(&f->pool, f->mem, nr_pages, f->bitmap);
}

static void init_pt(struct pt_fixture *f)
{
	assert_int_equal(pt_init(&f->pt, &aarch64_pt_format, &f->pool), 0);
}

static size_t pages_used(const struct pt_fixture *f)
{
	return f->pool.nr_pages - f->pool.nr_free;
}

/* Asserts that va is mapped at `level` by a leaf of `type` to pa. */
static void assert_leaf(const struct pgtable *pt, u64 va, unsigned int level,
			u64 pa, u64 type)
{
	unsigned int got_level = 99;
	u64 pte = pt_lookup(pt, va, &got_level);

	assert_int_equal(got_level, level);
	assert_int_equal(pte, pa | ATTRS | type);
}

static void assert_unmapped(const struct pgtable *pt, u64 va)
{
	unsigned int level = 99;

	assert_int_equal(pt_lookup(pt, va, &level), 0);
	assert_int_equal(level, 99);
}

static void test_format_geometry(void **state)
{
	(void)state;
	assert_int_equal(aarch64_pt_format.levels, 3);
	assert_int_equal(pt_level_shift(&aarch64_pt_format, 0), 30);
	assert_int_equal(pt_level_shift(&aarch64_pt_format, 1), 21);
	assert_int_equal(pt_level_shift(&aarch64_pt_format, 2), 12);
	assert_int_equal(pt_va_limit(&aarch64_pt_format), VA_LIMIT);
}

static void test_init_takes_one_zeroed_page(void **state)
{
	struct pt_fixture *f = *state;

	f->mem[0] = 0xff;
	f->mem[PAGE_SIZE - 1] = 0xff;
	init_pt(f);
	assert_ptr_equal(f->pt.root, f->mem);
	assert_int_equal(pages_used(f), 1);
	for (unsigned int i = 0; i < PT_ENTRIES; i++)
		assert_int_equal(f->pt.root[i], 0);
	assert_unmapped(&f->pt, 0);
}

static void test_init_fails_on_empty_pool(void **state)
{
	struct pt_fixture *f = *state;

	limit_pool(f, 0);
	assert_int_equal(pt_init(&f->pt, &aarch64_pt_format, &f->pool),
			 PT_ENOMEM);
	assert_null(f->pt.root);
}

static void test_map_one_page(void **state)
{
	struct pt_fixture *f = *state;

	init_pt(f);
	assert_int_equal(pt_map_range(&f->pt, 0x1000, 0x80005000, SZ_4K, ATTRS),
			 0);
	assert_leaf(&f->pt, 0x1000, 2, 0x80005000, DESC_PAGE);
	assert_leaf(&f->pt, 0x1fff, 2, 0x80005000, DESC_PAGE);
	assert_unmapped(&f->pt, 0x0fff);
	assert_unmapped(&f->pt, 0x2000);
	/* Root, one level-1 table, one level-2 table. */
	assert_int_equal(pages_used(f), 3);
	/* The root entry is a table descriptor pointing into the pool. */
	assert_int_equal(f->pt.root[0] & 3, DESC_TABLE);
	assert_ptr_equal((u8 *)(uintptr_t)DESC_ADDR(f->pt.root[0]),
			 f->mem + PAGE_SIZE);
}

static void test_map_2m_block(void **state)
{
	struct pt_fixture *f = *state;

	init_pt(f);
	assert_int_equal(
		pt_map_range(&f->pt, 0x40200000, 0x80200000, SZ_2M, ATTRS), 0);
	assert_leaf(&f->pt, 0x40200000, 1, 0x80200000, DESC_BLOCK);
	assert_leaf(&f->pt, 0x403fffff, 1, 0x80200000, DESC_BLOCK);
	assert_unmapped(&f->pt, 0x40400000);
	assert_unmapped(&f->pt, 0x401ff000);
	assert_int_equal(pages_used(f), 2);
}

static void test_map_1g_block(void **state)
{
	struct pt_fixture *f = *state;

	init_pt(f);
	assert_int_equal(pt_map_range(&f->pt, SZ_1G, 2 * SZ_1G, SZ_1G, ATTRS),
			 0);
	assert_leaf(&f->pt, SZ_1G, 0, 2 * SZ_1G, DESC_BLOCK);
	assert_leaf(&f->pt, 2 * SZ_1G - 1, 0, 2 * SZ_1G, DESC_BLOCK);
	assert_unmapped(&f->pt, 2 * SZ_1G);
	assert_int_equal(f->pt.root[1], 2 * SZ_1G | ATTRS | DESC_BLOCK);
	/* A level-0 block needs no table below the root. */
	assert_int_equal(pages_used(f), 1);
}

static void test_map_last_1g_of_address_space(void **state)
{
	struct pt_fixture *f = *state;

	init_pt(f);
	assert_int_equal(
		pt_map_range(&f->pt, VA_LIMIT - SZ_1G, 0, SZ_1G, ATTRS), 0);
	assert_int_equal(f->pt.root[511], ATTRS | DESC_BLOCK);
	assert_leaf(&f->pt, VA_LIMIT - 1, 0, 0, DESC_BLOCK);
	assert_unmapped(&f->pt, VA_LIMIT);
}

/* 4 KiB short of 2 MiB alignment, then 2 blocks, then 2 pages. */
static void test_map_unaligned_start_mixes_pages_and_blocks(void **state)
{
	struct pt_fixture *f = *state;
	const u64 va = 0x1ff000, pa = 0x801ff000;
	const u64 size = SZ_4K + 2 * SZ_2M + 2 * SZ_4K;

	init_pt(f);
	assert_int_equal(pt_map_range(&f->pt, va, pa, size, ATTRS), 0);
	assert_unmapped(&f->pt, va - SZ_4K);
	assert_leaf(&f->pt, 0x1ff000, 2, 0x801ff000, DESC_PAGE);
	assert_leaf(&f->pt, 0x200000, 1, 0x80200000, DESC_BLOCK);
	assert_leaf(&f->pt, 0x3ff000, 1, 0x80200000, DESC_BLOCK);
	assert_leaf(&f->pt, 0x400000, 1, 0x80400000, DESC_BLOCK);
	assert_leaf(&f->pt, 0x600000, 2, 0x80600000, DESC_PAGE);
	assert_leaf(&f->pt, 0x601000, 2, 0x80601000, DESC_PAGE);
	assert_unmapped(&f->pt, 0x602000);
	/* Root, level-1 table, level-2 tables for [0, 2M) and [6M, 8M). */
	assert_int_equal(pages_used(f), 4);
}

/* va 2 MiB aligned, pa not: no block may be used. */
static void test_map_mismatched_alignment_uses_pages(void **state)
{
	struct pt_fixture *f = *state;

	init_pt(f);
	assert_int_equal(pt_map_range(&f->pt, SZ_2M, 0x80001000, SZ_2M, ATTRS),
			 0);
	assert_leaf(&f->pt, SZ_2M, 2, 0x80001000, DESC_PAGE);
	assert_leaf(&f->pt, SZ_2M + 0x1ff000, 2, 0x80200000, DESC_PAGE);
	assert_unmapped(&f->pt, 2 * SZ_2M);
	assert_int_equal(pages_used(f), 3);
}

static void test_map_across_1g_boundary(void **state)
{
	struct pt_fixture *f = *state;

	init_pt(f);
	assert_int_equal(pt_map_range(&f->pt, SZ_1G - SZ_4K, 0x10000000,
				      2 * SZ_4K, ATTRS),
			 0);
	assert_leaf(&f->pt, SZ_1G - SZ_4K, 2, 0x10000000, DESC_PAGE);
	assert_leaf(&f->pt, SZ_1G, 2, 0x10001000, DESC_PAGE);
	/* Two level-1 and two level-2 tables below the root. */
	assert_int_equal(pages_used(f), 5);
}

static void test_overlap_same_page(void **state)
{
	struct pt_fixture *f = *state;

	init_pt(f);
	assert_int_equal(pt_map_range(&f->pt, 0x5000, 0x9000, SZ_4K, ATTRS), 0);
	assert_int_equal(pt_map_range(&f->pt, 0x5000, 0xa000, SZ_4K, ATTRS),
			 PT_EEXIST);
	assert_int_equal(pt_map_range(&f->pt, 0x4000, 0xa000, 2 * SZ_4K, ATTRS),
			 PT_EEXIST);
	assert_leaf(&f->pt, 0x5000, 2, 0x9000, DESC_PAGE);
}

static void test_overlap_block_over_pages(void **state)
{
	struct pt_fixture *f = *state;

	init_pt(f);
	assert_int_equal(pt_map_range(&f->pt, SZ_2M + SZ_4K, 0, SZ_4K, ATTRS),
			 0);
	/* The 2 MiB block for [2M, 4M) would cover the page. */
	assert_int_equal(pt_map_range(&f->pt, SZ_2M, SZ_2M, SZ_2M, ATTRS),
			 PT_EEXIST);
	/* A 1 GiB block would cover the level-1 table. */
	assert_int_equal(pt_map_range(&f->pt, 0, 0, SZ_1G, ATTRS), PT_EEXIST);
	assert_leaf(&f->pt, SZ_2M + SZ_4K, 2, 0, DESC_PAGE);
}

static void test_overlap_page_inside_block(void **state)
{
	struct pt_fixture *f = *state;

	init_pt(f);
	assert_int_equal(pt_map_range(&f->pt, SZ_2M, SZ_2M, SZ_2M, ATTRS), 0);
	assert_int_equal(pt_map_range(&f->pt, SZ_1G, SZ_1G, SZ_1G, ATTRS), 0);
	assert_int_equal(pt_map_range(&f->pt, SZ_2M + 0x7000, 0, SZ_4K, ATTRS),
			 PT_EEXIST);
	assert_int_equal(pt_map_range(&f->pt, SZ_1G + SZ_2M, 0, SZ_2M, ATTRS),
			 PT_EEXIST);
	assert_int_equal(pt_map_range(&f->pt, SZ_1G + 0x3000, 0, SZ_4K, ATTRS),
			 PT_EEXIST);
	assert_leaf(&f->pt, SZ_2M + 0x7000, 1, SZ_2M, DESC_BLOCK);
	assert_leaf(&f->pt, SZ_1G + 0x3000, 0, SZ_1G, DESC_BLOCK);
}

static void test_adjacent_ranges_do_not_overlap(void **state)
{
	struct pt_fixture *f = *state;

	init_pt(f);
	assert_int_equal(pt_map_range(&f->pt, 0, 0, SZ_2M, ATTRS), 0);
	assert_int_equal(pt_map_range(&f->pt, SZ_2M, 0x10000000, SZ_4K, ATTRS),
			 0);
	assert_int_equal(pt_map_range(&f->pt, SZ_2M + SZ_4K, 0x10001000,
				      SZ_2M - SZ_4K, ATTRS),
			 0);
	assert_leaf(&f->pt, SZ_2M - 1, 1, 0, DESC_BLOCK);
	assert_leaf(&f->pt, 2 * SZ_2M - SZ_4K, 2, 0x101ff000, DESC_PAGE);
}

static void test_unaligned_arguments_rejected(void **state)
{
	struct pt_fixture *f = *state;

	init_pt(f);
	assert_int_equal(pt_map_range(&f->pt, 0x800, 0, SZ_4K, ATTRS),
			 PT_EINVAL);
	assert_int_equal(pt_map_range(&f->pt, 0, 0x10, SZ_4K, ATTRS),
			 PT_EINVAL);
	assert_int_equal(pt_map_range(&f->pt, 0, 0, SZ_4K + 1, ATTRS),
			 PT_EINVAL);
	assert_int_equal(pt_map_range(&f->pt, 0, 0, 0, ATTRS), PT_EINVAL);
	assert_int_equal(pages_used(f), 1);
	assert_unmapped(&f->pt, 0);
}

static void test_va_limit(void **state)
{
	struct pt_fixture *f = *state;

	init_pt(f);
	assert_int_equal(pt_map_range(&f->pt, VA_LIMIT, 0, SZ_4K, ATTRS),
			 PT_EINVAL);
	assert_int_equal(
		pt_map_range(&f->pt, VA_LIMIT - SZ_4K, 0, 2 * SZ_4K, ATTRS),
		PT_EINVAL);
	assert_int_equal(pt_map_range(&f->pt, 0, 0, VA_LIMIT + SZ_4K, ATTRS),
			 PT_EINVAL);
	assert_int_equal(pages_used(f), 1);
	/* Ending exactly at the limit is fine. */
	assert_int_equal(
		pt_map_range(&f->pt, VA_LIMIT - SZ_4K, 0x7000, SZ_4K, ATTRS),
		0);
	assert_leaf(&f->pt, VA_LIMIT - SZ_4K, 2, 0x7000, DESC_PAGE);
	/* Lookups past the limit see nothing, not an alias of low memory. */
	assert_unmapped(&f->pt, VA_LIMIT + VA_LIMIT - SZ_4K);
	assert_unmapped(&f->pt, ~0ull);
}

static void test_wrap_around_rejected(void **state)
{
	struct pt_fixture *f = *state;

	init_pt(f);
	/* va + size wraps to 0x1000, which would pass a naive limit check. */
	assert_int_equal(pt_map_range(&f->pt, 0xfffffffffffff000ull, 0,
				      2 * SZ_4K, ATTRS),
			 PT_EINVAL);
	/* va + size wraps to exactly 0. */
	assert_int_equal(
		pt_map_range(&f->pt, 0xfffffffffffff000ull, 0, SZ_4K, ATTRS),
		PT_EINVAL);
	assert_int_equal(
		pt_map_range(&f->pt, SZ_4K, 0, 0xfffffffffffff000ull, ATTRS),
		PT_EINVAL);
	assert_int_equal(pages_used(f), 1);
	assert_unmapped(&f->pt, 0);
}

static void test_pool_exhaustion(void **state)
{
	struct pt_fixture *f = *state;

	/* A page needs root + 2 tables; give it one page too few. */
	limit_pool(f, 2);
	init_pt(f);
	assert_int_equal(pt_map_range(&f->pt, 0, 0, SZ_4K, ATTRS), PT_ENOMEM);
	assert_unmapped(&f->pt, 0);
	pt_destroy(&f->pt);
	assert_int_equal(f->pool.nr_free, 2);

	limit_pool(f, 3);
	init_pt(f);
	assert_int_equal(pt_map_range(&f->pt, 0, 0, SZ_4K, ATTRS), 0);
	assert_leaf(&f->pt, 0, 2, 0, DESC_PAGE);
	/* A second 2 MiB region needs one more level-2 table. */
	assert_int_equal(pt_map_range(&f->pt, SZ_2M, 0, SZ_4K, ATTRS),
			 PT_ENOMEM);
	/* A block in the same level-1 table needs none. */
	assert_int_equal(pt_map_range(&f->pt, 2 * SZ_2M, 0, SZ_2M, ATTRS), 0);
	assert_int_equal(f->pool.nr_free, 0);
}

static void test_exhaustion_midway_then_destroy(void **state)
{
	struct pt_fixture *f = *state;

	/* [2M - 4K, 2M + 4K) needs two level-2 tables; the pool has one. */
	limit_pool(f, 3);
	init_pt(f);
	assert_int_equal(
		pt_map_range(&f->pt, SZ_2M - SZ_4K, 0, 2 * SZ_4K, ATTRS),
		PT_ENOMEM);
	/* The part mapped before the pool ran out stays; destroy frees it. */
	assert_leaf(&f->pt, SZ_2M - SZ_4K, 2, 0, DESC_PAGE);
	assert_unmapped(&f->pt, SZ_2M);
	pt_destroy(&f->pt);
	assert_null(f->pt.root);
	assert_int_equal(f->pool.nr_free, 3);
}

static void test_destroy_returns_every_page(void **state)
{
	struct pt_fixture *f = *state;

	init_pt(f);
	/* Pages in two 1 GiB regions, blocks of both sizes. */
	assert_int_equal(pt_map_range(&f->pt, 0x1ff000, 0x1ff000,
				      SZ_4K + SZ_2M + SZ_4K, ATTRS),
			 0);
	assert_int_equal(pt_map_range(&f->pt, 5 * SZ_1G, 0, SZ_1G, ATTRS), 0);
	assert_int_equal(
		pt_map_range(&f->pt, 7 * SZ_1G + 0x3000, 0, 0x5000, ATTRS), 0);
	assert_int_equal(pt_map_range(&f->pt, 9 * SZ_1G, 0, 3 * SZ_2M, ATTRS),
			 0);
	/* root; L1+2 L2 for the first range; L1+L2; L1. */
	assert_int_equal(pages_used(f), 7);
	pt_destroy(&f->pt);
	assert_null(f->pt.root);
	assert_int_equal(f->pool.nr_free, POOL_PAGES);
	for (size_t w = 0; w < ARRAY_SIZE(f->bitmap); w++)
		assert_int_equal(f->bitmap[w], 0);
	/* A second destroy finds nothing to free. */
	pt_destroy(&f->pt);
	assert_int_equal(f->pool.nr_free, POOL_PAGES);
}

static void test_lookup_level_is_optional(void **state)
{
	struct pt_fixture *f = *state;

	init_pt(f);
	assert_int_equal(pt_map_range(&f->pt, 0, SZ_2M, SZ_2M, ATTRS), 0);
	assert_int_equal(pt_lookup(&f->pt, 0x1234, NULL),
			 SZ_2M | ATTRS | DESC_BLOCK);
}

/* Expected values written out from the VMSAv8-64 stage-2 descriptor. */
#define S2_AF 0x400ull
#define S2_XN (1ull << 54)
#define S2_NORMAL_WB_INNER (0x3cull | 0x300ull) /* MemAttr 0b1111, SH 0b11 */
#define S2_DEVICE_nGnRE 0x4ull /* MemAttr 0b0001 */
#define S2_R 0x40ull
#define S2_W 0x80ull

static void test_stage2_attrs_normal(void **state)
{
	(void)state;
	assert_int_equal(stage2_attrs(MEM_READ | MEM_WRITE | MEM_EXEC),
			 S2_AF | S2_NORMAL_WB_INNER | S2_R | S2_W);
	assert_int_equal(stage2_attrs(MEM_READ | MEM_WRITE),
			 S2_AF | S2_NORMAL_WB_INNER | S2_R | S2_W | S2_XN);
	assert_int_equal(stage2_attrs(MEM_READ | MEM_EXEC),
			 S2_AF | S2_NORMAL_WB_INNER | S2_R);
	assert_int_equal(stage2_attrs(MEM_READ),
			 S2_AF | S2_NORMAL_WB_INNER | S2_R | S2_XN);
	assert_int_equal(stage2_attrs(0), S2_AF | S2_NORMAL_WB_INNER | S2_XN);
	assert_int_equal(stage2_attrs(MEM_READ | MEM_WRITE),
			 0x00400000000007fcull);
}

static void test_stage2_attrs_device_never_executable(void **state)
{
	(void)state;
	assert_int_equal(stage2_attrs(MEM_DEVICE | MEM_READ | MEM_WRITE),
			 S2_AF | S2_DEVICE_nGnRE | S2_R | S2_W | S2_XN);
	assert_int_equal(
		stage2_attrs(MEM_DEVICE | MEM_READ | MEM_WRITE | MEM_EXEC),
		S2_AF | S2_DEVICE_nGnRE | S2_R | S2_W | S2_XN);
	assert_int_equal(stage2_attrs(MEM_DEVICE | MEM_READ),
			 S2_AF | S2_DEVICE_nGnRE | S2_R | S2_XN);
}

static void test_stage2_attrs_in_descriptor(void **state)
{
	struct pt_fixture *f = *state;
	u64 ro = stage2_attrs(MEM_READ);
	u64 dev = stage2_attrs(MEM_DEVICE | MEM_READ | MEM_WRITE);

	init_pt(f);
	assert_int_equal(pt_map_range(&f->pt, 0, 0x40000000, SZ_4K, ro), 0);
	assert_int_equal(pt_map_range(&f->pt, SZ_2M, 0x09000000, SZ_2M, dev),
			 0);
	assert_int_equal(pt_lookup(&f->pt, 0, NULL),
			 0x40000000 | S2_AF | S2_NORMAL_WB_INNER | S2_R |
				 S2_XN | 3);
	assert_int_equal(pt_lookup(&f->pt, SZ_2M, NULL),
			 0x09000000 | S2_AF | S2_DEVICE_nGnRE | S2_R | S2_W |
				 S2_XN | 1);
}

#define PT_TEST(fn) cmocka_unit_test_setup_teardown(fn, pt_setup, pt_teardown)

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_format_geometry),
		PT_TEST(test_init_takes_one_zeroed_page),
		PT_TEST(test_init_fails_on_empty_pool),
		PT_TEST(test_map_one_page),
		PT_TEST(test_map_2m_block),
		PT_TEST(test_map_1g_block),
		PT_TEST(test_map_last_1g_of_address_space),
		PT_TEST(test_map_unaligned_start_mixes_pages_and_blocks),
		PT_TEST(test_map_mismatched_alignment_uses_pages),
		PT_TEST(test_map_across_1g_boundary),
		PT_TEST(test_overlap_same_page),
		PT_TEST(test_overlap_block_over_pages),
		PT_TEST(test_overlap_page_inside_block),
		PT_TEST(test_adjacent_ranges_do_not_overlap),
		PT_TEST(test_unaligned_arguments_rejected),
		PT_TEST(test_va_limit),
		PT_TEST(test_wrap_around_rejected),
		PT_TEST(test_pool_exhaustion),
		PT_TEST(test_exhaustion_midway_then_destroy),
		PT_TEST(test_destroy_returns_every_page),
		PT_TEST(test_lookup_level_is_optional),
		cmocka_unit_test(test_stage2_attrs_normal),
		cmocka_unit_test(test_stage2_attrs_device_never_executable),
		PT_TEST(test_stage2_attrs_in_descriptor),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
