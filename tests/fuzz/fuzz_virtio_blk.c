// SPDX-License-Identifier: Apache-2.0
// fuzz-sources: drivers/virtio/virtio_blk.c drivers/virtio/virtio_mmio.c drivers/virtio/virtqueue.c tests/unit/virtio_guest.c src/zone.c src/mmio.c src/driver.c src/mm/pgtable.c tests/unit/fakes.c src/mm/page_alloc.c arch/aarch64/pgtable_format.c
// fuzz-cflags: -Iinclude -Itests/unit/include -Iarch/aarch64/include -include tests/unit/config-host.h -DCONFIG_VIRTIO_QUEUE_MAX=256 -mllvm -asan-globals=0
// fuzz-libs: -Wl,-L,src -Wl,-T,tests/unit/drivers.ld
/*
 * A guest drives two virtio-blk devices, one on a writable disk and one on
 * a read-only disk, with any register access, descriptor, ring content
 * and request it likes (see virtio_fuzz.h for the invariants every step
 * keeps). The disks are followed by ASan-poisoned guard bytes; the
 * read-only one must never change.
 *
 * A request the fuzzer posts as the only pending chain is also checked
 * against a model of the device: from the memory before the notify, the
 * model works out the status byte, the data, the used element and the
 * disk, or that the device must go into NEEDS_RESET; after the notify,
 * the zone's RAM and the disk must be exactly what the model says.
 */
#include <stdio.h>

#include <bulkhead/vdev_params.h>

#include "virtio_fuzz.h"

#define DISK_SECTORS 16
#define DISK_SIZE (DISK_SECTORS * 512)
#define DISK_GUARD 4096
#define NR_DEVS 2

static struct zone zone;
static struct fz_zone fzone;
static struct fz_dev devs[NR_DEVS];
static u8 *disk[NR_DEVS];
static u8 pristine[DISK_SIZE];
static u8 disk_model[DISK_SIZE];
static u8 ram_model[FZ_RAM_SIZE];
static struct virtio_blk_params params[NR_DEVS] = {
	{ .size = DISK_SIZE, .read_only = false },
	{ .size = DISK_SIZE, .read_only = true },
};

/* ---- The model of one request ---- */

/* Where the model keeps @p (in the zone's RAM): its copy of RAM. */
static u8 *model_of(u8 *p)
{
	u8 *ram = fz_host(&fzone, 0);

	if (p < ram || p >= ram + FZ_RAM_SIZE)
		abort(); /* a writable buffer outside RAM: the walker let it */
	return ram_model + (p - ram);
}

/* The model's copy of @p if it is in RAM, else @p (unchanged memory). */
static u8 *model_or_real(u8 *p)
{
	u8 *ram = fz_host(&fzone, 0);

	return p >= ram && p < ram + FZ_RAM_SIZE ? ram_model + (p - ram) : p;
}

/* Writes into the writable part of @r at @off, in the model's RAM. */
static void model_write(const struct ref_req *r, u32 off, const u8 *src,
			u32 len)
{
	for (u32 i = r->nr_readable; i < r->n && len; i++) {
		u32 n;

		if (off >= r->b[i].len) {
			off -= r->b[i].len;
			continue;
		}
		n = r->b[i].len - off < len ? r->b[i].len - off : len;
		memcpy(model_of(r->b[i].p) + off, src, n);
		src += n;
		len -= n;
		off = 0;
	}
}

/* Reads the readable part of @r at @off (nothing was written yet). */
static void model_read(const struct ref_req *r, u32 off, u8 *dst, u32 len)
{
	for (u32 i = 0; i < r->nr_readable && len; i++) {
		u32 n;

		if (off >= r->b[i].len) {
			off -= r->b[i].len;
			continue;
		}
		n = r->b[i].len - off < len ? r->b[i].len - off : len;
		memcpy(dst, r->b[i].p + off, n);
		dst += n;
		len -= n;
		off = 0;
	}
}

static bool in_disk(u64 sector, u32 len)
{
	return sector <= DISK_SECTORS &&
	       len <= DISK_SIZE - sector * VIRTIO_BLK_SECTOR_SIZE;
}

/*
 * The request @r with head @head on device @dev: into the models, the
 * used length; false if the device must fail instead.
 */
