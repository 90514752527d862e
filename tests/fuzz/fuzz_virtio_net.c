// SPDX-License-Identifier: Apache-2.0
// fuzz-sources: drivers/virtio/virtio_net.c drivers/virtio/virtio_mmio.c drivers/virtio/virtqueue.c tests/unit/virtio_guest.c src/zone.c src/mmio.c src/driver.c src/mm/pgtable.c tests/unit/fakes.c src/mm/page_alloc.c arch/aarch64/pgtable_format.c
// fuzz-cflags: -Iinclude -Itests/unit/include -Iarch/aarch64/include -include tests/unit/config-host.h -DCONFIG_VIRTIO_QUEUE_MAX=256 -mllvm -asan-globals=0
// fuzz-libs: -Wl,-L,src -Wl,-T,tests/unit/drivers.ld
/*
 * The guests of four zones drive their virtio-net ports as they like: A,
 * B and C on switch 0, D on switch 1 with B's MAC. Besides what every
 * virtio device keeps (virtio_fuzz.h), nothing a port does reaches a
 * zone of another switch, and every frame a port receives is 14 to 1518
 * bytes after its header, or an empty buffer.
 *
 * A frame the fuzzer sends as the only pending transmit chain is also
 * checked against a model of the switch: from the memory before the
 * notify, it works out which ports receive it in which buffer, which
 * drop it, which go into NEEDS_RESET, and what the sender gets back; the
 * RAM of every zone must then be exactly what the model says.
 *
 * The switch's port registry is filled by the first input and kept:
 * each input resets the devices and the memory instead.
 */
#include <bulkhead/vdev_params.h>

#include "virtio_fuzz.h"

#define NR 4
#define HDR_LEN 12
#define FRAME_MIN 14
#define FRAME_MAX 1518

static struct zone zone[NR];
static struct fz_zone fzones[NR];
static struct fz_dev devs[NR];
static const struct virtio_net_params params[NR] = {
	{ .sw = 0, .mac = { 0x02, 0, 0, 0, 0, 0x0a } },
	{ .sw = 0, .mac = { 0x02, 0, 0, 0, 0, 0x0b } },
	{ .sw = 0, .mac = { 0x02, 0, 0, 0, 0, 0x0c } },
	{ .sw = 1, .mac = { 0x02, 0, 0, 0, 0, 0x0b } },
};
static const char *const names[NR] = { "fna", "fnb", "fnc", "fnd" };

/* ---- The model of one transmitted frame ---- */

static u8 model[NR][FZ_RAM_SIZE];
static u32 model_isr[NR];
static bool model_fail[NR];

static u8 *model_at(u32 port, const void *p)
{
	const u8 *ram = fz_host(&fzones[port], 0);

	if ((const u8 *)p < ram || (const u8 *)p >= ram + FZ_RAM_SIZE)
		abort(); /* written outside RAM: the walker let it through */
	return model[port] + ((const u8 *)p - ram);
}

static const void *model_or_real(u32 port, const void *p)
{
	const u8 *ram = fz_host(&fzones[port], 0);

	return (const u8 *)p >= ram && (const u8 *)p < ram + FZ_RAM_SIZE ?
		       model[port] + ((const u8 *)p - ram) :
		       p;
}

static void model_write(u32 port, const struct ref_req *r, u32 off,
			const u8 *src, u32 len)
{
	for (u32 i = r->nr_readable; i < r->n && len; i++) {
		u32 n;

		if (off >= r->b[i].len) {
			off -= r->b[i].len;
			continue;
		}
		n = r->b[i].len - off < len ? r->b[i].len - off : len;
		memcpy(model_at(port, r->b[i].p) + off, src, n);
		src += n;
		len -= n;
		off = 0;
	}
}

/* A chain returned: the used element, the index, the interrupt. */
static void model_push(u32 port, struct virtqueue *vq, u16 head, u32 len)
{
	struct vring_used_elem e = { head, len };
	u16 idx = (u16)(vq->used_idx + 1);
	const struct vring_avail *avail;

	memcpy(model_at(port, &vq->used->ring[vq->used_idx & (vq->num - 1)]),
	       &e, sizeof(e));
	memcpy(model_at(port, &vq->used->idx), &idx, 2);
	avail = model_or_real(port, vq->avail);
	if (!(avail->flags & VRING_AVAIL_F_NO_INTERRUPT))
		model_isr[port] |= VIRTIO_INT_USED;
}

/* Port @to receives @frame: its next receive chain, if it has one. */
static void model_receive(u32 to, const u8 *frame, u32 len)
{
	static const u8 hdr[HDR_LEN] = { [10] = 1 };
	struct virtio_dev *vd = fz_vd(&devs[to]);
	struct virtqueue *vq = &vd->vq[VIRTIO_NET_RXQ];
	struct ref_req r;
	u16 last = vq->last_avail;
	int got;

	if (zone[to].state != ZONE_RUNNING || !fz_running(vd->status) ||
	    !vq->ready)
		return;
	got = ref_pop(zone[to].cfg, vq->desc, vq->avail, vq->num, &last, &r);
	if (!got)
		return; /* no buffer: dropped */
	if (got < 0 || r.rlen) {
		model_fail[to] = true;
		model_isr[to] |= VIRTIO_INT_CONFIG;
		return;
	}
	if (r.wlen < HDR_LEN + len) {
		model_push(to, vq, vq->avail->ring[vq->last_avail % vq->num],
			   0);
		return;
	}
	model_write(to, &r, 0, hdr, HDR_LEN);
	model_write(to, &r, HDR_LEN, frame, len);
	model_push(to, vq, vq->avail->ring[vq->last_avail % vq->num],
		   HDR_LEN + len);
}

