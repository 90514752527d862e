/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Architecture-neutral page-table walker. An architecture describes its
 * descriptor format (struct pt_format); the walker builds and looks up
 * tables with it. The same code serves the hypervisor's own stage-1 tables
 * and every zone's stage-2 tables, and runs on a host buffer in unit tests.
 */
#ifndef BULKHEAD_PGTABLE_H
#define BULKHEAD_PGTABLE_H

#include <bulkhead/page_alloc.h>
#include <bulkhead/types.h>

#define PT_ENTRIES 512
#define PT_LEVEL_BITS 9

struct pt_format {
	unsigned int levels; /* levels below and including the root */
	unsigned int
		first_block_level; /* highest level that may hold a block */
	/*
	 * Pages of the root table, aligned to its size (RISC-V's x4 stage-2
	 * roots: 4). Only its first page is walked: the address space is
	 * that of a one-page root. 0 means 1.
	 */
	unsigned int root_pages;
	u64 (*make_leaf)(paddr_t pa, u64 attrs, unsigned int level);
	u64 (*make_table)(paddr_t pa);
	bool (*is_valid)(u64 pte);
	bool (*is_table)(u64 pte, unsigned int level);
	paddr_t (*output_address)(u64 pte);
};

struct pgtable {
	u64 *root;
	const struct pt_format *fmt;
	struct page_pool *pool;
};

/* Errors: negative. */
#define PT_ENOMEM (-1) /* pool exhausted */
#define PT_EEXIST (-2) /* range overlaps an existing mapping */
#define PT_EINVAL (-3) /* unaligned or outside the address space */

int pt_init(struct pgtable *pt, const struct pt_format *fmt,
	    struct page_pool *pool);
/*
 * Maps [va, va + size) to [pa, pa + size) with the format's leaf attrs,
 * using the largest blocks that alignment allows.
 */
int pt_map_range(struct pgtable *pt, u64 va, paddr_t pa, u64 size, u64 attrs);
/* Returns the leaf descriptor for va (0 if unmapped), its level in *level. */
u64 pt_lookup(const struct pgtable *pt, u64 va, unsigned int *level);
/* Frees every table page; the tables must no longer be in use. */
void pt_destroy(struct pgtable *pt);

static inline unsigned int pt_level_shift(const struct pt_format *fmt,
					  unsigned int level)
{
	return PAGE_SHIFT + PT_LEVEL_BITS * (fmt->levels - 1 - level);
}

static inline u64 pt_va_limit(const struct pt_format *fmt)
{
	return 1ull << (pt_level_shift(fmt, 0) + PT_LEVEL_BITS);
}

/* What each kind of memory is in the hypervisor's own map (the arch's). */
struct hyp_map_attrs {
	u64 text, rodata, data, device;
};

/*
 * Builds the hypervisor's 1:1 stage-1 tables @pt in @fmt from its pool:
 * the image by section, the console and interrupt controller registers,
 * the image store and every zone's memory (src/mm/hyp_map.c).
 */
int hyp_map_build(struct pgtable *pt, const struct pt_format *fmt,
		  const struct hyp_map_attrs *attrs);

/* Tables hold addresses; the hypervisor maps its memory 1:1, tests too. */
static inline paddr_t pt_virt_to_phys(const void *p)
{
	return (paddr_t)(uintptr_t)p;
}

static inline u64 *pt_phys_to_virt(paddr_t pa)
{
	return (u64 *)(uintptr_t)pa;
}

#endif
