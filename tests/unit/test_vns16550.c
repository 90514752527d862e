// SPDX-License-Identifier: Apache-2.0
/*
 * The emulated NS16550A as a guest driver sees it through mmio_dispatch():
 * transmit to the console mux, the line status, the receive FIFO, the
 * divisor latch, interrupt identification and the interrupt line, the
 * loopback probe, and the accesses it must refuse.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <string.h>

#include <cmocka.h>

#include <bulkhead/mmio.h>
#include <bulkhead/zone.h>

#include "fakes.h"
#include "zone_fixture.h"

#define BASE 0x10000000ull
#define WINDOW 0x100
#define IRQ 10

#define RBR 0
#define IER 1
#define IIR 2
#define LCR 3
#define MCR 4
#define LSR 5
#define MSR 6
#define SCR 7

static const struct vdev_config uart_cfg[] = {
	{ "ns16550a", BASE, WINDOW, IRQ, NULL },
};
static const struct vdev_config uart_cfg_noirq[] = {
	{ "ns16550a", BASE, WINDOW, 0, NULL },
};
static const struct zone_config zcfg = {
	.id = 2,
	.name = "z",
	.nr_vdevs = 1,
	.vdevs = uart_cfg,
};
static const struct zone_config zcfg_noirq = {
	.id = 2,
	.name = "z",
	.nr_vdevs = 1,
	.vdevs = uart_cfg_noirq,
};
static struct zone zone;

static void zone_setup(const struct zone_config *cfg)
{
	fake_reset();
	fake_hyp_pool_setup(8);
	assert_int_equal(fixture_zone_init(&zone, cfg), 0);
	assert_ptr_equal(zone.vdevs[0].type, vdev_type_find("ns16550a"));
}

static int setup(void **state)
{
	(void)state;
	zone_setup(&zcfg);
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
	struct mmio_access acc = { .width = width,
				   .write = write,
				   .value = write ? *val : 0xdeadbeef };
	int ret = mmio_dispatch(&zone, BASE + off, &acc);

	if (!write)
		*val = acc.value;
	return ret;
}

static u64 rd(u64 off)
{
	u64 v = 0;

	assert_int_equal(access(off, 1, false, &v), 0);
	return v;
}

static void wr(u64 off, u64 v)
{
	assert_int_equal(access(off, 1, true, &v), 0);
}

static bool input(char c)
{
	return zone.vdevs[0].type->input(&zone.vdevs[0], c);
}

static void test_reset_state(void **state)
{
	(void)state;
	assert_int_equal(rd(LSR), 0x60); /* THRE | TEMT */
	assert_int_equal(rd(IIR), 0x01); /* nothing pending, FIFOs off */
	assert_int_equal(rd(IER), 0);
	assert_int_equal(rd(LCR), 0);
	assert_int_equal(rd(MCR), 0);
	assert_int_equal(rd(MSR), 0xb0); /* DCD | DSR | CTS */
	assert_int_equal(rd(SCR), 0);
	assert_int_equal(rd(RBR), 0); /* empty receiver */
	assert_int_equal(fake_virq_calls, 0);
}

static void test_transmit_goes_to_zone_console(void **state)
{
	u64 v = 'k' | 0x100;

	(void)state;
	wr(RBR, 'o');
	/* A word access at a word-aligned register acts on its byte. */
	assert_int_equal(access(RBR, 4, true, &v), 0);
	assert_int_equal(fake_console_len, 2);
	assert_memory_equal(fake_console_out, "ok", 2);
	assert_ptr_equal(fake_console_zone, &zone);
	assert_int_equal(rd(LSR), 0x60); /* the transmitter is always empty */
}

static void test_receive_fifo_order_and_lsr(void **state)
{
	(void)state;
	assert_true(input('a'));
	assert_true(input('b'));
	assert_int_equal(rd(LSR), 0x61); /* DR */
	assert_int_equal(rd(RBR), 'a');
	assert_int_equal(rd(LSR), 0x61);
	assert_int_equal(rd(RBR), 'b');
	assert_int_equal(rd(LSR), 0x60);
	assert_int_equal(rd(RBR), 0);
}

