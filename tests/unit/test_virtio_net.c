// SPDX-License-Identifier: Apache-2.0
/*
 * virtio-net (drivers/virtio/virtio_net.c): four zones with a port each,
 * A, B and C on switch 0 and D on switch 1 with B's MAC. A frame goes to
 * the port with its destination MAC, a broadcast or multicast to every
 * other port of the switch, never across switches; it is dropped when a
 * receiver has no buffer (or too small a one), and runts and oversized
 * frames are dropped. A receiver with a broken receive queue goes into
 * NEEDS_RESET alone: the sender and the other receivers carry on.
 *
 * The switch's port registry is filled once by the devices' init and is
 * never emptied, so the zones are created once for all tests; each test
 * resets the devices and their memory.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include <bulkhead/mmio.h>
#include <bulkhead/vdev_params.h>

#include "fakes.h"
#include "virtio_guest.h"

#define RAM_IPA 0x40000000ull
#define RAM_SIZE 0x40000ull
#define NET_BASE 0x0a001000ull
#define NET_IRQ 41
#define QNUM 16
#define RINGS RAM_IPA
#define RX_BUFS (RAM_IPA + 0x10000) /* 2 KiB each, by descriptor */
#define TX_BUFS (RAM_IPA + 0x20000)
#define HDR_LEN 12
#define ALL_STATUS                                          \
	(VIRTIO_STATUS_ACKNOWLEDGE | VIRTIO_STATUS_DRIVER | \
	 VIRTIO_STATUS_FEATURES_OK | VIRTIO_STATUS_DRIVER_OK)

enum { A, B, C, D, NR_PORTS };

static const char *const names[NR_PORTS] = { "neta", "netb", "netc", "netd" };
static const struct virtio_net_params params[NR_PORTS] = {
	{ .sw = 0, .mac = { 0x02, 0, 0, 0, 0, 0x0a } },
	{ .sw = 0, .mac = { 0x02, 0, 0, 0, 0, 0x0b } },
	{ .sw = 0, .mac = { 0x02, 0, 0, 0, 0, 0x0c } },
	{ .sw = 1, .mac = { 0x02, 0, 0, 0, 0, 0x0b } }, /* B's, elsewhere */
};

static const u8 broadcast[6] = { 0xff, 0xff, 0xff, 0xff, 0xff, 0xff };
static const u8 multicast[6] = { 0x01, 0x00, 0x5e, 0x00, 0x00, 0x01 };

struct port {
	struct zone zone;
	struct vg_zone z;
	struct vg_dev d;
	u8 *ram;
	u8 *ram_copy;
	u16 tx_next; /* next free byte offset in TX_BUFS / 2048 */
};

static struct port ports[NR_PORTS];

static u8 *ram_at(struct port *p, ipa_t ipa)
{
	return p->ram + (ipa - RAM_IPA);
}

static int group_setup(void **state)
{
	(void)state;
	fake_reset();
	fake_hyp_pool_setup(32);
	for (int i = 0; i < NR_PORTS; i++) {
		struct port *p = &ports[i];

		vg_zone_init(&p->z, &p->zone, (u32)i + 1, names[i]);
		p->ram = vg_zone_add_mem(&p->z, RAM_IPA, RAM_SIZE,
					 MEM_READ | MEM_WRITE);
		p->ram_copy = malloc(RAM_SIZE);
		assert_non_null(p->ram_copy);
		vg_zone_add_vdev(&p->z, "bulkhead,virtio-net", NET_BASE,
				 VIRTIO_MMIO_SIZE, NET_IRQ, &params[i]);
		assert_int_equal(vg_zone_create(&p->z), 0);
		vg_dev_init(&p->d, &p->z, NET_BASE, NET_IRQ);
	}
	return 0;
}

static int group_teardown(void **state)
{
	(void)state;
	for (int i = 0; i < NR_PORTS; i++) {
		vg_zone_free(&ports[i].z);
		free(ports[i].ram_copy);
	}
	/* The registry still names the ports: keep their memory. */
	return 0;
}

