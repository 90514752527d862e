// SPDX-License-Identifier: Apache-2.0
/*
 * Cadence UART (Xilinx Zynq UltraScale+ "xuartps", cdns,uart-r1p12) as
 * the hypervisor console: polled transmit at the firmware's baud rate,
 * interrupt-driven receive for the console mux.
 */
#include <bulkhead/driver.h>

#define CR 0x00
#define IER 0x08
#define ISR 0x14
#define RXTOUT 0x1c
#define RXWM 0x20
#define SR 0x2c
#define FIFO 0x30

#define CR_RX_EN (1u << 2)
#define CR_RX_DIS (1u << 3)
#define CR_TX_EN (1u << 4)
#define CR_TX_DIS (1u << 5)
#define SR_RXEMPTY (1u << 1)
#define SR_TXFULL (1u << 4)
#define INT_RXTRIG (1u << 0)
#define INT_TIMEOUT (1u << 8)
/* Receive timeout in units of 4 bit times: a short pause ends a burst. */
#define RX_TIMEOUT 10

static volatile u32 *xuartps;

static u32 xuartps_read(u32 off)
{
	return xuartps[off / 4];
}

static void xuartps_write(u32 off, u32 val)
{
	xuartps[off / 4] = val;
}

/* The baud rate generator is left as the firmware set it for its clock. */
static void xuartps_init(paddr_t base)
{
	u32 cr;

	xuartps = (volatile u32 *)(uintptr_t)base;
	cr = xuartps_read(CR) & ~(CR_RX_DIS | CR_TX_DIS);
	xuartps_write(CR, cr | CR_RX_EN | CR_TX_EN);
}

static void xuartps_putc(char c)
{
	while (xuartps_read(SR) & SR_TXFULL)
		;
	xuartps_write(FIFO, (u8)c);
}

/* One character in the FIFO raises the trigger; a pause the timeout. */
static void xuartps_enable_rx_irq(void)
{
	xuartps_write(RXWM, 1);
	xuartps_write(RXTOUT, RX_TIMEOUT);
	xuartps_write(ISR, INT_RXTRIG | INT_TIMEOUT);
	xuartps_write(IER, INT_RXTRIG | INT_TIMEOUT);
}

/*
 * The status bits are cleared once the FIFO reads empty, and the FIFO
 * looked at again: a character that arrived between the two would have
 * had its interrupt cleared and wait unseen.
 */
static int xuartps_getc(void)
{
	if (xuartps_read(SR) & SR_RXEMPTY) {
		xuartps_write(ISR, INT_RXTRIG | INT_TIMEOUT);
		if (xuartps_read(SR) & SR_RXEMPTY)
			return -1;
	}
	return xuartps_read(FIFO) & 0xff;
}

#define XUARTPS_OPS                                                           \
	{                                                                     \
		.init = xuartps_init, .putc = xuartps_putc,                   \
		.enable_rx_irq = xuartps_enable_rx_irq, .getc = xuartps_getc, \
	}

/* ZynqMP's compatible, then Zynq-7000's: the same registers. */
DECLARE_DRIVER(xuartps_r1p12, DRIVER_UART, struct uart_driver,
	       "cdns,uart-r1p12") = XUARTPS_OPS;
DECLARE_DRIVER(xuartps_r1p8, DRIVER_UART, struct uart_driver,
	       "xlnx,xuartps") = XUARTPS_OPS;
