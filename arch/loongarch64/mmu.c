// SPDX-License-Identifier: Apache-2.0
/*
 * The hypervisor's address space on LoongArch: paging on, no TLB use.
 * head.S sets two direct-mapped windows before any C runs:
 *   DMW0, VSEG 0x0, coherent cached: physical memory 1:1, which is what
 *         the core assumes (its addresses are physical ones);
 *   DMW1, VSEG 0x8, strongly-ordered uncached: the same space uncached.
 * Any other address misses the windows and the TLB: the refill entry
 * reports it as a hypervisor fault (crash.c). The zones' GPA tables are
 * separate (pgtable_format.c) and used only with LVZ.
 *
 * Device registers are reached through DMW0 too, since the core hands
 * drivers physical addresses. QEMU does not model caches, so this is
 * exact there; on silicon the device windows must move to DMW1's alias
 * (a stage-1 map, src/mm/hyp_map.c, is where that belongs): not done, untested on hardware.
 */
#include <bulkhead/arch.h>
#include <asm/loongarch.h>

int arch_mmu_init(void)
{
	return 0;
}

void arch_mmu_enable_this_cpu(void)
{
}

/*
 * LoongArch caches are coherent with DMA and, after IBAR, with
 * instruction fetch: a zone image the hypervisor copied needs only the
 * barriers.
 */
void arch_clean_dcache(paddr_t pa, u64 size)
{
	(void)pa;
	(void)size;
	__asm__ volatile("dbar 0\n\tibar 0" ::: "memory");
}
