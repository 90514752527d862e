// SPDX-License-Identifier: Apache-2.0
/*
 * Synopsys DesignWare APB UART (snps,dw-apb-uart) as the hypervisor
 * console: an NS16550A with its registers 4 bytes apart and 32 bits wide
 * (reg-shift = <2>, reg-io-width = <4>, as on Rockchip, Allwinner and
 * Intel SoCs; zonegen refuses a console node that says otherwise).
 */
#include <bulkhead/driver.h>

#define REG_SHIFT 2

#define RBR 0
#define THR 0
#define IER 1
#define IIR 2
#define FCR 2
#define LCR 3
#define MCR 4
#define LSR 5
#define USR 31 /* DesignWare's UART status register */

#define IER_ERBFI (1u << 0)
#define IIR_ID_MASK 0x0fu
#define IIR_BUSY 0x07u
#define FCR_FIFO_EN (1u << 0)
#define LCR_DLAB (1u << 7)
#define MCR_DTR (1u << 0)
#define MCR_RTS (1u << 1)
#define MCR_OUT2 (1u << 3)
#define LSR_DR (1u << 0)
#define LSR_THRE (1u << 5)

static volatile u32 *dw8250;

static u32 dw_read(u32 reg)
{
	return dw8250[reg << REG_SHIFT >> 2];
}

static void dw_write(u32 reg, u32 val)
{
	dw8250[reg << REG_SHIFT >> 2] = val;
}

/*
 * Line settings and divisor are the firmware's. LCR is written only to
 * close the divisor latch: a DesignWare UART ignores LCR writes while it
 * is busy and raises its busy-detect interrupt instead.
 */
static void dw8250_init(paddr_t base)
{
	u32 lcr;

	dw8250 = (volatile u32 *)(uintptr_t)base;
	dw_write(IER, 0);
	lcr = dw_read(LCR);
	if (lcr & LCR_DLAB)
		dw_write(LCR, lcr & ~LCR_DLAB);
	dw_write(FCR, FCR_FIFO_EN);
	dw_write(MCR, MCR_DTR | MCR_RTS);
}

static void dw8250_putc(char c)
{
	while (!(dw_read(LSR) & LSR_THRE))
		;
	dw_write(THR, (u8)c);
}

static void dw8250_enable_rx_irq(void)
{
	dw_write(MCR, dw_read(MCR) | MCR_OUT2);
	dw_write(IER, IER_ERBFI);
}

/*
 * The receive interrupt drops once the FIFO is read empty; a busy-detect
 * interrupt drops only when USR is read, and would otherwise keep firing.
 */
static int dw8250_getc(void)
{
	if ((dw_read(IIR) & IIR_ID_MASK) == IIR_BUSY)
		(void)dw_read(USR);
	if (!(dw_read(LSR) & LSR_DR))
		return -1;
	return dw_read(RBR) & 0xff;
}

DECLARE_DRIVER(dw8250_driver, DRIVER_UART, struct uart_driver,
	       "snps,dw-apb-uart") = {
	.init = dw8250_init,
	.putc = dw8250_putc,
	.enable_rx_irq = dw8250_enable_rx_irq,
	.getc = dw8250_getc,
};
