// SPDX-License-Identifier: Apache-2.0
/*
 * The hypervisor's HS-mode address space (satp = Sv39): 1:1, its text
 * readable and executable only, its read-only data readable only, the
 * rest of its memory, the devices it drives, the image store and the
 * zones' memory (hypercalls and device models read guest buffers after
 * checking them) readable and writable, never executable. Device or
 * memory is the platform's PMAs' business, as on the G-stage. Guests are
 * confined by their G-stage tables; the firmware's PMP keeps M-mode
 * memory out of everyone's reach.
 */
#include <bulkhead/arch.h>
#include <bulkhead/compiler.h>
#include <bulkhead/zone.h>
#include <asm/csr.h>
#include <asm/pgtable_format.h>

extern u8 __text_start[], __rodata_start[], __rodata_end[];

static struct pgtable hyp_pt;

/*
 * The satp value every hart loads; head.S reads it on secondary harts
 * before they run C code (with the MMU off, memory is coherent: RISC-V
 * has no cache maintenance to do for it). In .data: a late hart may read
 * it before .bss is cleared.
 */
u64 hyp_satp __section(".data");

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

static int map_zone_memory(const struct zone_config *cfg)
{
	int err = 0;

	/* A channel's memory is in both of its zones: mapped once. */
	for (u32 i = 0; !err && i < cfg->nr_mem; i++)
		if (!(cfg->mem[i].flags & MEM_DEVICE) &&
		    !pt_lookup(&hyp_pt, cfg->mem[i].phys, NULL))
			err = arch_hyp_map(cfg->mem[i].phys, cfg->mem[i].size,
					   false);
	return err;
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
	for (u32 z = 0; !err && z < nr_zone_configs; z++)
		err = map_zone_memory(&zone_configs[z]);
	return err;
}

/* RISC-V harts keep memory coherent with instruction fetch by fence.i. */
void arch_clean_dcache(paddr_t pa, u64 size)
{
	(void)pa;
	(void)size;
	__asm__ volatile("fence rw, rw; fence.i" ::: "memory");
}

void arch_mmu_enable_this_cpu(void)
{
	__asm__ volatile("sfence.vma" ::: "memory");
	csr_write(satp, hyp_satp);
	__asm__ volatile("sfence.vma" ::: "memory");
}

int arch_mmu_init(void)
{
	if (pt_init(&hyp_pt, &riscv_sv39_format, &hyp_pool))
		return -1;
	if (map_image() || map_devices_and_zones())
		return -1;
	hyp_satp = SATP_MODE_SV39 | pt_virt_to_phys(hyp_pt.root) >> PAGE_SHIFT;
	arch_mmu_enable_this_cpu();
	return 0;
}
