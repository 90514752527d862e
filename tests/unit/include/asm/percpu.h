/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Host stand-in for arch/aarch64/include/asm/percpu.h: instead of
 * TPIDR_EL2, this_cpu() returns whatever the test set with
 * arch_set_this_cpu() (defined in tests/unit/fakes.c).
 */
#ifndef ASM_PERCPU_H
#define ASM_PERCPU_H

struct percpu;

extern struct percpu *host_this_cpu;

static inline struct percpu *this_cpu(void)
{
	return host_this_cpu;
}

static inline void arch_set_this_cpu(struct percpu *cpu)
{
	host_this_cpu = cpu;
}

#endif
