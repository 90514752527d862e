// SPDX-License-Identifier: Apache-2.0
/*
 * The management protocol's parser: every byte comes from the root
 * zone's guest, so nothing is trusted. A header with the wrong magic or
 * version, or a length over MGMT_MAX_PAYLOAD, makes the parser drop
 * the first byte it has buffered until what is left may start a frame
 * (one BADFRAME answer per run of such bytes); every operation checks its exact
 * payload length and its zone id before the backend sees it.
 */
#include <bulkhead/string.h>

#include "mgmt_proto.h"

void mgmt_stream_reset(struct mgmt_stream *s)
{
	s->len = 0;
	s->resyncing = false;
}

static u32 put_header(u8 *out, u8 op, u16 seq, u32 payload)
{
	mgmt_put16(out + MGMT_OFF_MAGIC, MGMT_MAGIC);
	out[MGMT_OFF_VERSION] = MGMT_VERSION;
	out[MGMT_OFF_OP] = op;
	mgmt_put16(out + MGMT_OFF_SEQ, seq);
	mgmt_put16(out + MGMT_OFF_LEN, (u16)payload);
	return MGMT_HDR_LEN + payload;
}

/* A response that is just a status. */
static u32 status_only(u8 *out, u8 op, u16 seq, u8 status)
{
	out[MGMT_HDR_LEN] = status;
	return put_header(out, op | MGMT_OP_RESP, seq, 1);
}

static u32 op_list(const struct mgmt_backend *be, void *ctx, u16 seq, u8 *out)
{
	u8 *p = out + MGMT_HDR_LEN;
	u32 nr = 0, total = be->nr_zones(ctx);

	memset(p, 0, 1 + MGMT_LIST_HDR);
	for (u32 id = 0; id < total && nr < MGMT_MAX_LIST_ZONES; id++)
		if (be->zone(ctx, id,
			     p + 1 + MGMT_LIST_HDR + nr * MGMT_ZONE_REC_LEN,
			     NULL))
			nr++;
	p[0] = MGMT_ST_OK;
	p[1] = (u8)nr;
	mgmt_put32(p + 5, be->free_pages(ctx));
	return put_header(out, MGMT_OP_LIST | MGMT_OP_RESP, seq,
			  1 + MGMT_LIST_HDR + nr * MGMT_ZONE_REC_LEN);
}

static u32 op_info(const struct mgmt_backend *be, void *ctx, u16 seq, u32 id,
		   u8 *out)
{
	u8 *p = out + MGMT_HDR_LEN;

	if (!be->zone(ctx, id, p + 1, (char *)p + 1 + MGMT_ZONE_REC_LEN))
		return status_only(out, MGMT_OP_INFO, seq, MGMT_ST_NOZONE);
	p[0] = MGMT_ST_OK;
	/* The reason is the backend's string: make sure it ends. */
	p[MGMT_ZONE_REC_LEN + MGMT_REASON_LEN] = 0;
	return put_header(out, MGMT_OP_INFO | MGMT_OP_RESP, seq,
			  1 + MGMT_ZONE_REC_LEN + MGMT_REASON_LEN);
}

static u32 op_events(const struct mgmt_backend *be, void *ctx, u16 seq,
		     u32 after, u8 *out)
{
	u8 *p = out + MGMT_HDR_LEN;
	u32 newest = 0, nr;

	memset(p, 0, 1 + MGMT_LIST_HDR);
	nr = be->events(ctx, after, p + 1 + MGMT_LIST_HDR, MGMT_MAX_EVENTS,
			&newest);
	if (nr > MGMT_MAX_EVENTS)
		nr = MGMT_MAX_EVENTS;
	for (u32 i = 0; i < nr; i++) /* the reasons end, whatever was put */
		p[1 + MGMT_LIST_HDR + i * MGMT_EVENT_REC_LEN + MGMT_EV_REASON +
		  MGMT_EV_REASON_LEN - 1] = 0;
	p[0] = MGMT_ST_OK;
	p[1] = (u8)nr;
	mgmt_put32(p + 5, newest);
	return put_header(out, MGMT_OP_EVENTS | MGMT_OP_RESP, seq,
			  1 + MGMT_LIST_HDR + nr * MGMT_EVENT_REC_LEN);
}

