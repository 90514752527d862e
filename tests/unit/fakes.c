// SPDX-License-Identifier: Apache-2.0
/*
 * Host fakes for the hypervisor's environment; see fakes.h. hyp_pool is a
 * real page pool and the arch_stage2_*() hooks are the real aarch64 ones,
 * so a test linking this file also links src/mm/page_alloc.c and
 * arch/aarch64/pgtable_format.c. zone_vcpu_cpu() stands in for
 * src/vcpu.c's, which no host test links.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>

#include <bulkhead/arch.h>
#include <bulkhead/console.h>
#include <bulkhead/driver.h>
#include <bulkhead/irq.h>
#include <bulkhead/page_alloc.h>
#include <bulkhead/percpu.h>
#include <bulkhead/printk.h>
#include <bulkhead/virq.h>
#include <bulkhead/zone.h>
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
struct fake_chip_call fake_chip_calls[FAKE_CHIP_CALLS];
unsigned int fake_chip_nr_calls;

/* Every (zone, irq) virq_set_level() saw since fake_reset(), its level. */
#define FAKE_LINES 64
struct fake_line {
	const struct zone *zone;
	u32 irq;
	int level;
};
static struct fake_line fake_lines[FAKE_LINES];
static unsigned int fake_nr_lines;

struct percpu *host_this_cpu;
/* hvip of the CPU a test runs on (tests/unit/include/asm/csr.h). */
unsigned long host_hvip;
struct percpu percpu[CONFIG_MAX_CPUS];
struct page_pool hyp_pool;
static u64 *hyp_pool_bitmap;

/* Two clusters of four: a CPU's hwid differs from its index after CPU 1. */
const struct platform_config platform = {
	.nr_cpus = 8,
	.cpu_hwid = { 0x0, 0x1, 0x2, 0x3, 0x100, 0x101, 0x102, 0x103 },
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
	fake_chip_nr_calls = 0;
	fake_nr_lines = 0;
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

static void fake_log(const char *prefix, const char *fmt, va_list ap)
{
	size_t room = sizeof(fake_printk_log) - fake_printk_len;
	int n = snprintf(fake_printk_log + fake_printk_len, room, "%s", prefix);

	if (n > 0)
		fake_printk_len += (size_t)n < room ? (size_t)n : room - 1;
	room = sizeof(fake_printk_log) - fake_printk_len;
	n = vsnprintf(fake_printk_log + fake_printk_len, room, fmt, ap);
	if (n > 0)
		fake_printk_len += (size_t)n < room ? (size_t)n : room - 1;
}

/* As src/printk.c's: the prefix once, then the message. */
void printk(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	fake_log(PRINTK_PREFIX, fmt, ap);
	va_end(ap);
}

void printk_cont(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	fake_log("", fmt, ap);
	va_end(ap);
}

void panic(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	fputs(PRINTK_PREFIX "PANIC: ", stderr);
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

int fake_virq_line(const struct zone *zone, u32 irq)
{
	for (unsigned int i = 0; i < fake_nr_lines; i++)
		if (fake_lines[i].zone == zone && fake_lines[i].irq == irq)
			return fake_lines[i].level;
	return -1;
}

void virq_set_level(struct zone *zone, u32 irq, bool level)
{
	unsigned int i = 0;

	fake_virq_irq = irq;
	fake_virq_level = level;
	fake_virq_calls++;
	while (i < fake_nr_lines &&
	       (fake_lines[i].zone != zone || fake_lines[i].irq != irq))
		i++;
	if (i == FAKE_LINES)
		abort(); /* more lines than any test has */
	if (i == fake_nr_lines)
		fake_lines[fake_nr_lines++] =
			(struct fake_line){ zone, irq, 0 };
	fake_lines[i].level = level;
}

void irq_send_ipi(u32 cpu)
{
	fake_ipi_mask |= 1ull << cpu;
}

static void chip_record(enum fake_chip_op op, u32 irq, u64 arg)
{
	if (fake_chip_nr_calls < FAKE_CHIP_CALLS)
		fake_chip_calls[fake_chip_nr_calls] =
			(struct fake_chip_call){ op, irq, arg };
	fake_chip_nr_calls++;
}

static void chip_enable(u32 irq, u64 hwid)
{
	chip_record(FAKE_CHIP_ENABLE, irq, hwid);
}

static void chip_disable(u32 irq)
{
	chip_record(FAKE_CHIP_DISABLE, irq, 0);
}

static void chip_route(u32 irq, u64 hwid)
{
	chip_record(FAKE_CHIP_ROUTE, irq, hwid);
}

static void chip_set_pending(u32 irq, bool pending)
{
	chip_record(FAKE_CHIP_SET_PENDING, irq, pending);
}

static void chip_set_edge(u32 irq, bool edge)
{
	chip_record(FAKE_CHIP_SET_EDGE, irq, edge);
}

static void chip_deactivate(u32 irq)
{
	chip_record(FAKE_CHIP_DEACTIVATE, irq, 0);
}

static const struct irqchip_driver fake_chip = {
	.deactivate = chip_deactivate,
	.enable_irq = chip_enable,
	.disable_irq = chip_disable,
	.route_irq = chip_route,
	.set_pending = chip_set_pending,
	.set_edge = chip_set_edge,
};

const struct irqchip_driver *irq_chip(void)
{
	return &fake_chip;
}

/* As src/vcpu.c's, but a vCPU the zone does not have is a bug: abort. */
u32 zone_vcpu_cpu(const struct zone *zone, u32 vcpu)
{
	u64 mask = zone->cfg->cpu_mask;

	if (vcpu >= zone->nr_vcpus)
		abort();
	while (vcpu--)
		mask &= mask - 1; /* drop the lowest CPU */
	if (!mask)
		abort();
	return (u32)__builtin_ctzll(mask);
}

void arch_cpu_park(void)
{
	abort();
}

u64 arch_counter(void)
{
	return 0;
}

/* The lifecycle counters are not what most tests look at; the test of
 * src/zone_lifecycle.c links the real ones, which take precedence. */
__attribute__((weak)) void zone_note_start(struct zone *zone)
{
	(void)zone;
}

__attribute__((weak)) void
zone_note_stop(struct zone *zone, enum zone_stop_kind kind, const char *why)
{
	(void)zone;
	(void)kind;
	(void)why;
}

const struct pt_format *arch_stage2_format(void)
{
	return &aarch64_pt_format;
}

u64 arch_stage2_attrs(u32 mem_flags)
{
	return stage2_attrs(mem_flags);
}

/* Zone lifecycle hooks src/zone.c calls; the unit tests never start a zone. */
void arch_clean_dcache(paddr_t pa, u64 size)
{
	(void)pa;
	(void)size;
}

void arch_system_off(void)
{
	abort();
}

int irq_claim_for_zone(struct zone *zone)
{
	(void)zone;
	return 0;
}

void irq_release_zone(struct zone *zone)
{
	(void)zone;
}

void virq_zone_reset(struct zone *zone)
{
	(void)zone;
}

int vcpu_on(struct zone *zone, u32 vcpu, u64 entry, u64 context)
{
	(void)zone;
	(void)vcpu;
	(void)entry;
	(void)context;
	return 0;
}

void vcpu_off_self(void)
{
	abort();
}

void vcpu_wait_self(void)
{
	abort();
}
