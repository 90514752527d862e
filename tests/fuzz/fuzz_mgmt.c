// SPDX-License-Identifier: Apache-2.0
// fuzz-sources: drivers/misc/mgmt_proto.c
// fuzz-cflags: -Iinclude
// fuzz-seed-cmd: d=$FUZZ_SEED_DIR; printf '\377\007\077BM\001\001\001\000\000\000' >$d/list; printf '\377\007\077BM\001\002\002\000\001\000\003' >$d/info; printf '\377\007\077BM\001\004\003\000\002\000\001\001' >$d/stop; printf '\377\007\001BM\001\005\004\000\001\000\004' >$d/restart; printf '\377\007\077BM\001\006\005\000\004\000\002\000\000\000' >$d/events
/*
 * The root zone's guest writes any bytes it likes to the management port,
 * in chunks of any size, with the answer buffer of any size. Checks: the
 * parser never writes past the answer buffer; everything it writes is a
 * sequence of well-formed response frames; a zone command reaches the
 * backend only for an existing zone id with known flags, and each call
 * is answered when the answer buffer has room.
 */
#include <stdlib.h>
#include <string.h>

#include "../../drivers/misc/mgmt_proto.h"
#include "fuzz_input.h"

#define NR_ZONES 5
#define GUARD 64

static u32 calls;

static bool f_zone(void *ctx, u32 id, u8 *rec, char *reason)
{
	(void)ctx;
	if (id >= NR_ZONES || id == 2)
		return false;
	memset(rec, (int)id, MGMT_ZONE_REC_LEN); /* no NUL in the name */
	if (reason)
		memset(reason, 'r', MGMT_REASON_LEN); /* nor in the reason */
	return true;
}

static u32 f_nr_zones(void *ctx)
{
	(void)ctx;
	return NR_ZONES;
}

static u32 f_free_pages(void *ctx)
{
	(void)ctx;
	return 1234;
}

static u8 f_cmd(u32 id)
{
	if (id >= NR_ZONES)
		abort(); /* the parser let an id through unchecked */
	calls++;
	return (u8)(id % MGMT_NR_STATUS);
}

static u8 f_start(void *ctx, u32 id)
{
	(void)ctx;
	return f_cmd(id);
}

static u8 f_stop(void *ctx, u32 id, bool force)
{
	(void)ctx;
	(void)force;
	return f_cmd(id);
}

static u8 f_restart(void *ctx, u32 id)
{
	(void)ctx;
	return f_cmd(id);
}

/* As many records as asked, NUL-free; a newest seq of anything. */
static u32 f_events(void *ctx, u32 after, u8 *recs, u32 max, u32 *newest)
{
	(void)ctx;
	if (max > MGMT_MAX_EVENTS)
		abort(); /* more than a frame holds */
	memset(recs, 0x7f, max * MGMT_EVENT_REC_LEN);
	*newest = after * 3;
	return max;
}

static const struct mgmt_backend be = {
	.zone = f_zone,
	.nr_zones = f_nr_zones,
	.free_pages = f_free_pages,
	.start = f_start,
	.stop = f_stop,
	.restart = f_restart,
	.events = f_events,
};

/* Every answer is a whole frame of ours with a status; count the
 * answers to zone commands. */
static u32 check_answers(const u8 *out, u32 len)
{
	u32 off = 0, commands = 0;

	while (off < len) {
		const u8 *r = out + off;
		u32 plen;

		if (len - off < MGMT_HDR_LEN + 1 ||
		    mgmt_get16(r + MGMT_OFF_MAGIC) != MGMT_MAGIC ||
		    r[MGMT_OFF_VERSION] != MGMT_VERSION ||
		    !(r[MGMT_OFF_OP] & MGMT_OP_RESP))
			abort();
		plen = mgmt_get16(r + MGMT_OFF_LEN);
		if (plen < 1 || plen > MGMT_MAX_PAYLOAD ||
		    plen > len - off - MGMT_HDR_LEN ||
		    r[MGMT_HDR_LEN] >= MGMT_NR_STATUS)
			abort();
		switch (r[MGMT_OFF_OP] & ~MGMT_OP_RESP) {
		case MGMT_OP_START:
		case MGMT_OP_STOP:
		case MGMT_OP_RESTART:
			if (plen != 1)
				abort();
			commands++;
			break;
		default:
			break;
		}
		off += MGMT_HDR_LEN + plen;
	}
	return commands;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct input in = { data, size };
	static struct mgmt_stream s;
	static u8 out[4 * MGMT_MAX_FRAME + GUARD];
	u32 cap = (u32)take(&in, 2) % (4 * MGMT_MAX_FRAME);
	u32 answered = 0, before = 0;

	memset(&s, 0, sizeof(s));
	calls = 0;
	while (in.size) {
		u32 n = 1 + (u32)take(&in, 1) % 64, got;

		if (n > in.size)
			n = (u32)in.size;
		memset(out, 0xee, sizeof(out));
		before = calls;
		got = mgmt_feed(&s, &be, NULL, in.data, n, out, cap);
		in.data += n;
		in.size -= n;
		if (got > cap || s.len >= MGMT_MAX_FRAME)
			abort();
		for (u32 i = cap; i < sizeof(out); i++)
			if (out[i] != 0xee)
				abort(); /* written past the buffer */
		/* Each backend call is answered, unless there was no room. */
		answered = check_answers(out, got);
		if (got + MGMT_MAX_FRAME <= cap && answered < calls - before)
			abort();
	}
	return 0;
}
