// SPDX-License-Identifier: Apache-2.0
/* Host tests of the bitmap page allocator (src/mm/page_alloc.c). */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include <bulkhead/page_alloc.h>

/* 130 pages: the bitmap spans three words, the last one partly used. */
#define NR_PAGES 130
#define BITMAP_WORDS PAGE_POOL_BITMAP_WORDS(NR_PAGES)
#define CANARY 0x5a5a5a5a5a5a5a5aull

struct pool_fixture {
	struct page_pool pool;
	u8 *mem;
	u64 bitmap[BITMAP_WORDS + 1]; /* last word: canary */
};

static int pool_setup(void **state)
{
	struct pool_fixture *f = calloc(1, sizeof(*f));

	assert_non_null(f);
	f->mem = aligned_alloc(PAGE_SIZE, NR_PAGES * PAGE_SIZE);
	assert_non_null(f->mem);
	/* Dirty everything init and alloc are supposed to clear. */
	memset(f->mem, 0xaa, NR_PAGES * PAGE_SIZE);
	memset(f->bitmap, 0xff, sizeof(f->bitmap));
	f->bitmap[BITMAP_WORDS] = CANARY;
	page_pool_init(&f->pool, f->mem, NR_PAGES, f->bitmap);
	*state = f;
	return 0;
}

static int pool_teardown(void **state)
{
	struct pool_fixture *f = *state;

	/* No operation may write past the bitmap the pool was given. */
	assert_int_equal(f->bitmap[BITMAP_WORDS], CANARY);
	free(f->mem);
	free(f);
	return 0;
}

static u8 *page_at(struct pool_fixture *f, size_t n)
{
	return f->mem + n * PAGE_SIZE;
}

static void alloc_all_single(struct pool_fixture *f)
{
	for (size_t n = 0; n < NR_PAGES; n++)
		assert_ptr_equal(page_alloc(&f->pool, 1), page_at(f, n));
	assert_int_equal(f->pool.nr_free, 0);
}

static void test_init_clears_bitmap(void **state)
{
	struct pool_fixture *f = *state;

	assert_ptr_equal(f->pool.base, f->mem);
	assert_int_equal(f->pool.nr_pages, NR_PAGES);
	assert_int_equal(f->pool.nr_free, NR_PAGES);
	for (size_t w = 0; w < BITMAP_WORDS; w++)
		assert_int_equal(f->bitmap[w], 0);
}

static void test_alloc_is_first_fit_and_zeroed(void **state)
{
	struct pool_fixture *f = *state;
	u8 *a = page_alloc(&f->pool, 1);
	u8 *b = page_alloc(&f->pool, 3);
	u8 zero[3 * PAGE_SIZE] = { 0 };

	assert_ptr_equal(a, page_at(f, 0));
	assert_ptr_equal(b, page_at(f, 1));
	assert_memory_equal(a, zero, PAGE_SIZE);
	assert_memory_equal(b, zero, 3 * PAGE_SIZE);
	/* Only the pages handed out were cleared. */
	assert_int_equal(page_at(f, 4)[0], 0xaa);
	assert_int_equal(f->pool.nr_free, NR_PAGES - 4);
	assert_int_equal(f->bitmap[0], 0xf);
}

static void test_alloc_zero_pages_is_null(void **state)
{
	struct pool_fixture *f = *state;

	assert_null(page_alloc(&f->pool, 0));
	assert_int_equal(f->pool.nr_free, NR_PAGES);
}

static void test_alloc_more_than_pool_fails(void **state)
{
	struct pool_fixture *f = *state;

	assert_null(page_alloc(&f->pool, NR_PAGES + 1));
	assert_null(page_alloc(&f->pool, SIZE_MAX));
	assert_ptr_equal(page_alloc(&f->pool, NR_PAGES), page_at(f, 0));
	assert_int_equal(f->pool.nr_free, 0);
	assert_null(page_alloc(&f->pool, 1));
}

static void test_exhaustion_then_reuse(void **state)
{
	struct pool_fixture *f = *state;

	alloc_all_single(f);
	assert_null(page_alloc(&f->pool, 1));

	memset(page_at(f, 77), 0xcc, PAGE_SIZE);
	assert_true(page_free(&f->pool, page_at(f, 77), 1));
	assert_int_equal(f->pool.nr_free, 1);
	assert_ptr_equal(page_alloc(&f->pool, 1), page_at(f, 77));
	assert_int_equal(page_at(f, 77)[PAGE_SIZE - 1], 0);
	assert_null(page_alloc(&f->pool, 1));
}

static void test_fragmented_pool_refuses_run(void **state)
{
	struct pool_fixture *f = *state;

	alloc_all_single(f);
	assert_true(page_free(&f->pool, page_at(f, 10), 1));
	assert_true(page_free(&f->pool, page_at(f, 12), 1));
	/* Two pages free, but not adjacent. */
	assert_int_equal(f->pool.nr_free, 2);
	assert_null(page_alloc(&f->pool, 2));
	assert_int_equal(f->pool.nr_free, 2);

	assert_true(page_free(&f->pool, page_at(f, 11), 1));
	assert_ptr_equal(page_alloc(&f->pool, 3), page_at(f, 10));
	assert_int_equal(f->pool.nr_free, 0);
}

