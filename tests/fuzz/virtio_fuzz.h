/* SPDX-License-Identifier: Apache-2.0 */
/*
 * What the virtio fuzz targets share: a reference of the virtqueue rules,
 * fake zones whose memory the fuzzer's guest writes at will, and the
 * invariants every device keeps whatever the guest does, checked after
 * each step of the guest (abort() on a violation):
 *
 *  - the device writes nothing outside its zone's writable RAM (the
 *    guard pages around every region are ASan-poisoned, so reading them is
 *    caught too), nothing into read-only or device memory, and inside RAM
 *    only into the used rings and the device-writable buffers that the
 *    descriptors of a running device's queues name;
 *  - a device that was not running (DRIVER_OK, not NEEDS_RESET, not
 *    FAILED) writes nothing at all;
 *  - each chain a queue takes is returned once, or the device goes into
 *    NEEDS_RESET (then the one chain that broke the rules is not);
 *    used->idx in memory follows what the device returned;
 *  - NEEDS_RESET stays until a reset, comes with the configuration
 *    interrupt and one "needs reset" log line;
 *  - the interrupt line is high exactly while InterruptStatus is not 0;
 *  - a register access is refused exactly when it is not 32-bit aligned,
 *    a config space access when it is not 1, 2 or 4 naturally aligned
 *    bytes.
 *
 * The guest's own writes (descriptors, rings, data) change the shadow
 * copies of the memory the device's writes are compared against.
 * Included by one target each: everything here is static.
 */
#ifndef TESTS_FUZZ_VIRTIO_FUZZ_H
#define TESTS_FUZZ_VIRTIO_FUZZ_H

#include <stdlib.h>
#include <string.h>

#include <sanitizer/asan_interface.h>

#include <bulkhead/mmio.h>
#include <bulkhead/virtio.h>

#include "../unit/fakes.h"
#include "../unit/virtio_guest.h"
#include "fuzz_input.h"

/*
 * Every zone: RAM, a read-only page right after it (a buffer across both
 * is outside the zone's memory: it is in no one region) and a page of
 * device memory (never a buffer).
 */
#define FZ_RAM_IPA 0x40000000ull
#define FZ_RAM_SIZE 0x8000ull
#define FZ_ROM_IPA (FZ_RAM_IPA + FZ_RAM_SIZE)
#define FZ_ROM_SIZE 0x1000ull
#define FZ_DEV_IPA (FZ_ROM_IPA + FZ_ROM_SIZE)
#define FZ_DEV_SIZE 0x1000ull
#define FZ_REGIONS 3
/* Where the structured operations put the rings, and their buffers. */
#define FZ_RINGS FZ_RAM_IPA
#define FZ_DATA (FZ_RAM_IPA + 0x4000)

#define FZ_RUNNING_MASK                                        \
	(VIRTIO_STATUS_DRIVER_OK | VIRTIO_STATUS_NEEDS_RESET | \
	 VIRTIO_STATUS_FAILED)

/* ---- The rules of a split virtqueue, written from the specification ---- */

struct ref_buf {
	u8 *p;
	u32 len;
	bool w;
};

struct ref_req {
	u32 n, nr_readable, rlen, wlen;
	struct ref_buf b[VQ_MAX_BUFS];
};

/* [ipa, ipa + len) in one memory region of @cfg allowing the access. */
static u8 *ref_translate(const struct zone_config *cfg, u64 ipa, u64 len,
			 bool w)
{
	for (u32 i = 0; i < cfg->nr_mem; i++) {
		const struct mem_region_config *m = &cfg->mem[i];

		if ((m->flags & MEM_DEVICE) || !(m->flags & MEM_READ) ||
		    (w && !(m->flags & MEM_WRITE)))
			continue;
		if (ipa < m->ipa || ipa - m->ipa >= m->size ||
		    len > m->size - (ipa - m->ipa))
			continue;
		return (u8 *)(uintptr_t)(m->phys + (ipa - m->ipa));
	}
	return NULL;
}

/* The chain at @head: 1 and its buffers, or -1 if it breaks a rule. */
static int ref_walk(const struct zone_config *cfg,
		    const struct vring_desc *desc, u32 num, u16 head,
		    struct ref_req *r)
{
	u32 seen = 0;

