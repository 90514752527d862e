/* SPDX-License-Identifier: Apache-2.0 */
#ifndef BULKHEAD_IRQ_H
#define BULKHEAD_IRQ_H

#include <bulkhead/types.h>

int irqchip_init(void);
void irqchip_cpu_init(void);
void irq_send_ipi(u32 cpu);
/* Handles interrupts taken while a guest ran. */
void irq_handle(void);

#endif
