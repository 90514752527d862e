// SPDX-License-Identifier: Apache-2.0
#include <bulkhead/arch.h>
#include <bulkhead/console.h>
#include <bulkhead/printk.h>

#define PRINTK_MAX 256

void printk(const char *fmt, ...)
{
	char buf[PRINTK_MAX];
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	if (n >= (int)sizeof(buf))
		n = sizeof(buf) - 1;
	console_write(buf, n);
}

void panic(const char *fmt, ...)
{
	char buf[PRINTK_MAX];
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	if (n >= (int)sizeof(buf))
		n = sizeof(buf) - 1;
	console_write("bulkhead: PANIC: ", 17);
	console_write(buf, n);
	arch_cpu_park();
}
