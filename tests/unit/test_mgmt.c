// SPDX-License-Identifier: Apache-2.0
/*
 * Host tests of the management protocol parser (drivers/misc/mgmt_proto.c)
 * against a fake backend: framing, resynchronisation after garbage, exact
 * payload lengths, zone id bounds, and what reaches the backend.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>

#include "../../drivers/misc/mgmt_proto.h"

/* Zones 0, 1 and 3 exist (2 is a gap); the reason of zone 1 fills its
 * whole field without a NUL. */
static struct {
	u32 calls;
	u8 last_op;
	u32 last_id;
	bool last_force;
	u8 answer;
} fake;

static bool f_zone(void *ctx, u32 id, u8 *rec, char *reason)
{
	(void)ctx;
	if (id != 0 && id != 1 && id != 3)
		return false;
	memset(rec, 0, MGMT_ZONE_REC_LEN);
	rec[MGMT_ZR_ID] = (u8)id;
	rec[MGMT_ZR_STATE] = MGMT_STATE_RUNNING;
	mgmt_put32(rec + MGMT_ZR_STARTS, 10 + id);
	snprintf((char *)rec + MGMT_ZR_NAME, MGMT_NAME_LEN, "zone%u", id);
	if (reason)
		memset(reason, id == 1 ? 'x' : 0, MGMT_REASON_LEN);
	return true;
}

static u32 f_nr_zones(void *ctx)
{
	(void)ctx;
	return 4;
}

static u32 f_free_pages(void *ctx)
{
	(void)ctx;
	return 4023;
}

static u8 record(u8 op, u32 id, bool force)
{
	fake.calls++;
	fake.last_op = op;
	fake.last_id = id;
	fake.last_force = force;
	return fake.answer;
}

static u8 f_start(void *ctx, u32 id)
{
	(void)ctx;
	return record(MGMT_OP_START, id, false);
}

static u8 f_stop(void *ctx, u32 id, bool force)
{
	(void)ctx;
	return record(MGMT_OP_STOP, id, force);
}

static u8 f_restart(void *ctx, u32 id)
{
	(void)ctx;
	return record(MGMT_OP_RESTART, id, false);
}

/* Events 1..10 exist; each reason fills its field without a NUL. */
static u32 f_events(void *ctx, u32 after, u8 *recs, u32 max, u32 *newest)
{
	u32 n = 0;

	(void)ctx;
	for (u32 seq = after + 1; seq <= 10 && n < max; seq++, n++) {
		u8 *r = recs + n * MGMT_EVENT_REC_LEN;

		memset(r, 'e', MGMT_EVENT_REC_LEN);
		mgmt_put32(r + MGMT_EV_SEQ, seq);
	}
	*newest = 10;
	return n;
}

static const struct mgmt_backend fake_be = {
	.zone = f_zone,
	.nr_zones = f_nr_zones,
	.free_pages = f_free_pages,
	.start = f_start,
	.stop = f_stop,
	.restart = f_restart,
	.events = f_events,
};

static struct mgmt_stream stream;
static u8 out[4 * MGMT_MAX_FRAME];

static int setup(void **state)
{
	(void)state;
	memset(&fake, 0, sizeof(fake));
	memset(&stream, 0, sizeof(stream));
	memset(out, 0xa5, sizeof(out));
	return 0;
}

/* A request frame of @len payload bytes into @f; returns its length. */
static u32 frame(u8 *f, u8 op, u16 seq, const u8 *payload, u16 len)
{
	mgmt_put16(f + MGMT_OFF_MAGIC, MGMT_MAGIC);
	f[MGMT_OFF_VERSION] = MGMT_VERSION;
	f[MGMT_OFF_OP] = op;
	mgmt_put16(f + MGMT_OFF_SEQ, seq);
	mgmt_put16(f + MGMT_OFF_LEN, len);
	if (len)
		memcpy(f + MGMT_HDR_LEN, payload, len);
	return MGMT_HDR_LEN + len;
}

static u32 feed(const u8 *in, u32 n)
{
	return mgmt_feed(&stream, &fake_be, NULL, in, n, out, sizeof(out));
}

