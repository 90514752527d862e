// SPDX-License-Identifier: Apache-2.0
/*
 * The hypervisor's EL2 stage-1 address space: 1:1, text read-only and
 * executable, everything else execute-never (SCTLR_EL2.WXN enforces it),
 * devices as device-nGnRE. Zone memory is mapped too (non-executable) so
 * hypercalls can read guest buffers after checking them.
 */
#include <bulkhead/arch.h>
#include <bulkhead/compiler.h>
#include <bulkhead/zone.h>
#include <asm/pgtable_format.h>
#include <asm/sysreg.h>

/* TCR_EL2: 39-bit VA, 4 KiB granule, write-back walks, 40-bit PA. */
#define TCR_EL2_VALUE                                                \
	((1ull << 31) | (1ull << 23) | (2ull << 16) | (3ull << 12) | \
	 (1ull << 10) | (1ull << 8) | (64 - ARM_VA_BITS))
#define SCTLR_EL2_RES1 0x30c50830ull
#define SCTLR_M BIT(0)
#define SCTLR_C BIT(2)
#define SCTLR_SA BIT(3)
#define SCTLR_I BIT(12)
#define SCTLR_WXN BIT(19)

static struct pgtable hyp_pt;

/* Read by head.S on secondary CPUs before their MMU is on. */
struct {
	u64 mair, tcr, ttbr0, sctlr;
} hyp_mmu_regs __aligned(64);

static const struct hyp_map_attrs hyp_attrs = {
	.text = S1_HYP_TEXT,
	.rodata = S1_HYP_RODATA,
	.data = S1_HYP_DATA,
	.device = S1_HYP_DEVICE,
};

/* Guests start with caches off: what we copied must be in memory. */
void arch_clean_dcache(paddr_t pa, u64 size)
{
	u64 line = 4u << ((read_sysreg(ctr_el0) >> 16) & 0xf);

	for (u64 a = ALIGN_DOWN(pa, line); a < pa + size; a += line)
		__asm__ volatile("dc cvac, %0" ::"r"(a) : "memory");
	dsb(sy);
}

void arch_mmu_enable_this_cpu(void)
{
	write_sysreg(mair_el2, hyp_mmu_regs.mair);
	write_sysreg(tcr_el2, hyp_mmu_regs.tcr);
	write_sysreg(ttbr0_el2, hyp_mmu_regs.ttbr0);
	isb();
	__asm__ volatile("tlbi alle2; dsb nsh" ::: "memory");
	write_sysreg(sctlr_el2, hyp_mmu_regs.sctlr);
	isb();
}

/* Secondaries read hyp_mmu_regs with caches off: push it to memory. */
static void publish_mmu_regs(void)
{
	__asm__ volatile("dc civac, %0" ::"r"(&hyp_mmu_regs) : "memory");
	dsb(sy);
}

int arch_mmu_init(void)
{
	if (hyp_map_build(&hyp_pt, &aarch64_pt_format, &hyp_attrs))
		return -1;
	hyp_mmu_regs.mair = MAIR_EL2_VALUE;
	hyp_mmu_regs.tcr = TCR_EL2_VALUE;
	hyp_mmu_regs.ttbr0 = pt_virt_to_phys(hyp_pt.root);
	hyp_mmu_regs.sctlr = SCTLR_EL2_RES1 | SCTLR_M | SCTLR_C | SCTLR_SA |
			     SCTLR_I | SCTLR_WXN;
	dsb(sy);
	arch_mmu_enable_this_cpu();
	publish_mmu_regs();
	return 0;
}
