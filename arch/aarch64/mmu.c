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

extern u8 __text_start[], __text_end[], __rodata_start[], __rodata_end[];

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

int arch_hyp_map(paddr_t pa, u64 size, bool device)
{
	return pt_map_range(&hyp_pt, pa, pa, size,
			    device ? S1_HYP_DEVICE : S1_HYP_DATA);
}

static int map_image(void)
{
	u64 text = (u64)(uintptr_t)__text_start;
	u64 rodata = (u64)(uintptr_t)__rodata_start;
	u64 data = (u64)(uintptr_t)__rodata_end;
	u64 end = platform.hyp.base + platform.hyp.size;

	if (pt_map_range(&hyp_pt, text, text, rodata - text, S1_HYP_TEXT) ||
	    pt_map_range(&hyp_pt, rodata, rodata, data - rodata,
			 S1_HYP_RODATA) ||
	    pt_map_range(&hyp_pt, data, data, end - data, S1_HYP_DATA))
		return -1;
	return 0;
}

static int map_devices_and_zones(void)
{
	int err = arch_hyp_map(ALIGN_DOWN(platform.console.reg.base, PAGE_SIZE),
			       ALIGN_UP(platform.console.reg.size, PAGE_SIZE),
			       true);

	for (u32 i = 0; !err && i < platform.irqchip.nr_regs; i++)
		err = arch_hyp_map(platform.irqchip.regs[i].base,
				   platform.irqchip.regs[i].size, true);
	if (!err && platform.image_store.size)
		err = arch_hyp_map(platform.image_store.base,
				   platform.image_store.size, false);
	for (u32 z = 0; !err && z < nr_zone_configs; z++) {
		const struct zone_config *cfg = &zone_configs[z];

		/* A channel's memory is in both of its zones: mapped once. */
		for (u32 i = 0; !err && i < cfg->nr_mem; i++)
			if (!(cfg->mem[i].flags & MEM_DEVICE) &&
			    !pt_lookup(&hyp_pt, cfg->mem[i].phys, NULL))
				err = arch_hyp_map(cfg->mem[i].phys,
						   cfg->mem[i].size, false);
	}
	return err;
}

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
	if (pt_init(&hyp_pt, &aarch64_pt_format, &hyp_pool))
		return -1;
	if (map_image() || map_devices_and_zones())
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
