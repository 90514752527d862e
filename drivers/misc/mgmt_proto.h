/* SPDX-License-Identifier: Apache-2.0 */
/*
 * The management protocol's parser (mgmt_proto.c): frames reassembled
 * from an untrusted byte stream, checked, dispatched to a backend that
 * acts on zones, answered. Pure code, so host tests and the fuzzer run it
 * against a fake backend.
 */
#ifndef BULKHEAD_MGMT_PROTO_H
#define BULKHEAD_MGMT_PROTO_H

#include <bulkhead/mgmt_abi.h>

/* What the protocol asks of the hypervisor. Zone ids come unchecked. */
struct mgmt_backend {
	/* Fills a MGMT_ZONE_REC_LEN record and, if @reason is not NULL, a
	 * MGMT_REASON_LEN reason (both zeroed first); false: no such zone. */
	bool (*zone)(void *ctx, u32 id, u8 *rec, char *reason);
	/* Zone ids are below this. */
	u32 (*nr_zones)(void *ctx);
	u32 (*free_pages)(void *ctx);
	/* Each returns a MGMT_ST_* status. */
	u8 (*start)(void *ctx, u32 id);
	u8 (*stop)(void *ctx, u32 id, bool force);
	u8 (*restart)(void *ctx, u32 id);
	/* Fills up to @max MGMT_EVENT_REC_LEN records of the events after
	 * sequence number @after; returns how many, *@newest the last seq. */
	u32 (*events)(void *ctx, u32 after, u8 *recs, u32 max, u32 *newest);
};

/* Reassembly state of one stream. */
struct mgmt_stream {
	u8 buf[MGMT_MAX_FRAME];
	u32 len;
	bool resyncing; /* dropping bytes until a frame starts */
	u32 bad_frames; /* how many times the stream was resynced */
};

void mgmt_stream_reset(struct mgmt_stream *s);

/*
 * Takes @n bytes of the stream; answers each complete frame into @out
 * (@cap bytes; a response that does not fit is dropped) and returns the
 * bytes written there.
 */
u32 mgmt_feed(struct mgmt_stream *s, const struct mgmt_backend *be, void *ctx,
	      const u8 *in, u32 n, u8 *out, u32 cap);

/*
 * Answers one whole frame (@len bytes, header checked) into @out, which
 * holds MGMT_MAX_FRAME bytes; returns the response length.
 */
u32 mgmt_handle(const struct mgmt_backend *be, void *ctx, const u8 *req,
		u32 len, u8 *out);

#endif
