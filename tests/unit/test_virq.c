// SPDX-License-Identifier: Apache-2.0
/*
 * Host tests of src/virq.c: a virtual interrupt controller model is found
 * through the driver registry, refused at init if it lacks a mandatory
 * hook, and its optional sysreg hook is checked before it is called.
 * Linked without fakes.c (which stands in for virq.c): the few things
 * virq.c needs are defined here.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include <bulkhead/percpu.h>
#include <bulkhead/printk.h>
#include <bulkhead/virq.h>
#include <bulkhead/zone.h>

struct percpu *host_this_cpu;
static char log_buf[512];
static int nr_inits;

/* The machine's irqchip is the one the tests register models for. */
const struct platform_config platform = {
	.irqchip = { .compatible = "test,irqchip" },
};

void printk(const char *fmt, ...)
{
	size_t len = strlen(log_buf);
	va_list ap;

	va_start(ap, fmt);
	snprintf(log_buf + len, sizeof(log_buf) - len, "%s", PRINTK_PREFIX);
	len = strlen(log_buf);
	vsnprintf(log_buf + len, sizeof(log_buf) - len, fmt, ap);
	va_end(ap);
}

void panic(const char *fmt, ...)
{
	(void)fmt;
	fail_msg("unexpected panic");
	abort();
}

static int chip_init(void)
{
	nr_inits++;
	return 0;
}

static void chip_zone(struct zone *zone)
{
	(void)zone;
}

static void chip_vcpu(struct zone *zone, u32 vcpu)
{
	(void)zone, (void)vcpu;
}

static void chip_irq(struct zone *zone, u32 irq)
{
	(void)zone, (void)irq;
}

static void chip_level(struct zone *zone, u32 irq, bool level)
{
	(void)zone, (void)irq, (void)level;
}

static bool chip_wakeup(struct zone *zone, u32 vcpu)
{
	(void)zone, (void)vcpu;
	return false;
}

/* Registered for another irqchip: a chip without sysreg, as the vPLIC. */
DECLARE_DRIVER(no_sysreg_chip, DRIVER_VIRQ, struct virq_chip,
	       "test,irqchip-mmio-only") = {
	.init = chip_init,
	.zone_reset = chip_zone,
	.vcpu_reset = chip_vcpu,
	.inject_hw = chip_irq,
	.set_level = chip_level,
	.flush = chip_vcpu,
	.vcpu_wakeup_pending = chip_wakeup,
};

/* The machine's: it forgot its flush hook. */
DECLARE_DRIVER(no_flush_chip, DRIVER_VIRQ, struct virq_chip, "test,irqchip") = {
	.init = chip_init,
	.zone_reset = chip_zone,
	.vcpu_reset = chip_vcpu,
	.inject_hw = chip_irq,
	.set_level = chip_level,
	.vcpu_wakeup_pending = chip_wakeup,
};

static int setup(void **state)
{
	(void)state;
	log_buf[0] = '\0';
	nr_inits = 0;
	virq_chip = NULL;
	return 0;
}

static void test_chip_without_mandatory_hook_refused(void **state)
{
	u64 val = 0;

	(void)state;
	virq_init();
	assert_null(virq_chip);
	assert_int_equal(nr_inits, 0);
	assert_string_equal(
		log_buf,
		"bulkhead: virq: test,irqchip: model lacks a mandatory hook, "
		"refused: zones run without interrupts\n");
	/* The core then runs without it: nothing is called. */
	assert_false(virq_wakeup_pending(NULL, 0));
	assert_int_equal(virq_sysreg(NULL, 0, 0, false, &val), -1);
}

/* No sysreg hook: a trapped register is unhandled, not a NULL call. */
static void test_optional_sysreg_checked(void **state)
{
	const struct driver *d =
		driver_find(DRIVER_VIRQ, "test,irqchip-mmio-only");
	u64 val = 0;

	(void)state;
	assert_non_null(d);
	virq_chip = d->ops;
	assert_int_equal(virq_sysreg(NULL, 0, 0, true, &val), -1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup(test_chip_without_mandatory_hook_refused,
				       setup),
		cmocka_unit_test_setup(test_optional_sysreg_checked, setup),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
