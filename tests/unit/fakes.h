/* SPDX-License-Identifier: Apache-2.0 */
/*
 * What tests/unit/fakes.c stands in for, and the state it records. The
 * fakes replace the parts of the hypervisor a host test cannot run (the
 * console UART, the interrupt controller, parking a CPU) and the boot-time
 * globals (hyp_pool, platform); they hold no test framework code, so the
 * fuzz targets link them too.
 */
#ifndef TESTS_UNIT_FAKES_H
#define TESTS_UNIT_FAKES_H

#include <bulkhead/types.h>

struct zone;

#define FAKE_LOG_SIZE 4096

/* Everything printk() printed since fake_reset(), NUL-terminated. */
extern char fake_printk_log[FAKE_LOG_SIZE];
/* Characters console_zone_putc() received since fake_reset(). */
extern char fake_console_out[FAKE_LOG_SIZE];
extern size_t fake_console_len;
/* The zone of the last console_zone_putc(). */
extern struct zone *fake_console_zone;
extern unsigned int fake_console_idle_calls;
/* Bit n set once irq_send_ipi(n) ran. */
extern u64 fake_ipi_mask;
/* virq_set_level(): the last interrupt id and level, and how often. */
extern u32 fake_virq_irq;
extern int fake_virq_level; /* -1: never called */
extern unsigned int fake_virq_calls;
/*
 * The level virq_set_level() last gave @irq of @zone: 1, 0, or -1 if it
 * never did (since fake_reset()). Tests with several zones or devices.
 */
int fake_virq_line(const struct zone *zone, u32 irq);

/* Calls to the physical interrupt controller that irq_chip() returns. */
enum fake_chip_op {
	FAKE_CHIP_ENABLE, /* arg: target hwid */
	FAKE_CHIP_DISABLE,
	FAKE_CHIP_ROUTE, /* arg: target hwid */
	FAKE_CHIP_SET_PENDING, /* arg: pending */
	FAKE_CHIP_SET_EDGE, /* arg: edge */
	FAKE_CHIP_DEACTIVATE,
};

struct fake_chip_call {
	enum fake_chip_op op;
	u32 irq;
	u64 arg;
};

#define FAKE_CHIP_CALLS 64

/* The first FAKE_CHIP_CALLS calls since fake_reset(); the count goes on. */
extern struct fake_chip_call fake_chip_calls[FAKE_CHIP_CALLS];
extern unsigned int fake_chip_nr_calls;

void fake_reset(void);

/*
 * Backs hyp_pool with nr_pages freshly allocated, page-aligned host pages;
 * fake_hyp_pool_release() gives them back to the host.
 */
void fake_hyp_pool_setup(size_t nr_pages);
void fake_hyp_pool_release(void);

/* Page-aligned host memory standing in for a zone's RAM; free() it. */
void *fake_alloc_pages(size_t nr_pages);

#endif
