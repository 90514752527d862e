/* SPDX-License-Identifier: Apache-2.0 */
/* How riscv64 lock waiters wait (they spin). */
#ifndef ASM_SPINLOCK_H
#define ASM_SPINLOCK_H

/*
 * RISC-V has no wait-for-event: a lock waiter spins (critical sections
 * are short), and an unlock signals nothing.
 */
static inline void arch_wait_event(void)
{
	__asm__ volatile("nop" ::: "memory");
}

static inline void arch_send_event(void)
{
}

/*
 * A longer wait for another CPU's change of state: WFI, bounded by the
 * hypervisor's timer, since not every such change comes with an IPI.
 * Under QEMU -icount a spinning hart would burn its whole time slice.
 */
void arch_wait_state(void);

#endif