	r->n = r->nr_readable = r->rlen = r->wlen = 0;
	for (u16 i = head;;) {
		struct vring_desc d = desc[i];
		bool w = d.flags & VRING_DESC_F_WRITE;

		if (seen++ == num || r->n == VQ_MAX_BUFS)
			return -1; /* a loop, or too many buffers */
		if ((d.flags & VRING_DESC_F_INDIRECT) || (!w && r->wlen))
			return -1;
		if ((u64)r->rlen + r->wlen + d.len > VQ_MAX_REQ_BYTES)
			return -1;
		if (d.len) {
			u8 *p = ref_translate(cfg, d.addr, d.len, w);

			if (!p)
				return -1;
			r->b[r->n++] = (struct ref_buf){ p, d.len, w };
			if (w) {
				r->wlen += d.len;
			} else {
				r->rlen += d.len;
				r->nr_readable = r->n;
			}
		}
		if (!(d.flags & VRING_DESC_F_NEXT))
			return 1;
		if (d.next >= num)
			return -1;
		i = d.next;
	}
}

/* What vq_pop() must do next: 0 (nothing), 1 (a chain) or -1. */
static int ref_pop(const struct zone_config *cfg, const struct vring_desc *desc,
		   const struct vring_avail *avail, u32 num, u16 *last,
		   struct ref_req *r)
{
	u16 idx = avail->idx, head;

	if (idx == *last)
		return 0;
	if ((u16)(idx - *last) > num)
		return -1;
	head = avail->ring[*last % num];
	(*last)++;
	return head < num ? ref_walk(cfg, desc, num, head, r) : -1;
}

/* ---- Zones with shadow copies of their memory ---- */

struct fz_zone {
	struct zone *zone;
	struct vg_zone z;
	u8 *shadow[FZ_REGIONS];
	u8 map[FZ_RAM_SIZE]; /* FZ_MAP_*: where the device may write */
	bool running; /* one of its devices was running before the step */
};

#define FZ_MAP_BUF 1 /* a writable buffer a descriptor names */
#define FZ_MAP_USED 2 /* a used ring */

static void fz_zone_build(struct fz_zone *fz, struct zone *zone, u32 id,
			  const char *name)
{
	vg_zone_init(&fz->z, zone, id, name);
	fz->zone = zone;
	vg_zone_add_mem(&fz->z, FZ_RAM_IPA, FZ_RAM_SIZE, MEM_READ | MEM_WRITE);
	vg_zone_add_mem(&fz->z, FZ_ROM_IPA, FZ_ROM_SIZE, MEM_READ);
	vg_zone_add_mem(&fz->z, FZ_DEV_IPA, FZ_DEV_SIZE,
			MEM_READ | MEM_WRITE | MEM_DEVICE);
	for (int i = 0; i < FZ_REGIONS; i++) {
		fz->shadow[i] = calloc(1, fz->z.mem[i].size);
		if (!fz->shadow[i])
			abort();
	}
}

/* After the devices are created: any access to a guard page is a bug. */
static void fz_zone_poison(struct fz_zone *fz)
{
	for (int i = 0; i < FZ_REGIONS; i++) {
		ASAN_POISON_MEMORY_REGION(fz->z.reg[i].alloc, PAGE_SIZE);
		ASAN_POISON_MEMORY_REGION(fz->z.reg[i].host + fz->z.mem[i].size,
					  PAGE_SIZE);
	}
}

static u8 *fz_host(struct fz_zone *fz, int region)
{
	return fz->z.reg[region].host;
}

static void fz_zone_clear(struct fz_zone *fz)
{
	for (int i = 0; i < FZ_REGIONS; i++) {
		memset(fz_host(fz, i), 0, fz->z.mem[i].size);
		memset(fz->shadow[i], 0, fz->z.mem[i].size);
	}
}

/* The guest wrote its memory: that is the new normal. */
static void fz_zone_sync(struct fz_zone *fz)
{
	for (int i = 0; i < FZ_REGIONS; i++)
		memcpy(fz->shadow[i], fz_host(fz, i), fz->z.mem[i].size);
}