/* The payload length each operation takes, or -1 for no such op. */
static int payload_len(u8 op)
{
	switch (op) {
	case MGMT_OP_LIST:
		return 0;
	case MGMT_OP_INFO:
	case MGMT_OP_START:
	case MGMT_OP_RESTART:
		return 1;
	case MGMT_OP_STOP:
		return 2;
	case MGMT_OP_EVENTS:
		return 4;
	default:
		return -1;
	}
}

static u8 zone_command(const struct mgmt_backend *be, void *ctx, u8 op,
		       const u8 *arg)
{
	if (arg[0] >= be->nr_zones(ctx))
		return MGMT_ST_NOZONE;
	if (op == MGMT_OP_START)
		return be->start(ctx, arg[0]);
	if (op == MGMT_OP_RESTART)
		return be->restart(ctx, arg[0]);
	if (arg[1] & ~MGMT_STOP_FORCE)
		return MGMT_ST_BADLEN; /* unknown flags: not this version */
	return be->stop(ctx, arg[0], arg[1] & MGMT_STOP_FORCE);
}

u32 mgmt_handle(const struct mgmt_backend *be, void *ctx, const u8 *req,
		u32 len, u8 *out)
{
	u8 op = req[MGMT_OFF_OP];
	u16 seq = mgmt_get16(req + MGMT_OFF_SEQ);
	int want = payload_len(op);
	const u8 *arg = req + MGMT_HDR_LEN;

	if (want < 0)
		return status_only(out, op, seq, MGMT_ST_BADOP);
	if (len != MGMT_HDR_LEN + (u32)want)
		return status_only(out, op, seq, MGMT_ST_BADLEN);
	if (op == MGMT_OP_LIST)
		return op_list(be, ctx, seq, out);
	if (op == MGMT_OP_INFO)
		return op_info(be, ctx, seq, arg[0], out);
	if (op == MGMT_OP_EVENTS)
		return op_events(be, ctx, seq, mgmt_get32(arg), out);
	return status_only(out, op, seq, zone_command(be, ctx, op, arg));
}

/* Is what is buffered not the start of a frame of ours? */
static bool header_bad(const struct mgmt_stream *s)
{
	if (s->len >= 2 && mgmt_get16(s->buf + MGMT_OFF_MAGIC) != MGMT_MAGIC)
		return true;
	if (s->len > MGMT_OFF_VERSION &&
	    s->buf[MGMT_OFF_VERSION] != MGMT_VERSION)
		return true;
	return s->len >= MGMT_HDR_LEN &&
	       mgmt_get16(s->buf + MGMT_OFF_LEN) > MGMT_MAX_PAYLOAD;
}

static bool frame_complete(const struct mgmt_stream *s)
{
	return s->len >= MGMT_HDR_LEN &&
	       s->len == MGMT_HDR_LEN + (u32)mgmt_get16(s->buf + MGMT_OFF_LEN);
}

/* Appends @resp (@len bytes) to @out if it fits. */
static u32 emit(u8 *out, u32 used, u32 cap, const u8 *resp, u32 len)
{
	if (len > cap - used)
		return used;
	memcpy(out + used, resp, len);
	return used + len;
}

/* Drops the first buffered byte: the next one may start a frame. */
static void drop_first(struct mgmt_stream *s)
{
	for (u32 i = 1; i < s->len; i++)
		s->buf[i - 1] = s->buf[i];
	s->len--;
}

u32 mgmt_feed(struct mgmt_stream *s, const struct mgmt_backend *be, void *ctx,
	      const u8 *in, u32 n, u8 *out, u32 cap)
{
	u8 resp[MGMT_MAX_FRAME];
	u32 used = 0;

	for (u32 i = 0; i < n; i++) {
		s->buf[s->len++] = in[i];
		while (s->len && header_bad(s)) {
			drop_first(s);
			if (s->resyncing)
				continue;
			/* One answer per run of garbage, not per byte. */
			s->resyncing = true;
			s->bad_frames++;
			used = emit(out, used, cap, resp,
				    status_only(resp, 0, 0, MGMT_ST_BADFRAME));
		}
		if (!frame_complete(s))
			continue;
		s->resyncing = false;
		used = emit(out, used, cap, resp,
			    mgmt_handle(be, ctx, s->buf, s->len, resp));
		s->len = 0;
	}
	return used;
}
