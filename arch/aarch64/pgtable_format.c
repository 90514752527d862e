// SPDX-License-Identifier: Apache-2.0
/* Also compiled into the host unit tests: no system-register access here. */
#include <bulkhead/compiler.h>
#include <bulkhead/zone_config.h>
#include <asm/pgtable_format.h>

#define PTE_VALID BIT(0)
#define PTE_TYPE_TABLE_OR_PAGE BIT(1)
#define PTE_ADDR_MASK 0x0000fffffffff000ull
#define LAST_LEVEL 2

static u64 arm_make_leaf(paddr_t pa, u64 attrs, unsigned int level)
{
	u64 type = level == LAST_LEVEL ? PTE_TYPE_TABLE_OR_PAGE : 0;

	return (pa & PTE_ADDR_MASK) | attrs | type | PTE_VALID;
}

static u64 arm_make_table(paddr_t pa)
{
	return (pa & PTE_ADDR_MASK) | PTE_TYPE_TABLE_OR_PAGE | PTE_VALID;
}

static bool arm_is_valid(u64 pte)
{
	return pte & PTE_VALID;
}

static bool arm_is_table(u64 pte, unsigned int level)
{
	return level < LAST_LEVEL && (pte & PTE_TYPE_TABLE_OR_PAGE);
}

static paddr_t arm_output_address(u64 pte)
{
	return pte & PTE_ADDR_MASK;
}

const struct pt_format aarch64_pt_format = {
	.levels = 3,
	.first_block_level = 0,
	.make_leaf = arm_make_leaf,
	.make_table = arm_make_table,
	.is_valid = arm_is_valid,
	.is_table = arm_is_table,
	.output_address = arm_output_address,
};

u64 stage2_attrs(u32 mem_flags)
{
	u64 attrs = PTE_AF;

	if (mem_flags & MEM_DEVICE)
		attrs |= S2_MEMATTR_DEVICE;
	else
		attrs |= S2_MEMATTR_NORMAL | PTE_SH_INNER;
	if (mem_flags & MEM_READ)
		attrs |= S2_AP_READ;
	if (mem_flags & MEM_WRITE)
		attrs |= S2_AP_WRITE;
	if (!(mem_flags & MEM_EXEC) || (mem_flags & MEM_DEVICE))
		attrs |= PTE_XN;
	return attrs;
}
