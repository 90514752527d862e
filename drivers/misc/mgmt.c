// SPDX-License-Identifier: Apache-2.0
/*
 * The management device of the root zone: a virtio console with
 * MULTIPORT and one port, named MGMT_PORT_NAME, which Linux's stock
 * virtio_console driver shows as /dev/vport<N>p0 (and udev links it as
 * /dev/virtio-ports/bulkhead.mgmt). What the guest writes to the port is
 * the management protocol (mgmt_proto.c); the answers come back through
 * the port's receive queue. Only a zone with role root may have one.
 *
 * Queues (virtio 1.2, 5.3.2): 0 port receiveq, 1 port transmitq,
 * 2 control receiveq, 3 control transmitq.
 */
#include <bulkhead/arch.h>
#include <bulkhead/page_alloc.h>
#include <bulkhead/printk.h>
#include <bulkhead/string.h>
#include <bulkhead/virtio.h>
#include <bulkhead/zone.h>

#include "mgmt_proto.h"

#define MGMT_RXQ 0
#define MGMT_TXQ 1
#define MGMT_CTRL_RXQ 2
#define MGMT_CTRL_TXQ 3

#define VIRTIO_CONSOLE_F_MULTIPORT 1

/* Control events (virtio 1.2, 5.3.6.2). */
#define VCON_DEVICE_READY 0
#define VCON_DEVICE_ADD 1
#define VCON_PORT_READY 3
#define VCON_PORT_OPEN 6
#define VCON_PORT_NAME 7
#define VCON_CTRL_LEN 8 /* le32 id, le16 event, le16 value */

/* Control messages owed to the driver, sent in this order. */
#define OWE_ADD (1u << 0)
#define OWE_NAME (1u << 1)
#define OWE_OPEN (1u << 2)

#define MGMT_OUT_LEN (2 * MGMT_MAX_FRAME)

struct mgmt_dev {
	struct virtio_dev vd; /* first: vdev->priv points at both */
	struct mgmt_stream stream;
	u8 out[MGMT_OUT_LEN]; /* answers waiting for receive buffers */
	u32 out_len;
	u32 owed; /* OWE_* */
	struct vq_req req; /* one at a time: under the device lock */
};

static struct mgmt_dev *to_mgmt(struct virtio_dev *d)
{
	return container_of(d, struct mgmt_dev, vd);
}

/* --- the backend: zones as the protocol sees them --- */

static struct zone *zone_by_id(u32 id)
{
	for (u32 i = 0; i < nr_zones; i++)
		if (zones[i].cfg->id == id)
			return &zones[i];
	return NULL;
}

static u32 be_nr_zones(void *ctx)
{
	u32 n = 0;

	(void)ctx;
	for (u32 i = 0; i < nr_zones; i++)
		if (zones[i].cfg->id >= n)
			n = zones[i].cfg->id + 1;
	return n;
}

/* Into zeroed @dst: at most @size - 1 bytes, so it stays NUL-ended. */
static void copy_str(char *dst, const char *src, u32 size)
{
	for (u32 i = 0; i + 1 < size && src[i]; i++)
		dst[i] = src[i];
}

static bool be_zone(void *ctx, u32 id, u8 *rec, char *reason)
{
	const struct zone *z = zone_by_id(id);
	enum zone_life_state st;

	(void)ctx;
	if (!z)
		return false;
	st = zone_life_state(z);
	memset(rec, 0, MGMT_ZONE_REC_LEN);
	rec[MGMT_ZR_ID] = (u8)id;
	rec[MGMT_ZR_ROLE] = (u8)z->cfg->role;
	rec[MGMT_ZR_STATE] = (u8)st; /* same numbering as MGMT_STATE_* */
	rec[MGMT_ZR_LAST_STOP] = (u8)z->life.last_stop;
	mgmt_put32(rec + MGMT_ZR_STARTS, z->life.starts);
	mgmt_put32(rec + MGMT_ZR_STOPS, z->life.stops);
	mgmt_put32(rec + MGMT_ZR_CRASHES, z->life.crashes);
	mgmt_put64(rec + MGMT_ZR_CPUS, z->cfg->cpu_mask);
	if (st == ZONE_LIFE_RUNNING)
		mgmt_put64(rec + MGMT_ZR_UPTIME,
			   arch_counter() - z->life.started_at);
	copy_str((char *)rec + MGMT_ZR_NAME, z->cfg->name, MGMT_NAME_LEN);
	if (reason) {
		memset(reason, 0, MGMT_REASON_LEN);
		copy_str(reason, z->life.last_reason, MGMT_REASON_LEN);
	}
	return true;
}

static u32 be_free_pages(void *ctx)
{
	(void)ctx;
	return (u32)hyp_pool.nr_free;
}