static int setup(void **state)
{
	(void)state;
	fake_reset();
	for (int i = 0; i < NR_PORTS; i++) {
		struct port *p = &ports[i];
		struct vdev *dev = &p->zone.vdevs[0];

		p->zone.state = ZONE_RUNNING;
		dev->type->reset(dev);
		memset(p->ram, 0, RAM_SIZE);
		assert_int_equal(
			vg_start(&p->d, BIT(VIRTIO_NET_F_MAC), 2, QNUM, RINGS),
			ALL_STATUS);
		p->tx_next = 0;
	}
	fake_reset();
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	for (int i = 0; i < NR_PORTS; i++)
		assert_true(vg_zone_guards_intact(&ports[i].z));
	return 0;
}

static void snapshot(void)
{
	for (int i = 0; i < NR_PORTS; i++)
		memcpy(ports[i].ram_copy, ports[i].ram, RAM_SIZE);
}

static bool unchanged(int i)
{
	return !memcmp(ports[i].ram_copy, ports[i].ram, RAM_SIZE);
}

static bool line(int i)
{
	return fake_virq_line(&ports[i].zone, NET_IRQ) == 1;
}

/* Posts @n receive buffers of @len bytes (one descriptor each). */
static void post_rx(int i, u32 n, u32 len)
{
	struct port *p = &ports[i];

	for (u32 k = 0; k < n; k++) {
		u16 d = p->d.q[VIRTIO_NET_RXQ].next_desc;
		struct vg_buf b = { RX_BUFS + d * 2048u, len, true };

		memset(ram_at(p, b.addr), 0xcc, 2048);
		vg_post(&p->d, VIRTIO_NET_RXQ, &b, 1);
	}
	vg_notify(&p->d, VIRTIO_NET_RXQ);
}

/* A frame to @dst from port @from: ethertype 0x88b5, then a pattern. */
static u32 make_frame(u8 *buf, const u8 *dst, int from, u32 len, u8 seed)
{
	memcpy(buf, dst, 6);
	memcpy(buf + 6, params[from].mac, 6);
	buf[12] = 0x88;
	buf[13] = 0xb5;
	for (u32 k = 14; k < len; k++)
		buf[k] = (u8)(seed + k);
	return len;
}

/* Posts a transmit chain: the header, then the frame (not notified). */
static void post_tx(int i, const u8 *frame, u32 len)
{
	struct port *p = &ports[i];
	ipa_t at = TX_BUFS + p->tx_next * 2048u;
	struct vg_buf b[2] = { { at, HDR_LEN, false },
			       { at + HDR_LEN, len, false } };

	p->tx_next = (u16)((p->tx_next + 1) % 32);
	memset(ram_at(p, at), 0, HDR_LEN);
	memcpy(ram_at(p, at + HDR_LEN), frame, len);
	vg_post(&p->d, VIRTIO_NET_TXQ, b, 2);
}

/* Sends one frame and checks the sender got its buffer back. */
static void send(int i, const u8 *frame, u32 len)
{
	struct port *p = &ports[i];
	u32 id, ulen;

	post_tx(i, frame, len);
	vg_notify(&p->d, VIRTIO_NET_TXQ);
	assert_true(vg_take_used(&p->d, VIRTIO_NET_TXQ, &id, &ulen));
	assert_int_equal(ulen, 0);
	assert_false(vg_take_used(&p->d, VIRTIO_NET_TXQ, &id, &ulen));
	assert_int_equal(vg_read(&p->d, VIRTIO_MMIO_STATUS), ALL_STATUS);
}

/*
 * Port @i received @frame in its next used receive buffer (one descriptor
 * at RX_BUFS + id * 2048), after the header with num_buffers 1.
 */
static void check_received(int i, const u8 *frame, u32 len)
{
	static const u8 hdr[HDR_LEN] = { [10] = 1 }; /* num_buffers = 1 */
	struct port *p = &ports[i];
	u32 id, ulen;
	u8 *buf;

	assert_true(vg_take_used(&p->d, VIRTIO_NET_RXQ, &id, &ulen));
	assert_in_range(id, 0, QNUM - 1);
	assert_int_equal(ulen, HDR_LEN + len);
	buf = ram_at(p, RX_BUFS + id * 2048u);
	assert_memory_equal(buf, hdr, HDR_LEN);
	assert_memory_equal(buf + HDR_LEN, frame, len);
	if (HDR_LEN + len < 2048)
		assert_int_equal(buf[HDR_LEN + len], 0xcc);
	assert_true(vg_read(&p->d, VIRTIO_MMIO_INTERRUPT_STATUS) &
		    VIRTIO_INT_USED);
	assert_true(line(i));
}

