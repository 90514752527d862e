// SPDX-License-Identifier: Apache-2.0
/*
 * Host tests of the shared page-table walker (src/mm/pgtable.c) driving
 * the LoongArch GPA format (arch/loongarch64/pgtable_format.c): entries
 * checked bit for bit against the LoongArch page-table entry layout, and
 * the MEM_* flags' encoding.
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
#define POOL_PAGES 64
#define ATTRS (PTE_MAT_CC | PTE_W | PTE_D)

struct fixture {
	struct page_pool pool;
	u64 bitmap[PAGE_POOL_BITMAP_WORDS(POOL_PAGES)];
	u8 *mem;
	struct pgtable pt;
};

static int setup(void **state)
{
	struct fixture *f = calloc(1, sizeof(*f));

	assert_non_null(f);
	f->mem = aligned_alloc(PAGE_SIZE, POOL_PAGES * PAGE_SIZE);
	assert_non_null(f->mem);
	page_pool_init(&f->pool, f->mem, POOL_PAGES, f->bitmap);
	assert_int_equal(pt_init(&f->pt, &loongarch_gpa_format, &f->pool), 0);
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	struct fixture *f = *state;

	free(f->mem);
	free(f);
	return 0;
}

static void test_space_is_39_bits(void **state)
{
	(void)state;
	assert_int_equal(pt_va_limit(&loongarch_gpa_format), 1ull << 39);
}

static void test_page_entry(void **state)
{
	struct fixture *f = *state;
	unsigned int level;
	u64 pte;

	assert_int_equal(
		pt_map_range(&f->pt, 0x90001000, 0x12345000, SZ_4K, ATTRS), 0);
	pte = pt_lookup(&f->pt, 0x90001000, &level);
	assert_int_equal(level, 2);
	/* V, D, MAT=CC, P, W and the address; no HUGE at the last level. */
	assert_int_equal(pte, 0x12345000ull | PTE_V | PTE_D | PTE_MAT_CC |
				      PTE_P | PTE_W);
	assert_int_equal(pt_lookup(&f->pt, 0x90002000, &level), 0);
}

/* Directory entries are bare addresses: no flag bits below bit 12. */
static void test_directory_entries(void **state)
{
	struct fixture *f = *state;
	u64 dir;

	assert_int_equal(pt_map_range(&f->pt, 0x1000, 0x1000, SZ_4K, ATTRS), 0);
	dir = f->pt.root[0];
	assert_int_not_equal(dir, 0);
	assert_int_equal(dir & 0xfff, 0);
	assert_false(loongarch_gpa_format.is_table(dir | PTE_HUGE, 0));
	assert_true(loongarch_gpa_format.is_table(dir, 0));
}

static void test_huge_leaves(void **state)
{
	struct fixture *f = *state;
	unsigned int level;
	u64 pte;

	assert_int_equal(
		pt_map_range(&f->pt, 0x80000000, 0x80000000, SZ_1G, ATTRS), 0);
	pte = pt_lookup(&f->pt, 0x80001000, &level);
	assert_int_equal(level, 0);
	assert_true(pte & PTE_HUGE);
	assert_int_equal(loongarch_gpa_format.output_address(pte), 0x80000000);
	assert_int_equal(pt_map_range(&f->pt, 0x200000, 0x400000, SZ_2M, ATTRS),
			 0);
	pte = pt_lookup(&f->pt, 0x200000, &level);
	assert_int_equal(level, 1);
	assert_true(pte & PTE_HUGE);
	/* A huge leaf's bit 12 is its global bit, never an address bit. */
	assert_int_equal(loongarch_gpa_format.output_address(pte | PTE_HGLOBAL),
			 0x400000);
}

static void test_overlap_and_limits(void **state)
{
	struct fixture *f = *state;

	assert_int_equal(pt_map_range(&f->pt, 0x1000, 0x1000, SZ_4K, ATTRS), 0);
	assert_int_equal(pt_map_range(&f->pt, 0x1000, 0x5000, SZ_4K, ATTRS),
			 PT_EEXIST);
	assert_int_equal(pt_map_range(&f->pt, 1ull << 39, 0, SZ_4K, ATTRS),
			 PT_EINVAL);
}

static void test_stage2_attrs(void **state)
{
	(void)state;
	/* RAM: cached, writable, executable, readable. */
	assert_int_equal(stage2_attrs(MEM_READ | MEM_WRITE | MEM_EXEC),
			 PTE_MAT_CC | PTE_W | PTE_D);
	/* A device: uncached, never executable. */
	assert_int_equal(
		stage2_attrs(MEM_READ | MEM_WRITE | MEM_EXEC | MEM_DEVICE),
		PTE_MAT_SUC | PTE_W | PTE_D | PTE_NX);
	/* Read-only data: no W/D, not executable. */
	assert_int_equal(stage2_attrs(MEM_READ), PTE_MAT_CC | PTE_NX);
	assert_int_equal(stage2_attrs(MEM_EXEC), PTE_MAT_CC | PTE_NR);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_space_is_39_bits),
		cmocka_unit_test_setup_teardown(test_page_entry, setup,
						teardown),
		cmocka_unit_test_setup_teardown(test_directory_entries, setup,
						teardown),
		cmocka_unit_test_setup_teardown(test_huge_leaves, setup,
						teardown),
		cmocka_unit_test_setup_teardown(test_overlap_and_limits, setup,
						teardown),
		cmocka_unit_test(test_stage2_attrs),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
