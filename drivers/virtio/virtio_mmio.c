// SPDX-License-Identifier: Apache-2.0
/*
 * virtio-mmio, version 2 (virtio 1.x, modern only). Registers are 32-bit;
 * the config space also takes 8- and 16-bit accesses. What the driver
 * writes out of order (queue addresses while the queue is live, notifies
 * before DRIVER_OK) is ignored, as a device that does not listen would;
 * what makes a queue unusable puts the device into NEEDS_RESET.
 */
#include <bulkhead/page_alloc.h>
#include <bulkhead/printk.h>
#include <bulkhead/string.h>
#include <bulkhead/virq.h>
#include <bulkhead/virtio.h>
#include <bulkhead/zone.h>

#define QUEUE_MAX CONFIG_VIRTIO_QUEUE_MAX

void *virtio_dev_alloc(struct vdev *dev, const struct virtio_backend *be,
		       size_t size)
{
	struct virtio_dev *d =
		page_alloc(&hyp_pool, ALIGN_UP(size, PAGE_SIZE) / PAGE_SIZE);

	if (!d)
		return NULL;
	memset(d, 0, size);
	d->be = be;
	d->vdev = dev;
	d->features = be->features | BIT(VIRTIO_F_VERSION_1);
	d->lock = (spinlock_t)SPINLOCK_INIT;
	dev->priv = d;
	return d;
}

/* The line is high while the driver has not acknowledged every cause. */
static void update_irq(struct virtio_dev *d)
{
	virq_set_level(d->vdev->zone, d->vdev->cfg->irq, d->isr != 0);
}

static void device_reset(struct virtio_dev *d)
{
	d->status = 0;
	d->isr = 0;
	d->dev_features_sel = d->drv_features_sel = d->queue_sel = 0;
	d->driver_features = 0;
	for (u32 q = 0; q < VIRTIO_MAX_QUEUES; q++)
		vq_reset(&d->vq[q]);
	if (d->be->reset)
		d->be->reset(d);
	update_irq(d);
}

void virtio_fail(struct virtio_dev *d, const char *why)
{
	if (d->status & VIRTIO_STATUS_NEEDS_RESET)
		return;
	d->status |= VIRTIO_STATUS_NEEDS_RESET;
	d->isr |= VIRTIO_INT_CONFIG;
	update_irq(d);
	pr_warn("zone %s: %s 0x%llx: %s; needs reset\n",
		d->vdev->zone->cfg->name, d->be->name,
		(unsigned long long)d->vdev->cfg->base, why);
}

bool virtio_queue_usable(const struct virtio_dev *d, u32 q)
{
	return (d->status &
		(VIRTIO_STATUS_DRIVER_OK | VIRTIO_STATUS_NEEDS_RESET |
		 VIRTIO_STATUS_FAILED)) == VIRTIO_STATUS_DRIVER_OK &&
	       q < d->be->nr_queues && d->vq[q].ready;
}

void virtio_complete(struct virtio_dev *d, u32 q, u16 head, u32 written)
{
	vq_push(&d->vq[q], head, written);
	if (!(d->isr & VIRTIO_INT_USED) && vq_wants_interrupt(&d->vq[q])) {
		d->isr |= VIRTIO_INT_USED;
		update_irq(d);
	}
}

/*
 * FEATURES_OK sticks only for a subset of ours that includes VERSION_1;
 * NEEDS_RESET is the device's to set, never the driver's.
 */
static void write_status(struct virtio_dev *d, u32 v)
{
	u64 ok = d->features;

	if (!v) {
		device_reset(d);
		return;
	}
	if ((v & VIRTIO_STATUS_FEATURES_OK) &&
	    ((d->driver_features & ~ok) ||
	     !(d->driver_features & BIT(VIRTIO_F_VERSION_1))))
		v &= ~VIRTIO_STATUS_FEATURES_OK;
	d->status = (v & 0xff & ~VIRTIO_STATUS_NEEDS_RESET) |
		    (d->status & VIRTIO_STATUS_NEEDS_RESET);
}

static struct virtqueue *selected_queue(struct virtio_dev *d)
{
	return d->queue_sel < d->be->nr_queues ? &d->vq[d->queue_sel] : NULL;
}

static void write_queue_ready(struct virtio_dev *d, struct virtqueue *vq, u32 v)
{
	const char *why;

	if (!v) {
		vq->ready = false;
		return;
	}
	if (vq->ready)
		return;
	why = vq_setup(vq, d->vdev->zone, QUEUE_MAX);
	if (why)
		virtio_fail(d, why);
}

static void write_queue_notify(struct virtio_dev *d, u32 q)
{
	const char *why;

	if (!virtio_queue_usable(d, q))
		return;
	why = d->be->notify(d, q);
	if (why)
		virtio_fail(d, why);
}

static void set_half(u64 *reg, bool high, u32 v)
{
	if (high)
		*reg = (*reg & 0xffffffffull) | (u64)v << 32;
	else
		*reg = (*reg & ~0xffffffffull) | v;
}

