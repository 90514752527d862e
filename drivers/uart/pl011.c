// SPDX-License-Identifier: Apache-2.0
/* Arm PL011 as the hypervisor console: polled transmit, firmware's baud rate. */
#include <bulkhead/driver.h>

#define UARTDR 0x00
#define UARTFR 0x18
#define UARTCR 0x30
#define FR_TXFF (1u << 5)
#define CR_UARTEN (1u << 0)
#define CR_TXE (1u << 8)
#define CR_RXE (1u << 9)

static volatile u32 *pl011;

static void pl011_init(paddr_t base)
{
	pl011 = (volatile u32 *)(uintptr_t)base;
	pl011[UARTCR / 4] |= CR_UARTEN | CR_TXE | CR_RXE;
}

static void pl011_putc(char c)
{
	while (pl011[UARTFR / 4] & FR_TXFF)
		;
	pl011[UARTDR / 4] = (u8)c;
}

DECLARE_UART_DRIVER(pl011_driver) = {
	.compatible = "arm,pl011",
	.init = pl011_init,
	.putc = pl011_putc,
};
