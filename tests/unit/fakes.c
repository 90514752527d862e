// SPDX-License-Identifier: Apache-2.0
/*
 * Host fakes for the hypervisor's environment; see fakes.h. hyp_pool is a
 * real page pool and the arch_stage2_*() hooks are the real aarch64 ones,
 * so a test linking this file also links src/mm/page_alloc.c and
 * arch/aarch64/pgtable_format.c.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>

#include <bulkhead/arch.h>
#include <bulkhead/console.h>
#include <bulkhead/irq.h>
#include <bulkhead/page_alloc.h>
#include <bulkhead/percpu.h>
#include <bulkhead/printk.h>
#include <bulkhead/virq.h>
#include <bulkhead/zone_config.h>
#include <asm/pgtable_format.h>

#include "fakes.h"

char fake_printk_log[FAKE_LOG_SIZE];
static size_t fake_printk_len;
char fake_console_out[FAKE_LOG_SIZE];
size_t fake_console_len;
struct zone *fake_console_zone;
u64 fake_ipi_mask;
u32 fake_virq_irq;
int fake_virq_level = -1;
unsigned int fake_virq_calls;

struct percpu *host_this_cpu;
struct page_pool hyp_pool;
static u64 *hyp_pool_bitmap;

const struct platform_config platform = {
	.nr_cpus = 4,
	.cpu_hwid = { 0, 1, 2, 3 },
	.console = { .compatible = "host,fake-uart" },
};

void fake_reset(void)
{
	fake_virq_irq = 0;
	fake_virq_level = -1;
	fake_virq_calls = 0;
	fake_printk_log[0] = '\0';
	fake_printk_len = 0;
	fake_console_len = 0;
	fake_console_zone = NULL;
	fake_console_idle_calls = 0;
	fake_ipi_mask = 0;
}

void *fake_alloc_pages(size_t nr_pages)
{
	void *p = aligned_alloc(PAGE_SIZE, nr_pages * PAGE_SIZE);

	if (!p)
		abort();
	return p;
}

void fake_hyp_pool_setup(size_t nr_pages)
{
	fake_hyp_pool_release();
	hyp_pool_bitmap = calloc(PAGE_POOL_BITMAP_WORDS(nr_pages), sizeof(u64));
	if (!hyp_pool_bitmap)
		abort();
	page_pool_init(&hyp_pool, fake_alloc_pages(nr_pages), nr_pages,
		       hyp_pool_bitmap);
}

void fake_hyp_pool_release(void)
{
	free(hyp_pool.base);
	free(hyp_pool_bitmap);
	hyp_pool.base = NULL;
	hyp_pool_bitmap = NULL;
}

void printk(const char *fmt, ...)
{
	size_t room = sizeof(fake_printk_log) - fake_printk_len;
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(fake_printk_log + fake_printk_len, room, fmt, ap);
	va_end(ap);
	if (n > 0)
		fake_printk_len += (size_t)n < room ? (size_t)n : room - 1;
}

void panic(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	fputs("bulkhead: PANIC: ", stderr);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	abort();
}

void console_zone_putc(struct zone *zone, char c)
{
	fake_console_zone = zone;
	if (fake_console_len < sizeof(fake_console_out))
		fake_console_out[fake_console_len++] = c;
}

unsigned int fake_console_idle_calls;

void console_zone_idle(struct zone *zone)
{
	fake_console_zone = zone;
	fake_console_idle_calls++;
}

void virq_set_level(struct zone *zone, u32 irq, bool level)
{
	(void)zone;
	fake_virq_irq = irq;
	fake_virq_level = level;
	fake_virq_calls++;
}

void irq_send_ipi(u32 cpu)
{
	fake_ipi_mask |= 1ull << cpu;
}

void arch_cpu_park(void)
{
	abort();
}

const struct pt_format *arch_stage2_format(void)
{
	return &aarch64_pt_format;
}

u64 arch_stage2_attrs(u32 mem_flags)
{
	return stage2_attrs(mem_flags);
}
