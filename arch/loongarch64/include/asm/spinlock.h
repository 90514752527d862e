/* SPDX-License-Identifier: Apache-2.0 */
/* How loongarch64 lock waiters wait (they spin). */
#ifndef ASM_SPINLOCK_H
#define ASM_SPINLOCK_H

/*
 * LoongArch has no wait-for-event: a lock waiter spins (critical
 * sections are short), and an unlock signals nothing. The ll/sc and
 * AM* atomics the compiler emits need cached memory, which is all the
 * hypervisor's memory is (mmu.c).
 */
static inline void arch_wait_event(void)
{
	__asm__ volatile("nop" ::: "memory");
}

static inline void arch_send_event(void)
{
}

/*
 * A longer wait for another CPU's change of state: IDLE, bounded by the
 * hypervisor's timer, since not every such change comes with an IPI.
 */
void arch_wait_state(void);

#endif
