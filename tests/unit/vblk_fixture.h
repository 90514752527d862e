/* SPDX-License-Identifier: Apache-2.0 */
/*
 * The zone the virtio-mmio, virtqueue and virtio-blk tests share: 1 MiB of
 * RAM, a page the zone may read but not write, and a virtio-blk device on
 * a 32 KiB disk followed by guard bytes. Included by those tests only.
 */
#ifndef TESTS_UNIT_VBLK_FIXTURE_H
#define TESTS_UNIT_VBLK_FIXTURE_H

#include <stdlib.h>
#include <string.h>

#include <bulkhead/vdev_params.h>

#include "fakes.h"
#include "virtio_guest.h"

#define RAM_IPA 0x40000000ull
#define RAM_SIZE 0x100000ull
#define ROM_IPA 0x50000000ull /* MEM_READ only */
#define ROM_SIZE 0x1000ull
#define BLK_BASE 0x0a000000ull
#define BLK_IRQ 40
#define DISK_SECTORS 64
#define DISK_SIZE (DISK_SECTORS * 512)
#define DISK_GUARD 4096
#define DISK_GUARD_BYTE 0x5a
#define QNUM 16
#define RINGS RAM_IPA
#define HDR (RAM_IPA + 0xf000) /* where blk_request() puts the header */
#define STATUS (RAM_IPA + 0xf100) /* and the status byte */
#define DATA (RAM_IPA + 0x10000) /* where the tests put buffers */
#define BLK_LOG_PREFIX "bulkhead: zone blkzone: virtio-blk 0xa000000: "

struct blk_fixture {
	struct zone zone;
	struct vg_zone z;
	struct vg_dev d;
	struct virtio_blk_params params;
	u8 *ram, *rom;
	u8 *disk; /* DISK_SIZE, then DISK_GUARD guard bytes */
	u8 *disk_copy; /* the disk as the test expects it */
	u8 *ram_copy; /* snapshot for "nothing written" checks */
};

/* The disk holds its byte offset's low bits, xor the sector number. */
static inline u8 disk_pattern(u64 off)
{
	return (u8)(off ^ (off >> 9) ^ 0x3c);
}

static inline struct blk_fixture *blk_fixture_new(bool read_only)
{
	struct blk_fixture *f = calloc(1, sizeof(*f));

	if (!f)
		abort();
	fake_reset();
	fake_hyp_pool_setup(16);
	f->disk = malloc(DISK_SIZE + DISK_GUARD);
	f->disk_copy = malloc(DISK_SIZE);
	f->ram_copy = malloc(RAM_SIZE);
	if (!f->disk || !f->disk_copy || !f->ram_copy)
		abort();
	for (u64 i = 0; i < DISK_SIZE; i++)
		f->disk[i] = disk_pattern(i);
	memset(f->disk + DISK_SIZE, DISK_GUARD_BYTE, DISK_GUARD);
	memcpy(f->disk_copy, f->disk, DISK_SIZE);
	f->params = (struct virtio_blk_params){ .disk = (uintptr_t)f->disk,
						.size = DISK_SIZE,
						.read_only = read_only };
	vg_zone_init(&f->z, &f->zone, 3, "blkzone");
	f->ram =
		vg_zone_add_mem(&f->z, RAM_IPA, RAM_SIZE, MEM_READ | MEM_WRITE);
	f->rom = vg_zone_add_mem(&f->z, ROM_IPA, ROM_SIZE, MEM_READ);
	vg_zone_add_vdev(&f->z, "bulkhead,virtio-blk", BLK_BASE,
			 VIRTIO_MMIO_SIZE, BLK_IRQ, &f->params);
	if (vg_zone_create(&f->z))
		abort();
	vg_dev_init(&f->d, &f->z, BLK_BASE, BLK_IRQ);
	return f;
}

static inline void blk_fixture_free(struct blk_fixture *f)
{
	vg_zone_free(&f->z);
	free(f->disk);
	free(f->disk_copy);
	free(f->ram_copy);
	free(f);
	fake_hyp_pool_release();
}

static inline bool disk_guard_intact(const struct blk_fixture *f)
{
	for (u32 i = 0; i < DISK_GUARD; i++)
		if (f->disk[DISK_SIZE + i] != DISK_GUARD_BYTE)
			return false;
	return true;
}

/* The host view of the zone's RAM at @ipa. */
static inline u8 *ram_at(struct blk_fixture *f, ipa_t ipa)
{
	return f->ram + (ipa - RAM_IPA);
}

static inline void ram_snapshot(struct blk_fixture *f)
{
	memcpy(f->ram_copy, f->ram, RAM_SIZE);
}

static inline bool ram_unchanged(const struct blk_fixture *f)
{
	return !memcmp(f->ram_copy, f->ram, RAM_SIZE);
}

/* The line of the device, as the fake interrupt controller saw it last. */
static inline bool blk_line(const struct blk_fixture *f)
{
	return fake_virq_line(&f->zone, BLK_IRQ) == 1;
}

/* Starts the driver: VERSION_1 | @features, queue 0 at RINGS, DRIVER_OK. */
static inline u32 blk_start(struct blk_fixture *f, u64 features)
{
	return vg_start(&f->d, features, 1, QNUM, RINGS);
}

static inline void put_hdr(struct blk_fixture *f, u32 type, u64 sector)
{
	struct virtio_blk_req_hdr h = { .type = type, .sector = sector };

	memcpy(ram_at(f, HDR), &h, sizeof(h));
}

/*
 * One request: header, @len bytes at @data (device-writable for @data_in),
 * status byte; notifies and takes the used element. Returns the status
 * byte, or -1 if no element came back; *used_len gets its length.
 */
static inline int blk_request(struct blk_fixture *f, u32 type, u64 sector,
			      ipa_t data, u32 len, bool data_in, u32 *used_len)
{
	struct vg_buf b[3] = { { HDR, sizeof(struct virtio_blk_req_hdr),
				 false } };
	u32 n = 1, id, ulen;
	u16 head;

	put_hdr(f, type, sector);
	if (len)
		b[n++] = (struct vg_buf){ data, len, data_in };
	b[n++] = (struct vg_buf){ STATUS, 1, true };
	*ram_at(f, STATUS) = 0xee;
	head = vg_post(&f->d, 0, b, n);
	vg_notify(&f->d, 0);
	if (!vg_take_used(&f->d, 0, &id, &ulen) || id != head)
		return -1;
	if (used_len)
		*used_len = ulen;
	return *ram_at(f, STATUS);
}

#endif
