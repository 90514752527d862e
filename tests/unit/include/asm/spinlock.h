/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Host stand-in for the architectures' asm/spinlock.h: waiters spin
 * instead of sleeping in WFE or WFI.
 */
#ifndef ASM_SPINLOCK_H
#define ASM_SPINLOCK_H

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