static void check_nothing_received(int i)
{
	u32 id, len;

	assert_false(vg_take_used(&ports[i].d, VIRTIO_NET_RXQ, &id, &len));
}

static void test_mac_in_config(void **state)
{
	(void)state;
	for (int i = 0; i < NR_PORTS; i++) {
		struct vg_dev *d = &ports[i].d;
		u64 v;

		assert_int_equal(vg_read(d, VIRTIO_MMIO_DEVICE_ID),
				 VIRTIO_ID_NET);
		for (u32 k = 0; k < 6; k++) {
			assert_int_equal(vg_access(d, VIRTIO_MMIO_CONFIG + k, 1,
						   false, &v),
					 0);
			assert_int_equal(v, params[i].mac[k]);
		}
		assert_int_equal(vg_access(d, VIRTIO_MMIO_CONFIG, 4, false, &v),
				 0);
		assert_int_equal(v, 0x02);
		assert_int_equal(
			vg_access(d, VIRTIO_MMIO_CONFIG + 4, 2, false, &v), 0);
		assert_int_equal(v, (u64)params[i].mac[5] << 8);
		assert_int_equal(
			vg_access(d, VIRTIO_MMIO_CONFIG + 6, 2, false, &v), 0);
		assert_int_equal(v, 0); /* no status field (not offered) */
		assert_int_equal(vg_read(d, VIRTIO_MMIO_DEVICE_FEATURES),
				 BIT(VIRTIO_NET_F_MAC));
	}
}

static void test_unicast_to_matching_mac_only(void **state)
{
	u8 frame[100];
	u32 len = make_frame(frame, params[B].mac, A, sizeof(frame), 1);

	(void)state;
	for (int i = 0; i < NR_PORTS; i++)
		post_rx(i, 4, 2048);
	fake_reset();
	snapshot();
	send(A, frame, len);
	check_received(B, frame, len);
	check_nothing_received(A);
	check_nothing_received(C);
	check_nothing_received(D); /* the same MAC on another switch */
	assert_true(unchanged(C));
	assert_true(unchanged(D));
	assert_false(line(C));
	assert_false(line(D));
	/* And back. */
	len = make_frame(frame, params[A].mac, B, 60, 2);
	send(B, frame, len);
	check_received(A, frame, len);
	check_nothing_received(C);
	check_nothing_received(D);
	assert_string_equal(fake_printk_log, "");
}

static void test_broadcast_and_multicast_to_the_switch(void **state)
{
	u8 frame[300];
	u32 len = make_frame(frame, broadcast, A, sizeof(frame), 3);

	(void)state;
	for (int i = 0; i < NR_PORTS; i++)
		post_rx(i, 4, 2048);
	snapshot();
	send(A, frame, len);
	check_received(B, frame, len);
	check_received(C, frame, len);
	check_nothing_received(A); /* not back to the sender */
	check_nothing_received(D);
	assert_true(unchanged(D));
	len = make_frame(frame, multicast, C, 64, 4);
	send(C, frame, len);
	check_received(A, frame, len);
	check_received(B, frame, len);
	check_nothing_received(C);
	check_nothing_received(D);
	assert_true(unchanged(D));
}

static void test_other_switch_isolated(void **state)
{
	u8 frame[64];

	(void)state;
	for (int i = 0; i < NR_PORTS; i++)
		post_rx(i, 4, 2048);
	snapshot();
	send(D, frame, make_frame(frame, broadcast, D, 64, 5));
	send(D, frame, make_frame(frame, params[B].mac, D, 64, 6));
	send(D, frame, make_frame(frame, params[A].mac, D, 64, 7));
	for (int i = A; i <= C; i++) {
		check_nothing_received(i);
		assert_true(unchanged(i));
		assert_false(line(i));
	}
}

static void test_unknown_unicast_dropped(void **state)
{
	static const u8 nobody[6] = { 0x02, 0, 0, 0, 0, 0x77 };
	u8 frame[64];

	(void)state;
	for (int i = 0; i < NR_PORTS; i++)
		post_rx(i, 4, 2048);
	snapshot();
	send(A, frame, make_frame(frame, nobody, A, 64, 8));
	for (int i = B; i < NR_PORTS; i++) {
		check_nothing_received(i);
		assert_true(unchanged(i));
	}
}

