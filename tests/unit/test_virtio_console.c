// SPDX-License-Identifier: Apache-2.0
/*
 * virtio-console (drivers/virtio/virtio_console.c): what the guest
 * transmits reaches the console mux as the zone's output; input goes into
 * posted receive buffers at once, or waits in the 256-byte FIFO for the
 * next buffer, and is refused when the FIFO is full. The device takes the
 * zone's input in preference to an emulated UART (its input_rank).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include <bulkhead/mmio.h>

#include "fakes.h"
#include "virtio_guest.h"

#define RAM_IPA 0x40000000ull
#define RAM_SIZE 0x40000ull
#define CON_BASE 0x0a002000ull
#define CON_IRQ 42
#define QNUM 16
#define RINGS RAM_IPA
#define RX_BUFS (RAM_IPA + 0x10000) /* 512 bytes each, by descriptor */
#define TX_BUFS (RAM_IPA + 0x20000)
#define FIFO 256
#define ALL_STATUS                                          \
	(VIRTIO_STATUS_ACKNOWLEDGE | VIRTIO_STATUS_DRIVER | \
	 VIRTIO_STATUS_FEATURES_OK | VIRTIO_STATUS_DRIVER_OK)
#define LOG_PREFIX "bulkhead: zone con: virtio-console 0xa002000: "

struct con_fixture {
	struct zone zone;
	struct vg_zone z;
	struct vg_dev d;
	u8 *ram;
	u8 *ram_copy;
};

static u8 *ram_at(struct con_fixture *f, ipa_t ipa)
{
	return f->ram + (ipa - RAM_IPA);
}

static struct vdev *dev(struct con_fixture *f)
{
	return &f->zone.vdevs[0];
}

static bool input(struct con_fixture *f, char c)
{
	return dev(f)->type->input(dev(f), c);
}

static bool line(struct con_fixture *f)
{
	return fake_virq_line(&f->zone, CON_IRQ) == 1;
}

static int setup_stopped(void **state)
{
	struct con_fixture *f = calloc(1, sizeof(*f));

	assert_non_null(f);
	fake_reset();
	fake_hyp_pool_setup(8);
	vg_zone_init(&f->z, &f->zone, 6, "con");
	f->ram =
		vg_zone_add_mem(&f->z, RAM_IPA, RAM_SIZE, MEM_READ | MEM_WRITE);
	f->ram_copy = malloc(RAM_SIZE);
	assert_non_null(f->ram_copy);
	vg_zone_add_vdev(&f->z, "bulkhead,virtio-console", CON_BASE,
			 VIRTIO_MMIO_SIZE, CON_IRQ, NULL);
	assert_int_equal(vg_zone_create(&f->z), 0);
	vg_dev_init(&f->d, &f->z, CON_BASE, CON_IRQ);
	*state = f;
	return 0;
}

static int setup(void **state)
{
	struct con_fixture *f;

	setup_stopped(state);
	f = *state;
	assert_int_equal(vg_start(&f->d, 0, 2, QNUM, RINGS), ALL_STATUS);
	return 0;
}

static int teardown(void **state)
{
	struct con_fixture *f = *state;

	assert_true(vg_zone_guards_intact(&f->z));
	vg_zone_free(&f->z);
	free(f->ram_copy);
	free(f);
	fake_hyp_pool_release();
	return 0;
}

static void snapshot(struct con_fixture *f)
{
	memcpy(f->ram_copy, f->ram, RAM_SIZE);
}

static bool unchanged(const struct con_fixture *f)
{
	return !memcmp(f->ram_copy, f->ram, RAM_SIZE);
}

/* Posts @n receive buffers of @len bytes; notifies if @notify. */
static void post_rx(struct con_fixture *f, u32 n, u32 len, bool notify)
{
	for (u32 k = 0; k < n; k++) {
		u16 d = f->d.q[VIRTIO_CONSOLE_RXQ].next_desc;
		struct vg_buf b = { RX_BUFS + d * 512u, len, true };

		memset(ram_at(f, b.addr), '.', 512);
		vg_post(&f->d, VIRTIO_CONSOLE_RXQ, &b, 1);
	}
	if (notify)
		vg_notify(&f->d, VIRTIO_CONSOLE_RXQ);
}

/* The next used receive buffer holds exactly @s. */
static void check_received(struct con_fixture *f, const char *s)
{
	u32 id, len;
	const u8 *buf;

	assert_true(vg_take_used(&f->d, VIRTIO_CONSOLE_RXQ, &id, &len));
	assert_int_equal(len, strlen(s));
	buf = ram_at(f, RX_BUFS + id * 512u);
	assert_memory_equal(buf, s, len);
	assert_int_equal(buf[len], '.');
}

