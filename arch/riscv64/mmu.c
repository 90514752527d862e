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

static struct pgtable hyp_pt;

/*
 * The satp value every hart loads; head.S reads it on secondary harts
 * before they run C code (with the MMU off, memory is coherent: RISC-V
 * has no cache maintenance to do for it). In .data: a late hart may read
 * it before .bss is cleared.
 */
u64 hyp_satp __section(".data");

static const struct hyp_map_attrs hyp_attrs = {
	.text = S1_HYP_TEXT,
	.rodata = S1_HYP_RODATA,
	.data = S1_HYP_DATA,
	.device = S1_HYP_DEVICE,
};

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
	if (hyp_map_build(&hyp_pt, &riscv_sv39_format, &hyp_attrs))
		return -1;
	hyp_satp = SATP_MODE_SV39 | pt_virt_to_phys(hyp_pt.root) >> PAGE_SHIFT;
	arch_mmu_enable_this_cpu();
	return 0;
}
