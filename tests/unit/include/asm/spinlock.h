/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Host stand-in for arch/aarch64/include/asm/spinlock.h: the same
 * primitives on compiler atomics. Waiters spin instead of sleeping in WFE.
 */
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

static inline void arch_wait_event(void)
{
}

static inline void arch_wait_state(void)
{
}

static inline void arch_send_event(void)
{
}

#endif
