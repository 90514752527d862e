// SPDX-License-Identifier: Apache-2.0
#include <bulkhead/arch.h>
#include <bulkhead/console.h>
#include <bulkhead/printk.h>

#define PRINTK_MAX 256

/* One message, cut at PRINTK_MAX, written in one piece. */
static void vprintk(const char *fmt, va_list ap)
{
	char buf[PRINTK_MAX];
	int n = vsnprintf(buf, sizeof(buf), fmt, ap);

	if (n >= (int)sizeof(buf))
		n = sizeof(buf) - 1;
	console_write(buf, n);
}

void printk(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vprintk(fmt, ap);
	va_end(ap);
}

void panic(const char *fmt, ...)
{
	va_list ap;

	console_write("bulkhead: PANIC: ", 17);
	va_start(ap, fmt);
	vprintk(fmt, ap);
	va_end(ap);
	arch_cpu_park();
}
