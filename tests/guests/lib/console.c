// SPDX-License-Identifier: Apache-2.0
/*
 * The hypercall console's line buffer. One vCPU per guest and no
 * interrupts, so no locking.
 */
#include <stdint.h>

#include <arch/cpu.h>
#include <bulkhead/hypercall_abi.h>
#include <guest/console.h>

static char line_buf[HC_CONSOLE_WRITE_MAX];
static size_t line_len;

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