/* The shadow of host pointer @p, in RAM; NULL if elsewhere. */
static u8 *fz_ram_shadow(struct fz_zone *fz, const void *p, u64 len)
{
	const u8 *ram = fz_host(fz, 0);

	if ((const u8 *)p < ram || (const u8 *)p - ram > FZ_RAM_SIZE ||
	    len > FZ_RAM_SIZE - (u64)((const u8 *)p - ram))
		return NULL;
	return fz->shadow[0] + ((const u8 *)p - ram);
}

static void fz_mark(struct fz_zone *fz, const void *p, u64 len, u8 what)
{
	const u8 *ram = fz_host(fz, 0);
	u64 off;

	if ((const u8 *)p < ram || (u64)((const u8 *)p - ram) >= FZ_RAM_SIZE)
		return;
	off = (u64)((const u8 *)p - ram);
	len = len < FZ_RAM_SIZE - off ? len : FZ_RAM_SIZE - off;
	for (u64 i = 0; i < len; i++)
		fz->map[off + i] |= what;
}

/* ---- Devices and the state the checks compare across a step ---- */

struct fz_dev {
	struct vg_dev d;
	struct fz_zone *fz;
	struct vdev *vdev;
	bool reset; /* the step reset the device (Status = 0, zone reset) */
	unsigned int failures; /* times it went into NEEDS_RESET */
	/* Before the step. */
	u32 status;
	struct virtqueue vq[VIRTIO_MAX_QUEUES];
};

static struct virtio_dev *fz_vd(const struct fz_dev *f)
{
	return f->vdev->priv;
}

static bool fz_running(u32 status)
{
	return (status & FZ_RUNNING_MASK) == VIRTIO_STATUS_DRIVER_OK;
}

static void fz_dev_init(struct fz_dev *f, struct fz_zone *fz, u32 index)
{
	memset(f, 0, sizeof(*f));
	f->fz = fz;
	f->vdev = &fz->zone->vdevs[index];
	vg_dev_init(&f->d, &fz->z, f->vdev->cfg->base, f->vdev->cfg->irq);
}

/* The queues' writable buffers and used rings, marked in the zone's map. */
static void fz_mark_queues(struct fz_dev *f)
{
	struct virtio_dev *vd = fz_vd(f);

	for (u32 q = 0; q < vd->be->nr_queues; q++) {
		const struct virtqueue *vq = &vd->vq[q];

		if (!vq->ready)
			continue;
		fz_mark(f->fz, vq->used, 6 + 8ull * vq->num, FZ_MAP_USED);
		for (u32 i = 0; i < vq->num; i++) {
			struct vring_desc d = vq->desc[i];
			u8 *p;

			if (!(d.flags & VRING_DESC_F_WRITE) || !d.len)
				continue;
			p = ref_translate(&f->fz->z.cfg, d.addr, d.len, true);
			if (p)
				fz_mark(f->fz, p, d.len, FZ_MAP_BUF);
		}
	}
}

/* Everything a target's guest acts on, and its own move. */
struct fz_ctx {
	struct fz_dev *devs;
	u32 nr_devs;
	struct fz_zone *zones;
	u32 nr_zones;
	void (*device)(struct fz_ctx *ctx, struct fz_dev *f, struct input *in);
	/* The target's own checks after a step of @f's guest; optional. */
	void (*check)(struct fz_ctx *ctx, struct fz_dev *f);
};

static void fz_before(struct fz_ctx *ctx)
{
	for (u32 z = 0; z < ctx->nr_zones; z++) {
		memset(ctx->zones[z].map, 0, sizeof(ctx->zones[z].map));
		ctx->zones[z].running = false;
	}
	for (u32 i = 0; i < ctx->nr_devs; i++) {
		struct fz_dev *f = &ctx->devs[i];
		struct virtio_dev *vd = fz_vd(f);

		f->reset = false;
		f->status = vd->status;
		memcpy(f->vq, vd->vq, sizeof(f->vq));
		if (fz_running(vd->status)) {
			f->fz->running = true;
			fz_mark_queues(f);
		}
	}
}

/*
 * For a target's own move: the guest wrote its memory (a request, a
 * frame), now the device acts. What the guest wrote is the new shadow.
 */
static void fz_guest_wrote(struct fz_ctx *ctx)
{
	for (u32 z = 0; z < ctx->nr_zones; z++)
		fz_zone_sync(&ctx->zones[z]);
	fz_before(ctx);
}