/* Gathers the readable part of @r from @off (before anything is written). */
static u32 gather(const struct ref_req *r, u32 off, u8 *dst, u32 len)
{
	u32 done = 0;

	for (u32 i = 0; i < r->nr_readable && done < len; i++) {
		u32 n;

		if (off >= r->b[i].len) {
			off -= r->b[i].len;
			continue;
		}
		n = r->b[i].len - off < len - done ? r->b[i].len - off :
						     len - done;
		memcpy(dst + done, r->b[i].p + off, n);
		done += n;
		off = 0;
	}
	return done;
}

/* Works the models out for a notify of @from's transmit queue. */
static bool model_transmit(u32 from)
{
	static u8 frame[FRAME_MAX];
	struct virtio_dev *vd = fz_vd(&devs[from]);
	struct virtqueue *vq = &vd->vq[VIRTIO_NET_TXQ];
	const struct vring_avail *avail;
	struct ref_req r;
	u16 last = vq->last_avail;
	u32 len;

	if (!fz_running(vd->status) || !vq->ready ||
	    (u16)(vq->avail->idx - last) != 1)
		return false;
	for (u32 i = 0; i < NR; i++) {
		memcpy(model[i], fz_host(&fzones[i], 0), FZ_RAM_SIZE);
		model_isr[i] = fz_vd(&devs[i])->isr;
		model_fail[i] =
			fz_vd(&devs[i])->status & VIRTIO_STATUS_NEEDS_RESET;
	}
	if (ref_pop(zone[from].cfg, vq->desc, vq->avail, vq->num, &last, &r) <
		    0 ||
	    r.rlen < HDR_LEN) {
		model_fail[from] = true;
		model_isr[from] |= VIRTIO_INT_CONFIG;
		return true;
	}
	len = r.rlen - HDR_LEN;
	if (len < FRAME_MIN || len > FRAME_MAX)
		len = 0;
	gather(&r, HDR_LEN, frame, len);
	model_push(from, vq, vq->avail->ring[vq->last_avail % vq->num], 0);
	/* The push went over the available ring: more may follow. */
	avail = model_or_real(from, vq->avail);
	if (avail->idx != (u16)(vq->last_avail + 1))
		return false;
	for (u32 to = 0; len && to < NR; to++)
		if (to != from && params[to].sw == params[from].sw &&
		    ((frame[0] & 1) || !memcmp(frame, params[to].mac, 6)))
			model_receive(to, frame, len);
	return true;
}

static void model_check(void)
{
	for (u32 i = 0; i < NR; i++) {
		struct virtio_dev *vd = fz_vd(&devs[i]);

		if (model_fail[i] != !!(vd->status & VIRTIO_STATUS_NEEDS_RESET))
			abort();
		if (memcmp(model[i], fz_host(&fzones[i], 0), FZ_RAM_SIZE))
			abort(); /* not what the switch should have done */
		if (model_isr[i] != vd->isr)
			abort();
	}
}

/* ---- The target's own moves ---- */

static const u8 broadcast[6] = { 0xff, 0xff, 0xff, 0xff, 0xff, 0xff };
static const u8 multicast[6] = { 0x33, 0x33, 0, 0, 0, 1 };

static u32 frame_len(struct input *in)
{
	switch (take(in, 1) % 4) {
	case 0:
		return FRAME_MIN + (u32)take(in, 1) % 64;
	case 1:
		return FRAME_MIN + (u32)take(in, 2) % (FRAME_MAX - 13);
	case 2:
		return (u32)take(in, 1) % (FRAME_MIN + 1);
	default:
		return FRAME_MAX + (u32)take(in, 1) % 4;
	}
}

