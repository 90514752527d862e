/* SPDX-License-Identifier: Apache-2.0 */
#ifndef BULKHEAD_SPINLOCK_H
#define BULKHEAD_SPINLOCK_H

#include <asm/spinlock.h>

/* Ticket lock: FIFO, so no CPU starves behind a chatty zone. */
typedef struct {
	arch_ticket_t next;
	arch_ticket_t owner;
} spinlock_t;

#define SPINLOCK_INIT \
	{             \
		0, 0  \
	}

static inline void spin_lock(spinlock_t *lock)
{
	arch_ticket_t me = arch_fetch_inc(&lock->next);

	while (arch_load_acquire(&lock->owner) != me)
		arch_wait_event();
}

static inline void spin_unlock(spinlock_t *lock)
{
	arch_store_release(&lock->owner, lock->owner + 1);
	arch_send_event();
}

#endif