/* Checks the response header at @r; returns its payload length. */
static u32 check_resp(const u8 *r, u8 op, u16 seq)
{
	assert_int_equal(mgmt_get16(r + MGMT_OFF_MAGIC), MGMT_MAGIC);
	assert_int_equal(r[MGMT_OFF_VERSION], MGMT_VERSION);
	assert_int_equal(r[MGMT_OFF_OP], op | MGMT_OP_RESP);
	assert_int_equal(mgmt_get16(r + MGMT_OFF_SEQ), seq);
	return mgmt_get16(r + MGMT_OFF_LEN);
}

static void test_list(void **state)
{
	u8 f[MGMT_MAX_FRAME];
	u32 n = feed(f, frame(f, MGMT_OP_LIST, 7, NULL, 0));
	u32 len = check_resp(out, MGMT_OP_LIST, 7);
	const u8 *p = out + MGMT_HDR_LEN;

	(void)state;
	assert_int_equal(n, MGMT_HDR_LEN + len);
	assert_int_equal(len, 1 + MGMT_LIST_HDR + 3 * MGMT_ZONE_REC_LEN);
	assert_int_equal(p[0], MGMT_ST_OK);
	assert_int_equal(p[1], 3);
	assert_int_equal(mgmt_get32(p + 5), 4023);
	p += 1 + MGMT_LIST_HDR;
	assert_int_equal(p[MGMT_ZR_ID], 0);
	assert_int_equal(p[MGMT_ZONE_REC_LEN + MGMT_ZR_ID], 1);
	assert_int_equal(p[2 * MGMT_ZONE_REC_LEN + MGMT_ZR_ID], 3);
	assert_string_equal((const char *)p + 2 * MGMT_ZONE_REC_LEN +
				    MGMT_ZR_NAME,
			    "zone3");
	assert_int_equal(fake.calls, 0);
}

static void test_info_reason_is_terminated(void **state)
{
	u8 f[MGMT_MAX_FRAME], id = 1;
	u32 len;

	(void)state;
	feed(f, frame(f, MGMT_OP_INFO, 1, &id, 1));
	len = check_resp(out, MGMT_OP_INFO, 1);
	assert_int_equal(len, 1 + MGMT_ZONE_REC_LEN + MGMT_REASON_LEN);
	assert_int_equal(out[MGMT_HDR_LEN], MGMT_ST_OK);
	/* The fake filled all 96 bytes: the last one is forced to NUL. */
	assert_int_equal(out[MGMT_HDR_LEN + len - 1], 0);
	assert_int_equal(out[MGMT_HDR_LEN + len - 2], 'x');
}

static void test_info_no_zone(void **state)
{
	u8 f[MGMT_MAX_FRAME], id = 2;

	(void)state;
	feed(f, frame(f, MGMT_OP_INFO, 2, &id, 1));
	assert_int_equal(check_resp(out, MGMT_OP_INFO, 2), 1);
	assert_int_equal(out[MGMT_HDR_LEN], MGMT_ST_NOZONE);
}

static void test_commands_reach_backend(void **state)
{
	u8 f[MGMT_MAX_FRAME], arg[2] = { 3, MGMT_STOP_FORCE };

	(void)state;
	fake.answer = MGMT_ST_RUNNING;
	feed(f, frame(f, MGMT_OP_STOP, 9, arg, 2));
	assert_int_equal(fake.calls, 1);
	assert_int_equal(fake.last_op, MGMT_OP_STOP);
	assert_int_equal(fake.last_id, 3);
	assert_true(fake.last_force);
	/* The backend's status is the answer. */
	assert_int_equal(check_resp(out, MGMT_OP_STOP, 9), 1);
	assert_int_equal(out[MGMT_HDR_LEN], MGMT_ST_RUNNING);

	fake.answer = MGMT_ST_OK;
	feed(f, frame(f, MGMT_OP_RESTART, 10, arg, 1));
	assert_int_equal(fake.last_op, MGMT_OP_RESTART);
	feed(f, frame(f, MGMT_OP_START, 11, arg, 1));
	assert_int_equal(fake.last_op, MGMT_OP_START);
	assert_int_equal(fake.calls, 3);
	assert_int_equal(out[MGMT_HDR_LEN], MGMT_ST_OK);
}