static void test_receive_fifo_overflow(void **state)
{
	(void)state;
	for (int i = 0; i < 256; i++)
		assert_true(input((char)('a' + i)));
	assert_false(input('x'));
	for (int i = 0; i < 256; i++)
		assert_int_equal(rd(RBR), (u8)('a' + i));
	assert_int_equal(rd(LSR) & 0x01, 0);
	assert_true(input('y')); /* room again */
	assert_int_equal(rd(RBR), 'y');
}

/* LCR.DLAB turns offsets 0 and 1 into the divisor latch. */
static void test_divisor_latch(void **state)
{
	(void)state;
	wr(IER, 0x03);
	wr(LCR, 0x83); /* DLAB, 8N1 */
	assert_int_equal(rd(RBR), 1); /* DLL never resets to 0 */
	assert_int_equal(rd(IER), 0);
	wr(RBR, 0x0c);
	wr(IER, 0x12);
	assert_int_equal(fake_console_len, 0); /* not a transmit */
	assert_int_equal(rd(RBR), 0x0c);
	assert_int_equal(rd(IER), 0x12);
	assert_true(input('a'));
	assert_int_equal(rd(RBR), 0x0c); /* not a receive either */
	wr(LCR, 0x03);
	assert_int_equal(rd(IER), 0x03);
	assert_int_equal(rd(RBR), 'a');
	wr(RBR, 't');
	assert_int_equal(fake_console_len, 1);
	wr(LCR, 0x80);
	assert_int_equal(rd(RBR), 0x0c);
	assert_int_equal(rd(IER), 0x12);
}

static void test_scratch_and_register_masks(void **state)
{
	(void)state;
	wr(SCR, 0xa5);
	assert_int_equal(rd(SCR), 0xa5);
	wr(SCR, 0x5a);
	assert_int_equal(rd(SCR), 0x5a);
	wr(IER, 0xff);
	assert_int_equal(rd(IER), 0x0f); /* a 16550A has IER bits 3:0 */
	wr(MCR, 0xff);
	assert_int_equal(rd(MCR), 0x1f);
	wr(LCR, 0x5b);
	assert_int_equal(rd(LCR), 0x5b);
}

static void test_fifo_enable_reported_in_iir(void **state)
{
	(void)state;
	wr(IIR, 0x01); /* FCR: FIFO enable */
	assert_int_equal(rd(IIR), 0xc1);
	wr(IIR, 0xc7); /* trigger level 14, clear both FIFOs */
	assert_int_equal(rd(IIR), 0xc1);
	wr(IIR, 0x00);
	assert_int_equal(rd(IIR), 0x01);
}

static void test_fcr_clears_receive_fifo(void **state)
{
	(void)state;
	wr(IIR, 0x01);
	assert_true(input('a'));
	assert_true(input('b'));
	wr(IIR, 0x01); /* FIFOs stay on: nothing lost */
	assert_int_equal(rd(LSR), 0x61);
	wr(IIR, 0x05); /* clear the transmit FIFO only */
	assert_int_equal(rd(LSR), 0x61);
	wr(IIR, 0x03); /* clear the receive FIFO */
	assert_int_equal(rd(LSR), 0x60);
	assert_int_equal(rd(RBR), 0);
	assert_true(input('c'));
	wr(IIR, 0x00); /* switching the FIFOs off empties them too */
	assert_int_equal(rd(LSR), 0x60);
	assert_true(input('d'));
	assert_int_equal(rd(RBR), 'd');
}

/* Received data outranks THR empty; reading IIR acknowledges only THRE. */
static void test_iir_priorities(void **state)
{
	(void)state;
	wr(IIR, 0x01);
	wr(IER, 0x03); /* ERBFI | ETBEI */
	assert_true(input('a'));
	assert_int_equal(rd(IIR), 0xc4);
	assert_int_equal(rd(IIR), 0xc4); /* stays until the data is read */
	assert_int_equal(rd(RBR), 'a');
	assert_int_equal(rd(IIR), 0xc2); /* THRE was not acknowledged */
	assert_int_equal(rd(IIR), 0xc1);
	assert_true(input('b'));
	wr(IER, 0x02); /* received data masked; ETBEI was on already */
	assert_int_equal(rd(IIR), 0xc1); /* so no new THR empty either */
	wr(IER, 0x00);
	wr(IER, 0x02);
	assert_int_equal(rd(IIR), 0xc2);
	assert_int_equal(rd(IIR), 0xc1);
}

