// SPDX-License-Identifier: Apache-2.0
/*
 * The guest side of the virtio and IVC host tests; see virtio_guest.h.
 */
#include <stdlib.h>
#include <string.h>

#include <bulkhead/mmio.h>
#include <bulkhead/page_alloc.h>

#include "fakes.h"
#include "virtio_guest.h"

void vg_zone_init(struct vg_zone *z, struct zone *zone, u32 id,
		  const char *name)
{
	memset(z, 0, sizeof(*z));
	z->zone = zone;
	z->cfg.id = id;
	strncpy(z->cfg.name, name, sizeof(z->cfg.name) - 1);
	z->cfg.role = ZONE_ROLE_USER;
	z->cfg.cpu_mask = 1;
	z->cfg.mem = z->mem;
	z->cfg.vdevs = z->vdev;
}

u8 *vg_zone_add_mem(struct vg_zone *z, ipa_t ipa, u64 size, u32 flags)
{
	u32 i = z->cfg.nr_mem++;
	size_t pages = ALIGN_UP(size, PAGE_SIZE) / PAGE_SIZE;
	struct vg_region *r = &z->reg[i];

	if (i >= VG_MAX_REGIONS)
		abort();
	r->alloc = fake_alloc_pages(pages + 2);
	r->host = r->alloc + PAGE_SIZE;
	memset(r->alloc, VG_GUARD_BYTE, PAGE_SIZE);
	memset(r->host, 0, pages * PAGE_SIZE);
	memset(r->host + pages * PAGE_SIZE, VG_GUARD_BYTE, PAGE_SIZE);
	z->mem[i] = (struct mem_region_config){
		.phys = (uintptr_t)r->host,
		.ipa = ipa,
		.size = pages * PAGE_SIZE,
		.flags = flags,
	};
	return r->host;
}

void vg_zone_add_vdev(struct vg_zone *z, const char *compatible, ipa_t base,
		      u64 size, u32 irq, const void *params)
{
	u32 i = z->cfg.nr_vdevs++;

	if (i >= VG_MAX_VDEVS || (i && z->vdev[i - 1].base >= base))
		abort();
	z->vdev[i] =
		(struct vdev_config){ compatible, base, size, irq, params };
}

int vg_zone_create(struct vg_zone *z)
{
	struct zone *zone = z->zone;

	memset(zone, 0, sizeof(*zone));
	zone->cfg = &z->cfg;
	zone->nr_vcpus = 1;
	zone->lock = (spinlock_t)SPINLOCK_INIT;
	for (u32 i = 0; i < z->cfg.nr_vdevs; i++) {
		struct vdev *dev = &zone->vdevs[i];

		dev->cfg = &z->vdev[i];
		dev->zone = zone;
		dev->type = vdev_type_find(dev->cfg->compatible);
		if (!dev->type || (dev->type->init && dev->type->init(dev)))
			return -1;
		zone->nr_vdevs = i + 1;
	}
	zone->state = ZONE_RUNNING;
	return 0;
}

static bool all_guard(const u8 *p)
{
	for (size_t i = 0; i < PAGE_SIZE; i++)
		if (p[i] != VG_GUARD_BYTE)
			return false;
	return true;
}

bool vg_zone_guards_intact(const struct vg_zone *z)
{
	for (u32 i = 0; i < z->cfg.nr_mem; i++)
		if (!all_guard(z->reg[i].alloc) ||
		    !all_guard(z->reg[i].host + z->mem[i].size))
			return false;
	return true;
}

void *vg_zone_hyp(const struct vg_zone *z, ipa_t ipa, u64 size)
{
	for (u32 i = 0; i < z->cfg.nr_mem; i++) {
		const struct mem_region_config *m = &z->mem[i];

		if (ipa >= m->ipa && size <= m->size &&
		    ipa - m->ipa <= m->size - size)
			return z->reg[i].host + (ipa - m->ipa);
	}
	return NULL;
}

void vg_zone_free(struct vg_zone *z)
{
	for (u32 i = 0; i < z->cfg.nr_mem; i++)
		free(z->reg[i].alloc);
	z->cfg.nr_mem = 0;
}

void vg_dev_init(struct vg_dev *d, struct vg_zone *z, ipa_t base, u32 irq)
{
	memset(d, 0, sizeof(*d));
	d->z = z;
	d->base = base;
	d->irq = irq;
}

int vg_access(struct vg_dev *d, u64 off, unsigned int width, bool write,
	      u64 *value)
{
	struct mmio_access acc = { .width = width,
				   .write = write,
				   .value = write ? *value : 0xdeadbeef };
	int ret = mmio_dispatch(d->z->zone, d->base + off, &acc);

	if (!write)
		*value = ret ? 0xdeadbeef : acc.value;
	return ret;
}

u32 vg_read(struct vg_dev *d, u64 off)
{
	u64 v = 0;

	vg_access(d, off, 4, false, &v);
	return (u32)v;
}

void vg_write(struct vg_dev *d, u64 off, u32 v)
{
	u64 val = v;

	vg_access(d, off, 4, true, &val);
}