static void test_no_rx_buffer_dropped(void **state)
{
	u8 frame[80], frame2[90];
	u32 len = make_frame(frame, params[B].mac, A, sizeof(frame), 9);
	u32 len2 = make_frame(frame2, params[B].mac, A, sizeof(frame2), 10);

	(void)state;
	snapshot();
	send(A, frame, len);
	assert_true(unchanged(B));
	assert_false(line(B));
	/* Nothing waits in the switch for the buffer to come. */
	post_rx(B, 1, 2048);
	check_nothing_received(B);
	send(A, frame2, len2);
	check_received(B, frame2, len2);
	/* Used up: dropped again. */
	send(A, frame, len);
	check_nothing_received(B);
	assert_int_equal(vg_read(&ports[B].d, VIRTIO_MMIO_STATUS), ALL_STATUS);
}

/* A receiver whose driver is not running (reset, or no DRIVER_OK yet). */
static void test_receiver_not_running_dropped(void **state)
{
	u8 frame[64];
	u32 len = make_frame(frame, broadcast, A, sizeof(frame), 11);

	(void)state;
	post_rx(B, 2, 2048);
	post_rx(C, 2, 2048);
	vg_write(&ports[B].d, VIRTIO_MMIO_STATUS,
		 ALL_STATUS & ~VIRTIO_STATUS_DRIVER_OK);
	snapshot();
	send(A, frame, len);
	assert_true(unchanged(B));
	check_received(C, frame, len);
	vg_write(&ports[B].d, VIRTIO_MMIO_STATUS, ALL_STATUS);
	send(A, frame, len);
	check_received(B, frame, len);
}

static void test_stopped_zone_not_delivered(void **state)
{
	u8 frame[64];
	u32 len = make_frame(frame, broadcast, A, sizeof(frame), 12);

	(void)state;
	post_rx(B, 2, 2048);
	post_rx(C, 2, 2048);
	ports[C].zone.state = ZONE_STOPPED;
	snapshot();
	send(A, frame, len);
	check_received(B, frame, len);
	assert_true(unchanged(C));
	ports[C].zone.state = ZONE_RUNNING;
	send(A, frame, len);
	check_received(C, frame, len);
}

/* Too small for header and frame: the buffer comes back empty. */
static void test_rx_buffer_too_small(void **state)
{
	u8 frame[200];
	u32 len = make_frame(frame, params[B].mac, A, sizeof(frame), 13);
	struct port *b = &ports[B];
	u32 id, ulen;

	(void)state;
	post_rx(B, 1, HDR_LEN + len - 1);
	post_rx(B, 1, HDR_LEN + len);
	send(A, frame, len);
	assert_true(vg_take_used(&b->d, VIRTIO_NET_RXQ, &id, &ulen));
	assert_int_equal(id, 0);
	assert_int_equal(ulen, 0);
	for (u32 k = 0; k < 2048; k++)
		assert_int_equal(*ram_at(b, RX_BUFS + k), 0xcc);
	assert_true(line(B));
	/* Exactly large enough. */
	send(A, frame, len);
	check_received(B, frame, len);
	assert_int_equal(vg_read(&b->d, VIRTIO_MMIO_STATUS), ALL_STATUS);
}

/* The receive chain may cut header and frame anywhere. */
static void test_rx_split_buffers(void **state)
{
	static const u8 hdr[HDR_LEN] = { [10] = 1 };
	u8 frame[1000];
	u32 len = make_frame(frame, params[B].mac, A, sizeof(frame), 14);
	struct port *b = &ports[B];
	const ipa_t x = RX_BUFS, y = RX_BUFS + 0x4000, z = RX_BUFS + 0x8000;
	u32 id, ulen;

	(void)state;
	memset(ram_at(b, RX_BUFS), 0xcc, 0xa000);
	vg_post(&b->d, VIRTIO_NET_RXQ,
		(struct vg_buf[]){
			{ x, 5, true }, { y, 500, true }, { z, 1500, true } },
		3);
	send(A, frame, len);
	assert_true(vg_take_used(&b->d, VIRTIO_NET_RXQ, &id, &ulen));
	assert_int_equal(ulen, HDR_LEN + len);
	assert_memory_equal(ram_at(b, x), hdr, 5);
	assert_memory_equal(ram_at(b, y), hdr + 5, HDR_LEN - 5);
	assert_memory_equal(ram_at(b, y + HDR_LEN - 5), frame,
			    500 - (HDR_LEN - 5));
	assert_memory_equal(ram_at(b, z), frame + 500 - (HDR_LEN - 5),
			    len - (500 - (HDR_LEN - 5)));
	assert_int_equal(*ram_at(b, x + 5), 0xcc);
	assert_int_equal(*ram_at(b, z + len - 493), 0xcc);
}

