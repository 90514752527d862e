// SPDX-License-Identifier: Apache-2.0
/*
 * Inter-zone channels: each end is a "bulkhead,ivc" doorbell page in its
 * zone (include/bulkhead/ivc_regs.h); the shared memory is plain zone
 * memory, mapped in both zones by the layout. Ringing sets the peer's
 * pending flag and raises its interrupt until the peer acknowledges, so
 * a ring is never lost, and many rings before an ACK are one.
 */
#include <bulkhead/ivc_regs.h>
#include <bulkhead/page_alloc.h>
#include <bulkhead/string.h>
#include <bulkhead/vdev_params.h>
#include <bulkhead/virq.h>
#include <bulkhead/zone.h>

struct ivc_end {
	struct vdev *vdev;
	const struct ivc_params *p;
	spinlock_t lock;
	bool pending;
	struct ivc_end *peer; /* found at the first ring */
};

static struct zone *zone_by_id(u32 id)
{
	for (u32 i = 0; i < nr_zones; i++)
		if (zones[i].cfg->id == id)
			return &zones[i];
	return NULL;
}

static bool is_ivc(const struct vdev *dev);

/* The other end: the peer zone's doorbell page of the same channel. */
static struct ivc_end *find_peer(const struct ivc_end *e)
{
	struct zone *z = zone_by_id(e->p->peer_zone);

	for (u32 i = 0; z && i < z->nr_vdevs; i++) {
		struct vdev *dev = &z->vdevs[i];

		if (is_ivc(dev) &&
		    ((const struct ivc_params *)dev->cfg->params)->channel ==
			    e->p->channel)
			return dev->priv;
	}
	return NULL;
}

static void ivc_ring(struct ivc_end *e)
{
	struct ivc_end *peer = READ_ONCE(e->peer);

	if (!peer) {
		peer = find_peer(e);
		WRITE_ONCE(e->peer, peer);
	}
	if (!peer || READ_ONCE(peer->vdev->zone->state) != ZONE_RUNNING)
		return; /* nobody to hear it: a stopped zone misses nothing */
	spin_lock(&peer->lock);
	peer->pending = true;
	virq_set_level(peer->vdev->zone, peer->vdev->cfg->irq, true);
	spin_unlock(&peer->lock);
}

static void ivc_ack(struct ivc_end *e)
{
	spin_lock(&e->lock);
	e->pending = false;
	virq_set_level(e->vdev->zone, e->vdev->cfg->irq, false);
	spin_unlock(&e->lock);
}

static u32 ivc_read(struct ivc_end *e, u64 off)
{
	struct zone *peer;

	switch (off) {
	case IVC_MAGIC:
		return IVC_MAGIC_VALUE;
	case IVC_CHANNEL:
		return e->p->channel;
	case IVC_PEER:
		return e->p->peer_zone;
	case IVC_PEER_STATE:
		peer = zone_by_id(e->p->peer_zone);
		return peer && READ_ONCE(peer->state) == ZONE_RUNNING;
	case IVC_SHM_LOW:
		return (u32)e->p->shm;
	case IVC_SHM_HIGH:
		return (u32)(e->p->shm >> 32);
	case IVC_SHM_SIZE:
		return (u32)e->p->shm_size;
	case IVC_PENDING:
		return READ_ONCE(e->pending);
	default:
		return 0;
	}
}

/* 32-bit registers; writes other than DOORBELL and ACK are ignored. */
static int ivc_access(struct vdev *dev, struct mmio_access *acc)
{
	struct ivc_end *e = dev->priv;

	if (acc->width != 4 || acc->offset % 4)
		return -1;
	if (!acc->write)
		acc->value = ivc_read(e, acc->offset);
	else if (acc->offset == IVC_DOORBELL)
		ivc_ring(e);
	else if (acc->offset == IVC_ACK)
		ivc_ack(e);
	return 0;
}

static void ivc_reset(struct vdev *dev)
{
	ivc_ack(dev->priv);
}

static int ivc_init(struct vdev *dev)
{
	struct ivc_end *e;

	if (!dev->cfg->params)
		return -1;
	e = page_alloc(&hyp_pool, 1);
	if (!e)
		return -1;
	memset(e, 0, sizeof(*e));
	e->vdev = dev;
	e->p = dev->cfg->params;
	e->lock = (spinlock_t)SPINLOCK_INIT;
	dev->priv = e;
	return 0;
}

DECLARE_DRIVER(ivc_type, DRIVER_VDEV, struct vdev_type, "bulkhead,ivc") = {
	.init = ivc_init,
	.access = ivc_access,
	.reset = ivc_reset,
};

static bool is_ivc(const struct vdev *dev)
{
	return dev->type == &ivc_type;
}
