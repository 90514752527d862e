/* SPDX-License-Identifier: Apache-2.0 */
#ifndef ASM_SPINLOCK_H
#define ASM_SPINLOCK_H

typedef unsigned int arch_ticket_t;

static inline arch_ticket_t arch_fetch_inc(arch_ticket_t *p)
{
	return __atomic_fetch_add(p, 1, __ATOMIC_ACQUIRE);
}

static inline arch_ticket_t arch_load_acquire(arch_ticket_t *p)
{
	return __atomic_load_n(p, __ATOMIC_ACQUIRE);
}

static inline void arch_store_release(arch_ticket_t *p, arch_ticket_t v)
{
	__atomic_store_n(p, v, __ATOMIC_RELEASE);
}

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
