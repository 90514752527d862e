// SPDX-License-Identifier: Apache-2.0
// fuzz-sources: drivers/virtio/virtio_mmio.c drivers/virtio/virtqueue.c tests/unit/virtio_guest.c src/zone.c src/mmio.c src/driver.c src/mm/pgtable.c tests/unit/fakes.c src/mm/page_alloc.c arch/aarch64/pgtable_format.c
// fuzz-cflags: -Iinclude -Itests/unit/include -Iarch/aarch64/include -include tests/unit/config-host.h -DCONFIG_VIRTIO_QUEUE_MAX=256 -mllvm -asan-globals=0
// fuzz-libs: -Wl,-L,src -Wl,-T,tests/unit/drivers.ld
/*
 * A guest drives its virtio-console as it likes while console input
 * arrives. Besides what every virtio device keeps (virtio_fuzz.h), a
 * model of the device (the FIFO, and the queues worked on a copy of the
 * zone's RAM with the reference walker) says after each input character
 * and each notify what must be taken or refused, which bytes reach the
 * console mux, what lands in which receive buffer, which chains come
 * back, and when the device must go into NEEDS_RESET; the RAM, the
 * console output, the FIFO and InterruptStatus must then be exactly the
 * model's. Other steps may only drain the FIFO from its front.
 *
 * The model is exact even when buffers overlap the rings: it reads and
 * writes its copy of RAM in the order the device does.
 */
#include "virtio_fuzz.h"

/* The device itself, to see its FIFO. */
#include "../../drivers/virtio/virtio_console.c"

static struct zone zone;
static struct fz_zone fzone;
static struct fz_dev dev;

/* ---- The model ---- */

static u8 fifo[VCON_FIFO];
static u32 fifo_count;
static u8 ram_model[FZ_RAM_SIZE];
static char out[FAKE_LOG_SIZE];
static size_t out_len;
static u32 isr_model;
static bool fail_model;

static struct vcon *con(void)
{
	return dev.vdev->priv;
}

static const u8 *view(const void *p)
{
	const u8 *ram = fz_host(&fzone, 0);

	return (const u8 *)p >= ram && (const u8 *)p < ram + FZ_RAM_SIZE ?
		       ram_model + ((const u8 *)p - ram) :
		       p;
}

static u8 *model_at(const void *p)
{
	const u8 *ram = fz_host(&fzone, 0);

	if ((const u8 *)p < ram || (const u8 *)p >= ram + FZ_RAM_SIZE)
		abort(); /* writable outside RAM: the walker let it through */
	return ram_model + ((const u8 *)p - ram);
}

/*
 * The reference walker on the model's RAM (buffers still real); *head
 * gets the chain's head as the available ring had it then.
 */
static int model_pop(struct virtqueue *vq, u16 *last, u16 *head,
		     struct ref_req *r)
{
	static struct vring_desc desc[CONFIG_VIRTIO_QUEUE_MAX];
	const struct vring_avail *avail =
		(const struct vring_avail *)view(vq->avail);

	memcpy(desc, view(vq->desc), 16ull * vq->num);
	*head = avail->ring[*last % vq->num];
	return ref_pop(zone.cfg, desc, avail, vq->num, last, r);
}

static void model_push(struct virtqueue *vq, u16 *used, u16 head, u32 len)
{
	struct vring_used_elem e = { head, len };
	const struct vring_avail *avail =
		(const struct vring_avail *)view(vq->avail);

	memcpy(model_at(&vq->used->ring[*used & (vq->num - 1)]), &e, sizeof(e));
	(*used)++;
	memcpy(model_at(&vq->used->idx), used, 2);
	if (!(avail->flags & VRING_AVAIL_F_NO_INTERRUPT))
		isr_model |= VIRTIO_INT_USED;
}

static bool model_usable(u32 q)
{
	struct virtio_dev *vd = &con()->vd;

	return fz_running(vd->status) && !fail_model && vd->vq[q].ready;
}

static void model_fail(void)
{
	fail_model = true;
	isr_model |= VIRTIO_INT_CONFIG;
}

/* Waiting input into posted receive buffers, a buffer at a time. */
static void model_receive(void)
{
	struct virtqueue *vq = &con()->vd.vq[VIRTIO_CONSOLE_RXQ];
	u16 last = vq->last_avail, used = vq->used_idx, head;
	struct ref_req r;
	int got;

	while (fifo_count && model_usable(VIRTIO_CONSOLE_RXQ) &&
	       (got = model_pop(vq, &last, &head, &r))) {
		u32 n = 0;

		if (got < 0) {
			model_fail();
			return;
		}
		for (u32 i = r.nr_readable; i < r.n && n < fifo_count; i++) {
			u32 k = r.b[i].len < fifo_count - n ? r.b[i].len :
							      fifo_count - n;

			memcpy(model_at(r.b[i].p), fifo + n, k);
			n += k;
		}
		memmove(fifo, fifo + n, fifo_count - n);
		fifo_count -= n;
		model_push(vq, &used, head, n);
	}
}

