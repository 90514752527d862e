// SPDX-License-Identifier: Apache-2.0
/*
 * The physical PLIC driver (drivers/irqchip/plic.c) against a window of
 * plain memory: which registers it writes, for which context. Memory
 * cannot act as the PLIC does (a claim read does not consume anything),
 * so the tests look at what the driver left in the registers. The fake
 * platform's harts are 0-3 and 0x100-0x103, S-mode contexts 2 * hart + 1.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

/* The driver's table entry and helpers are static: test them in place. */
#include "../../drivers/irqchip/plic.c"

#include "fakes.h"

/* Up to hart 0x103's S-mode context, 519, and one more. */
#define WINDOW (0x200000 + 520 * 0x1000)

static u8 *mem;
static struct percpu cpu;
static u64 ipi_hart = ~0ull;

void sbi_send_ipi_hart(u64 hartid)
{
	ipi_hart = hartid;
}

static u32 reg(u64 off)
{
	return *(u32 *)(mem + off);
}

static void set_reg(u64 off, u32 v)
{
	*(u32 *)(mem + off) = v;
}

static u64 en(u32 ctx, u32 irq)
{
	return 0x2000 + 0x80 * ctx + irq / 32 * 4;
}

static bool enabled(u32 ctx, u32 irq)
{
	return reg(en(ctx, irq)) & (1u << (irq % 32));
}

static u64 claim_reg(u32 ctx)
{
	return 0x200004 + 0x1000ull * ctx;
}

/* On logical CPU `id` (hart platform.cpu_hwid[id]). */
static void on_cpu(u32 id)
{
	cpu = (struct percpu){ .id = id, .hwid = platform.cpu_hwid[id] };
	arch_set_this_cpu(&cpu);
}

/* Everything starts as all ones: the driver must clear what it owns. */
static int setup(void **state)
{
	struct dev_region r = { 0, WINDOW };

	(void)state;
	mem = aligned_alloc(4096, WINDOW);
	assert_non_null(mem);
	memset(mem, 0xff, WINDOW);
	r.base = (uintptr_t)mem;
	on_cpu(0);
	assert_int_equal(plic_driver.init(&r, 1), 0);
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	free(mem);
	return 0;
}

static void test_descriptor(void **state)
{
	(void)state;
	assert_string_equal(plic_driver_entry.compatible, "riscv,plic0");
	assert_int_equal(plic_driver_entry.cls, DRIVER_IRQCHIP);
	assert_ptr_equal(plic_driver_entry.ops, &plic_driver);
	assert_int_equal(plic_driver.nr_private, 0);
}

static void test_init_rejects_small_window(void **state)
{
	/* Hart 0x100's context, 513, is past a window of 256 contexts. */
	struct dev_region r = { (uintptr_t)mem, 0x300000 };

	(void)state;
	assert_int_equal(plic_driver.init(&r, 1), -1);
	assert_int_equal(plic_driver.init(&r, 0), -1);
	r.size = 0x200000;
	assert_int_equal(plic_driver.init(&r, 1), -1);
}

/* Our S-mode contexts are cleared, the firmware's M-mode ones kept. */
static void test_init_clears_own_contexts(void **state)
{
	(void)state;
	for (u32 irq = 1; irq < 1024; irq++)
		assert_int_equal(reg(4 * irq), 0);
	for (u32 i = 0; i < platform.nr_cpus; i++) {
		u32 s = 2 * (u32)platform.cpu_hwid[i] + 1;

		for (u32 w = 0; w < 32; w++) {
			assert_int_equal(reg(en(s, w * 32)), 0);
			assert_int_equal(reg(en(s - 1, w * 32)), 0xffffffff);
		}
	}
	assert_int_equal(reg(en(9, 0)), 0xffffffff); /* hart 4: not ours */
}

static void test_cpu_init_threshold(void **state)
{
	(void)state;
	on_cpu(5); /* hart 0x101: context 0x203 */
	plic_driver.cpu_init();
	assert_int_equal(reg(0x200000 + 0x1000 * 0x203), 0);
	assert_int_equal(reg(0x200000 + 0x1000 * 0x202), 0xffffffff);
	assert_int_equal(reg(0x200000 + 0x1000 * 1), 0xffffffff);
}

/*
 * OpenSBI's warm boot of a hart the hypervisor starts clears its S-mode
 * enables and sets its threshold to 7, after the boot hart enabled a
 * zone's source there: the hart's own cpu_init enables it again, and only
 * what the hypervisor had enabled.
 */
static void test_cpu_init_restores_enables(void **state)
{
	(void)state;
	plic_driver.enable_irq(10, 0x101); /* context 0x203 */
	plic_driver.enable_irq(40, 0x101);
	plic_driver.disable_irq(40);
	set_reg(en(0x203, 0), 0);
	set_reg(en(0x203, 32), 0);
	set_reg(0x200000 + 0x1000 * 0x203, 7);
	on_cpu(5); /* hart 0x101 */
	plic_driver.cpu_init();
	assert_int_equal(reg(en(0x203, 0)), 1u << 10);
	assert_int_equal(reg(en(0x203, 32)), 0);
	assert_int_equal(reg(0x200000 + 0x1000 * 0x203), 0);
	/* Another hart's start leaves this context alone. */
	set_reg(en(0x203, 0), 0);
	on_cpu(1);
	plic_driver.cpu_init();
	assert_int_equal(reg(en(0x203, 0)), 0);
}