/* A frame in one to three pieces after the header, then the notify. */
static void send(struct fz_ctx *ctx, struct fz_dev *f, struct input *in)
{
	u32 from = (u32)(f - devs);
	u8 how = (u8)take(in, 1);
	u32 len = frame_len(in);
	u8 *ram = fz_host(f->fz, 0);
	const u8 *dst = how & 4 ? broadcast :
			how & 8 ? multicast :
				  params[take(in, 1) % NR].mac;
	struct vg_buf b[4];
	u32 n = 0, cut1 = len / 3, cut2 = 2 * len / 3;
	u8 *p = ram + (FZ_DATA - FZ_RAM_IPA);
	bool valid;

	if (!f->d.q[VIRTIO_NET_TXQ].num)
		return;
	memset(p, 0, HDR_LEN);
	memcpy(p + HDR_LEN, dst, len < 6 ? len : 6);
	for (u32 i = 6; i < len; i++)
		p[HDR_LEN + i] = (u8)(how + i);
	if (how & 0x10) {
		b[n++] = (struct vg_buf){ FZ_DATA, HDR_LEN + len, false };
	} else {
		b[n++] = (struct vg_buf){ FZ_DATA, HDR_LEN + cut1, false };
		b[n++] = (struct vg_buf){ FZ_DATA + HDR_LEN + cut1, cut2 - cut1,
					  false };
		b[n++] = (struct vg_buf){ FZ_DATA + HDR_LEN + cut2, len - cut2,
					  false };
	}
	if (how & 0x20) /* the fuzzer's own idea of a buffer */
		b[n++] = (struct vg_buf){ fz_addr(in), fz_len(in),
					  take(in, 1) & 1 };
	vg_post(&f->d, VIRTIO_NET_TXQ, b, n);
	fz_guest_wrote(ctx);
	valid = model_transmit(from);
	vg_notify(&f->d, VIRTIO_NET_TXQ);
	if (valid)
		model_check();
}

/* Receive buffers, one descriptor each, then the notify. */
static void post_rx(struct fz_ctx *ctx, struct fz_dev *f, struct input *in)
{
	u32 n = 1 + take(in, 1) % 4;

	if (!f->d.q[VIRTIO_NET_RXQ].num)
		return;
	for (u32 i = 0; i < n; i++) {
		u8 how = (u8)take(in, 1);
		struct vg_buf b = {
			how & 0x80 ? fz_addr(in) :
				     FZ_DATA + 0x800 + (how & 7) * 0x600u,
			how & 0x40 ?
				(how & 0x10 ? fz_len(in) :
					      HDR_LEN + FRAME_MIN +
						      (u32)take(in, 1) % 64) :
				0x600,
			!(how & 0x20) || (take(in, 1) & 1),
		};

		vg_post(&f->d, VIRTIO_NET_RXQ, &b, 1);
	}
	fz_guest_wrote(ctx);
	vg_notify(&f->d, VIRTIO_NET_RXQ);
}

static void net_move(struct fz_ctx *ctx, struct fz_dev *f, struct input *in)
{
	u8 how = (u8)take(in, 1);

	if (how & 0x80) {
		/* A zone stops or runs again: stopped ones get nothing. */
		f->fz->zone->state = how & 1 ? ZONE_STOPPED : ZONE_RUNNING;
	} else if (how & 0x40) {
		post_rx(ctx, f, in);
	} else {
		send(ctx, f, in);
	}
}

/* Frames stay on their switch; what a port receives is a frame. */
static void net_check(struct fz_ctx *ctx, struct fz_dev *f)
{
	u32 from = (u32)(f - devs);

	(void)ctx;
	for (u32 i = 0; i < NR; i++) {
		struct fz_zone *fz = &fzones[i];
		struct virtio_dev *vd = fz_vd(&devs[i]);
		const struct virtqueue *a = &devs[i].vq[VIRTIO_NET_RXQ];
		const struct virtqueue *b = &vd->vq[VIRTIO_NET_RXQ];

		if (i != from && params[i].sw != params[from].sw &&
		    memcmp(fz->shadow[0], fz_host(fz, 0), FZ_RAM_SIZE))
			abort(); /* across switches */
		if (devs[i].reset || !a->ready || !b->ready ||
		    a->used != b->used)
			continue;
		for (u16 k = a->used_idx; k != b->used_idx; k++) {
			const struct vring_used_elem *e =
				&b->used->ring[k & (b->num - 1)];
			const u8 *at = (const u8 *)e - fz_host(fz, 0) + fz->map;

			if (at[4] & FZ_MAP_BUF || at[7] & FZ_MAP_BUF)
				continue; /* a buffer over the used ring */
			if (e->len && (e->len < HDR_LEN + FRAME_MIN ||
				       e->len > HDR_LEN + FRAME_MAX))
				abort();
		}
	}
}

static struct fz_ctx ctx = {
	.devs = devs,
	.nr_devs = NR,
	.zones = fzones,
	.nr_zones = NR,
	.device = net_move,
	.check = net_check,
};

static void build(void)
{
	fake_hyp_pool_setup(16);
	for (u32 i = 0; i < NR; i++) {
		fz_zone_build(&fzones[i], &zone[i], i + 1, names[i]);
		vg_zone_add_vdev(&fzones[i].z, "bulkhead,virtio-net",
				 0x0a000000, VIRTIO_MMIO_SIZE, 40, &params[i]);
		if (vg_zone_create(&fzones[i].z))
			abort();
		fz_dev_init(&devs[i], &fzones[i], 0);
		fz_zone_poison(&fzones[i]);
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct input in = { data, size };
	static bool built;

	if (!built) {
		build();
		built = true;
	}
	fz_fresh(&ctx, &in);
	while (in.size)
		fz_step(&ctx, &devs[take(&in, 1) % NR], &in);
	return 0;
}