static void check_nothing_received(struct con_fixture *f)
{
	u32 id, len;

	assert_false(vg_take_used(&f->d, VIRTIO_CONSOLE_RXQ, &id, &len));
}

static void transmit(struct con_fixture *f, const struct vg_buf *b, u32 n)
{
	u32 id, len;

	vg_post(&f->d, VIRTIO_CONSOLE_TXQ, b, n);
	vg_notify(&f->d, VIRTIO_CONSOLE_TXQ);
	assert_true(vg_take_used(&f->d, VIRTIO_CONSOLE_TXQ, &id, &len));
	assert_int_equal(len, 0);
}

static void test_identification(void **state)
{
	struct con_fixture *f = *state;
	u64 v;

	assert_int_equal(vg_read(&f->d, VIRTIO_MMIO_DEVICE_ID),
			 VIRTIO_ID_CONSOLE);
	assert_int_equal(vg_read(&f->d, VIRTIO_MMIO_DEVICE_FEATURES), 0);
	vg_write(&f->d, VIRTIO_MMIO_DEVICE_FEATURES_SEL, 1);
	assert_int_equal(vg_read(&f->d, VIRTIO_MMIO_DEVICE_FEATURES), 1);
	/* No MULTIPORT, no SIZE: nothing in the config space. */
	assert_int_equal(vg_access(&f->d, VIRTIO_MMIO_CONFIG, 4, false, &v), 0);
	assert_int_equal(v, 0);
	vg_write(&f->d, VIRTIO_MMIO_QUEUE_SEL, 1);
	assert_int_equal(vg_read(&f->d, VIRTIO_MMIO_QUEUE_NUM_MAX),
			 CONFIG_VIRTIO_QUEUE_MAX);
	vg_write(&f->d, VIRTIO_MMIO_QUEUE_SEL, 2);
	assert_int_equal(vg_read(&f->d, VIRTIO_MMIO_QUEUE_NUM_MAX), 0);
}

/* The zone's console input goes to virtio-console rather than a UART. */
static void test_input_rank(void **state)
{
	const struct vdev_type *con = vdev_type_find("bulkhead,virtio-console");
	const struct vdev_type *uart = vdev_type_find("ns16550a");

	(void)state;
	assert_non_null(con);
	assert_non_null(uart);
	assert_non_null(con->input);
	assert_non_null(uart->input);
	assert_true(con->input_rank > uart->input_rank);
}

static void test_transmit(void **state)
{
	struct con_fixture *f = *state;
	static char big[200];

	memcpy(ram_at(f, TX_BUFS), "hello", 5);
	transmit(f, (struct vg_buf[]){ { TX_BUFS, 5, false } }, 1);
	assert_int_equal(fake_console_len, 5);
	assert_memory_equal(fake_console_out, "hello", 5);
	assert_ptr_equal(fake_console_zone, &f->zone);
	assert_int_equal(vg_read(&f->d, VIRTIO_MMIO_INTERRUPT_STATUS),
			 VIRTIO_INT_USED);
	assert_true(line(f));

	/* Several buffers, an empty one, and one longer than a chunk. */
	for (size_t i = 0; i < sizeof(big); i++)
		big[i] = (char)('a' + i % 26);
	memcpy(ram_at(f, TX_BUFS + 0x100), ", ", 2);
	memcpy(ram_at(f, TX_BUFS + 0x200), "world", 5);
	memcpy(ram_at(f, TX_BUFS + 0x400), big, sizeof(big));
	transmit(f,
		 (struct vg_buf[]){ { TX_BUFS + 0x100, 2, false },
				    { TX_BUFS + 0x300, 0, false },
				    { TX_BUFS + 0x200, 5, false },
				    { TX_BUFS + 0x400, sizeof(big), false } },
		 4);
	assert_int_equal(fake_console_len, 12 + sizeof(big));
	assert_memory_equal(fake_console_out, "hello, world", 12);
	assert_memory_equal(fake_console_out + 12, big, sizeof(big));
	assert_string_equal(fake_printk_log, "");
}

/* Two chains in one notify; buffers the device could write are ignored. */
static void test_transmit_batch_ignores_writable(void **state)
{
	struct con_fixture *f = *state;
	u32 id, len;

	snapshot(f);
	memcpy(ram_at(f, TX_BUFS), "one\n", 4);
	memcpy(ram_at(f, TX_BUFS + 0x100), "two\n", 4);
	memset(ram_at(f, TX_BUFS + 0x200), 'w', 16);
	vg_post(&f->d, VIRTIO_CONSOLE_TXQ,
		(struct vg_buf[]){ { TX_BUFS, 4, false },
				   { TX_BUFS + 0x200, 16, true } },
		2);
	vg_post(&f->d, VIRTIO_CONSOLE_TXQ,
		(struct vg_buf[]){ { TX_BUFS + 0x100, 4, false } }, 1);
	vg_notify(&f->d, VIRTIO_CONSOLE_TXQ);
	assert_int_equal(fake_console_len, 8);
	assert_memory_equal(fake_console_out, "one\ntwo\n", 8);
	for (int k = 0; k < 2; k++) {
		assert_true(vg_take_used(&f->d, VIRTIO_CONSOLE_TXQ, &id, &len));
		assert_int_equal(len, 0);
	}
	for (int k = 0; k < 16; k++)
		assert_int_equal(*ram_at(f, TX_BUFS + 0x200 + k), 'w');
}