/* Every readable byte of every chain to the console, in order. */
static void model_transmit(void)
{
	struct virtqueue *vq = &con()->vd.vq[VIRTIO_CONSOLE_TXQ];
	u16 last = vq->last_avail, used = vq->used_idx, head;
	struct ref_req r;
	int got;

	while ((got = model_pop(vq, &last, &head, &r))) {
		if (got < 0) {
			model_fail();
			return;
		}
		for (u32 i = 0; i < r.nr_readable; i++) {
			u32 k = r.b[i].len < sizeof(out) - out_len ?
					r.b[i].len :
					(u32)(sizeof(out) - out_len);

			memcpy(out + out_len, view(r.b[i].p), k);
			out_len += k;
		}
		model_push(vq, &used, head, 0);
	}
}

static void model_start(void)
{
	struct virtio_dev *vd = &con()->vd;

	memcpy(ram_model, fz_host(&fzone, 0), FZ_RAM_SIZE);
	if (fake_console_len > sizeof(out) / 2)
		fake_console_len = 0;
	memcpy(out, fake_console_out, fake_console_len);
	out_len = fake_console_len;
	isr_model = vd->isr;
	fail_model = vd->status & VIRTIO_STATUS_NEEDS_RESET;
}

static void model_check(void)
{
	struct vcon *c = con();

	if (fail_model != !!(c->vd.status & VIRTIO_STATUS_NEEDS_RESET))
		abort();
	if (memcmp(ram_model, fz_host(&fzone, 0), FZ_RAM_SIZE))
		abort(); /* not where the model put the input, or the rings */
	if (out_len != fake_console_len ||
	    memcmp(out, fake_console_out, out_len))
		abort(); /* not what the guest transmitted */
	if (isr_model != c->vd.isr || fifo_count != c->count)
		abort();
}

/* ---- The target's own moves: input, or a notify, both modelled ---- */

static void con_move(struct fz_ctx *ctx, struct fz_dev *f, struct input *in)
{
	u8 how = (u8)take(in, 1);
	u32 repeat = how & 0x80 ? 1 + (u32)take(in, 2) % 300 : 1;

	(void)ctx;
	for (u32 i = 0; i < repeat; i++) {
		model_start();
		if (how & 0x40) {
			u32 q = how & 1;

			if (model_usable(q)) {
				if (q == VIRTIO_CONSOLE_TXQ)
					model_transmit();
				else
					model_receive();
			}
			vg_notify(&f->d, q);
		} else {
			char ch =
				(char)(how & 0x20 ? take(in, 1) : 'a' + i % 26);
			bool want = fifo_count < VCON_FIFO;

			if (want) {
				fifo[fifo_count++] = (u8)ch;
				model_receive();
			}
			if (f->vdev->type->input(f->vdev, ch) != want)
				abort(); /* taken when full, or refused */
		}
		model_check();
	}
}

/* The FIFO: the model's, or (after other steps) that with its front gone. */
static void con_check(struct fz_ctx *ctx, struct fz_dev *f)
{
	struct vcon *c = con();

	(void)ctx;
	if (f->reset) {
		if (c->count)
			abort(); /* a reset keeps old input */
		fifo_count = 0;
	}
	if (c->count > fifo_count)
		abort();
	memmove(fifo, fifo + (fifo_count - c->count), c->count);
	fifo_count = c->count;
	for (u32 i = 0; i < fifo_count; i++)
		if (c->fifo[(c->head + i) % VCON_FIFO] != fifo[i])
			abort();
}

static struct fz_ctx ctx = {
	.devs = &dev,
	.nr_devs = 1,
	.zones = &fzone,
	.nr_zones = 1,
	.device = con_move,
	.check = con_check,
};

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct input in = { data, size };
	static bool built;

	if (!built) {
		fake_hyp_pool_setup(8);
		fz_zone_build(&fzone, &zone, 1, "fzcon");
		vg_zone_add_vdev(&fzone.z, "bulkhead,virtio-console",
				 0x0a000000, VIRTIO_MMIO_SIZE, 40, NULL);
		if (vg_zone_create(&fzone.z))
			abort();
		fz_dev_init(&dev, &fzone, 0);
		fz_zone_poison(&fzone);
		built = true;
	}
	fz_fresh(&ctx, &in);
	fifo_count = 0;
	while (in.size)
		fz_step(&ctx, &dev, &in);
	return 0;
}