/* Did the step change a descriptor table of one of the zone's devices? */
static bool fz_desc_changed(struct fz_dev *devs, u32 nr_devs,
			    struct fz_zone *fz)
{
	for (u32 i = 0; i < nr_devs; i++) {
		for (u32 q = 0; devs[i].fz == fz && q < VIRTIO_MAX_QUEUES;
		     q++) {
			const struct virtqueue *vq = &devs[i].vq[q];
			const u8 *s;

			if (!vq->ready)
				continue;
			s = fz_ram_shadow(fz, vq->desc, 16ull * vq->num);
			if (s && memcmp(s, vq->desc, 16ull * vq->num))
				return true;
		}
	}
	return false;
}

static void fz_check_memory(struct fz_dev *devs, u32 nr_devs,
			    struct fz_zone *fz)
{
	const u8 *ram = fz_host(fz, 0);

	/* Read-only and device memory: never written. */
	for (int i = 1; i < FZ_REGIONS; i++)
		if (memcmp(fz->shadow[i], fz_host(fz, i), fz->z.mem[i].size))
			abort();
	if (!memcmp(fz->shadow[0], ram, FZ_RAM_SIZE))
		return;
	if (!fz->running)
		abort(); /* no device of the zone was running */
	for (u64 i = 0; i < FZ_RAM_SIZE; i++) {
		if (ram[i] == fz->shadow[0][i] || fz->map[i])
			continue;
		/*
		 * A buffer over the descriptor table let the device rewrite
		 * descriptors mid-step: the map of before does not cover
		 * where the later ones point. The guest asked for it.
		 */
		if (fz_desc_changed(devs, nr_devs, fz))
			return;
		abort();
	}
}

static unsigned int fz_count(const char *s, const char *what)
{
	unsigned int n = 0;

	while ((s = strstr(s, what))) {
		n++;
		s += strlen(what);
	}
	return n;
}

/* One device after the step. */
static void fz_check_dev(struct fz_dev *f)
{
	struct virtio_dev *vd = fz_vd(f);
	int level = fake_virq_line(f->fz->zone, f->vdev->cfg->irq);
	bool failed = !(f->status & VIRTIO_STATUS_NEEDS_RESET) &&
		      (vd->status & VIRTIO_STATUS_NEEDS_RESET);

	if ((level == 1) != (vd->isr != 0))
		abort(); /* the line is not "InterruptStatus != 0" */
	if ((f->status & VIRTIO_STATUS_NEEDS_RESET) &&
	    !(vd->status & VIRTIO_STATUS_NEEDS_RESET) && !f->reset)
		abort(); /* NEEDS_RESET went away without a reset */
	if (failed) {
		f->failures++;
		if (!(vd->isr & VIRTIO_INT_CONFIG))
			abort();
	}
	for (u32 q = 0; q < vd->be->nr_queues && !f->reset; q++) {
		const struct virtqueue *a = &f->vq[q], *b = &vd->vq[q];
		u16 taken = (u16)(b->last_avail - a->last_avail);
		u16 returned = (u16)(b->used_idx - a->used_idx);
		const u8 *idx;

		if (!a->ready || !b->ready || a->used != b->used)
			continue;
		if (returned != taken && !(failed && returned + 1 == taken))
			abort(); /* a chain lost or returned twice */
		/* used->idx is the device's, unless a buffer covers it. */
		idx = (const u8 *)&b->used->idx;
		if (returned && fz_ram_shadow(f->fz, idx, 2) &&
		    !(f->fz->map[idx - fz_host(f->fz, 0)] & FZ_MAP_BUF) &&
		    !(f->fz->map[idx + 1 - fz_host(f->fz, 0)] & FZ_MAP_BUF) &&
		    b->used->idx != b->used_idx)
			abort();
	}
}

static void fz_after(struct fz_ctx *ctx, struct fz_dev *f)
{
	unsigned int failures = 0;

	for (u32 z = 0; z < ctx->nr_zones; z++)
		fz_check_memory(ctx->devs, ctx->nr_devs, &ctx->zones[z]);
	for (u32 i = 0; i < ctx->nr_devs; i++) {
		fz_check_dev(&ctx->devs[i]);
		failures += ctx->devs[i].failures;
	}
	/* One line per failure, while the fake log has room for them. */
	if (strlen(fake_printk_log) < FAKE_LOG_SIZE - 256 &&
	    fz_count(fake_printk_log, "; needs reset\n") != failures)
		abort();
	if (ctx->check)
		ctx->check(ctx, f);
	for (u32 z = 0; z < ctx->nr_zones; z++)
		fz_zone_sync(&ctx->zones[z]);
}

