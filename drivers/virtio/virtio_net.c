// SPDX-License-Identifier: Apache-2.0
/*
 * virtio-net as a port on a virtual switch. A frame the guest transmits
 * is copied into the receive buffers of the ports it is for (the one with
 * its destination MAC; every other port of the switch for broadcast and
 * multicast), never to a port of another switch, and dropped when a
 * receiver has no buffer posted, as a switch drops on a full queue. MACs
 * are fixed by the layout, so the switch needs no learning.
 *
 * The sender's lock is dropped while a frame is delivered: two ports
 * sending to each other at once would otherwise take each other's locks
 * in opposite orders. The frame waits in the sender's bounce buffer,
 * which `tx_busy` keeps for the one vCPU draining the queue.
 */
#include <bulkhead/string.h>
#include <bulkhead/vdev_params.h>
#include <bulkhead/virtio.h>
#include <bulkhead/zone.h>

/* Ethernet with a VLAN tag at the standard MTU: we offer no offloads. */
#define VNET_FRAME_MAX 1518
#define VNET_HDR_LEN sizeof(struct virtio_net_hdr)
#define VNET_MAX_PORTS (2 * CONFIG_MAX_ZONES)

struct vnet {
	struct virtio_dev vd; /* first: vdev->priv points at both */
	const struct virtio_net_params *p;
	bool tx_busy;
	u32 frame_len;
	u8 frame[VNET_FRAME_MAX];
	struct vq_req req; /* one at a time: under the device lock */
};

/* Every port, in zone creation order; fixed once the zones are built. */
static struct vnet *ports[VNET_MAX_PORTS];
static u32 nr_ports;

static struct vnet *to_vnet(struct virtio_dev *d)
{
	return container_of(d, struct vnet, vd);
}

static u32 vnet_config(struct virtio_dev *d, u8 *buf)
{
	memcpy(buf, to_vnet(d)->p->mac, 6);
	return 6;
}

/* Receiver's lock held: one frame into one posted buffer chain. */
static const char *vnet_rx_one(struct vnet *n, const u8 *frame, u32 len)
{
	struct virtio_net_hdr hdr = { .num_buffers = 1 };
	const char *why = NULL;

	if (!virtio_queue_usable(&n->vd, VIRTIO_NET_RXQ) ||
	    vq_pop(&n->vd.vq[VIRTIO_NET_RXQ], n->vd.vdev->zone, &n->req,
		   &why) <= 0)
		return why; /* no buffer: dropped */
	if (n->req.readable_len)
		return "receive buffer the device would have to read";
	if (n->req.writable_len < VNET_HDR_LEN + len) {
		virtio_complete(&n->vd, VIRTIO_NET_RXQ, n->req.head, 0);
		return NULL; /* too small for the frame: dropped */
	}
	vq_req_write(&n->req, 0, &hdr, VNET_HDR_LEN);
	vq_req_write(&n->req, VNET_HDR_LEN, frame, len);
	virtio_complete(&n->vd, VIRTIO_NET_RXQ, n->req.head,
			VNET_HDR_LEN + len);
	return NULL;
}

static void vnet_deliver_to(struct vnet *to, const u8 *frame, u32 len)
{
	const char *why;

	if (READ_ONCE(to->vd.vdev->zone->state) != ZONE_RUNNING)
		return;
	spin_lock(&to->vd.lock);
	why = vnet_rx_one(to, frame, len);
	if (why)
		virtio_fail(&to->vd, why);
	spin_unlock(&to->vd.lock);
}

static bool frame_is_for(const struct vnet *to, const u8 *frame)
{
	return (frame[0] & 1) || !memcmp(frame, to->p->mac, 6);
}

/* Sender's lock not held: its frame buffer is ours (tx_busy). */
static void vnet_switch(const struct vnet *from)
{
	for (u32 i = 0; i < nr_ports; i++) {
		struct vnet *to = ports[i];

		if (to != from && to->p->sw == from->p->sw &&
		    frame_is_for(to, from->frame))
			vnet_deliver_to(to, from->frame, from->frame_len);
	}
}

/* Copies the next frame out of the transmit queue; 0 when empty. */
static int vnet_tx_pop(struct vnet *n, const char **why)
{
	int got = vq_pop(&n->vd.vq[VIRTIO_NET_TXQ], n->vd.vdev->zone, &n->req,
			 why);
	u32 len;

	if (got <= 0)
		return got;
	if (n->req.readable_len < VNET_HDR_LEN) {
		*why = "transmit buffer without a virtio-net header";
		return -1;
	}
	len = n->req.readable_len - VNET_HDR_LEN;
	/* Oversized or runt frames are dropped, not the device. */
	n->frame_len = len >= 14 && len <= VNET_FRAME_MAX ? len : 0;
	vq_req_read(&n->req, VNET_HDR_LEN, n->frame, n->frame_len);
	virtio_complete(&n->vd, VIRTIO_NET_TXQ, n->req.head, 0);
	return 1;
}

static const char *vnet_transmit(struct vnet *n)
{
	const char *why = NULL;

	if (n->tx_busy)
		return NULL; /* the vCPU draining the queue takes ours too */
	n->tx_busy = true;
	while (vnet_tx_pop(n, &why) > 0) {
		if (!n->frame_len)
			continue;
		spin_unlock(&n->vd.lock);
		vnet_switch(n);
		spin_lock(&n->vd.lock);
		if (!virtio_queue_usable(&n->vd, VIRTIO_NET_TXQ))
			break; /* reset meanwhile */
	}
	n->tx_busy = false;
	return why;
}

static const char *vnet_notify(struct virtio_dev *d, u32 q)
{
	/* New receive buffers need nothing now: frames find them. */
	return q == VIRTIO_NET_TXQ ? vnet_transmit(to_vnet(d)) : NULL;
}

static const struct virtio_backend vnet_backend = {
	.name = "virtio-net",
	.device_id = VIRTIO_ID_NET,
	.nr_queues = 2,
	.features = BIT(VIRTIO_NET_F_MAC),
	.config = vnet_config,
	.notify = vnet_notify,
};

static int vnet_init(struct vdev *dev)
{
	struct vnet *n;

	if (!dev->cfg->params || nr_ports == VNET_MAX_PORTS)
		return -1;
	n = virtio_dev_alloc(dev, &vnet_backend, sizeof(*n));
	if (!n)
		return -1;
	n->p = dev->cfg->params;
	ports[nr_ports++] = n;
	return 0;
}

DECLARE_DRIVER(virtio_net_type, DRIVER_VDEV, struct vdev_type,
	       "bulkhead,virtio-net") = {
	.init = vnet_init,
	.access = virtio_mmio_access,
	.reset = virtio_mmio_reset,
};
