/* SPDX-License-Identifier: Apache-2.0 */
/* This CPU's struct percpu on aarch64, kept in TPIDR_EL2. */
#ifndef ASM_PERCPU_H
#define ASM_PERCPU_H

#include <asm/sysreg.h>

/* TPIDR_EL2 holds this CPU's struct percpu; guests cannot touch it. */
static inline struct percpu *this_cpu(void)
{
	return (struct percpu *)read_sysreg(tpidr_el2);
}

static inline void arch_set_this_cpu(struct percpu *cpu)
{
	write_sysreg(tpidr_el2, (u64)(uintptr_t)cpu);
}

#endif
