/* SPDX-License-Identifier: Apache-2.0 */
/* This CPU's struct percpu on riscv64, kept in tp. */
#ifndef ASM_PERCPU_H
#define ASM_PERCPU_H

/*
 * tp holds this CPU's struct percpu while in the hypervisor; the trap
 * entry saves the guest's tp and loads ours from the CPU's trap frame.
 */
static inline struct percpu *this_cpu(void)
{
	struct percpu *cpu;

	__asm__("mv %0, tp" : "=r"(cpu));
	return cpu;
}

void arch_set_this_cpu(struct percpu *cpu);

#endif
