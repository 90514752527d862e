// SPDX-License-Identifier: Apache-2.0
/*
 * NXP i.MX UART (the i.MX21 register layout every i.MX since has kept:
 * fsl,imx21-uart, fsl,imx6q-uart, i.MX8M) as the hypervisor console:
 * polled transmit at the firmware's baud rate, interrupt-driven receive.
 */
#include <bulkhead/driver.h>

#define URXD 0x00
#define UTXD 0x40
#define UCR1 0x80
#define UCR2 0x84
#define UFCR 0x90
#define USR2 0x98
#define UTS 0xb4

#define URXD_CHARRDY (1u << 15)
#define UCR1_UARTEN (1u << 0)
#define UCR1_RRDYEN (1u << 9)
#define UCR2_RXEN (1u << 1)
#define UCR2_TXEN (1u << 2)
#define UFCR_RXTL_MASK 0x3fu
#define USR2_RDR (1u << 0)
#define UTS_TXFULL (1u << 4)

static volatile u32 *imx_uart;

static u32 imx_read(u32 off)
{
	return imx_uart[off / 4];
}

static void imx_write(u32 off, u32 val)
{
	imx_uart[off / 4] = val;
}

/*
 * Baud rate, clocks and pins are the firmware's (it printed through this
 * UART before us); only the enables are made sure of.
 */
static void imx_uart_init(paddr_t base)
{
	imx_uart = (volatile u32 *)(uintptr_t)base;
	imx_write(UCR1, imx_read(UCR1) | UCR1_UARTEN);
	imx_write(UCR2, imx_read(UCR2) | UCR2_RXEN | UCR2_TXEN);
}

static void imx_uart_putc(char c)
{
	while (imx_read(UTS) & UTS_TXFULL)
		;
	imx_write(UTXD, (u8)c);
}

/* Receiver ready at one character: a level that drops when it is read. */
static void imx_uart_enable_rx_irq(void)
{
	imx_write(UFCR, (imx_read(UFCR) & ~UFCR_RXTL_MASK) | 1);
	imx_write(UCR1, imx_read(UCR1) | UCR1_RRDYEN);
}

static int imx_uart_getc(void)
{
	u32 rx;

	if (!(imx_read(USR2) & USR2_RDR))
		return -1;
	rx = imx_read(URXD);
	return (rx & URXD_CHARRDY) ? (int)(rx & 0xff) : -1;
}

#define IMX_UART_OPS                                          \
	{                                                     \
		.init = imx_uart_init, .putc = imx_uart_putc, \
		.enable_rx_irq = imx_uart_enable_rx_irq,      \
		.getc = imx_uart_getc,                        \
	}

/* i.MX6 and later (i.MX8M boards name it), then the original. */
DECLARE_DRIVER(imx6q_uart, DRIVER_UART, struct uart_driver,
	       "fsl,imx6q-uart") = IMX_UART_OPS;
DECLARE_DRIVER(imx21_uart, DRIVER_UART, struct uart_driver,
	       "fsl,imx21-uart") = IMX_UART_OPS;