/* Runts (under 14 bytes) and frames over 1518 bytes are dropped. */
static void test_runt_and_oversized_dropped(void **state)
{
	static const u32 dropped[] = { 0, 1, 13, 1519, 4000 };
	static const u32 passed[] = { 14, 15, 1514, 1518 };
	static u8 frame[4000];

	(void)state;
	post_rx(B, 8, 2048);
	snapshot();
	for (size_t k = 0; k < ARRAY_SIZE(dropped); k++) {
		make_frame(frame, params[B].mac, A, sizeof(frame), (u8)k);
		send(A, frame, dropped[k]);
	}
	check_nothing_received(B);
	assert_true(unchanged(B));
	for (size_t k = 0; k < ARRAY_SIZE(passed); k++) {
		make_frame(frame, params[B].mac, A, sizeof(frame), (u8)k);
		send(A, frame, passed[k]);
		check_received(B, frame, passed[k]);
	}
	assert_int_equal(vg_read(&ports[A].d, VIRTIO_MMIO_STATUS), ALL_STATUS);
}

/* Frames spread over several transmit descriptors, several per notify. */
static void test_tx_chains_and_batches(void **state)
{
	u8 f1[64], f2[700], f3[128];
	struct port *a = &ports[A];
	ipa_t at = TX_BUFS + 0x8000;
	u32 id, len;

	(void)state;
	post_rx(B, 4, 2048);
	post_rx(C, 4, 2048);
	make_frame(f1, params[B].mac, A, sizeof(f1), 20);
	make_frame(f2, broadcast, A, sizeof(f2), 21);
	make_frame(f3, params[C].mac, A, sizeof(f3), 22);
	/* Header and frame in one descriptor. */
	memset(ram_at(a, at), 0, HDR_LEN);
	memcpy(ram_at(a, at + HDR_LEN), f1, sizeof(f1));
	vg_post(&a->d, VIRTIO_NET_TXQ,
		(struct vg_buf[]){ { at, HDR_LEN + sizeof(f1), false } }, 1);
	/* In three pieces, the header cut in two. */
	at += 0x1000;
	memset(ram_at(a, at), 0, HDR_LEN);
	memcpy(ram_at(a, at + 0x100), f2, 300);
	memcpy(ram_at(a, at + 0x800), f2 + 300, 400);
	vg_post(&a->d, VIRTIO_NET_TXQ,
		(struct vg_buf[]){ { at, 4, false },
				   { at + 4, HDR_LEN - 4, false },
				   { at + 0x100, 300, false },
				   { at + 0x800, 400, false } },
		4);
	post_tx(A, f3, sizeof(f3));
	vg_notify(&a->d, VIRTIO_NET_TXQ);
	for (int k = 0; k < 3; k++) {
		assert_true(vg_take_used(&a->d, VIRTIO_NET_TXQ, &id, &len));
		assert_int_equal(len, 0);
	}
	check_received(B, f1, sizeof(f1));
	check_received(B, f2, sizeof(f2));
	check_received(C, f2, sizeof(f2));
	check_received(C, f3, sizeof(f3));
	check_nothing_received(B);
	check_nothing_received(C);
}

static void check_failed(int i, const char *why)
{
	char want[256];

	snprintf(want, sizeof(want),
		 "bulkhead: zone %s: virtio-net 0xa001000: %s; needs reset\n",
		 names[i], why);
	assert_string_equal(fake_printk_log, want);
	assert_int_equal(vg_read(&ports[i].d, VIRTIO_MMIO_STATUS),
			 ALL_STATUS | VIRTIO_STATUS_NEEDS_RESET);
	assert_true(vg_read(&ports[i].d, VIRTIO_MMIO_INTERRUPT_STATUS) &
		    VIRTIO_INT_CONFIG);
	assert_true(line(i));
}

static void test_tx_without_header(void **state)
{
	struct port *a = &ports[A];

	(void)state;
	post_rx(B, 2, 2048);
	vg_post(&a->d, VIRTIO_NET_TXQ,
		(struct vg_buf[]){ { TX_BUFS, HDR_LEN - 1, false },
				   { TX_BUFS + 0x100, 100, true } },
		2);
	snapshot();
	vg_notify(&a->d, VIRTIO_NET_TXQ);
	check_failed(A, "transmit buffer without a virtio-net header");
	assert_true(unchanged(A));
	assert_true(unchanged(B));
}

