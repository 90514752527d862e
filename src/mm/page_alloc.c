// SPDX-License-Identifier: Apache-2.0
/*
 * First-fit bitmap allocator. Boot allocates a few dozen pages and zone
 * teardown returns them, so a scan is cheap; what matters is that a
 * request never hands out a page twice and never goes past the pool.
 */
#include <bulkhead/compiler.h>
#include <bulkhead/page_alloc.h>
#include <bulkhead/string.h>

static bool bit_test(const u64 *map, size_t n)
{
	return map[n / 64] & (1ull << (n % 64));
}

static void bits_assign(u64 *map, size_t first, size_t count, bool set)
{
	for (size_t n = first; n < first + count; n++) {
		if (set)
			map[n / 64] |= 1ull << (n % 64);
		else
			map[n / 64] &= ~(1ull << (n % 64));
	}
}

void page_pool_init(struct page_pool *pool, void *base, size_t nr_pages,
		    u64 *bitmap)
{
	pool->base = base;
	pool->nr_pages = nr_pages;
	pool->nr_free = nr_pages;
	pool->hint = 0;
	pool->bitmap = bitmap;
	pool->lock = (spinlock_t)SPINLOCK_INIT;
	pool->locking = false;
	memset(bitmap, 0, PAGE_POOL_BITMAP_WORDS(nr_pages) * sizeof(u64));
}

void page_pool_enable_locking(struct page_pool *pool)
{
	pool->locking = true;
}

static void pool_lock(struct page_pool *pool)
{
	if (pool->locking)
		spin_lock(&pool->lock);
}

static void pool_unlock(struct page_pool *pool)
{
	if (pool->locking)
		spin_unlock(&pool->lock);
}

/* Whether pages [first, first + count) are all free. */
static bool run_is_free(const struct page_pool *pool, size_t first,
			size_t count)
{
	for (size_t n = first; n < first + count; n++)
		if (bit_test(pool->bitmap, n))
			return false;
	return true;
}

/*
 * Index of the first run of `count` free pages at or after `from` that
 * starts on a multiple of `align` pages; nr_pages if there is none.
 */
static size_t find_free_run(const struct page_pool *pool, size_t from,
			    size_t count, size_t align)
{
	from = ALIGN_UP(from, align);
	for (size_t n = from; n + count <= pool->nr_pages; n += align)
		if (run_is_free(pool, n, count))
			return n;
	return pool->nr_pages;
}

/*
 * `align` counts pages, a power of two, relative to the pool's base
 * (page-aligned; the caller aligns the pool for larger alignments).
 */
void *page_alloc_aligned(struct page_pool *pool, size_t nr_pages, size_t align)
{
	size_t first;
	void *page = NULL;

	if (nr_pages == 0 || align == 0 || (align & (align - 1)))
		return NULL;
	pool_lock(pool);
	if (nr_pages <= pool->nr_free) {
		first = find_free_run(pool, pool->hint, nr_pages, align);
		if (first == pool->nr_pages)
			first = find_free_run(pool, 0, nr_pages, align);
		if (first < pool->nr_pages) {
			bits_assign(pool->bitmap, first, nr_pages, true);
			pool->nr_free -= nr_pages;
			pool->hint = first + nr_pages;
			page = pool->base + first * PAGE_SIZE;
		}
	}
	pool_unlock(pool);
	if (page)
		memset(page, 0, nr_pages * PAGE_SIZE);
	return page;
}

void *page_alloc(struct page_pool *pool, size_t nr_pages)
{
	return page_alloc_aligned(pool, nr_pages, 1);
}

/* Refuses (returns false) a range that is not wholly allocated pool pages. */
bool page_free(struct page_pool *pool, void *page, size_t nr_pages)
{
	size_t offset = (u8 *)page - pool->base;
	size_t first = offset / PAGE_SIZE;
	bool ok = (u8 *)page >= pool->base && offset % PAGE_SIZE == 0 &&
		  nr_pages <= pool->nr_pages &&
		  first <= pool->nr_pages - nr_pages;

	pool_lock(pool);
	for (size_t n = first; ok && n < first + nr_pages; n++)
		ok = bit_test(pool->bitmap, n);
	if (ok) {
		bits_assign(pool->bitmap, first, nr_pages, false);
		pool->nr_free += nr_pages;
		if (first < pool->hint)
			pool->hint = first;
	}
	pool_unlock(pool);
	return ok;
}