static bool model_request(u32 dev, const struct ref_req *r, u32 *used_len)
{
	struct virtio_blk_req_hdr h;
	u32 written = 0, len;
	u8 status = VIRTIO_BLK_S_OK;

	if (r->rlen < sizeof(h) || !r->wlen)
		return false;
	model_read(r, 0, (u8 *)&h, sizeof(h));
	switch (h.type) {
	case VIRTIO_BLK_T_IN:
		len = r->wlen - 1;
		if (!in_disk(h.sector, len)) {
			status = VIRTIO_BLK_S_IOERR;
			break;
		}
		model_write(r, 0, disk_model + h.sector * 512, len);
		written = len;
		break;
	case VIRTIO_BLK_T_OUT:
		len = r->rlen - sizeof(h);
		if (params[dev].read_only || !in_disk(h.sector, len) ||
		    len % 512) {
			status = VIRTIO_BLK_S_IOERR;
			break;
		}
		model_read(r, sizeof(h), disk_model + h.sector * 512, len);
		break;
	case VIRTIO_BLK_T_FLUSH:
		break;
	case VIRTIO_BLK_T_GET_ID: {
		char id[VIRTIO_BLK_ID_BYTES] = { 0 };

		snprintf(id, sizeof(id), "bulkhead-%s-%llx", zone.cfg->name,
			 (unsigned long long)devs[dev].vdev->cfg->base);
		written = r->wlen - 1 < sizeof(id) ? r->wlen - 1 : sizeof(id);
		model_write(r, 0, (const u8 *)id, written);
		break;
	}
	default:
		status = VIRTIO_BLK_S_UNSUPP;
	}
	model_write(r, r->wlen - 1, &status, 1);
	*used_len = written + 1;
	return true;
}

/* The one pending chain of device @dev's queue, before the notify. */
struct expect {
	bool valid; /* the model applies */
	bool fail; /* NEEDS_RESET expected */
	u32 isr;
};

static struct expect model_notify(u32 dev)
{
	struct virtio_dev *vd = fz_vd(&devs[dev]);
	struct virtqueue *vq = &vd->vq[0];
	struct expect e = { 0 };
	struct ref_req r;
	struct vring_used_elem *el;
	const struct vring_avail *avail;
	u16 last = vq->last_avail;
	u32 used_len;
	int got;

	if (!fz_running(vd->status) || !vq->ready ||
	    (u16)(vq->avail->idx - last) != 1)
		return e;
	memcpy(ram_model, fz_host(&fzone, 0), FZ_RAM_SIZE);
	memcpy(disk_model, disk[dev], DISK_SIZE);
	e.valid = true;
	e.isr = vd->isr;
	got = ref_pop(zone.cfg, vq->desc, vq->avail, vq->num, &last, &r);
	if (got < 0 || !model_request(dev, &r, &used_len)) {
		e.fail = true;
		memcpy(ram_model, fz_host(&fzone, 0), FZ_RAM_SIZE);
		memcpy(disk_model, disk[dev], DISK_SIZE);
		e.isr |= VIRTIO_INT_CONFIG;
		return e;
	}
	el = (struct vring_used_elem *)model_of(
		(u8 *)&vq->used->ring[vq->used_idx & (vq->num - 1)]);
	el->id = vq->avail->ring[vq->last_avail % vq->num];
	el->len = used_len;
	*(u16 *)model_of((u8 *)&vq->used->idx) = (u16)(vq->used_idx + 1);
	avail = (const struct vring_avail *)model_or_real((u8 *)vq->avail);
	if (!(avail->flags & VRING_AVAIL_F_NO_INTERRUPT))
		e.isr |= VIRTIO_INT_USED;
	/* The data went over the available ring: more may follow. */
	if (avail->idx != (u16)(vq->last_avail + 1))
		e.valid = false;
	return e;
}

static void model_check(u32 dev, const struct expect *e)
{
	struct virtio_dev *vd = fz_vd(&devs[dev]);

	if (!e->valid)
		return;
	if (e->fail != !!(vd->status & VIRTIO_STATUS_NEEDS_RESET))
		abort(); /* failed a good request, or served a broken one */
	if (memcmp(ram_model, fz_host(&fzone, 0), FZ_RAM_SIZE))
		abort(); /* not what the request asked for */
	if (memcmp(disk_model, disk[dev], DISK_SIZE))
		abort();
	if (vd->isr != e->isr)
		abort();
}

