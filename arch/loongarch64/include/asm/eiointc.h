/* SPDX-License-Identifier: Apache-2.0 */
/*
 * The extended I/O interrupt controller (EIOINTC) of Loongson 3A5000-class
 * CPUs, reached through IOCSR: 256 vectors, each enabled, routed to a
 * core and a CPU interrupt line (HWI), and acknowledged per core. The
 * 7A bridge's PCH-PIC (drivers/irqchip/pch_pic.c) feeds it.
 *
 * Interrupt ids: vector + EIOINTC_ID_BASE; ids below it are the CPU's own
 * (ESTAT.IS bits: timer 11, IPI 12), private to each CPU.
 */
#ifndef ASM_EIOINTC_H
#define ASM_EIOINTC_H

#include <bulkhead/types.h>

#define EIOINTC_NR_VECTORS 256
#define EIOINTC_ID_BASE 16
#define EIOINTC_NO_IRQ 0x3ff

void eiointc_init(void);
void eiointc_cpu_init(void);
/* The next pending vector's id on this CPU (cleared), or EIOINTC_NO_IRQ. */
u32 eiointc_ack(void);
void eiointc_enable(u32 vector, bool on);
void eiointc_route(u32 vector, u64 target_hwid);

#endif
