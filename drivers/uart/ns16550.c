// SPDX-License-Identifier: Apache-2.0
/*
 * NS16550A as the hypervisor console: polled transmit, interrupt-driven
 * receive for the console mux. Registers are bytes, one per address
 * (reg-shift 0), as on QEMU's riscv virt machine.
 */
#include <bulkhead/driver.h>

#define RBR 0
#define THR 0
#define IER 1
#define FCR 2
#define LCR 3
#define MCR 4
#define LSR 5

#define IER_ERBFI (1u << 0)
#define FCR_FIFO_EN (1u << 0)
#define FCR_CLR_RX (1u << 1)
#define FCR_CLR_TX (1u << 2)
#define LCR_8N1 0x03 /* 8 data bits, no parity, 1 stop bit; DLAB clear */
#define MCR_DTR (1u << 0)
#define MCR_RTS (1u << 1)
#define MCR_OUT2 (1u << 3)
#define LSR_DR (1u << 0)
#define LSR_THRE (1u << 5)

static volatile u8 *ns16550;

/*
 * The divisor latch is left alone: the firmware before us set the baud
 * rate for the board's clock, which only it knows (QEMU ignores it).
 * Interrupts stay off until console input wants them.
 */
static void ns16550_init(paddr_t base)
{
	ns16550 = (volatile u8 *)(uintptr_t)base;
	ns16550[IER] = 0;
	ns16550[LCR] = LCR_8N1;
	ns16550[FCR] = FCR_FIFO_EN | FCR_CLR_RX | FCR_CLR_TX;
	ns16550[MCR] = MCR_DTR | MCR_RTS;
}

static void ns16550_putc(char c)
{
	while (!(ns16550[LSR] & LSR_THRE))
		;
	ns16550[THR] = (u8)c;
}

/* Boards wired like a PC gate the interrupt output with OUT2. */
static void ns16550_enable_rx_irq(void)
{
	ns16550[MCR] |= MCR_OUT2;
	ns16550[IER] = IER_ERBFI;
}

/* The receive interrupt drops by itself once the FIFO is read empty. */
static int ns16550_getc(void)
{
	if (!(ns16550[LSR] & LSR_DR))
		return -1;
	return ns16550[RBR];
}

DECLARE_DRIVER(ns16550_driver, DRIVER_UART, struct uart_driver, "ns16550a") = {
	.init = ns16550_init,
	.putc = ns16550_putc,
	.enable_rx_irq = ns16550_enable_rx_irq,
	.getc = ns16550_getc,
};