/* ---- The target's own move: one request, then the notify ---- */

static const u32 types[] = { VIRTIO_BLK_T_IN,	 VIRTIO_BLK_T_OUT,
			     VIRTIO_BLK_T_FLUSH, VIRTIO_BLK_T_GET_ID,
			     VIRTIO_BLK_T_IN,	 VIRTIO_BLK_T_OUT };

static u64 pick_sector(struct input *in)
{
	switch (take(in, 1) % 4) {
	case 0:
		return take(in, 1) % DISK_SECTORS;
	case 1:
		return DISK_SECTORS - take(in, 1) % 4;
	case 2:
		return take(in, 8);
	default:
		return ~0ull / 512 + take(in, 1) % 4;
	}
}

static void blk_request(struct fz_ctx *ctx, struct fz_dev *f, struct input *in)
{
	u32 dev = (u32)(f - devs);
	u8 how = (u8)take(in, 1);
	struct virtio_blk_req_hdr h = {
		.type = how & 0x80 ? (u32)take(in, 4) : types[how % 6],
		.sector = pick_sector(in),
	};
	bool in_dir =
		h.type == VIRTIO_BLK_T_IN || h.type == VIRTIO_BLK_T_GET_ID;
	struct vg_buf b[VQ_MAX_BUFS];
	u32 n = 0, nr_data = take(in, 1) % 5;
	ipa_t at = FZ_DATA + 0x100;
	struct expect e;

	if (!f->d.q[0].num)
		return;
	memcpy(fz_host(&fzone, 0) + (FZ_DATA - FZ_RAM_IPA), &h, sizeof(h));
	b[n++] = (struct vg_buf){ how & 0x40 ? fz_addr(in) : FZ_DATA,
				  how & 0x20 ? fz_len(in) : 16, false };
	for (u32 i = 0; i < nr_data; i++) {
		u8 d = (u8)take(in, 1);
		u32 len = d & 0x80 ? fz_len(in) : 512u * (d % 5);

		b[n++] = (struct vg_buf){ d & 0x40 ? fz_addr(in) : at, len,
					  d & 0x20 ? !in_dir : in_dir };
		at += len < 0x800 ? len : 0x800;
	}
	b[n++] = (struct vg_buf){ how & 0x10 ? fz_addr(in) : FZ_DATA + 0x3f00,
				  how & 0x08 ? fz_len(in) : 1, true };
	vg_post(&f->d, 0, b, n);
	fz_guest_wrote(ctx);
	e = model_notify(dev);
	vg_notify(&f->d, 0);
	model_check(dev, &e);
}

static struct fz_ctx ctx = {
	.devs = devs,
	.nr_devs = NR_DEVS,
	.zones = &fzone,
	.nr_zones = 1,
	.device = blk_request,
};

static void build(void)
{
	fake_hyp_pool_setup(16);
	fz_zone_build(&fzone, &zone, 1, "fzblk");
	for (u32 i = 0; i < NR_DEVS; i++) {
		disk[i] = malloc(DISK_SIZE + DISK_GUARD);
		if (!disk[i])
			abort();
		params[i].disk = (uintptr_t)disk[i];
		vg_zone_add_vdev(&fzone.z, "bulkhead,virtio-blk",
				 0x0a000000 + i * 0x1000, VIRTIO_MMIO_SIZE,
				 40 + i, &params[i]);
	}
	if (vg_zone_create(&fzone.z))
		abort();
	for (u32 i = 0; i < NR_DEVS; i++) {
		fz_dev_init(&devs[i], &fzone, i);
		ASAN_POISON_MEMORY_REGION(disk[i] + DISK_SIZE, DISK_GUARD);
	}
	fz_zone_poison(&fzone);
	for (u32 i = 0; i < DISK_SIZE; i++)
		pristine[i] = (u8)(i * 13 + (i >> 9));
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
	for (u32 i = 0; i < NR_DEVS; i++)
		memcpy(disk[i], pristine, DISK_SIZE);
	while (in.size) {
		fz_step(&ctx, &devs[take(&in, 1) % NR_DEVS], &in);
		if (memcmp(disk[1], pristine, DISK_SIZE))
			abort(); /* the read-only disk changed */
	}
	return 0;
}
