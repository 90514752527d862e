// SPDX-License-Identifier: Apache-2.0
/* The LVZ GPA table format. Also compiled into host unit tests: no CSRs. */
#include <bulkhead/compiler.h>
#include <bulkhead/zone_config.h>
#include <asm/pgtable_format.h>

#define LA_LEVELS 3
#define PTE_PA_MASK (((1ull << PTE_PA_BITS) - 1) & ~((1ull << PAGE_SHIFT) - 1))

/*
 * A huge leaf's bit 12 is its global bit, not an address bit: huge
 * pages are 2 MiB aligned at least, so the address never needs it.
 */
static u64 la_make_leaf(paddr_t pa, u64 attrs, unsigned int level)
{
	u64 pte = (pa & PTE_PA_MASK) | attrs | PTE_V | PTE_P;

	if (level < LA_LEVELS - 1)
		pte |= PTE_HUGE;
	return pte;
}

/* A directory entry is the bare address of the table below. */
static u64 la_make_table(paddr_t pa)
{
	return pa & PTE_PA_MASK;
}

static bool la_is_valid(u64 pte)
{
	return pte != 0;
}

static bool la_is_table(u64 pte, unsigned int level)
{
	return level < LA_LEVELS - 1 && !(pte & PTE_HUGE);
}

static paddr_t la_output_address(u64 pte)
{
	u64 mask = PTE_PA_MASK;

	if (pte & PTE_HUGE)
		mask &= ~PTE_HGLOBAL;
	return pte & mask;
}

const struct pt_format loongarch_gpa_format = {
	.levels = LA_LEVELS,
	.first_block_level = 0,
	.root_pages = 1,
	.make_leaf = la_make_leaf,
	.make_table = la_make_table,
	.is_valid = la_is_valid,
	.is_table = la_is_table,
	.output_address = la_output_address,
};

/*
 * The guest runs its own PLV levels inside the zone: GPA entries are
 * PLV0-accessible to all (the guest TLB does the guest's protection).
 * Readable is the default; NR and NX take rights away.
 */
u64 stage2_attrs(u32 mem_flags)
{
	u64 attrs = (mem_flags & MEM_DEVICE) ? PTE_MAT_SUC : PTE_MAT_CC;

	if (!(mem_flags & MEM_READ))
		attrs |= PTE_NR;
	if (mem_flags & MEM_WRITE)
		attrs |= PTE_W | PTE_D;
	if (!(mem_flags & MEM_EXEC) || (mem_flags & MEM_DEVICE))
		attrs |= PTE_NX;
	return attrs;
}
