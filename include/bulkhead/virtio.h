/* SPDX-License-Identifier: Apache-2.0 */
/*
 * The virtio-mmio transport and what a back end gives it. A back end
 * (virtio-blk, -net, -console) embeds a struct virtio_dev, describes
 * itself with a const struct virtio_backend and registers its vdev type
 * with virtio_mmio_access() as the access handler; the transport does the
 * registers, feature negotiation, queue setup and interrupts.
 *
 * One lock per device serialises the guest's register accesses and the
 * back end's queue work; the back end's hooks run with it held.
 */
#ifndef BULKHEAD_VIRTIO_H
#define BULKHEAD_VIRTIO_H

#include <bulkhead/spinlock.h>
#include <bulkhead/vdev.h>
#include <bulkhead/virtqueue.h>

#define VIRTIO_MAX_QUEUES 4 /* the management device: multiport console */
#define VIRTIO_MAX_CONFIG 16 /* bytes of config space a back end has */

struct virtio_dev;

struct virtio_backend {
	const char *name; /* "virtio-blk": how log lines name the device */
	u32 device_id;
	u32 nr_queues;
	u64 features; /* offered, besides VIRTIO_F_VERSION_1 (see below) */
	/* Fills the config space (little-endian); returns its length. */
	u32 (*config)(struct virtio_dev *d, u8 *buf);
	/*
	 * The driver notified queue @q (the device is running: DRIVER_OK,
	 * not failed, queue ready). Returns NULL, or why the device must be
	 * reset.
	 */
	const char *(*notify)(struct virtio_dev *d, u32 q);
	/* The driver reset the device, or the zone restarts; optional. */
	void (*reset)(struct virtio_dev *d);
};

struct virtio_dev {
	const struct virtio_backend *be;
	struct vdev *vdev;
	spinlock_t lock;
	u64 features; /* offered: the back end's, and what its init adds */
	u32 status;
	u32 isr; /* InterruptStatus */
	u32 dev_features_sel, drv_features_sel, queue_sel;
	u64 driver_features;
	struct virtqueue vq[VIRTIO_MAX_QUEUES];
};

/*
 * For a back end's vdev init: its state, @size zeroed bytes starting with
 * the struct virtio_dev, bound to @dev (dev->priv); NULL without memory.
 */
void *virtio_dev_alloc(struct vdev *dev, const struct virtio_backend *be,
		       size_t size);
/* The vdev_type hooks of every virtio back end. */
int virtio_mmio_access(struct vdev *dev, struct mmio_access *acc);
void virtio_mmio_reset(struct vdev *dev);

/* Lock held: may the back end use queue @q now? */
bool virtio_queue_usable(const struct virtio_dev *d, u32 q);
/* Lock held: returns chains, then interrupts the driver if it wants it. */
void virtio_complete(struct virtio_dev *d, u32 q, u16 head, u32 written);
/* Lock held: puts the device into NEEDS_RESET and says why in the log. */
void virtio_fail(struct virtio_dev *d, const char *why);

#endif