/*
 * B's receive queue names a descriptor beyond the queue: B goes into
 * NEEDS_RESET when a frame comes for it; A, the sender, and C, another
 * receiver of the same broadcast, are not affected.
 */
static void test_malformed_rx_queue_fails_receiver_only(void **state)
{
	struct port *a = &ports[A], *b = &ports[B];
	u8 frame[64];
	u32 len = make_frame(frame, broadcast, A, sizeof(frame), 30);

	(void)state;
	post_rx(C, 4, 2048);
	vg_make_available(&b->d, VIRTIO_NET_RXQ, QNUM + 3);
	snapshot();
	send(A, frame, len);
	check_failed(B, "available ring names a descriptor beyond the queue");
	assert_true(unchanged(B));
	check_received(C, frame, len);
	assert_int_equal(vg_read(&a->d, VIRTIO_MMIO_STATUS), ALL_STATUS);
	assert_int_equal(vg_read(&a->d, VIRTIO_MMIO_INTERRUPT_STATUS),
			 VIRTIO_INT_USED); /* its transmit buffer only */
	/* A goes on sending; B stays quiet. */
	send(A, frame, len);
	check_received(C, frame, len);
	check_failed(B, "available ring names a descriptor beyond the queue");
	/* Until its driver resets it. */
	fake_reset();
	memset(b->ram, 0, RAM_SIZE);
	assert_int_equal(vg_start(&b->d, BIT(VIRTIO_NET_F_MAC), 2, QNUM, RINGS),
			 ALL_STATUS);
	post_rx(B, 1, 2048);
	send(A, frame, len);
	check_received(B, frame, len);
	assert_string_equal(fake_printk_log, "");
}

static void test_rx_buffer_outside_memory(void **state)
{
	struct port *b = &ports[B];
	u8 frame[64];
	u32 len = make_frame(frame, params[B].mac, A, sizeof(frame), 31);

	(void)state;
	vg_post(&b->d, VIRTIO_NET_RXQ,
		(struct vg_buf[]){ { RAM_IPA + RAM_SIZE - 100, 2048, true } },
		1);
	snapshot();
	send(A, frame, len);
	check_failed(B, "buffer outside the zone's memory");
	assert_true(unchanged(B));
	assert_int_equal(vg_read(&ports[A].d, VIRTIO_MMIO_STATUS), ALL_STATUS);
}

static void test_rx_buffer_readable(void **state)
{
	struct port *b = &ports[B];
	u8 frame[64];
	u32 len = make_frame(frame, params[B].mac, A, sizeof(frame), 32);

	(void)state;
	vg_post(&b->d, VIRTIO_NET_RXQ,
		(struct vg_buf[]){ { RX_BUFS, 16, false },
				   { RX_BUFS + 16, 2000, true } },
		2);
	snapshot();
	send(A, frame, len);
	check_failed(B, "receive buffer the device would have to read");
	assert_true(unchanged(B));
	assert_int_equal(vg_read(&ports[A].d, VIRTIO_MMIO_STATUS), ALL_STATUS);
}

#define TEST(f) cmocka_unit_test_setup_teardown(f, setup, teardown)

int main(void)
{
	const struct CMUnitTest tests[] = {
		TEST(test_mac_in_config),
		TEST(test_unicast_to_matching_mac_only),
		TEST(test_broadcast_and_multicast_to_the_switch),
		TEST(test_other_switch_isolated),
		TEST(test_unknown_unicast_dropped),
		TEST(test_no_rx_buffer_dropped),
		TEST(test_receiver_not_running_dropped),
		TEST(test_stopped_zone_not_delivered),
		TEST(test_rx_buffer_too_small),
		TEST(test_rx_split_buffers),
		TEST(test_runt_and_oversized_dropped),
		TEST(test_tx_chains_and_batches),
		TEST(test_tx_without_header),
		TEST(test_malformed_rx_queue_fails_receiver_only),
		TEST(test_rx_buffer_outside_memory),
		TEST(test_rx_buffer_readable),
	};

	return cmocka_run_group_tests(tests, group_setup, group_teardown);
}
