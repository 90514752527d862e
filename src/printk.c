// SPDX-License-Identifier: Apache-2.0
/* printk and panic: formatted hypervisor messages on the console. */
#include <bulkhead/arch.h>
#include <bulkhead/console.h>
#include <bulkhead/printk.h>
#include <bulkhead/string.h>

#define PRINTK_MAX 256

/* One message after @prefix, cut at PRINTK_MAX, written in one piece. */
static void vprintk(const char *prefix, const char *fmt, va_list ap)
{
	char buf[PRINTK_MAX];
	size_t len = strlen(prefix);
	int n;

	memcpy(buf, prefix, len);
	n = vsnprintf(buf + len, sizeof(buf) - len, fmt, ap);
	if (n < 0)
		n = 0;
	if ((size_t)n >= sizeof(buf) - len)
		n = (int)(sizeof(buf) - len - 1);
	console_write(buf, len + (size_t)n);
}

void printk(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vprintk(PRINTK_PREFIX, fmt, ap);
	va_end(ap);
}

void printk_cont(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vprintk("", fmt, ap);
	va_end(ap);
}

void panic(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vprintk(PRINTK_PREFIX "PANIC: ", fmt, ap);
	va_end(ap);
	arch_cpu_park();
}