/* The queue's address and size registers, which only a stopped queue takes. */
static void write_queue_reg(struct virtqueue *vq, u64 off, u32 v)
{
	if (vq->ready)
		return;
	switch (off) {
	case VIRTIO_MMIO_QUEUE_NUM:
		vq->num = v;
		break;
	case VIRTIO_MMIO_QUEUE_DESC_LOW:
	case VIRTIO_MMIO_QUEUE_DESC_HIGH:
		set_half(&vq->desc_addr, off & 4, v);
		break;
	case VIRTIO_MMIO_QUEUE_DRIVER_LOW:
	case VIRTIO_MMIO_QUEUE_DRIVER_HIGH:
		set_half(&vq->avail_addr, off & 4, v);
		break;
	case VIRTIO_MMIO_QUEUE_DEVICE_LOW:
	case VIRTIO_MMIO_QUEUE_DEVICE_HIGH:
		set_half(&vq->used_addr, off & 4, v);
		break;
	}
}

static void write_features(struct virtio_dev *d, u32 v)
{
	if (d->drv_features_sel < 2)
		set_half(&d->driver_features, d->drv_features_sel, v);
}

static void write_reg(struct virtio_dev *d, u64 off, u32 v)
{
	struct virtqueue *vq = selected_queue(d);

	switch (off) {
	case VIRTIO_MMIO_DEVICE_FEATURES_SEL:
		d->dev_features_sel = v;
		break;
	case VIRTIO_MMIO_DRIVER_FEATURES:
		write_features(d, v);
		break;
	case VIRTIO_MMIO_DRIVER_FEATURES_SEL:
		d->drv_features_sel = v;
		break;
	case VIRTIO_MMIO_QUEUE_SEL:
		d->queue_sel = v;
		break;
	case VIRTIO_MMIO_QUEUE_READY:
		if (vq)
			write_queue_ready(d, vq, v);
		break;
	case VIRTIO_MMIO_QUEUE_NOTIFY:
		write_queue_notify(d, v);
		break;
	case VIRTIO_MMIO_INTERRUPT_ACK:
		d->isr &= ~v;
		update_irq(d);
		break;
	case VIRTIO_MMIO_STATUS:
		write_status(d, v);
		break;
	default:
		if (vq)
			write_queue_reg(vq, off, v);
	}
}

static u32 read_features(const struct virtio_dev *d)
{
	u64 f = d->features;

	if (d->dev_features_sel > 1)
		return 0;
	return (u32)(f >> (32 * d->dev_features_sel));
}

static u32 read_queue_reg(const struct virtqueue *vq, u64 off)
{
	if (!vq)
		return 0;
	switch (off) {
	case VIRTIO_MMIO_QUEUE_NUM_MAX:
		return QUEUE_MAX;
	case VIRTIO_MMIO_QUEUE_READY:
		return vq->ready;
	default:
		return 0; /* the queue's address registers are write-only */
	}
}

static u32 read_reg(struct virtio_dev *d, u64 off)
{
	switch (off) {
	case VIRTIO_MMIO_MAGIC:
		return VIRTIO_MMIO_MAGIC_VALUE;
	case VIRTIO_MMIO_VERSION:
		return VIRTIO_MMIO_VERSION_MODERN;
	case VIRTIO_MMIO_DEVICE_ID:
		return d->be->device_id;
	case VIRTIO_MMIO_VENDOR_ID:
		return VIRTIO_VENDOR_BULKHEAD;
	case VIRTIO_MMIO_DEVICE_FEATURES:
		return read_features(d);
	case VIRTIO_MMIO_INTERRUPT_STATUS:
		return d->isr;
	case VIRTIO_MMIO_STATUS:
		return d->status;
	case VIRTIO_MMIO_CONFIG_GENERATION:
		return 0; /* the config never changes under the driver */
	default:
		return read_queue_reg(selected_queue(d), off);
	}
}

/* Config space: any naturally aligned 1, 2 or 4 bytes; past its end, 0. */
static int access_config(struct virtio_dev *d, struct mmio_access *acc)
{
	u8 buf[VIRTIO_MAX_CONFIG] = { 0 };
	u32 off = (u32)(acc->offset - VIRTIO_MMIO_CONFIG);
	u32 len = d->be->config ? d->be->config(d, buf) : 0;

	if (!acc->width || acc->width > 4 || off % acc->width)
		return -1;
	if (acc->write)
		return 0; /* nothing of ours is writable */
	acc->value = 0;
	for (u32 i = 0; i < acc->width; i++)
		if (off + i < len)
			acc->value |= (u64)buf[off + i] << (8 * i);
	return 0;
}

int virtio_mmio_access(struct vdev *dev, struct mmio_access *acc)
{
	struct virtio_dev *d = dev->priv;
	int ret = 0;

	if (acc->offset >= VIRTIO_MMIO_CONFIG) {
		spin_lock(&d->lock);
		ret = access_config(d, acc);
		spin_unlock(&d->lock);
		return ret;
	}
	if (acc->width != 4 || acc->offset % 4)
		return -1;
	spin_lock(&d->lock);
	if (acc->write)
		write_reg(d, acc->offset, (u32)acc->value);
	else
		acc->value = read_reg(d, acc->offset);
	spin_unlock(&d->lock);
	return 0;
}

void virtio_mmio_reset(struct vdev *dev)
{
	struct virtio_dev *d = dev->priv;

	spin_lock(&d->lock);
	device_reset(d);
	spin_unlock(&d->lock);
}
