/* SPDX-License-Identifier: Apache-2.0 */
/* Ticket spinlocks; the architecture supplies how a waiter waits. */
#ifndef BULKHEAD_SPINLOCK_H
#define BULKHEAD_SPINLOCK_H

#include <asm/spinlock.h> /* arch_wait_event, arch_send_event */

/*
 * Ticket lock: FIFO, so no CPU starves behind a chatty zone. The atomics
 * are the compiler's (inline on both architectures); only how a waiter
 * waits is the architecture's.
 */
typedef struct {
	unsigned int next;
	unsigned int owner;
} spinlock_t;

#define SPINLOCK_INIT \
	{             \
		0, 0  \
	}

static inline void spin_lock(spinlock_t *lock)
{
	unsigned int me = __atomic_fetch_add(&lock->next, 1, __ATOMIC_ACQUIRE);

	while (__atomic_load_n(&lock->owner, __ATOMIC_ACQUIRE) != me)
		arch_wait_event();
}

static inline void spin_unlock(spinlock_t *lock)
{
	__atomic_store_n(&lock->owner, lock->owner + 1, __ATOMIC_RELEASE);
	arch_send_event();
}

#endif