static void test_refused_before_backend(void **state)
{
	u8 f[MGMT_MAX_FRAME], big_id[2] = { 4, 0 }, bad_flags[2] = { 1, 0x82 };

	(void)state;
	/* An id past the last zone never reaches the backend. */
	feed(f, frame(f, MGMT_OP_START, 1, big_id, 1));
	assert_int_equal(out[MGMT_HDR_LEN], MGMT_ST_NOZONE);
	/* Nor do stop flags this version does not define. */
	feed(f, frame(f, MGMT_OP_STOP, 2, bad_flags, 2));
	assert_int_equal(out[MGMT_HDR_LEN], MGMT_ST_BADLEN);
	/* Nor a payload of the wrong length, either way. */
	feed(f, frame(f, MGMT_OP_STOP, 3, bad_flags, 1));
	assert_int_equal(out[MGMT_HDR_LEN], MGMT_ST_BADLEN);
	feed(f, frame(f, MGMT_OP_LIST, 4, bad_flags, 1));
	assert_int_equal(out[MGMT_HDR_LEN], MGMT_ST_BADLEN);
	/* Nor an unknown operation, nor a response op sent back. */
	feed(f, frame(f, 0x42, 5, NULL, 0));
	assert_int_equal(out[MGMT_HDR_LEN], MGMT_ST_BADOP);
	feed(f, frame(f, MGMT_OP_START | MGMT_OP_RESP, 6, big_id, 1));
	assert_int_equal(out[MGMT_HDR_LEN], MGMT_ST_BADOP);
	assert_int_equal(fake.calls, 0);
}

static void test_garbage_resyncs(void **state)
{
	u8 in[64] = "hello", id = 0;
	u32 n = 5, len;

	(void)state;
	n += frame(in + n, MGMT_OP_INFO, 3, &id, 1);
	len = feed(in, n);
	/* The garbage is answered BADFRAME once, not once a byte... */
	assert_int_equal(out[MGMT_OFF_OP], MGMT_OP_RESP);
	assert_int_equal(out[MGMT_HDR_LEN], MGMT_ST_BADFRAME);
	assert_int_equal(stream.bad_frames, 1);
	/* ...and the frame right after it is found and answered. */
	assert_int_equal(len, 2 * MGMT_HDR_LEN + 2 + MGMT_ZONE_REC_LEN +
				      MGMT_REASON_LEN);
	assert_int_equal(check_resp(out + MGMT_HDR_LEN + 1, MGMT_OP_INFO, 3),
			 1 + MGMT_ZONE_REC_LEN + MGMT_REASON_LEN);
}

static void test_oversized_length_refused_at_header(void **state)
{
	u8 f[MGMT_HDR_LEN];

	(void)state;
	frame(f, MGMT_OP_LIST, 1, NULL, 0);
	mgmt_put16(f + MGMT_OFF_LEN, MGMT_MAX_PAYLOAD + 1);
	/* Refused with the header alone: no waiting for the payload. */
	assert_int_equal(feed(f, sizeof(f)), MGMT_HDR_LEN + 1);
	assert_int_equal(out[MGMT_HDR_LEN], MGMT_ST_BADFRAME);
	/* What is left cannot be a header yet: at most its first byte. */
	assert_true(stream.len <= 1);
}

static void test_wrong_version_refused(void **state)
{
	u8 f[MGMT_MAX_FRAME];

	(void)state;
	frame(f, MGMT_OP_LIST, 1, NULL, 0);
	f[MGMT_OFF_VERSION] = MGMT_VERSION + 1;
	feed(f, 3);
	assert_int_equal(out[MGMT_HDR_LEN], MGMT_ST_BADFRAME);
	assert_true(stream.len <= 1);
}

