/* SPDX-License-Identifier: Apache-2.0 */
#ifndef BULKHEAD_IRQ_H
#define BULKHEAD_IRQ_H

#include <bulkhead/types.h>

int irqchip_init(void);
void irqchip_cpu_init(void);
void irq_send_ipi(u32 cpu);
/*
 * Routes the device interrupt a DT specifier names to `handler` on the
 * calling CPU. Returns 0, or -1 if the irqchip cannot decode it.
 */
int irq_request(const u32 *cells, u32 nr_cells, void (*handler)(void));
/* Acknowledges and handles whatever is pending; safe before init. */
void irq_dispatch_pending(void);
/* Handles interrupts taken while a guest ran. */
void irq_handle(void);

#endif