static void test_input_waits_for_a_buffer(void **state)
{
	struct con_fixture *f = *state;

	snapshot(f);
	assert_true(input(f, 'a'));
	assert_true(input(f, 'b'));
	assert_true(unchanged(f));
	assert_false(line(f));
	post_rx(f, 1, 64, false);
	check_nothing_received(f); /* posted, not yet notified */
	vg_notify(&f->d, VIRTIO_CONSOLE_RXQ);
	check_received(f, "ab");
	assert_true(line(f));
	check_nothing_received(f);
}

static void test_input_delivered_at_once(void **state)
{
	struct con_fixture *f = *state;

	post_rx(f, 3, 64, true);
	check_nothing_received(f);
	assert_true(input(f, 'x'));
	check_received(f, "x");
	assert_true(input(f, 'y'));
	check_received(f, "y");
	assert_int_equal(vg_read(&f->d, VIRTIO_MMIO_INTERRUPT_STATUS),
			 VIRTIO_INT_USED);
	assert_true(line(f));
}

/* Buffered input fills the buffers in order, a buffer at a time. */
static void test_input_split_over_small_buffers(void **state)
{
	struct con_fixture *f = *state;

	for (const char *s = "abcde"; *s; s++)
		assert_true(input(f, *s));
	post_rx(f, 2, 2, true);
	check_received(f, "ab");
	check_received(f, "cd");
	check_nothing_received(f);
	post_rx(f, 1, 2, true);
	check_received(f, "e");
	/* A chain of several buffers takes as much as they hold. */
	for (const char *s = "fghij"; *s; s++)
		assert_true(input(f, *s));
	memset(ram_at(f, RX_BUFS + 0x3000), '.', 0x2000);
	vg_post(&f->d, VIRTIO_CONSOLE_RXQ,
		(struct vg_buf[]){ { RX_BUFS + 0x3000, 3, true },
				   { RX_BUFS + 0x4000, 5, true } },
		2);
	vg_notify(&f->d, VIRTIO_CONSOLE_RXQ);
	{
		u32 id, len;

		assert_true(vg_take_used(&f->d, VIRTIO_CONSOLE_RXQ, &id, &len));
		assert_int_equal(len, 5);
		assert_memory_equal(ram_at(f, RX_BUFS + 0x3000), "fgh.", 4);
		assert_memory_equal(ram_at(f, RX_BUFS + 0x4000), "ij.", 3);
	}
}

static void test_fifo_full_refuses_input(void **state)
{
	struct con_fixture *f = *state;
	char want[FIFO + 1];

	for (int i = 0; i < FIFO; i++) {
		want[i] = (char)('A' + i % 50);
		assert_true(input(f, want[i]));
	}
	want[FIFO] = '\0';
	assert_false(input(f, '!'));
	assert_false(input(f, '?'));
	/* One buffer of 100 makes room for 100 more. */
	post_rx(f, 1, 100, true);
	{
		char part[101];

		memcpy(part, want, 100);
		part[100] = '\0';
		check_received(f, part);
	}
	for (int i = 0; i < 100; i++)
		assert_true(input(f, 'z'));
	assert_false(input(f, '!'));
	post_rx(f, 1, 512, true);
	{
		char rest[FIFO + 1];

		memcpy(rest, want + 100, FIFO - 100);
		memset(rest + FIFO - 100, 'z', 100);
		rest[FIFO] = '\0';
		check_received(f, rest);
	}
}

/* Before DRIVER_OK input waits; a reset throws it away. */
static void test_input_before_driver_ok_and_reset(void **state)
{
	struct con_fixture *f = *state;
	u32 s;

	assert_true(input(f, 'q'));
	s = vg_negotiate(&f->d, BIT(VIRTIO_F_VERSION_1));
	assert_true(input(f, 'r'));
	vg_queue_setup(&f->d, VIRTIO_CONSOLE_RXQ, QNUM, RINGS);
	vg_queue_setup(&f->d, VIRTIO_CONSOLE_TXQ, QNUM,
		       RINGS + vg_rings_size(QNUM));
	post_rx(f, 2, 64, true);
	assert_true(input(f, 's'));
	check_nothing_received(f);
	vg_write(&f->d, VIRTIO_MMIO_STATUS, s | VIRTIO_STATUS_DRIVER_OK);
	assert_true(input(f, 't')); /* delivers what waits, too */
	check_received(f, "rst"); /* 'q' went with the reset */
	assert_true(input(f, 'u'));
	check_received(f, "u");
}

