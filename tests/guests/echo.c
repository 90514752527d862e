// SPDX-License-Identifier: Apache-2.0
/*
 * echo: a console user. Talks only through the zone's emulated UART (a
 * PL011 or an NS16550A, arch/uart.h), polled as a bootloader would: says
 * it is ready, then prompts ("echo> ", no newline) and echoes each line
 * it receives until it reads "quit".
 */
#include <arch/cpu.h>
#include <arch/uart.h>
#include <guest/console.h>
#include <guest/fdt.h>
#include <guest/runtime.h>

#define LINE_MAX 64

const char guest_name[] = "echo";

static uintptr_t uart;

static void uart_puts(const char *s)
{
	while (*s)
		uart_putc(uart, *s++);
}

static char uart_getc(void)
{
	while (!uart_rx_ready(uart))
		cpu_relax();
	return uart_read(uart);
}

/* Reads one line (CR or LF ends it; over-long lines are cut). */
static void read_line(char *buf, unsigned int size)
{
	unsigned int n = 0;
	char c;

	while ((c = uart_getc()) != '\r' && c != '\n')
		if (n + 1 < size)
			buf[n++] = c;
	buf[n] = '\0';
}

static bool same(const char *a, const char *b)
{
	while (*a && *a == *b) {
		a++;
		b++;
	}
	return *a == *b;
}

void guest_main(const void *dtb)
{
	struct fdt fdt;
	struct fdt_node node;
	struct fdt_range reg;
	char line[LINE_MAX];

	if (fdt_open(&fdt, dtb) ||
	    fdt_find_compatible(&fdt, UART_COMPAT, &node) ||
	    fdt_node_reg(&fdt, &node, &reg))
		guest_fail("no " UART_COMPAT " console in the DTB");
	uart = reg.base;
	uart_puts("echo: ready\n");
	for (;;) {
		uart_puts("echo> ");
		read_line(line, sizeof(line));
		if (same(line, "quit"))
			break;
		uart_puts("\necho: ");
		uart_puts(line);
		uart_puts("\n");
	}
	uart_puts("\necho: PASS\n");
}
