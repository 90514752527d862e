// SPDX-License-Identifier: Apache-2.0
/*
 * The hypercall console's line buffer, or, natively (lib/native.c), the
 * board's UART itself (arch/uart.h). Only one vCPU prints and interrupt
 * handlers never do, so no locking.
 */
#include <stdbool.h>
#include <stdint.h>

#include <arch/cpu.h>
#include <arch/uart.h>
#include <bulkhead/hypercall_abi.h>
#include <guest/console.h>

static char line_buf[HC_CONSOLE_WRITE_MAX];
static size_t line_len;
static bool native;
static uintptr_t native_uart; /* 0: nowhere to print */

void console_use_uart(uintptr_t base)
{
	native = true;
	native_uart = base;
}

/* Polled, as the firmware left the UART; CR LF for a raw terminal. */
static void uart_write(const char *buf, size_t len)
{
	size_t i;

	for (i = 0; i < len && native_uart; i++) {
		if (buf[i] == '\n')
			uart_putc(native_uart, '\r');
		uart_putc(native_uart, buf[i]);
	}
}

/* A hypervisor without HC_CONSOLE_WRITE still gets the text, slowly. */
static void write_by_char(const char *buf, size_t len)
{
	size_t i;

	for (i = 0; i < len; i++)
		hypercall(HC_CONSOLE_PUTC, (unsigned char)buf[i], 0);
}

void console_flush(void)
{
	uintptr_t addr = (uintptr_t)line_buf;
	struct hc_result res;

	if (!line_len)
		return;
	if (native) {
		uart_write(line_buf, line_len);
		line_len = 0;
		return;
	}
	cache_clean_inval_range(addr, line_len);
	res = hypercall(HC_CONSOLE_WRITE, addr, line_len);
	if (res.ret < 0)
		write_by_char(line_buf, line_len);
	line_len = 0;
}

void console_putc(char c)
{
	line_buf[line_len++] = c;
	if (c == '\n' || line_len == sizeof(line_buf))
		console_flush();
}

void console_puts(const char *s)
{
	while (*s)
		console_putc(*s++);
}

void console_end_line(void)
{
	if (line_len)
		console_putc('\n');
}
