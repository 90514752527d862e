// SPDX-License-Identifier: Apache-2.0
/*
 * virtio-blk on a disk image in memory (the build put it in the image
 * store). Requests are served as the driver notifies, on its vCPU: a
 * memory copy is cheaper than any hand-off. The request header is copied
 * out of the guest once and checked on the copy; an out-of-range sector
 * or a write to a read-only disk is the request's error (IOERR), a
 * request without header or status byte is the driver's (NEEDS_RESET).
 */
#include <bulkhead/printk.h>
#include <bulkhead/string.h>
#include <bulkhead/vdev_params.h>
#include <bulkhead/virtio.h>
#include <bulkhead/zone.h>

#define SEG_MAX (VQ_MAX_BUFS - 2) /* the header and status are the rest */

struct vblk {
	struct virtio_dev vd; /* first: vdev->priv points at both */
	const struct virtio_blk_params *p;
	struct vq_req req; /* one at a time: under the device lock */
};

static struct vblk *to_vblk(struct virtio_dev *d)
{
	return container_of(d, struct vblk, vd);
}

static void put_le(u8 *buf, u64 v, u32 bytes)
{
	for (u32 i = 0; i < bytes; i++)
		buf[i] = (u8)(v >> (8 * i));
}

static u32 vblk_config(struct virtio_dev *d, u8 *buf)
{
	put_le(buf + VIRTIO_BLK_CFG_CAPACITY,
	       to_vblk(d)->p->size / VIRTIO_BLK_SECTOR_SIZE, 8);
	put_le(buf + VIRTIO_BLK_CFG_SEG_MAX, SEG_MAX, 4);
	return 16;
}

/* Where the data of a request at @sector for @len bytes is, or NULL. */
static u8 *disk_range(const struct vblk *b, u64 sector, u32 len)
{
	u64 size = b->p->size;

	if (sector > size / VIRTIO_BLK_SECTOR_SIZE)
		return NULL;
	if (len > size - sector * VIRTIO_BLK_SECTOR_SIZE)
		return NULL;
	return (u8 *)(uintptr_t)b->p->disk + sector * VIRTIO_BLK_SECTOR_SIZE;
}

/* Reads into the data buffers (all writable bytes but the status). */
static u8 vblk_in(struct vblk *b, const struct virtio_blk_req_hdr *h,
		  u32 *written)
{
	u32 len = b->req.writable_len - 1;
	u8 *src = disk_range(b, h->sector, len);

	if (!src)
		return VIRTIO_BLK_S_IOERR;
	*written = vq_req_write(&b->req, 0, src, len);
	return VIRTIO_BLK_S_OK;
}

static u8 vblk_out(struct vblk *b, const struct virtio_blk_req_hdr *h)
{
	u32 len = b->req.readable_len - sizeof(*h);
	u8 *dst = disk_range(b, h->sector, len);

	if (b->p->read_only || !dst || len % VIRTIO_BLK_SECTOR_SIZE)
		return VIRTIO_BLK_S_IOERR;
	vq_req_read(&b->req, sizeof(*h), dst, len);
	return VIRTIO_BLK_S_OK;
}

/* The serial number: the zone and the device's address, NUL-padded. */
static u8 vblk_get_id(struct vblk *b, u32 *written)
{
	char id[VIRTIO_BLK_ID_BYTES] = { 0 };
	u32 len = MIN(b->req.writable_len - 1, (u32)sizeof(id));

	snprintf(id, sizeof(id), "bulkhead-%s-%llx",
		 b->vd.vdev->zone->cfg->name,
		 (unsigned long long)b->vd.vdev->cfg->base);
	*written = vq_req_write(&b->req, 0, id, len);
	return VIRTIO_BLK_S_OK;
}

static u8 vblk_execute(struct vblk *b, const struct virtio_blk_req_hdr *h,
		       u32 *written)
{
	switch (h->type) {
	case VIRTIO_BLK_T_IN:
		return vblk_in(b, h, written);
	case VIRTIO_BLK_T_OUT:
		return vblk_out(b, h);
	case VIRTIO_BLK_T_FLUSH:
		return VIRTIO_BLK_S_OK; /* memory: every write has landed */
	case VIRTIO_BLK_T_GET_ID:
		return vblk_get_id(b, written);
	default:
		return VIRTIO_BLK_S_UNSUPP;
	}
}

static const char *vblk_serve(struct vblk *b)
{
	struct virtio_blk_req_hdr h;
	u32 written = 0;
	u8 status;

	if (b->req.readable_len < sizeof(h))
		return "block request without a header";
	if (!b->req.writable_len)
		return "block request without a status byte";
	vq_req_read(&b->req, 0, &h, sizeof(h));
	status = vblk_execute(b, &h, &written);
	vq_req_write(&b->req, b->req.writable_len - 1, &status, 1);
	virtio_complete(&b->vd, 0, b->req.head, written + 1);
	return NULL;
}

static const char *vblk_notify(struct virtio_dev *d, u32 q)
{
	struct vblk *b = to_vblk(d);
	const char *why = NULL;
	int got;

	(void)q; /* one queue */
	while (!why &&
	       (got = vq_pop(&d->vq[0], d->vdev->zone, &b->req, &why)) > 0)
		why = vblk_serve(b);
	return why;
}

static const struct virtio_backend vblk_backend = {
	.name = "virtio-blk",
	.device_id = VIRTIO_ID_BLOCK,
	.nr_queues = 1,
	.features = BIT(VIRTIO_BLK_F_SEG_MAX) | BIT(VIRTIO_BLK_F_FLUSH),
	.config = vblk_config,
	.notify = vblk_notify,
};

static int vblk_init(struct vdev *dev)
{
	const struct virtio_blk_params *p = dev->cfg->params;
	struct vblk *b;

	if (!p || p->size % VIRTIO_BLK_SECTOR_SIZE)
		return -1;
	b = virtio_dev_alloc(dev, &vblk_backend, sizeof(*b));
	if (!b)
		return -1;
	b->p = p;
	if (p->read_only)
		b->vd.features |= BIT(VIRTIO_BLK_F_RO);
	return 0;
}

DECLARE_DRIVER(virtio_blk_type, DRIVER_VDEV, struct vdev_type,
	       "bulkhead,virtio-blk") = {
	.init = vblk_init,
	.access = virtio_mmio_access,
	.reset = virtio_mmio_reset,
};
