// SPDX-License-Identifier: Apache-2.0
/* Also compiled into the host unit tests: no CSR access here. */
#include <bulkhead/compiler.h>
#include <bulkhead/zone_config.h>
#include <asm/pgtable_format.h>

#define PTE_PPN_SHIFT 10
#define PTE_PPN_MASK (((1ull << 44) - 1) << PTE_PPN_SHIFT)
#define PTE_LEAF_BITS (PTE_R | PTE_W | PTE_X)

static u64 pte_of(paddr_t pa)
{
	return ((pa >> PAGE_SHIFT) << PTE_PPN_SHIFT) & PTE_PPN_MASK;
}

/*
 * A and D are set up front: without Svadu a clear bit would fault on
 * first use, and the hypervisor keeps no access statistics.
 */
static u64 rv_make_leaf(paddr_t pa, u64 attrs, unsigned int level)
{
	(void)level;
	return pte_of(pa) | attrs | PTE_U | PTE_A | PTE_D | PTE_V;
}

/*
 * The hypervisor's own (HS-mode, satp) leaves: supervisor pages (no U,
 * which S-mode could not fetch from), global (one address space), with
 * A and D set as for the G-stage.
 */
static u64 rv_make_hyp_leaf(paddr_t pa, u64 attrs, unsigned int level)
{
	(void)level;
	return pte_of(pa) | attrs | PTE_G | PTE_A | PTE_D | PTE_V;
}

static u64 rv_make_table(paddr_t pa)
{
	return pte_of(pa) | PTE_V;
}

static bool rv_is_valid(u64 pte)
{
	return pte & PTE_V;
}

static bool rv_is_table(u64 pte, unsigned int level)
{
	return level < 2 && !(pte & PTE_LEAF_BITS);
}

static paddr_t rv_output_address(u64 pte)
{
	return ((pte & PTE_PPN_MASK) >> PTE_PPN_SHIFT) << PAGE_SHIFT;
}

const struct pt_format riscv_sv39x4_format = {
	.levels = 3,
	.first_block_level = 0,
	.root_pages = 4,
	.make_leaf = rv_make_leaf,
	.make_table = rv_make_table,
	.is_valid = rv_is_valid,
	.is_table = rv_is_table,
	.output_address = rv_output_address,
};

const struct pt_format riscv_sv39_format = {
	.levels = 3,
	.first_block_level = 0,
	.make_leaf = rv_make_hyp_leaf,
	.make_table = rv_make_table,
	.is_valid = rv_is_valid,
	.is_table = rv_is_table,
	.output_address = rv_output_address,
};

/* Device or memory is the platform's PMAs' business, not the PTE's. */
u64 stage2_attrs(u32 mem_flags)
{
	u64 attrs = 0;

	if (mem_flags & MEM_READ)
		attrs |= PTE_R;
	if (mem_flags & MEM_WRITE)
		attrs |= PTE_W | PTE_R; /* W without R is reserved */
	if ((mem_flags & MEM_EXEC) && !(mem_flags & MEM_DEVICE))
		attrs |= PTE_X;
	return attrs;
}