/* ---- The guest's moves ---- */

/* An address the fuzzer picks: mostly in or near the zone's memory. */
static ipa_t fz_addr(struct input *in)
{
	switch (take(in, 1) % 8) {
	case 0:
	case 1:
	case 2:
		return FZ_RAM_IPA + take(in, 2) % FZ_RAM_SIZE;
	case 3:
		return FZ_DATA + (take(in, 1) << 4);
	case 4:
		return FZ_ROM_IPA + take(in, 2) % FZ_ROM_SIZE;
	case 5:
		return FZ_DEV_IPA + take(in, 2) % FZ_DEV_SIZE;
	case 6:
		return FZ_ROM_IPA - take(in, 1); /* across RAM's end */
	default:
		return take(in, 8);
	}
}

static u32 fz_len(struct input *in)
{
	switch (take(in, 1) % 4) {
	case 0:
		return (u32)take(in, 1);
	case 1:
		return (u32)take(in, 2) & 0x1fff;
	case 2:
		return (u32)take(in, 4);
	default:
		return VQ_MAX_REQ_BYTES - (u32)take(in, 1);
	}
}

/* A register access as the guest likes; refused exactly when illegal. */
static void fz_mmio(struct fz_dev *f, struct input *in)
{
	u8 how = (u8)take(in, 1);
	/* Mostly the registers, 32-bit; else any offset and width. */
	u64 off = how & 0x80 ? (u64)(how & 0x3f) * 4 : take(in, 2) & 0x3ff;
	unsigned int width = how & 0x80 ? 4 : 1u << (how & 3);
	bool write = how & 0x80 ? how & 0x40 : how & 4;
	u64 value = take(in, 4);
	bool legal;
	int ret;

	if (off >= VIRTIO_MMIO_CONFIG)
		legal = width <= 4 && off % width == 0 &&
			off + width <= VIRTIO_MMIO_SIZE;
	else
		legal = width == 4 && off % 4 == 0;
	ret = vg_access(&f->d, off, width, write, &value);
	if (off >= VIRTIO_MMIO_SIZE ? ret != MMIO_UNHANDLED :
				      ret != (legal ? 0 : MMIO_BAD_ACCESS))
		abort();
	if (!ret && write && off == VIRTIO_MMIO_STATUS && !(u32)value)
		f->reset = true;
	if (!ret && !write && off == VIRTIO_MMIO_MAGIC &&
	    value != VIRTIO_MMIO_MAGIC_VALUE)
		abort();
}

/* The whole bring-up with rings at FZ_RINGS: num from 1 to 256. */
static void fz_start(struct fz_dev *f, struct input *in)
{
	u32 num = 1u << (take(in, 1) % 9);
	u64 features = take(in, 1) & 1 ? take(in, 8) : fz_vd(f)->features;

	vg_start(&f->d, features, fz_vd(f)->be->nr_queues, num, FZ_RINGS);
	f->reset = true;
}

/* One descriptor of a queue the driver set up, written at will. */
static void fz_write_desc(struct fz_dev *f, struct input *in)
{
	u32 q = take(in, 1) & 1;
	struct vring_desc *desc = vg_desc(&f->d, q);
	u32 i = (u32)take(in, 2);

	if (!desc)
		return;
	desc[i % f->d.q[q].num] = (struct vring_desc){
		.addr = fz_addr(in),
		.len = fz_len(in),
		.flags = (u16)(take(in, 1) & 7),
		.next = (u16)(take(in, 1) & 1 ? take(in, 2) : take(in, 1) % 8),
	};
}

/* Heads into the available ring, or any index at all. */
static void fz_publish(struct fz_dev *f, struct input *in)
{
	u32 q = take(in, 1) & 1;
	struct vring_avail *avail = vg_avail(&f->d, q);
	u8 how = (u8)take(in, 1);

	if (!avail)
		return;
	if (how & 0x80) {
		avail->idx = (u16)take(in, 2);
		f->d.q[q].avail_idx = avail->idx;
	} else if (how & 0x40) {
		avail->flags = how & 1;
	} else {
		for (u32 k = 0; k <= (how & 3u); k++)
			vg_make_available(&f->d, q, (u16)take(in, 1));
	}
}