u32 vg_negotiate(struct vg_dev *d, u64 features)
{
	u32 s = VIRTIO_STATUS_ACKNOWLEDGE | VIRTIO_STATUS_DRIVER;

	vg_write(d, VIRTIO_MMIO_STATUS, 0);
	memset(d->q, 0, sizeof(d->q));
	vg_write(d, VIRTIO_MMIO_STATUS, VIRTIO_STATUS_ACKNOWLEDGE);
	vg_write(d, VIRTIO_MMIO_STATUS, s);
	vg_write(d, VIRTIO_MMIO_DRIVER_FEATURES_SEL, 0);
	vg_write(d, VIRTIO_MMIO_DRIVER_FEATURES, (u32)features);
	vg_write(d, VIRTIO_MMIO_DRIVER_FEATURES_SEL, 1);
	vg_write(d, VIRTIO_MMIO_DRIVER_FEATURES, (u32)(features >> 32));
	vg_write(d, VIRTIO_MMIO_STATUS, s | VIRTIO_STATUS_FEATURES_OK);
	return vg_read(d, VIRTIO_MMIO_STATUS);
}

static u64 avail_off(u32 num)
{
	return 16ull * num;
}

static u64 used_off(u32 num)
{
	return ALIGN_UP(avail_off(num) + 6 + 2ull * num, 16);
}

u64 vg_rings_size(u32 num)
{
	return ALIGN_UP(used_off(num) + 6 + 8ull * num, 16);
}

static void write_addr(struct vg_dev *d, u64 low, u64 addr)
{
	vg_write(d, low, (u32)addr);
	vg_write(d, low + 4, (u32)(addr >> 32));
}

u32 vg_queue_setup(struct vg_dev *d, u32 q, u32 num, ipa_t rings)
{
	struct vg_queue *vq = &d->q[q];

	*vq = (struct vg_queue){ .num = num,
				 .desc = rings,
				 .avail = rings + avail_off(num),
				 .used = rings + used_off(num) };
	vg_write(d, VIRTIO_MMIO_QUEUE_SEL, q);
	vg_write(d, VIRTIO_MMIO_QUEUE_NUM, num);
	write_addr(d, VIRTIO_MMIO_QUEUE_DESC_LOW, vq->desc);
	write_addr(d, VIRTIO_MMIO_QUEUE_DRIVER_LOW, vq->avail);
	write_addr(d, VIRTIO_MMIO_QUEUE_DEVICE_LOW, vq->used);
	vg_write(d, VIRTIO_MMIO_QUEUE_READY, 1);
	return vg_read(d, VIRTIO_MMIO_QUEUE_READY);
}

u32 vg_start(struct vg_dev *d, u64 features, u32 nr_queues, u32 num,
	     ipa_t rings)
{
	u32 s = vg_negotiate(d, features | BIT(VIRTIO_F_VERSION_1));

	for (u32 q = 0; q < nr_queues; q++)
		vg_queue_setup(d, q, num, rings + q * vg_rings_size(num));
	vg_write(d, VIRTIO_MMIO_STATUS, s | VIRTIO_STATUS_DRIVER_OK);
	return vg_read(d, VIRTIO_MMIO_STATUS);
}

struct vring_desc *vg_desc(struct vg_dev *d, u32 q)
{
	return vg_zone_hyp(d->z, d->q[q].desc, 16ull * d->q[q].num);
}

struct vring_avail *vg_avail(struct vg_dev *d, u32 q)
{
	return vg_zone_hyp(d->z, d->q[q].avail, 6 + 2ull * d->q[q].num);
}

struct vring_used *vg_used(struct vg_dev *d, u32 q)
{
	return vg_zone_hyp(d->z, d->q[q].used, 6 + 8ull * d->q[q].num);
}

u16 vg_post(struct vg_dev *d, u32 q, const struct vg_buf *bufs, u32 n)
{
	struct vg_queue *vq = &d->q[q];
	struct vring_desc *desc = vg_desc(d, q);
	u16 head = vq->next_desc;

	for (u32 i = 0; i < n; i++) {
		u16 at = vq->next_desc;

		vq->next_desc = (u16)((vq->next_desc + 1) % vq->num);
		desc[at] = (struct vring_desc){
			.addr = bufs[i].addr,
			.len = bufs[i].len,
			.flags = (bufs[i].write ? VRING_DESC_F_WRITE : 0) |
				 (i + 1 < n ? VRING_DESC_F_NEXT : 0),
			.next = i + 1 < n ? vq->next_desc : 0,
		};
	}
	vg_make_available(d, q, head);
	return head;
}

void vg_make_available(struct vg_dev *d, u32 q, u16 head)
{
	struct vg_queue *vq = &d->q[q];
	struct vring_avail *avail = vg_avail(d, q);

	avail->ring[vq->avail_idx % vq->num] = head;
	avail->idx = ++vq->avail_idx;
}

void vg_notify(struct vg_dev *d, u32 q)
{
	vg_write(d, VIRTIO_MMIO_QUEUE_NOTIFY, q);
}

bool vg_take_used(struct vg_dev *d, u32 q, u32 *id, u32 *len)
{
	struct vg_queue *vq = &d->q[q];
	struct vring_used *used = vg_used(d, q);
	struct vring_used_elem *e;

	if (used->idx == vq->used_seen)
		return false;
	e = &used->ring[vq->used_seen++ % vq->num];
	*id = e->id;
	*len = e->len;
	return true;
}