/*
 * THR empty is pending as soon as ETBEI is enabled (Linux tests for it
 * at startup); reading IIR acknowledges it; each THR write, its byte gone
 * at once, leaves the THR empty and raises it again.
 */
static void test_thr_empty_interrupt(void **state)
{
	(void)state;
	wr(IER, 0x02);
	assert_int_equal(fake_virq_level, 1);
	assert_int_equal(rd(IIR), 0x02);
	assert_int_equal(fake_virq_level, 0);
	assert_int_equal(rd(IIR), 0x01);
	wr(RBR, 'x');
	assert_int_equal(fake_virq_level, 1);
	wr(IER, 0x00); /* masked: the line drops, the latch stays */
	assert_int_equal(fake_virq_level, 0);
	wr(RBR, 'y');
	assert_int_equal(fake_virq_calls, 4);
	wr(IER, 0x02);
	assert_int_equal(fake_virq_level, 1);
	assert_int_equal(rd(IIR), 0x02);
	assert_int_equal(fake_virq_level, 0);
	assert_int_equal(fake_virq_calls, 6);
}

/* The line is any enabled source pending, reported only when it changes. */
static void test_interrupt_line(void **state)
{
	(void)state;
	assert_true(input('a'));
	assert_int_equal(fake_virq_calls, 0); /* ERBFI off: line stays low */
	wr(MCR, 0x0b); /* OUT2 does not gate it */
	assert_int_equal(fake_virq_calls, 0);
	wr(IER, 0x01);
	assert_int_equal(fake_virq_irq, IRQ);
	assert_int_equal(fake_virq_level, 1);
	assert_int_equal(fake_virq_calls, 1);
	assert_true(input('b'));
	rd(LSR);
	rd(IIR);
	assert_int_equal(fake_virq_calls, 1);
	assert_int_equal(rd(RBR), 'a');
	assert_int_equal(fake_virq_calls, 1);
	assert_int_equal(rd(RBR), 'b'); /* empty: the line drops */
	assert_int_equal(fake_virq_level, 0);
	assert_int_equal(fake_virq_calls, 2);
	wr(MCR, 0x00);
	assert_true(input('c'));
	assert_int_equal(fake_virq_level, 1);
	assert_int_equal(fake_virq_calls, 3);
}

static void test_no_irq_no_reports(void **state)
{
	(void)state;
	fake_hyp_pool_release();
	zone_setup(&zcfg_noirq);
	wr(IER, 0x03);
	assert_true(input('a'));
	assert_int_equal(rd(IIR), 0x04); /* the model still works */
	assert_int_equal(fake_virq_calls, 0);
}

/*
 * The probe of Linux's 8250 autoconfig: in loopback the modem inputs
 * follow the outputs, the transmitter feeds the receiver, and the outside
 * world is cut off.
 */
static void test_loopback(void **state)
{
	(void)state;
	wr(MCR, 0x1a); /* LOOP | OUT2 | RTS */
	assert_int_equal(rd(MSR) & 0xf0, 0x90); /* DCD | CTS */
	wr(MCR, 0x15); /* LOOP | OUT1 | DTR */
	assert_int_equal(rd(MSR) & 0xf0, 0x60); /* RI | DSR */
	wr(RBR, 'L');
	assert_int_equal(fake_console_len, 0);
	assert_false(input('x'));
	assert_int_equal(rd(LSR), 0x61);
	assert_int_equal(rd(RBR), 'L');
	wr(MCR, 0x03);
	assert_int_equal(rd(MSR), 0xb0);
	wr(RBR, 'o');
	assert_int_equal(fake_console_len, 1);
	assert_int_equal(rd(LSR), 0x60);
}

/*
 * Polling an empty receiver means waiting for the user: show the prompt,
 * once. A transmit loop's LSR reads between characters do not.
 */