static void test_zone_reset_empties_fifo(void **state)
{
	struct con_fixture *f = *state;

	for (int i = 0; i < FIFO; i++)
		assert_true(input(f, 'x'));
	assert_false(input(f, 'x'));
	dev(f)->type->reset(dev(f));
	assert_int_equal(vg_read(&f->d, VIRTIO_MMIO_STATUS), 0);
	assert_true(input(f, 'n'));
	/* The driver starts again without a reset of its own. */
	memset(ram_at(f, RINGS), 0, 2 * vg_rings_size(QNUM));
	vg_write(&f->d, VIRTIO_MMIO_STATUS, VIRTIO_STATUS_ACKNOWLEDGE);
	vg_write(&f->d, VIRTIO_MMIO_DRIVER_FEATURES_SEL, 1);
	vg_write(&f->d, VIRTIO_MMIO_DRIVER_FEATURES, 1);
	vg_write(&f->d, VIRTIO_MMIO_STATUS, ALL_STATUS);
	vg_queue_setup(&f->d, VIRTIO_CONSOLE_RXQ, QNUM, RINGS);
	vg_queue_setup(&f->d, VIRTIO_CONSOLE_TXQ, QNUM,
		       RINGS + vg_rings_size(QNUM));
	assert_int_equal(vg_read(&f->d, VIRTIO_MMIO_STATUS), ALL_STATUS);
	post_rx(f, 1, 64, true);
	check_received(f, "n");
}

static void test_broken_rx_queue(void **state)
{
	struct con_fixture *f = *state;

	vg_post(&f->d, VIRTIO_CONSOLE_RXQ,
		(struct vg_buf[]){ { RAM_IPA + RAM_SIZE, 16, true } }, 1);
	snapshot(f);
	assert_true(input(f, 'k')); /* taken: it waits in the FIFO */
	assert_string_equal(fake_printk_log,
			    LOG_PREFIX "buffer outside the zone's memory; "
				       "needs reset\n");
	assert_int_equal(vg_read(&f->d, VIRTIO_MMIO_STATUS),
			 ALL_STATUS | VIRTIO_STATUS_NEEDS_RESET);
	assert_true(line(f));
	assert_true(unchanged(f));
	/* Quiet from now on, whatever comes. */
	post_rx(f, 1, 16, true);
	snapshot(f);
	assert_true(input(f, 'l'));
	assert_true(unchanged(f));
	check_nothing_received(f);
	assert_string_equal(fake_printk_log,
			    LOG_PREFIX "buffer outside the zone's memory; "
				       "needs reset\n");
}

static void test_broken_tx_queue(void **state)
{
	struct con_fixture *f = *state;

	u16 head;

	memcpy(ram_at(f, TX_BUFS), "secret", 6);
	head = vg_post(&f->d, VIRTIO_CONSOLE_TXQ,
		       (struct vg_buf[]){ { TX_BUFS, 6, false } }, 1);
	vg_desc(&f->d, VIRTIO_CONSOLE_TXQ)[head].flags = VRING_DESC_F_INDIRECT;
	snapshot(f);
	vg_notify(&f->d, VIRTIO_CONSOLE_TXQ);
	assert_int_equal(fake_console_len, 0);
	assert_string_equal(fake_printk_log,
			    LOG_PREFIX "indirect descriptor (not offered); "
				       "needs reset\n");
	assert_true(unchanged(f));
	assert_int_equal(vg_read(&f->d, VIRTIO_MMIO_STATUS),
			 ALL_STATUS | VIRTIO_STATUS_NEEDS_RESET);
}

#define TEST(f) cmocka_unit_test_setup_teardown(f, setup, teardown)

int main(void)
{
	const struct CMUnitTest tests[] = {
		TEST(test_identification),
		TEST(test_input_rank),
		TEST(test_transmit),
		TEST(test_transmit_batch_ignores_writable),
		TEST(test_input_waits_for_a_buffer),
		TEST(test_input_delivered_at_once),
		TEST(test_input_split_over_small_buffers),
		TEST(test_fifo_full_refuses_input),
		cmocka_unit_test_setup_teardown(
			test_input_before_driver_ok_and_reset, setup_stopped,
			teardown),
		TEST(test_zone_reset_empties_fifo),
		TEST(test_broken_rx_queue),
		TEST(test_broken_tx_queue),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
