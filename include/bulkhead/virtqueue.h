/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Split virtqueues as the device side sees them. Everything in a queue is
 * written by the guest and is untrusted: vq_setup() checks the rings lie
 * in the zone's memory, vq_pop() reads each descriptor once and checks it
 * (index in range, buffer inside the zone's memory, length capped, chain
 * bounded, no indirect tables, readable before writable) before a back
 * end sees the request. A failed check is the guest breaking the rules
 * (NEEDS_RESET), never a reason to touch anything outside its memory.
 */
#ifndef BULKHEAD_VIRTQUEUE_H
#define BULKHEAD_VIRTQUEUE_H

#include <bulkhead/types.h>
#include <bulkhead/virtio_abi.h>

struct zone;

/* Buffers one request may chain: the block device's seg_max + 2. */
#define VQ_MAX_BUFS 64
/* Bytes one request may move: far above what a driver asks at once. */
#define VQ_MAX_REQ_BYTES (4u << 20)

struct virtqueue {
	/* As the driver wrote them; used when it sets QueueReady. */
	u32 num;
	u64 desc_addr, avail_addr, used_addr;
	bool ready;
	/* Valid once ready: hypervisor pointers into the zone's memory. */
	struct vring_desc *desc;
	struct vring_avail *avail;
	struct vring_used *used;
	u16 last_avail; /* the next avail entry to take */
	u16 used_idx; /* what we last wrote to used->idx */
};

struct vq_buf {
	u8 *p; /* in the zone's memory, the hypervisor's view */
	u32 len;
};

/* One descriptor chain: the readable buffers first, then the writable. */
struct vq_req {
	u16 head;
	u16 nr_bufs;
	u16 nr_readable;
	u32 readable_len, writable_len;
	struct vq_buf buf[VQ_MAX_BUFS];
};

/* Forgets the queue (device reset). */
void vq_reset(struct virtqueue *vq);
/* QueueReady = 1: checks and maps the rings; NULL, or why not. */
const char *vq_setup(struct virtqueue *vq, const struct zone *zone,
		     u32 num_max);
/*
 * Takes the next available chain into @req: 1, 0 if there is none, or -1
 * with *why set if the guest broke the rules (the queue is then unusable
 * until the device is reset).
 */
int vq_pop(struct virtqueue *vq, const struct zone *zone, struct vq_req *req,
	   const char **why);
/* Returns a chain to the driver, @written bytes put into its buffers. */
void vq_push(struct virtqueue *vq, u16 head, u32 written);
/* After pushing: does the driver want an interrupt? */
bool vq_wants_interrupt(const struct virtqueue *vq);

/* Gathers/scatters at a byte offset into the readable/writable buffers;
 * return what was copied (less when the buffers end first). */
u32 vq_req_read(const struct vq_req *req, u32 off, void *dst, u32 len);
u32 vq_req_write(const struct vq_req *req, u32 off, const void *src, u32 len);

#endif
