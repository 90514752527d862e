// SPDX-License-Identifier: Apache-2.0
/*
 * The device side of split virtqueues. The guest may rewrite its rings
 * and descriptors at any time, from another vCPU, while we walk them: each
 * field is read once into a local copy and only the copy is checked and
 * used. Buffers are translated with the zone's own memory map, so a
 * request can reach nothing but the zone's memory, whatever it says.
 */
#include <bulkhead/barrier.h>
#include <bulkhead/compiler.h>
#include <bulkhead/string.h>
#include <bulkhead/virtqueue.h>
#include <bulkhead/zone.h>

void vq_reset(struct virtqueue *vq)
{
	memset(vq, 0, sizeof(*vq));
}

static bool is_pow2(u32 n)
{
	return n && !(n & (n - 1));
}

/* The ring sizes include used_event / avail_event (spec 2.7). */
const char *vq_setup(struct virtqueue *vq, const struct zone *zone, u32 num_max)
{
	u32 n = vq->num;

	if (!is_pow2(n) || n > num_max)
		return "queue size is not a power of two up to QueueNumMax";
	if (vq->desc_addr % 16 || vq->avail_addr % 2 || vq->used_addr % 4)
		return "ring address misaligned";
	vq->desc = zone_ipa_to_hyp(zone, vq->desc_addr, 16ull * n);
	vq->avail = zone_ipa_to_hyp(zone, vq->avail_addr, 6 + 2ull * n);
	vq->used = zone_ipa_to_hyp_writable(zone, vq->used_addr, 6 + 8ull * n);
	if (!vq->desc || !vq->avail || !vq->used)
		return "ring outside the zone's memory";
	vq->last_avail = 0;
	vq->used_idx = 0;
	vq->ready = true;
	return NULL;
}

static void read_desc(const struct virtqueue *vq, u16 i, struct vring_desc *d)
{
	const struct vring_desc *s = &vq->desc[i];

	d->addr = READ_ONCE(s->addr);
	d->len = READ_ONCE(s->len);
	d->flags = READ_ONCE(s->flags);
	d->next = READ_ONCE(s->next);
}

/* Adds one descriptor's buffer to @req; NULL, or what is wrong with it. */
static const char *add_buf(const struct zone *zone, struct vq_req *req,
			   const struct vring_desc *d)
{
	bool writable = d->flags & VRING_DESC_F_WRITE;
	u8 *p;

	if (d->flags & VRING_DESC_F_INDIRECT)
		return "indirect descriptor (not offered)";
	if (!writable && req->writable_len)
		return "readable buffer after a writable one";
	if (d->len > VQ_MAX_REQ_BYTES - req->readable_len - req->writable_len)
		return "request longer than 4 MiB";
	if (!d->len)
		return NULL; /* nothing to read or write: skip it */
	p = writable ? zone_ipa_to_hyp_writable(zone, d->addr, d->len) :
		       zone_ipa_to_hyp(zone, d->addr, d->len);
	if (!p)
		return "buffer outside the zone's memory";
	req->buf[req->nr_bufs++] = (struct vq_buf){ p, d->len };
	if (writable) {
		req->writable_len += d->len;
	} else {
		req->readable_len += d->len;
		req->nr_readable = req->nr_bufs;
	}
	return NULL;
}

/* A chain visits each descriptor at most once, so num bounds it. */
static const char *walk_chain(const struct virtqueue *vq,
			      const struct zone *zone, u16 head,
			      struct vq_req *req)
{
	struct vring_desc d;
	u32 visited = 0;
	const char *why;

	req->head = head;
	req->nr_bufs = req->nr_readable = 0;
	req->readable_len = req->writable_len = 0;
	for (u16 i = head;; i = d.next) {
		if (visited++ == vq->num || req->nr_bufs == VQ_MAX_BUFS)
			return "descriptor chain loops or is too long";
		read_desc(vq, i, &d);
		why = add_buf(zone, req, &d);
		if (why)
			return why;
		if (!(d.flags & VRING_DESC_F_NEXT))
			return NULL;
		if (d.next >= vq->num)
			return "next descriptor index beyond the queue";
	}
}

int vq_pop(struct virtqueue *vq, const struct zone *zone, struct vq_req *req,
	   const char **why)
{
	u16 avail = READ_ONCE(vq->avail->idx);
	u16 head;

	if (avail == vq->last_avail)
		return 0;
	if ((u16)(avail - vq->last_avail) > vq->num) {
		*why = "available index moved past the queue size";
		return -1;
	}
	smp_rmb(); /* the ring entry and descriptors after the index */
	head = READ_ONCE(vq->avail->ring[vq->last_avail & (vq->num - 1)]);
	vq->last_avail++;
	if (head >= vq->num) {
		*why = "available ring names a descriptor beyond the queue";
		return -1;
	}
	*why = walk_chain(vq, zone, head, req);
	return *why ? -1 : 1;
}

void vq_push(struct virtqueue *vq, u16 head, u32 written)
{
	struct vring_used_elem *e =
		&vq->used->ring[vq->used_idx & (vq->num - 1)];

	WRITE_ONCE(e->id, head);
	WRITE_ONCE(e->len, written);
	smp_wmb(); /* the element before the index that publishes it */
	WRITE_ONCE(vq->used->idx, ++vq->used_idx);
}

bool vq_wants_interrupt(const struct virtqueue *vq)
{
	smp_mb(); /* our used->idx store before reading the driver's flags */
	return !(READ_ONCE(vq->avail->flags) & VRING_AVAIL_F_NO_INTERRUPT);
}

/* Copies between @buf and the request's buffers [first, end) at @off. */
static u32 vq_req_copy(const struct vq_req *req, u16 first, u16 end, u32 off,
		       u8 *buf, u32 len, bool to_guest)
{
	u32 done = 0;

	for (u16 i = first; i < end && done < len; i++) {
		const struct vq_buf *b = &req->buf[i];
		u32 n;

		if (off >= b->len) {
			off -= b->len;
			continue;
		}
		n = MIN(b->len - off, len - done);
		if (to_guest)
			memcpy(b->p + off, buf + done, n);
		else
			memcpy(buf + done, b->p + off, n);
		done += n;
		off = 0;
	}
	return done;
}

u32 vq_req_read(const struct vq_req *req, u32 off, void *dst, u32 len)
{
	return vq_req_copy(req, 0, req->nr_readable, off, dst, len, false);
}

u32 vq_req_write(const struct vq_req *req, u32 off, const void *src, u32 len)
{
	/* The source is only read: the cast serves the shared helper. */
	return vq_req_copy(req, req->nr_readable, req->nr_bufs, off,
			   (u8 *)(uintptr_t)src, len, true);
}