static void test_polling_empty_rx_shows_prompt(void **state)
{
	(void)state;
	for (int i = 0; i < 40; i++) {
		rd(LSR);
		rd(LSR);
		wr(RBR, 'x');
	}
	assert_int_equal(fake_console_idle_calls, 0);
	for (int i = 0; i < 100; i++)
		rd(LSR);
	assert_int_equal(fake_console_idle_calls, 1);
	assert_true(input('a'));
	wr(RBR, 'y');
	for (int i = 0; i < 100; i++)
		rd(LSR);
	assert_int_equal(fake_console_idle_calls, 1); /* not empty: no idle */
	rd(RBR);
	for (int i = 0; i < 100; i++)
		rd(LSR);
	assert_int_equal(fake_console_idle_calls, 2);
}

static void test_read_only_registers_ignore_writes(void **state)
{
	(void)state;
	wr(LSR, 0x00);
	wr(MSR, 0x00);
	assert_int_equal(rd(LSR), 0x60);
	assert_int_equal(rd(MSR), 0xb0);
	wr(IIR, 0x00); /* FCR, not IIR */
	assert_int_equal(rd(IIR), 0x01);
}

static void test_bad_accesses_refused(void **state)
{
	u64 v = 0;

	(void)state;
	assert_int_equal(access(RBR, 2, false, &v), MMIO_BAD_ACCESS);
	assert_int_equal(access(RBR, 2, true, &v), MMIO_BAD_ACCESS);
	assert_int_equal(access(RBR, 8, false, &v), MMIO_BAD_ACCESS);
	assert_int_equal(access(IER, 4, false, &v), MMIO_BAD_ACCESS);
	assert_int_equal(access(LSR, 4, true, &v), MMIO_BAD_ACCESS);
	assert_int_equal(access(0x0a, 2, false, &v), MMIO_BAD_ACCESS);
	assert_int_equal(access(0x10, 8, false, &v), MMIO_BAD_ACCESS);
	assert_int_equal(access(WINDOW - 2, 4, false, &v), MMIO_BAD_ACCESS);
	assert_int_equal(access(WINDOW, 1, false, &v), MMIO_UNHANDLED);
	assert_int_equal(fake_console_len, 0);
	v = 0;
	assert_int_equal(access(MCR, 4, false, &v), 0); /* word-aligned MCR */
	assert_int_equal(v, 0);
}

static void test_past_registers_raz_wi(void **state)
{
	u64 v;

	(void)state;
	wr(IER, 0x02);
	for (u64 off = 8; off < WINDOW; off++) {
		v = 0xff;
		assert_int_equal(access(off, 1, true, &v), 0);
		assert_int_equal(access(off, 1, false, &v), 0);
		assert_int_equal(v, 0);
	}
	v = 0xffffffff;
	assert_int_equal(access(8, 4, true, &v), 0);
	assert_int_equal(access(WINDOW - 4, 4, false, &v), 0);
	assert_int_equal(v, 0);
	assert_int_equal(fake_console_len, 0);
	assert_int_equal(rd(IIR), 0x02); /* nothing touched */
	assert_int_equal(rd(IER), 0x02);
	assert_int_equal(rd(SCR), 0);
}

#define TEST(f) cmocka_unit_test_setup_teardown(f, setup, teardown)

int main(void)
{
	const struct CMUnitTest tests[] = {
		TEST(test_reset_state),
		TEST(test_transmit_goes_to_zone_console),
		TEST(test_receive_fifo_order_and_lsr),
		TEST(test_receive_fifo_overflow),
		TEST(test_divisor_latch),
		TEST(test_scratch_and_register_masks),
		TEST(test_fifo_enable_reported_in_iir),
		TEST(test_fcr_clears_receive_fifo),
		TEST(test_iir_priorities),
		TEST(test_thr_empty_interrupt),
		TEST(test_interrupt_line),
		TEST(test_no_irq_no_reports),
		TEST(test_loopback),
		TEST(test_polling_empty_rx_shows_prompt),
		TEST(test_read_only_registers_ignore_writes),
		TEST(test_bad_accesses_refused),
		TEST(test_past_registers_raz_wi),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