/* A chain of up to four buffers the fuzzer describes. */
static void fz_post(struct fz_dev *f, struct input *in)
{
	u32 q = take(in, 1) & 1;
	struct vg_buf b[4];
	u32 n = 1 + take(in, 1) % 4;

	if (!f->d.q[q].num)
		return;
	for (u32 i = 0; i < n; i++)
		b[i] = (struct vg_buf){ fz_addr(in), fz_len(in),
					take(in, 1) & 1 };
	vg_post(&f->d, q, b, n);
}

/* Bytes anywhere in RAM: headers, frames, ring contents. */
static void fz_poke(struct fz_dev *f, struct input *in)
{
	u64 off = take(in, 2) % FZ_RAM_SIZE;
	u32 len = (u32)take(in, 1) % 64;
	u8 *ram = fz_host(f->fz, 0);

	for (u32 i = 0; i < len && off + i < FZ_RAM_SIZE; i++)
		ram[off + i] = (u8)take(in, 1);
}

enum fz_step {
	FZ_MMIO,
	FZ_START,
	FZ_DESC,
	FZ_PUBLISH,
	FZ_POST,
	FZ_POKE,
	FZ_NOTIFY,
	FZ_ACK,
	FZ_ZONE_RESET,
	FZ_DEVICE, /* the target's own move */
	FZ_STEPS
};

/*
 * One step of the guest of @f. What it writes into its memory becomes the
 * new shadow; what the devices do is checked.
 */
static void fz_step(struct fz_ctx *ctx, struct fz_dev *f, struct input *in)
{
	u8 step = (u8)take(in, 1);

	switch (step % FZ_STEPS) {
	case FZ_DESC:
		fz_write_desc(f, in);
		fz_zone_sync(f->fz);
		return;
	case FZ_PUBLISH:
		fz_publish(f, in);
		fz_zone_sync(f->fz);
		return;
	case FZ_POST:
		fz_post(f, in);
		fz_zone_sync(f->fz);
		return;
	case FZ_POKE:
		fz_poke(f, in);
		fz_zone_sync(f->fz);
		return;
	default:
		break;
	}
	fz_before(ctx);
	switch (step % FZ_STEPS) {
	case FZ_MMIO:
		fz_mmio(f, in);
		break;
	case FZ_START:
		fz_start(f, in);
		break;
	case FZ_NOTIFY:
		vg_notify(&f->d, take(in, 1) % 3);
		break;
	case FZ_ACK:
		vg_write(&f->d, VIRTIO_MMIO_INTERRUPT_ACK, (u32)take(in, 1));
		break;
	case FZ_ZONE_RESET:
		f->vdev->type->reset(f->vdev);
		f->reset = true;
		break;
	default:
		ctx->device(ctx, f, in);
		break;
	}
	fz_after(ctx, f);
}

/*
 * A fresh start for an input: memory zeroed, devices and fakes reset;
 * then, as the input's first byte asks, every driver started (queues of
 * 16 at FZ_RINGS), so that most inputs begin where requests are served.
 */
static void fz_fresh(struct fz_ctx *ctx, struct input *in)
{
	fake_reset();
	for (u32 z = 0; z < ctx->nr_zones; z++) {
		fz_zone_clear(&ctx->zones[z]);
		ctx->zones[z].zone->state = ZONE_RUNNING;
	}
	for (u32 i = 0; i < ctx->nr_devs; i++) {
		struct fz_dev *f = &ctx->devs[i];

		f->vdev->type->reset(f->vdev);
		f->failures = 0;
		memset(f->d.q, 0, sizeof(f->d.q));
	}
	if (!(take(in, 1) & 1))
		return;
	for (u32 i = 0; i < ctx->nr_devs; i++) {
		struct fz_dev *f = &ctx->devs[i];

		vg_start(&f->d, fz_vd(f)->features, fz_vd(f)->be->nr_queues, 16,
			 FZ_RINGS);
	}
	for (u32 z = 0; z < ctx->nr_zones; z++)
		fz_zone_sync(&ctx->zones[z]);
}

#endif
