// SPDX-License-Identifier: Apache-2.0
/*
 * virtio-console with one port (no MULTIPORT): what the guest transmits
 * goes to the console mux as the zone's output, the mux's input for the
 * zone comes back through the receive queue. Input that arrives while
 * the guest has no receive buffer posted waits in a small FIFO, as in a
 * UART; when that is full, the mux keeps the character (input is refused).
 */
#include <bulkhead/console.h>
#include <bulkhead/string.h>
#include <bulkhead/virtio.h>
#include <bulkhead/zone.h>

#define VCON_FIFO 256
#define VCON_TX_CHUNK 64

struct vcon {
	struct virtio_dev vd; /* first: vdev->priv points at both */
	u8 fifo[VCON_FIFO];
	u32 head, count;
	struct vq_req req; /* one at a time: under the device lock */
};

static struct vcon *to_vcon(struct virtio_dev *d)
{
	return container_of(d, struct vcon, vd);
}

static const char *vcon_transmit(struct vcon *c)
{
	struct zone *zone = c->vd.vdev->zone;
	char chunk[VCON_TX_CHUNK];
	const char *why = NULL;
	u32 off, n;

	while (vq_pop(&c->vd.vq[VIRTIO_CONSOLE_TXQ], zone, &c->req, &why) > 0) {
		for (off = 0; off < c->req.readable_len; off += n) {
			n = vq_req_read(&c->req, off, chunk, sizeof(chunk));
			for (u32 i = 0; i < n; i++)
				console_zone_putc(zone, chunk[i]);
		}
		virtio_complete(&c->vd, VIRTIO_CONSOLE_TXQ, c->req.head, 0);
	}
	return why;
}

/* Moves waiting input into posted receive buffers, one buffer per pass. */
static const char *vcon_receive(struct vcon *c)
{
	struct virtqueue *rxq = &c->vd.vq[VIRTIO_CONSOLE_RXQ];
	const char *why = NULL;
	u32 n;

	while (c->count && virtio_queue_usable(&c->vd, VIRTIO_CONSOLE_RXQ) &&
	       vq_pop(rxq, c->vd.vdev->zone, &c->req, &why) > 0) {
		for (n = 0; n < c->count && n < c->req.writable_len; n++) {
			u8 ch = c->fifo[(c->head + n) % VCON_FIFO];

			vq_req_write(&c->req, n, &ch, 1);
		}
		c->head = (c->head + n) % VCON_FIFO;
		c->count -= n;
		virtio_complete(&c->vd, VIRTIO_CONSOLE_RXQ, c->req.head, n);
	}
	return why;
}

static const char *vcon_notify(struct virtio_dev *d, u32 q)
{
	struct vcon *c = to_vcon(d);

	return q == VIRTIO_CONSOLE_TXQ ? vcon_transmit(c) : vcon_receive(c);
}

static void vcon_reset(struct virtio_dev *d)
{
	struct vcon *c = to_vcon(d);

	c->head = c->count = 0;
}

static bool vcon_input(struct vdev *dev, char ch)
{
	struct vcon *c = dev->priv;
	const char *why;
	bool taken = false;

	spin_lock(&c->vd.lock);
	if (c->count < VCON_FIFO) {
		c->fifo[(c->head + c->count++) % VCON_FIFO] = (u8)ch;
		taken = true;
		why = vcon_receive(c);
		if (why)
			virtio_fail(&c->vd, why);
	}
	spin_unlock(&c->vd.lock);
	return taken;
}

static const struct virtio_backend vcon_backend = {
	.name = "virtio-console",
	.device_id = VIRTIO_ID_CONSOLE,
	.nr_queues = 2,
	.notify = vcon_notify,
	.reset = vcon_reset,
};

static int vcon_init(struct vdev *dev)
{
	if (!virtio_dev_alloc(dev, &vcon_backend, sizeof(struct vcon)))
		return -1;
	return 0;
}

DECLARE_DRIVER(virtio_console_type, DRIVER_VDEV, struct vdev_type,
	       "bulkhead,virtio-console") = {
	.init = vcon_init,
	.access = virtio_mmio_access,
	.input = vcon_input,
	.input_rank = 1,
	.reset = virtio_mmio_reset,
};