static u8 status_of(int err)
{
	switch (err) {
	case ZONE_CMD_OK:
		return MGMT_ST_OK;
	case ZONE_CMD_ERUNNING:
		return MGMT_ST_RUNNING;
	case ZONE_CMD_ESTOPPED:
		return MGMT_ST_STOPPED;
	case ZONE_CMD_ESELF:
		return MGMT_ST_SELF;
	case ZONE_CMD_ENOIMAGE:
		return MGMT_ST_NOIMAGE;
	case ZONE_CMD_EPARKED:
		return MGMT_ST_PARKED;
	default:
		return MGMT_ST_FAIL;
	}
}

/* The ctx of a command is the management device's zone: the caller. */
static u8 be_start(void *ctx, u32 id)
{
	struct zone *z = zone_by_id(id);

	return z ? status_of(zone_cmd_start(z, ctx)) : MGMT_ST_NOZONE;
}

static u8 be_stop(void *ctx, u32 id, bool force)
{
	struct zone *z = zone_by_id(id);

	return z ? status_of(zone_cmd_stop(z, ctx, force)) : MGMT_ST_NOZONE;
}

static u8 be_restart(void *ctx, u32 id)
{
	struct zone *z = zone_by_id(id);

	return z ? status_of(zone_cmd_restart(z, ctx)) : MGMT_ST_NOZONE;
}

static u32 be_events(void *ctx, u32 after, u8 *recs, u32 max, u32 *newest)
{
	struct zone_event ev[MGMT_MAX_EVENTS];
	u32 n;

	(void)ctx;
	if (max > MGMT_MAX_EVENTS)
		max = MGMT_MAX_EVENTS;
	n = zone_events_after(after, ev, max);
	*newest = n ? ev[n - 1].seq : after;
	for (u32 i = 0; i < n; i++) {
		u8 *r = recs + i * MGMT_EVENT_REC_LEN;

		memset(r, 0, MGMT_EVENT_REC_LEN);
		mgmt_put32(r + MGMT_EV_SEQ, ev[i].seq);
		r[MGMT_EV_ZONE] = (u8)ev[i].zone;
		r[MGMT_EV_KIND] = (u8)ev[i].kind; /* as MGMT_STOPKIND_* */
		copy_str((char *)r + MGMT_EV_REASON, ev[i].reason,
			 MGMT_EV_REASON_LEN);
	}
	return n;
}

static const struct mgmt_backend zone_backend = {
	.zone = be_zone,
	.nr_zones = be_nr_zones,
	.free_pages = be_free_pages,
	.start = be_start,
	.stop = be_stop,
	.restart = be_restart,
	.events = be_events,
};

/* --- the virtio console side --- */

/* Writes what we owe into posted buffers of @q; returns bytes left. */
static u32 drain(struct mgmt_dev *m, u32 q, const u8 *src, u32 len,
		 const char **why)
{
	struct zone *zone = m->vd.vdev->zone;
	u32 off = 0;

	while (off < len && virtio_queue_usable(&m->vd, q) &&
	       vq_pop(&m->vd.vq[q], zone, &m->req, why) > 0) {
		u32 n = vq_req_write(&m->req, 0, src + off, len - off);

		virtio_complete(&m->vd, q, m->req.head, n);
		off += n;
	}
	return off;
}

static void flush_answers(struct mgmt_dev *m, const char **why)
{
	u32 sent = drain(m, MGMT_RXQ, m->out, m->out_len, why);

	for (u32 i = sent; i < m->out_len; i++)
		m->out[i - sent] = m->out[i]; /* overlapping: forward copy */
	m->out_len -= sent;
}

/* One control message per buffer, as the driver expects. */
static bool send_ctrl(struct mgmt_dev *m, u16 event, u16 value,
		      const char *name, const char **why)
{
	u8 msg[VCON_CTRL_LEN + sizeof(MGMT_PORT_NAME)];
	u32 len = VCON_CTRL_LEN;

	mgmt_put32(msg, 0); /* port 0, the only one */
	mgmt_put16(msg + 4, event);
	mgmt_put16(msg + 6, value);
	if (name) {
		memcpy(msg + len, name,
		       strlen(name)); /* no NUL: the length says */
		len += strlen(name);
	}
	if (!virtio_queue_usable(&m->vd, MGMT_CTRL_RXQ) ||
	    vq_pop(&m->vd.vq[MGMT_CTRL_RXQ], m->vd.vdev->zone, &m->req, why) <=
		    0)
		return false;
	virtio_complete(&m->vd, MGMT_CTRL_RXQ, m->req.head,
			vq_req_write(&m->req, 0, msg, len));
	return true;
}

