// SPDX-License-Identifier: Apache-2.0
/*
 * echo: a console user. Talks only through the zone's emulated PL011 (the
 * node /chosen/stdout-path names), polled as a bootloader would: says it
 * is ready, then prompts ("echo> ", no newline) and echoes each line it
 * receives until it reads "quit".
 */
#include <arch/cpu.h>
#include <guest/console.h>
#include <guest/fdt.h>
#include <guest/runtime.h>

#define PL011_DR 0x000
#define PL011_FR 0x018
#define FR_RXFE (1u << 4)
#define FR_TXFF (1u << 5)
#define LINE_MAX 64

const char guest_name[] = "echo";

static uintptr_t uart;

static void uart_putc(char c)
{
	while (mmio_read32(uart + PL011_FR) & FR_TXFF)
		;
	mmio_write32(uart + PL011_DR, (uint8_t)c);
}

static void uart_puts(const char *s)
{
	while (*s)
		uart_putc(*s++);
}

static char uart_getc(void)
{
	while (mmio_read32(uart + PL011_FR) & FR_RXFE)
		asm volatile("yield");
	return (char)(mmio_read32(uart + PL011_DR) & 0xff);
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
	    fdt_find_compatible(&fdt, "arm,pl011", &node) ||
	    fdt_node_reg(&fdt, &node, &reg))
		guest_fail("no arm,pl011 console in the DTB");
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
