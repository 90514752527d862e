/* SPDX-License-Identifier: Apache-2.0 */
/* The per-core IPI block (IOCSR): inter-processor interrupts, mailboxes. */
#ifndef ASM_SMP_H
#define ASM_SMP_H

#include <bulkhead/types.h>

/* Enables this CPU's IPIs. */
void ipi_cpu_init(void);
/* Clears this CPU's pending IPIs; returns what was pending. */
u32 ipi_ack(void);
/* Raises an IPI on the CPU with hardware id @hwid. */
void ipi_send(u64 hwid);

#endif