static void test_split_and_batched_frames(void **state)
{
	u8 f[2 * MGMT_MAX_FRAME], id = 3;
	u32 n = frame(f, MGMT_OP_START, 1, &id, 1), got = 0;

	(void)state;
	/* One byte at a time: one answer, when the last byte arrives. */
	for (u32 i = 0; i < n; i++)
		got += feed(f + i, 1);
	assert_int_equal(got, MGMT_HDR_LEN + 1);
	assert_int_equal(fake.calls, 1);
	/* Two frames in one write: two answers, in order. */
	n += frame(f + n, MGMT_OP_INFO, 2, &id, 1);
	got = feed(f, n);
	assert_int_equal(fake.calls, 2);
	check_resp(out, MGMT_OP_START, 1);
	check_resp(out + MGMT_HDR_LEN + 1, MGMT_OP_INFO, 2);
	assert_int_equal(got, 2 * MGMT_HDR_LEN + 2 + MGMT_ZONE_REC_LEN +
				      MGMT_REASON_LEN);
}

static void test_answer_that_does_not_fit_is_dropped(void **state)
{
	u8 f[MGMT_MAX_FRAME], small[16];

	(void)state;
	memset(small, 0x5a, sizeof(small));
	assert_int_equal(mgmt_feed(&stream, &fake_be, NULL, f,
				   frame(f, MGMT_OP_LIST, 1, NULL, 0), small,
				   sizeof(small)),
			 0);
	for (u32 i = 0; i < sizeof(small); i++)
		assert_int_equal(small[i], 0x5a);
}

static void test_events_paged(void **state)
{
	u8 f[MGMT_MAX_FRAME], after[4];
	const u8 *p = out + MGMT_HDR_LEN, *last;
	u32 len;

	(void)state;
	mgmt_put32(after, 2);
	feed(f, frame(f, MGMT_OP_EVENTS, 4, after, 4));
	len = check_resp(out, MGMT_OP_EVENTS, 4);
	/* At most MGMT_MAX_EVENTS a frame, from the one after 2. */
	assert_int_equal(p[1], MGMT_MAX_EVENTS);
	assert_int_equal(len, 1 + MGMT_LIST_HDR +
				      MGMT_MAX_EVENTS * MGMT_EVENT_REC_LEN);
	assert_int_equal(mgmt_get32(p + 5), 10);
	assert_int_equal(mgmt_get32(p + 1 + MGMT_LIST_HDR + MGMT_EV_SEQ), 3);
	last = p + 1 + MGMT_LIST_HDR +
	       (MGMT_MAX_EVENTS - 1) * MGMT_EVENT_REC_LEN;
	assert_int_equal(mgmt_get32(last + MGMT_EV_SEQ), 2 + MGMT_MAX_EVENTS);
	/* Every reason ends inside its field. */
	assert_int_equal(last[MGMT_EV_REASON + MGMT_EV_REASON_LEN - 1], 0);
	/* Up to date: none, and the newest sequence number still. */
	mgmt_put32(after, 10);
	feed(f, frame(f, MGMT_OP_EVENTS, 5, after, 4));
	assert_int_equal(check_resp(out, MGMT_OP_EVENTS, 5), 1 + MGMT_LIST_HDR);
	assert_int_equal(p[1], 0);
	/* The sequence number is exactly four bytes. */
	feed(f, frame(f, MGMT_OP_EVENTS, 6, after, 3));
	assert_int_equal(out[MGMT_HDR_LEN], MGMT_ST_BADLEN);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup(test_list, setup),
		cmocka_unit_test_setup(test_info_reason_is_terminated, setup),
		cmocka_unit_test_setup(test_info_no_zone, setup),
		cmocka_unit_test_setup(test_events_paged, setup),
		cmocka_unit_test_setup(test_commands_reach_backend, setup),
		cmocka_unit_test_setup(test_refused_before_backend, setup),
		cmocka_unit_test_setup(test_garbage_resyncs, setup),
		cmocka_unit_test_setup(test_oversized_length_refused_at_header,
				       setup),
		cmocka_unit_test_setup(test_wrong_version_refused, setup),
		cmocka_unit_test_setup(test_split_and_batched_frames, setup),
		cmocka_unit_test_setup(test_answer_that_does_not_fit_is_dropped,
				       setup),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
