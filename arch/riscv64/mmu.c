// SPDX-License-Identifier: Apache-2.0
/*
 * The hypervisor runs in HS-mode with satp = Bare: it addresses physical
 * memory directly, and the firmware's PMP keeps M-mode memory out of its
 * reach. Guests are confined by their G-stage tables alone. Protecting
 * the hypervisor's own text from itself (an HS-mode stage-1 with W^X, as
 * the aarch64 port has at EL2) is not done yet.
 */
#include <bulkhead/arch.h>

int arch_mmu_init(void)
{
	return 0;
}

void arch_mmu_enable_this_cpu(void)
{
}

int arch_hyp_map(paddr_t pa, u64 size, bool device)
{
	(void)pa;
	(void)size;
	(void)device;
	return 0;
}

/* RISC-V harts keep memory coherent with instruction fetch by fence.i. */
void arch_clean_dcache(paddr_t pa, u64 size)
{
	(void)pa;
	(void)size;
	__asm__ volatile("fence rw, rw; fence.i" ::: "memory");
}
