// SPDX-License-Identifier: Apache-2.0
/*
 * The emulated PL011 as a guest driver sees it through mmio_dispatch():
 * identification, flags, transmit to the console mux, the receive FIFO
 * and its interrupt status, and the accesses it must refuse.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <string.h>

#include <cmocka.h>

#include <bulkhead/mmio.h>
#include <bulkhead/vpl011.h>
#include <bulkhead/zone.h>

#include "fakes.h"
#include "zone_fixture.h"

#define BASE 0x9000000ull

static const struct vdev_config uart_cfg[] = {
	{ "arm,pl011", BASE, 0x1000, 33, NULL },
};
static const struct zone_config zcfg = {
	.id = 3,
	.name = "z",
	.nr_vdevs = 1,
	.vdevs = uart_cfg,
};
static struct zone zone;

static int setup(void **state)
{
	(void)state;
	fake_reset();
	fake_hyp_pool_setup(8);
	assert_int_equal(fixture_zone_init(&zone, &zcfg), 0);
	assert_ptr_equal(zone.vdevs[0].type, vdev_type_find("arm,pl011"));
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	fake_hyp_pool_release();
	return 0;
}

static int access(u64 off, unsigned int width, bool write, u64 *val)
{
	return fixture_mmio(&zone, BASE + off, width, write, val);
}

static u64 rd(u64 off)
{
	u64 v = 0;

	assert_int_equal(access(off, 4, false, &v), 0);
	return v;
}

static void wr(u64 off, u64 v)
{
	assert_int_equal(access(off, 4, true, &v), 0);
}

static void test_identification(void **state)
{
	static const u64 ids[8] = { 0x11, 0x10, 0x14, 0x00,
				    0x0d, 0xf0, 0x05, 0xb1 };

	(void)state;
	for (int i = 0; i < 8; i++)
		assert_int_equal(rd(0xfe0 + 4 * i), ids[i]);
}

static void test_reset_state(void **state)
{
	(void)state;
	assert_int_equal(rd(0x018), 0x90); /* TXFE | RXFE */
	assert_int_equal(rd(0x030), 0x300); /* CR: TXE | RXE */
	assert_int_equal(rd(0x03c), 0x20); /* RIS: TX */
	assert_int_equal(rd(0x040), 0); /* MIS: nothing unmasked */
}

static void test_transmit_goes_to_zone_console(void **state)
{
	(void)state;
	wr(0x000, 'o');
	wr(0x000, 'k' | 0xf00); /* error bits of DR are not data */
	assert_int_equal(fake_console_len, 2);
	assert_memory_equal(fake_console_out, "ok", 2);
	assert_ptr_equal(fake_console_zone, &zone);
}

/* Linux's amba-pl011 driver uses 16-bit accesses throughout. */
static void test_halfword_access(void **state)
{
	u64 v = 0x50;

	(void)state;
	assert_int_equal(access(0x038, 2, true, &v), 0);
	v = 0;
	assert_int_equal(access(0x038, 2, false, &v), 0);
	assert_int_equal(v, 0x50);
}

static void test_byte_write_to_dr(void **state)
{
	u64 v = 'b';

	(void)state;
	assert_int_equal(access(0x000, 1, true, &v), 0);
	assert_int_equal(fake_console_len, 1);
}

static void test_receive_fifo(void **state)
{
	(void)state;
	wr(0x038, 0x10); /* IMSC: RX */
	assert_true(vpl011_push_input(&zone.vdevs[0], 'a'));
	assert_true(vpl011_push_input(&zone.vdevs[0], 'b'));
	assert_int_equal(rd(0x018) & 0x10, 0); /* RXFE clear */
	assert_int_equal(rd(0x040), 0x10); /* MIS: RX */
	assert_int_equal(rd(0x000), 'a');
	assert_int_equal(rd(0x000), 'b');
	assert_int_equal(rd(0x018) & 0x10, 0x10);
	assert_int_equal(rd(0x040), 0);
	assert_int_equal(rd(0x000), 0); /* empty FIFO reads 0 */
}

/*
 * Polling an empty receiver means waiting for the user: show the prompt,
 * once. A transmit loop's few FR reads per character (TXFF, BUSY) do not.
 */
