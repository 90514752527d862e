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
 * Waiters sleep in WFE instead of spinning: under QEMU -icount a spinning
 * CPU burns its whole time slice, and on silicon it burns power.
 */
static inline void arch_wait_event(void)
{
	__asm__ volatile("wfe" ::: "memory");
}

/*
 * A longer wait for another CPU to change some state (a vCPU switched on,
 * a zone restarting): the change ends with an unlock, whose SEV wakes us.
 */
static inline void arch_wait_state(void)
{
	arch_wait_event();
}

static inline void arch_send_event(void)
{
	__asm__ volatile("dsb ish; sev" ::: "memory");
}

#endif
