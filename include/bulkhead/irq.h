/* SPDX-License-Identifier: Apache-2.0 */
/* Physical interrupts: the irqchip as the core uses it. */
#ifndef BULKHEAD_IRQ_H
#define BULKHEAD_IRQ_H

#include <bulkhead/types.h>

struct zone;
struct irqchip_driver;

/* Interrupt ids the hypervisor tracks: 0 .. IRQ_MAX - 1, on any chip. */
#define IRQ_MAX 1020

typedef void (*irq_handler_t)(u32 irq);

int irqchip_init(void);
void irqchip_cpu_init(void);
void irq_send_ipi(u32 cpu);
/*
 * Boot time: the hypervisor's own interrupts, by DT specifier or by the id
 * of a private (per-CPU) interrupt.
 */
int irq_request(const u32 *cells, u32 nr_cells, irq_handler_t handler);
int irq_request_private(u32 irq, irq_handler_t handler);
/* Boot time: a per-CPU interrupt that belongs to the zone on each CPU. */
int irq_forward_private(u32 irq);
int irq_claim_for_zone(struct zone *zone);
void irq_release_zone(struct zone *zone);
/* The physical controller, for the virtual interrupt controller model. */
const struct irqchip_driver *irq_chip(void);
void irq_dispatch_pending(void);
/* A physical IRQ taken from a guest (the zone is followed on the trap exit). */
void irq_handle(void);

#endif
