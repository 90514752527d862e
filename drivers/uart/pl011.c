// SPDX-License-Identifier: Apache-2.0
/*
 * Arm PL011 as the hypervisor console: polled transmit at the firmware's
 * baud rate, interrupt-driven receive for the console mux.
 */
#include <bulkhead/driver.h>

#define UARTDR 0x00
#define UARTFR 0x18
#define UARTCR 0x30
#define UARTIMSC 0x38
#define UARTICR 0x44
#define FR_RXFE (1u << 4)
#define FR_TXFF (1u << 5)
#define INT_RX (1u << 4)
#define INT_RT (1u << 6)
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

static void pl011_enable_rx_irq(void)
{
	pl011[UARTIMSC / 4] |= INT_RX | INT_RT;
}

/*
 * Once the FIFO reads empty the RX and timeout interrupts are cleared,
 * and the FIFO is looked at again: a character arriving between the
 * first look and the clear has had its interrupt wiped, and would wait
 * unseen (with every one after it: QEMU raises RX only when the FIFO
 * fills to the trigger level, which it is already at).
 */
static int pl011_getc(void)
{
	if (pl011[UARTFR / 4] & FR_RXFE) {
		pl011[UARTICR / 4] = INT_RX | INT_RT;
		if (pl011[UARTFR / 4] & FR_RXFE)
			return -1;
	}
	return pl011[UARTDR / 4] & 0xff;
}

DECLARE_DRIVER(pl011_driver, DRIVER_UART, struct uart_driver, "arm,pl011") = {
	.init = pl011_init,
	.putc = pl011_putc,
	.enable_rx_irq = pl011_enable_rx_irq,
	.getc = pl011_getc,
};
