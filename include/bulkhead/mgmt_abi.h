/* SPDX-License-Identifier: Apache-2.0 */
/*
 * The management protocol, shared by the hypervisor (drivers/misc/mgmt*.c)
 * and the bulkhead tool (tools/bulkhead-ctl). docs/management.md is the
 * prose version.
 *
 * A byte stream on a named virtio-console port carries frames; every
 * integer is little-endian and every field has a fixed offset (no C
 * struct goes on the wire). A frame is an 8-byte header and at most
 * MGMT_MAX_PAYLOAD bytes of payload:
 *
 *   0  u16 magic    MGMT_MAGIC
 *   2  u8  version  MGMT_VERSION
 *   3  u8  op       MGMT_OP_* (a response: the request's op | MGMT_OP_RESP)
 *   4  u16 seq      chosen by the tool, echoed in the response
 *   6  u16 len      payload bytes that follow
 *
 * Every response payload starts with a u8 status (MGMT_ST_*).
 */
#ifndef BULKHEAD_MGMT_ABI_H
#define BULKHEAD_MGMT_ABI_H

#include <bulkhead/types.h>

#define MGMT_PORT_NAME "bulkhead.mgmt"

#define MGMT_MAGIC 0x4d42 /* "BM" */
#define MGMT_VERSION 1
#define MGMT_HDR_LEN 8
#define MGMT_MAX_PAYLOAD 512
#define MGMT_MAX_FRAME (MGMT_HDR_LEN + MGMT_MAX_PAYLOAD)

#define MGMT_OFF_MAGIC 0
#define MGMT_OFF_VERSION 2
#define MGMT_OFF_OP 3
#define MGMT_OFF_SEQ 4
#define MGMT_OFF_LEN 6

/*
 * Requests and their payloads:
 *   LIST     none           -> status, u8 nr, u8 0, u16 0, u32 free pages,
 *                              nr zone records
 *   INFO     u8 zone id     -> status, one zone record, reason string
 *   START    u8 zone id     -> status
 *   STOP     u8 zone id, u8 flags (MGMT_STOP_FORCE) -> status
 *   RESTART  u8 zone id     -> status
 *   EVENTS   u32 after seq  -> status, u8 nr, u8 0, u16 0, u32 newest seq,
 *                              nr event records (the oldest kept first)
 * A request whose payload is not exactly that long is refused (BADLEN).
 */
#define MGMT_OP_LIST 1
#define MGMT_OP_INFO 2
#define MGMT_OP_START 3
#define MGMT_OP_STOP 4
#define MGMT_OP_RESTART 5
#define MGMT_OP_EVENTS 6
#define MGMT_OP_RESP 0x80

#define MGMT_STOP_FORCE (1u << 0)

#define MGMT_ST_OK 0
#define MGMT_ST_BADFRAME 1 /* magic, version or length: stream resynced */
#define MGMT_ST_BADOP 2 /* no such operation */
#define MGMT_ST_BADLEN 3 /* the payload is not what the operation takes */
#define MGMT_ST_NOZONE 4 /* no zone with that id */
#define MGMT_ST_RUNNING 5 /* it is running: stop it first */
#define MGMT_ST_STOPPED 6 /* it is not running */
#define MGMT_ST_SELF 7 /* the management zone itself */
#define MGMT_ST_NOIMAGE 8 /* its images are not kept: cannot restart */
#define MGMT_ST_PARKED 9 /* it stopped itself: its CPUs are parked */
#define MGMT_ST_FAIL 10 /* its vCPU 0 did not start */
#define MGMT_NR_STATUS 11

/* Zone record: MGMT_ZONE_REC_LEN bytes at these offsets. */
#define MGMT_ZR_ID 0 /* u8 */
#define MGMT_ZR_ROLE 1 /* u8: 0 root, 1 user, 2 rt */
#define MGMT_ZR_STATE 2 /* u8: MGMT_STATE_* */
#define MGMT_ZR_LAST_STOP 3 /* u8: MGMT_STOPKIND_* */
#define MGMT_ZR_STARTS 4 /* u32 */
#define MGMT_ZR_STOPS 8 /* u32 */
#define MGMT_ZR_CRASHES 12 /* u32 */
#define MGMT_ZR_CPUS 16 /* u64 mask of physical CPUs */
#define MGMT_ZR_UPTIME 24 /* u64 counter ticks since its last start */
#define MGMT_ZR_NAME 32 /* char[MGMT_NAME_LEN], NUL-padded */
#define MGMT_NAME_LEN 32
#define MGMT_ZONE_REC_LEN 64
/* INFO: after the record, the last stop reason, NUL-padded. */
#define MGMT_REASON_LEN 96
#define MGMT_LIST_HDR 8
#define MGMT_MAX_LIST_ZONES \
	((MGMT_MAX_PAYLOAD - 1 - MGMT_LIST_HDR) / MGMT_ZONE_REC_LEN)

/* Event record: MGMT_EVENT_REC_LEN bytes at these offsets. */
#define MGMT_EV_SEQ 0 /* u32, from 1 */
#define MGMT_EV_ZONE 4 /* u8 zone id */
#define MGMT_EV_KIND 5 /* u8: 0 started, else MGMT_STOPKIND_* */
#define MGMT_EV_REASON 8 /* char[MGMT_EV_REASON_LEN], NUL-padded */
#define MGMT_EV_REASON_LEN 64
#define MGMT_EVENT_REC_LEN 72
#define MGMT_MAX_EVENTS \
	((MGMT_MAX_PAYLOAD - 1 - MGMT_LIST_HDR) / MGMT_EVENT_REC_LEN)

#define MGMT_STATE_STOPPED 0
#define MGMT_STATE_RUNNING 1
#define MGMT_STATE_STOPPING 2
#define MGMT_STATE_CRASHED 3

#define MGMT_STOPKIND_NONE 0
#define MGMT_STOPKIND_FAULT 1
#define MGMT_STOPKIND_POWER_OFF 2
#define MGMT_STOPKIND_RESET 3
#define MGMT_STOPKIND_COMMAND 4

static inline void mgmt_put16(u8 *p, u16 v)
{
	p[0] = (u8)v;
	p[1] = (u8)(v >> 8);
}

static inline void mgmt_put32(u8 *p, u32 v)
{
	mgmt_put16(p, (u16)v);
	mgmt_put16(p + 2, (u16)(v >> 16));
}

static inline void mgmt_put64(u8 *p, u64 v)
{
	mgmt_put32(p, (u32)v);
	mgmt_put32(p + 4, (u32)(v >> 32));
}

static inline u16 mgmt_get16(const u8 *p)
{
	return (u16)(p[0] | p[1] << 8);
}

static inline u32 mgmt_get32(const u8 *p)
{
	return mgmt_get16(p) | (u32)mgmt_get16(p + 2) << 16;
}

static inline u64 mgmt_get64(const u8 *p)
{
	return mgmt_get32(p) | (u64)mgmt_get32(p + 4) << 32;
}

#endif
