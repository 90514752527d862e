/* SPDX-License-Identifier: Apache-2.0 */
/* This CPU's struct percpu on loongarch64, kept in $tp. */
#ifndef ASM_PERCPU_H
#define ASM_PERCPU_H

/*
 * $tp ($r2) holds this CPU's struct percpu: the hypervisor has no
 * thread-local storage, so the compiler never touches it.
 */
static inline struct percpu *this_cpu(void)
{
	struct percpu *cpu;

	__asm__("move %0, $tp" : "=r"(cpu));
	return cpu;
}

void arch_set_this_cpu(struct percpu *cpu);

#endif
