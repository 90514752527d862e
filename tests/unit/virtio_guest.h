/* SPDX-License-Identifier: Apache-2.0 */
/*
 * The guest side of the virtio and IVC host tests: fake zones whose memory
 * is host pages between guard pages, the devices of their tables created
 * as zone_create() would, and a minimal virtio-mmio driver that programs
 * registers through mmio_dispatch() and posts descriptor chains in the
 * zone's memory. Holds no test framework code: the fuzz targets use it
 * too, and the tests assert on what it returns.
 */
#ifndef TESTS_UNIT_VIRTIO_GUEST_H
#define TESTS_UNIT_VIRTIO_GUEST_H

#include <bulkhead/virtio_abi.h>
#include <bulkhead/zone.h>

#define VG_MAX_REGIONS 4
#define VG_MAX_VDEVS 4
/* What the guard pages around every region hold, and must keep holding. */
#define VG_GUARD_BYTE 0xa5

struct vg_region {
	u8 *alloc; /* guard page, the region, guard page */
	u8 *host; /* the region's first byte */
};

/* A zone and the configuration it is made from, all owned by the test. */
struct vg_zone {
	struct zone *zone;
	struct zone_config cfg;
	struct mem_region_config mem[VG_MAX_REGIONS];
	struct vg_region reg[VG_MAX_REGIONS];
	struct vdev_config vdev[VG_MAX_VDEVS];
};

/* Starts describing @zone (zeroed; state ZONE_RUNNING once created). */
void vg_zone_init(struct vg_zone *z, struct zone *zone, u32 id,
		  const char *name);
/* Adds @size bytes (whole pages) of memory at @ipa; returns their host view,
 * zeroed. */
u8 *vg_zone_add_mem(struct vg_zone *z, ipa_t ipa, u64 size, u32 flags);
/* Adds a device; the devices must be added by ascending @base. */
void vg_zone_add_vdev(struct vg_zone *z, const char *compatible, ipa_t base,
		      u64 size, u32 irq, const void *params);
/* Finds and initialises every device's model: 0, or -1 if one fails. */
int vg_zone_create(struct vg_zone *z);
/* Are all guard pages as vg_zone_add_mem() left them? */
bool vg_zone_guards_intact(const struct vg_zone *z);
/* The host view of guest memory at @ipa for @size bytes, or NULL. */
void *vg_zone_hyp(const struct vg_zone *z, ipa_t ipa, u64 size);
void vg_zone_free(struct vg_zone *z);

/* What the driver keeps about one of its queues. */
struct vg_queue {
	u32 num;
	ipa_t desc, avail, used;
	u16 next_desc; /* descriptors are handed out round robin */
	u16 avail_idx; /* what the driver last published */
	u16 used_seen; /* used entries the driver has taken */
};

struct vg_dev {
	struct vg_zone *z;
	ipa_t base;
	u32 irq;
	struct vg_queue q[2];
};

void vg_dev_init(struct vg_dev *d, struct vg_zone *z, ipa_t base, u32 irq);
/* One access through mmio_dispatch(): 0 or MMIO_*. */
int vg_access(struct vg_dev *d, u64 off, unsigned int width, bool write,
	      u64 *value);
/* 32-bit register accesses; a refused read returns 0xdeadbeef. */
u32 vg_read(struct vg_dev *d, u64 off);
void vg_write(struct vg_dev *d, u64 off, u32 v);

/*
 * Reset, ACKNOWLEDGE, DRIVER, @features, FEATURES_OK, as a driver does;
 * returns the status read back (FEATURES_OK in it if the device agreed).
 */
u32 vg_negotiate(struct vg_dev *d, u64 features);
/* Bytes a split queue of @num entries takes from its first ring on. */
u64 vg_rings_size(u32 num);
/*
 * Programs queue @q with its rings at @rings (descriptors, then the
 * available ring, then the used ring, each aligned) and sets QueueReady;
 * returns QueueReady as read back.
 */
u32 vg_queue_setup(struct vg_dev *d, u32 q, u32 num, ipa_t rings);
/* Negotiates VERSION_1 | @features, sets up @nr_queues queues of @num with
 * rings from @rings on, then DRIVER_OK; returns the final status. */
u32 vg_start(struct vg_dev *d, u64 features, u32 nr_queues, u32 num,
	     ipa_t rings);

/* The host view of queue @q's rings. */
struct vring_desc *vg_desc(struct vg_dev *d, u32 q);
struct vring_avail *vg_avail(struct vg_dev *d, u32 q);
struct vring_used *vg_used(struct vg_dev *d, u32 q);

struct vg_buf {
	ipa_t addr;
	u32 len;
	bool write;
};

/* Writes a chain of @n descriptors and makes it available (no notify);
 * returns its head. */
u16 vg_post(struct vg_dev *d, u32 q, const struct vg_buf *bufs, u32 n);
/* Puts @head in the available ring and publishes it. */
void vg_make_available(struct vg_dev *d, u32 q, u16 head);
void vg_notify(struct vg_dev *d, u32 q);
/* Takes the next used element: true and its id and length, or false. */
bool vg_take_used(struct vg_dev *d, u32 q, u32 *id, u32 *len);

#endif