static void test_run_across_bitmap_words(void **state)
{
	struct pool_fixture *f = *state;

	assert_ptr_equal(page_alloc(&f->pool, 60), page_at(f, 0));
	assert_ptr_equal(page_alloc(&f->pool, 10), page_at(f, 60));
	assert_int_equal(f->bitmap[0], ~0ull);
	assert_int_equal(f->bitmap[1], 0x3f);
	assert_true(page_free(&f->pool, page_at(f, 60), 10));
	assert_int_equal(f->bitmap[0], (1ull << 60) - 1);
	assert_int_equal(f->bitmap[1], 0);
}

static void test_last_page_of_partial_word(void **state)
{
	struct pool_fixture *f = *state;

	assert_ptr_equal(page_alloc(&f->pool, NR_PAGES - 1), page_at(f, 0));
	assert_ptr_equal(page_alloc(&f->pool, 1), page_at(f, NR_PAGES - 1));
	assert_int_equal(f->bitmap[2], 0x3);
	assert_true(page_free(&f->pool, page_at(f, NR_PAGES - 1), 1));
	assert_int_equal(f->bitmap[2], 0x1);
}

static void test_search_wraps_to_pool_start(void **state)
{
	struct pool_fixture *f = *state;

	alloc_all_single(f);
	assert_true(page_free(&f->pool, page_at(f, 3), 1));
	assert_true(page_free(&f->pool, page_at(f, 10), 2));
	/* Skips the one-page hole at 3; the search hint ends up past it. */
	assert_ptr_equal(page_alloc(&f->pool, 2), page_at(f, 10));
	/* Nothing free after the hint: the search restarts at page 0. */
	assert_ptr_equal(page_alloc(&f->pool, 1), page_at(f, 3));
	assert_null(page_alloc(&f->pool, 1));
}

static void test_double_free_refused(void **state)
{
	struct pool_fixture *f = *state;
	u8 *p = page_alloc(&f->pool, 2);

	assert_true(page_free(&f->pool, p, 2));
	assert_int_equal(f->pool.nr_free, NR_PAGES);
	assert_false(page_free(&f->pool, p, 2));
	assert_false(page_free(&f->pool, p, 1));
	assert_int_equal(f->pool.nr_free, NR_PAGES);
}

static void test_partly_free_range_refused(void **state)
{
	struct pool_fixture *f = *state;

	assert_ptr_equal(page_alloc(&f->pool, 2), page_at(f, 0));
	/* Pages 0-1 allocated, page 2 free: freeing 0-2 must change nothing. */
	assert_false(page_free(&f->pool, page_at(f, 0), 3));
	assert_int_equal(f->pool.nr_free, NR_PAGES - 2);
	assert_int_equal(f->bitmap[0], 0x3);
	assert_true(page_free(&f->pool, page_at(f, 0), 2));
}

static void test_free_outside_pool_refused(void **state)
{
	struct pool_fixture *f = *state;
	u8 before_pool[PAGE_SIZE];

	alloc_all_single(f);
	assert_false(page_free(&f->pool, before_pool, 1));
	assert_false(page_free(&f->pool, f->mem - PAGE_SIZE, 1));
	assert_false(page_free(&f->pool, page_at(f, NR_PAGES), 1));
	/* Starts inside the pool, runs past its end. */
	assert_false(page_free(&f->pool, page_at(f, NR_PAGES - 1), 2));
	assert_false(page_free(&f->pool, page_at(f, 0), NR_PAGES + 1));
	assert_false(page_free(&f->pool, page_at(f, 1), SIZE_MAX));
	assert_false(page_free(&f->pool, NULL, 1));
	assert_int_equal(f->pool.nr_free, 0);
}

static void test_misaligned_free_refused(void **state)
{
	struct pool_fixture *f = *state;
	u8 *p = page_alloc(&f->pool, 2);

	assert_false(page_free(&f->pool, p + 8, 1));
	assert_false(page_free(&f->pool, p + PAGE_SIZE - 1, 1));
	assert_int_equal(f->pool.nr_free, NR_PAGES - 2);
	assert_true(page_free(&f->pool, p, 2));
}

static void test_free_whole_pool(void **state)
{
	struct pool_fixture *f = *state;

	alloc_all_single(f);
	assert_true(page_free(&f->pool, page_at(f, 0), NR_PAGES));
	assert_int_equal(f->pool.nr_free, NR_PAGES);
	for (size_t w = 0; w < BITMAP_WORDS; w++)
		assert_int_equal(f->bitmap[w], 0);
	assert_ptr_equal(page_alloc(&f->pool, NR_PAGES), page_at(f, 0));
}

#define POOL_TEST(fn) \
	cmocka_unit_test_setup_teardown(fn, pool_setup, pool_teardown)

int main(void)
{
	const struct CMUnitTest tests[] = {
		POOL_TEST(test_init_clears_bitmap),
		POOL_TEST(test_alloc_is_first_fit_and_zeroed),
		POOL_TEST(test_alloc_zero_pages_is_null),
		POOL_TEST(test_alloc_more_than_pool_fails),
		POOL_TEST(test_exhaustion_then_reuse),
		POOL_TEST(test_fragmented_pool_refuses_run),
		POOL_TEST(test_run_across_bitmap_words),
		POOL_TEST(test_last_page_of_partial_word),
		POOL_TEST(test_search_wraps_to_pool_start),
		POOL_TEST(test_double_free_refused),
		POOL_TEST(test_partly_free_range_refused),
		POOL_TEST(test_free_outside_pool_refused),
		POOL_TEST(test_misaligned_free_refused),
		POOL_TEST(test_free_whole_pool),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
