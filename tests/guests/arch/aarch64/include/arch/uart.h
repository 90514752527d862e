/* SPDX-License-Identifier: Apache-2.0 */
/*
 * The console UART of an aarch64 board: a PL011 (QEMU virt's, or a
 * zone's emulated one), polled as the firmware left it.
 */
#ifndef GUEST_ARCH_UART_H
#define GUEST_ARCH_UART_H

#include <stdbool.h>
#include <stdint.h>

#include <arch/cpu.h>

#define UART_COMPAT "arm,pl011"
#define UART_NAME "pl011"

#define PL011_DR 0x000
#define PL011_FR 0x018
#define PL011_PERIPHID0 0xfe0
#define FR_RXFE (1u << 4)
#define FR_TXFF (1u << 5)

/* The PrimeCell peripheral id says what the device is. */
#define UART_ID_WHAT "pl011 peripheral id"
#define UART_ID_VALUE 0x11

static inline uint32_t uart_identify(uintptr_t base)
{
	return mmio_read32(base + PL011_PERIPHID0);
}

static inline void uart_putc(uintptr_t base, char c)
{
	while (mmio_read32(base + PL011_FR) & FR_TXFF)
		;
	mmio_write32(base + PL011_DR, (uint8_t)c);
}

static inline bool uart_rx_ready(uintptr_t base)
{
	return !(mmio_read32(base + PL011_FR) & FR_RXFE);
}

static inline char uart_read(uintptr_t base)
{
	return (char)(mmio_read32(base + PL011_DR) & 0xff);
}

#endif
