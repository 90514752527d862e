/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Memory barriers for memory shared with guests (virtqueues, IVC). The
 * compiler's fences are the architecture's (dmb ish*, fence rw,rw) and
 * need no library, so one definition serves every port and host tests.
 */
#ifndef BULKHEAD_BARRIER_H
#define BULKHEAD_BARRIER_H

/* Loads before it complete before loads and stores after it. */
#define smp_rmb() __atomic_thread_fence(__ATOMIC_ACQUIRE)
/* Loads and stores before it complete before stores after it. */
#define smp_wmb() __atomic_thread_fence(__ATOMIC_RELEASE)
#define smp_mb() __atomic_thread_fence(__ATOMIC_SEQ_CST)

#endif