static void test_enable_moves_route(void **state)
{
	(void)state;
	plic_driver.enable_irq(10, 0x101);
	assert_int_equal(reg(4 * 10), 1);
	assert_true(enabled(0x203, 10));
	plic_driver.enable_irq(10, 0x2);
	assert_false(enabled(0x203, 10));
	assert_true(enabled(5, 10));
	plic_driver.route_irq(10, 0x100);
	assert_false(enabled(5, 10));
	assert_true(enabled(0x201, 10));
	assert_int_equal(reg(en(0x201, 0)), 1u << 10); /* no other bit */
	/* No such context in the window, or no such source: ignored. */
	plic_driver.enable_irq(10, 0x1000);
	plic_driver.enable_irq(0, 0x2);
	plic_driver.enable_irq(IRQ_MAX, 0x2);
	assert_true(enabled(0x201, 10));
	assert_int_equal(reg(en(5, 0)), 0);
}

/* Disabled: priority 0 and no enable bit; the completion still lands. */
static void test_disable_then_deactivate(void **state)
{
	(void)state;
	plic_driver.enable_irq(33, 0x3);
	plic_driver.disable_irq(33);
	assert_int_equal(reg(4 * 33), 0);
	assert_false(enabled(7, 33));
	set_reg(claim_reg(7), 0);
	plic_driver.deactivate(33);
	assert_int_equal(reg(claim_reg(7)), 33);
	assert_false(enabled(7, 33)); /* enabled for the completion only */
	/* A disabled source follows a route and stays disabled. */
	plic_driver.route_irq(33, 0x1);
	assert_false(enabled(3, 33));
	plic_driver.deactivate(33);
	assert_int_equal(reg(claim_reg(3)), 33);
}

static void test_deactivate_where_routed(void **state)
{
	(void)state;
	set_reg(claim_reg(1), 0);
	set_reg(claim_reg(0x203), 0);
	plic_driver.enable_irq(7, 0x101);
	on_cpu(0); /* completed from another hart's CPU */
	plic_driver.deactivate(7);
	assert_int_equal(reg(claim_reg(0x203)), 7);
	assert_int_equal(reg(claim_reg(1)), 0);
	assert_true(enabled(0x203, 7));
	/* Never routed, or no such source: nowhere to complete it. */
	set_reg(claim_reg(1), 0);
	plic_driver.deactivate(8);
	plic_driver.deactivate(0);
	plic_driver.deactivate(1023); /* beyond IRQ_MAX */
	assert_int_equal(reg(claim_reg(1)), 0);
}

static void test_ack(void **state)
{
	(void)state;
	on_cpu(1); /* hart 1: context 3 */
	set_reg(claim_reg(3), 42);
	assert_int_equal(plic_driver.ack(), 42);
	set_reg(claim_reg(3), 0);
	assert_int_equal(plic_driver.ack(), plic_driver.no_irq);
	set_reg(claim_reg(3), IRQ_MAX);
	assert_int_equal(plic_driver.ack(), plic_driver.no_irq);
	set_reg(claim_reg(3), 1023);
	assert_int_equal(plic_driver.ack(), plic_driver.no_irq);
}

static void test_translate(void **state)
{
	u32 cells[2] = { 10, 0 };

	(void)state;
	assert_int_equal(plic_driver.translate(cells, 1), 10);
	assert_int_equal(plic_driver.translate(cells, 2), 0);
	assert_int_equal(plic_driver.translate(cells, 0), 0);
	cells[0] = 0;
	assert_int_equal(plic_driver.translate(cells, 1), 0);
	cells[0] = IRQ_MAX;
	assert_int_equal(plic_driver.translate(cells, 1), 0);
	cells[0] = IRQ_MAX - 1;
	assert_int_equal(plic_driver.translate(cells, 1), IRQ_MAX - 1);
}

/* IPIs are SBI's; pending and trigger are not the PLIC's to change. */
static void test_ipi_and_fixed_controls(void **state)
{
	(void)state;
	plic_driver.send_ipi(0x102);
	assert_int_equal(ipi_hart, 0x102);
	set_reg(0x1000, 0x400);
	plic_driver.set_pending(10, true);
	plic_driver.set_pending(10, false);
	plic_driver.set_edge(10, true);
	plic_driver.drop(10);
	assert_int_equal(reg(0x1000), 0x400);
	assert_int_equal(reg(4 * 10), 0);
}

#define T(name) cmocka_unit_test_setup_teardown(name, setup, teardown)

int main(void)
{
	const struct CMUnitTest tests[] = {
		T(test_descriptor),
		T(test_init_rejects_small_window),
		T(test_init_clears_own_contexts),
		T(test_cpu_init_threshold),
		T(test_cpu_init_restores_enables),
		T(test_enable_moves_route),
		T(test_disable_then_deactivate),
		T(test_deactivate_where_routed),
		T(test_ack),
		T(test_translate),
		T(test_ipi_and_fixed_controls),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
