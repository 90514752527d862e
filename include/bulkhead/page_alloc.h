/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Physical page allocator: one bitmap over a contiguous pool. The
 * hypervisor's pool is what its memory region holds past the image; page
 * tables and per-zone state come from it. Pages are handed out zeroed.
 */
#ifndef BULKHEAD_PAGE_ALLOC_H
#define BULKHEAD_PAGE_ALLOC_H

#include <bulkhead/spinlock.h>
#include <bulkhead/types.h>

#define PAGE_SHIFT 12
#define PAGE_SIZE (1ul << PAGE_SHIFT)

struct page_pool {
	u8 *base; /* address the hypervisor uses for the first page */
	size_t nr_pages;
	size_t nr_free;
	size_t hint; /* where the next search starts */
	u64 *bitmap; /* 1 = allocated; nr_pages bits */
	spinlock_t lock;
	/*
	 * Off until the boot CPU's MMU is on: with the MMU off every access
	 * is Device memory, where exclusive loads/stores (the lock) are not
	 * guaranteed to work. Only one CPU runs then, so nothing is lost.
	 */
	bool locking;
};

/* Words of bitmap storage a pool of nr_pages needs. */
#define PAGE_POOL_BITMAP_WORDS(nr_pages) (((nr_pages) + 63) / 64)

void page_pool_init(struct page_pool *pool, void *base, size_t nr_pages,
		    u64 *bitmap);
void page_pool_enable_locking(struct page_pool *pool);
void *page_alloc(struct page_pool *pool, size_t nr_pages);
/* A run starting on a multiple of `align` pages from the pool's base. */
void *page_alloc_aligned(struct page_pool *pool, size_t nr_pages, size_t align);
bool page_free(struct page_pool *pool, void *page, size_t nr_pages);

/* The hypervisor's own pool, set up at boot. */
extern struct page_pool hyp_pool;

#endif
