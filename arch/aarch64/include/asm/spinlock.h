/* SPDX-License-Identifier: Apache-2.0 */
/* How aarch64 lock waiters wait (WFE) and wake (SEV). */
#ifndef ASM_SPINLOCK_H
#define ASM_SPINLOCK_H

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