static void test_polling_empty_rx_shows_prompt(void **state)
{
	(void)state;
	for (int i = 0; i < 40; i++) {
		rd(0x018);
		rd(0x018);
		rd(0x018);
		wr(0x000, 'x');
	}
	assert_int_equal(fake_console_idle_calls, 0);
	for (int i = 0; i < 100; i++)
		rd(0x018);
	assert_int_equal(fake_console_idle_calls, 1);
	assert_true(vpl011_push_input(&zone.vdevs[0], 'a'));
	wr(0x000, 'y');
	for (int i = 0; i < 100; i++)
		rd(0x018);
	assert_int_equal(fake_console_idle_calls, 1); /* not empty: no idle */
}

/* The line follows RIS & IMSC and is reported only when it changes. */
static void test_interrupt_line(void **state)
{
	(void)state;
	assert_true(vpl011_push_input(&zone.vdevs[0], 'a'));
	assert_int_equal(fake_virq_calls, 0); /* RX masked: line stays low */
	wr(0x038, 0x10); /* IMSC: RX */
	assert_int_equal(fake_virq_irq, 33);
	assert_int_equal(fake_virq_level, 1);
	assert_int_equal(fake_virq_calls, 1);
	rd(0x018);
	assert_int_equal(fake_virq_calls, 1);
	assert_int_equal(rd(0x000), 'a'); /* FIFO empty: line drops */
	assert_int_equal(fake_virq_level, 0);
	wr(0x038, 0x30); /* TX: the transmitter is always ready */
	assert_int_equal(fake_virq_level, 1);
	wr(0x038, 0x00);
	assert_int_equal(fake_virq_level, 0);
	assert_int_equal(fake_virq_calls, 4);
}

static void test_fifo_full_refuses(void **state)
{
	(void)state;
	for (int i = 0; i < 256; i++)
		assert_true(vpl011_push_input(&zone.vdevs[0], (char)('a' + i)));
	assert_false(vpl011_push_input(&zone.vdevs[0], 'x'));
	for (int i = 0; i < 256; i++)
		assert_int_equal(rd(0x000), (u8)('a' + i));
}

static void test_icr_clears_rx_status_not_tx(void **state)
{
	(void)state;
	assert_true(vpl011_push_input(&zone.vdevs[0], 'a'));
	wr(0x044, 0x7ff);
	assert_int_equal(rd(0x03c), 0x20);
}

static void test_bad_accesses_refused(void **state)
{
	u64 v = 0;

	(void)state;
	assert_int_equal(access(0x018, 8, false, &v), MMIO_BAD_ACCESS);
	assert_int_equal(access(0x019, 1, false, &v), MMIO_BAD_ACCESS);
	assert_int_equal(access(0x032, 2, true, &v), MMIO_BAD_ACCESS);
	assert_int_equal(access(0xffc, 8, false, &v), MMIO_BAD_ACCESS);
	assert_int_equal(access(0x1000, 4, false, &v), MMIO_UNHANDLED);
}

static void test_read_only_registers_ignore_writes(void **state)
{
	(void)state;
	wr(0x018, 0);
	wr(0x03c, 0);
	assert_int_equal(rd(0x018), 0x90);
	assert_int_equal(rd(0x03c), 0x20);
	wr(0x024, 0x1a); /* IBRD is plain storage */
	assert_int_equal(rd(0x024), 0x1a);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_halfword_access, setup,
						teardown),
		cmocka_unit_test_setup_teardown(test_interrupt_line, setup,
						teardown),
		cmocka_unit_test_setup_teardown(test_identification, setup,
						teardown),
		cmocka_unit_test_setup_teardown(test_reset_state, setup,
						teardown),
		cmocka_unit_test_setup_teardown(
			test_transmit_goes_to_zone_console, setup, teardown),
		cmocka_unit_test_setup_teardown(test_byte_write_to_dr, setup,
						teardown),
		cmocka_unit_test_setup_teardown(test_receive_fifo, setup,
						teardown),
		cmocka_unit_test_setup_teardown(test_fifo_full_refuses, setup,
						teardown),
		cmocka_unit_test_setup_teardown(
			test_polling_empty_rx_shows_prompt, setup, teardown),
		cmocka_unit_test_setup_teardown(
			test_icr_clears_rx_status_not_tx, setup, teardown),
		cmocka_unit_test_setup_teardown(test_bad_accesses_refused,
						setup, teardown),
		cmocka_unit_test_setup_teardown(
			test_read_only_registers_ignore_writes, setup,
			teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