static void flush_ctrl(struct mgmt_dev *m, const char **why)
{
	if ((m->owed & OWE_ADD) && send_ctrl(m, VCON_DEVICE_ADD, 1, NULL, why))
		m->owed &= ~OWE_ADD;
	if (!(m->owed & OWE_ADD) && (m->owed & OWE_NAME) &&
	    send_ctrl(m, VCON_PORT_NAME, 1, MGMT_PORT_NAME, why))
		m->owed &= ~OWE_NAME;
	if (!(m->owed & (OWE_ADD | OWE_NAME)) && (m->owed & OWE_OPEN) &&
	    send_ctrl(m, VCON_PORT_OPEN, 1, NULL, why))
		m->owed &= ~OWE_OPEN;
}

static void control_event(struct mgmt_dev *m, const u8 *msg)
{
	u32 id = mgmt_get32(msg);
	u16 event = mgmt_get16(msg + 4), value = mgmt_get16(msg + 6);

	if (event == VCON_DEVICE_READY && value == 1)
		m->owed |= OWE_ADD;
	else if (event == VCON_PORT_READY && id == 0 && value == 1)
		m->owed |=
			OWE_NAME | OWE_OPEN; /* the host end is always open */
	else if (event == VCON_PORT_OPEN && id == 0) {
		/* A new user: a fresh stream, no answers owed to the last. */
		mgmt_stream_reset(&m->stream);
		m->out_len = 0;
	}
}

static const char *control_in(struct mgmt_dev *m)
{
	const char *why = NULL;
	u8 msg[VCON_CTRL_LEN];

	while (vq_pop(&m->vd.vq[MGMT_CTRL_TXQ], m->vd.vdev->zone, &m->req,
		      &why) > 0) {
		if (vq_req_read(&m->req, 0, msg, sizeof(msg)) == sizeof(msg))
			control_event(m, msg);
		virtio_complete(&m->vd, MGMT_CTRL_TXQ, m->req.head, 0);
	}
	if (!why)
		flush_ctrl(m, &why);
	return why;
}

static const char *requests_in(struct mgmt_dev *m)
{
	const char *why = NULL;
	u8 chunk[64];

	while (vq_pop(&m->vd.vq[MGMT_TXQ], m->vd.vdev->zone, &m->req, &why) >
	       0) {
		for (u32 off = 0, n; off < m->req.readable_len; off += n) {
			n = vq_req_read(&m->req, off, chunk, sizeof(chunk));
			m->out_len += mgmt_feed(&m->stream, &zone_backend,
						m->vd.vdev->zone, chunk, n,
						m->out + m->out_len,
						MGMT_OUT_LEN - m->out_len);
		}
		virtio_complete(&m->vd, MGMT_TXQ, m->req.head, 0);
	}
	if (!why)
		flush_answers(m, &why);
	return why;
}

static const char *mgmt_notify(struct virtio_dev *d, u32 q)
{
	struct mgmt_dev *m = to_mgmt(d);
	const char *why = NULL;

	switch (q) {
	case MGMT_TXQ:
		return requests_in(m);
	case MGMT_CTRL_TXQ:
		return control_in(m);
	case MGMT_CTRL_RXQ:
		flush_ctrl(m, &why);
		return why;
	default:
		flush_answers(m, &why);
		return why;
	}
}

static u32 mgmt_config(struct virtio_dev *d, u8 *buf)
{
	(void)d;
	mgmt_put16(buf, 0); /* cols */
	mgmt_put16(buf + 2, 0); /* rows */
	mgmt_put32(buf + 4, 1); /* max_nr_ports */
	return 8;
}

static void mgmt_reset(struct virtio_dev *d)
{
	struct mgmt_dev *m = to_mgmt(d);

	mgmt_stream_reset(&m->stream);
	m->out_len = 0;
	m->owed = 0;
}

static const struct virtio_backend mgmt_backend = {
	.name = "mgmt",
	.device_id = VIRTIO_ID_CONSOLE,
	.nr_queues = 4,
	.features = 1ull << VIRTIO_CONSOLE_F_MULTIPORT,
	.config = mgmt_config,
	.notify = mgmt_notify,
	.reset = mgmt_reset,
};

static int mgmt_init(struct vdev *dev)
{
	if (dev->zone->cfg->role != ZONE_ROLE_ROOT) {
		pr_err("zone %s: the management device is for the root zone only\n",
		       dev->zone->cfg->name);
		return -1;
	}
	if (!virtio_dev_alloc(dev, &mgmt_backend, sizeof(struct mgmt_dev)))
		return -1;
	return 0;
}

DECLARE_DRIVER(mgmt_type, DRIVER_VDEV, struct vdev_type, "bulkhead,mgmt") = {
	.init = mgmt_init,
	.access = virtio_mmio_access,
	.reset = virtio_mmio_reset,
};
