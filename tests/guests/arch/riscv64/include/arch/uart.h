/* SPDX-License-Identifier: Apache-2.0 */
/*
 * The console UART of a riscv board: an NS16550A with byte registers one
 * address apart (QEMU virt's, or a zone's emulated one), polled.
 */
#ifndef GUEST_ARCH_UART_H
#define GUEST_ARCH_UART_H

#include <stdbool.h>
#include <stdint.h>

#include <arch/cpu.h>

#define UART_COMPAT "ns16550a"
#define UART_NAME "ns16550a"

#define NS16550_RBR 0 /* THR when written */
#define NS16550_LSR 5
#define NS16550_SCR 7
#define LSR_DR 0x01
#define LSR_THRE 0x20

/*
 * The 16550 has no identification register: what it does have is a
 * scratch register that keeps what was written, unlike a bus that reads
 * as zero or a device with fewer registers.
 */
#define UART_ID_WHAT "ns16550a scratch register reads"
#define UART_ID_VALUE 0xa5

static inline uint32_t uart_identify(uintptr_t base)
{
	mmio_write8(base + NS16550_SCR, UART_ID_VALUE);
	return mmio_read8(base + NS16550_SCR);
}

static inline void uart_putc(uintptr_t base, char c)
{
	while (!(mmio_read8(base + NS16550_LSR) & LSR_THRE))
		;
	mmio_write8(base + NS16550_RBR, (uint8_t)c);
}

static inline bool uart_rx_ready(uintptr_t base)
{
	return mmio_read8(base + NS16550_LSR) & LSR_DR;
}

static inline char uart_read(uintptr_t base)
{
	return (char)mmio_read8(base + NS16550_RBR);
}

#endif
