// SPDX-License-Identifier: Apache-2.0
/* Generic page-table walker: maps, looks up and frees, per arch format. */
#include <bulkhead/pgtable.h>

static size_t pt_root_pages(const struct pt_format *fmt)
{
	return fmt->root_pages ? fmt->root_pages : 1;
}

int pt_init(struct pgtable *pt, const struct pt_format *fmt,
	    struct page_pool *pool)
{
	pt->fmt = fmt;
	pt->pool = pool;
	pt->root = page_alloc_aligned(pool, pt_root_pages(fmt),
				      pt_root_pages(fmt));
	return pt->root ? 0 : PT_ENOMEM;
}

static bool can_use_block(const struct pt_format *fmt, unsigned int level,
			  u64 va, paddr_t pa, u64 size)
{
	u64 block = 1ull << pt_level_shift(fmt, level);

	if (level == fmt->levels - 1)
		return true;
	return level >= fmt->first_block_level && size >= block &&
	       ((va | pa) & (block - 1)) == 0;
}

/* The next-level table under *pte, created if the entry is empty. */
static u64 *next_table(struct pgtable *pt, u64 *pte, unsigned int level)
{
	u64 *table;

	if (pt->fmt->is_valid(*pte)) {
		if (!pt->fmt->is_table(*pte, level))
			return NULL;
		return pt_phys_to_virt(pt->fmt->output_address(*pte));
	}
	table = page_alloc(pt->pool, 1);
	if (table)
		*pte = pt->fmt->make_table(pt_virt_to_phys(table));
	return table;
}

static int map_level(struct pgtable *pt, u64 *table, unsigned int level, u64 va,
		     paddr_t pa, u64 size, u64 attrs)
{
	const struct pt_format *fmt = pt->fmt;
	unsigned int shift = pt_level_shift(fmt, level);
	u64 span = 1ull << shift;

	while (size) {
		u64 *pte = &table[(va >> shift) & (PT_ENTRIES - 1)];
		u64 chunk = span - (va & (span - 1));
		int err;

		if (chunk > size)
			chunk = size;
		if (can_use_block(fmt, level, va, pa, chunk)) {
			if (fmt->is_valid(*pte))
				return PT_EEXIST;
			*pte = fmt->make_leaf(pa, attrs, level);
		} else {
			u64 *next = next_table(pt, pte, level);

			if (!next)
				return fmt->is_valid(*pte) ? PT_EEXIST :
							     PT_ENOMEM;
			err = map_level(pt, next, level + 1, va, pa, chunk,
					attrs);
			if (err)
				return err;
		}
		va += chunk;
		pa += chunk;
		size -= chunk;
	}
	return 0;
}

/* Whether a leaf descriptor can hold @pa (its address field is wide enough). */
static bool pa_fits(const struct pt_format *fmt, paddr_t pa)
{
	return fmt->output_address(fmt->make_leaf(pa, 0, fmt->levels - 1)) ==
	       pa;
}

int pt_map_range(struct pgtable *pt, u64 va, paddr_t pa, u64 size, u64 attrs)
{
	u64 mask = PAGE_SIZE - 1;

	if ((va | pa | size) & mask || size == 0)
		return PT_EINVAL;
	if (va + size > pt_va_limit(pt->fmt) || va + size < va)
		return PT_EINVAL;
	/* The output address must survive the descriptor's address field. */
	if (pa + size < pa || !pa_fits(pt->fmt, pa + size - PAGE_SIZE))
		return PT_EINVAL;
	return map_level(pt, pt->root, 0, va, pa, size, attrs);
}

u64 pt_lookup(const struct pgtable *pt, u64 va, unsigned int *level)
{
	const struct pt_format *fmt = pt->fmt;
	u64 *table = pt->root;

	if (va >= pt_va_limit(fmt))
		return 0;
	for (unsigned int l = 0; l < fmt->levels; l++) {
		u64 pte = table[(va >> pt_level_shift(fmt, l)) &
				(PT_ENTRIES - 1)];

		if (!fmt->is_valid(pte))
			return 0;
		if (!fmt->is_table(pte, l)) {
			if (level)
				*level = l;
			return pte;
		}
		table = pt_phys_to_virt(fmt->output_address(pte));
	}
	return 0;
}

static void free_level(struct pgtable *pt, u64 *table, unsigned int level)
{
	size_t pages = level ? 1 : pt_root_pages(pt->fmt);

	for (unsigned int i = 0; i < PT_ENTRIES; i++) {
		u64 pte = table[i];

		if (pt->fmt->is_valid(pte) && pt->fmt->is_table(pte, level))
			free_level(
				pt,
				pt_phys_to_virt(pt->fmt->output_address(pte)),
				level + 1);
	}
	page_free(pt->pool, table, pages);
}

void pt_destroy(struct pgtable *pt)
{
	if (pt->root)
		free_level(pt, pt->root, 0);
	pt->root = NULL;
}
