// SPDX-License-Identifier: Apache-2.0
/*
 * The image store (/bulkhead bulkhead,image-store): RAM that no zone and
 * not the hypervisor owns, where the loader leaves a pristine copy of
 * every zone's kernel, initrd and guest DTB. The hypervisor copies them
 * into the zone each time it starts, so a zone can be restarted. The
 * disks of virtio block devices follow the images; they are never copied:
 * a disk keeps what a zone wrote to it across restarts.
 */
#include "model.h"

#define STORE_ALIGN 0x1000ull

static u64 align_up(u64 v)
{
	return (v + STORE_ALIGN - 1) & ~(STORE_ALIGN - 1);
}

/*
 * One image after the other, each 4 KiB aligned, zones in id order. The
 * store lies below the last page (a valid range), so nothing wraps.
 */
static u64 place_zone(struct zg_zone *z, u64 next)
{
	struct zg_range dst;
	int k;

	for (k = 0; k < ZG_NR_IMG_KINDS; k++) {
		if (!zone_image(z, k, &dst))
			continue;
		next = align_up(next);
		z->store[k] = next;
		next += dst.size;
	}
	return next;
}

/*
 * After every image, the virtio-blk disks: zones in id order, each
 * zone's in the order of its emulated devices, each taking its size
 * rounded up to a page. Returns what images and disks need in all
 * (saturated), from the store's start.
 */
static u64 place_disks(struct zg_layout *l, u64 need, bool *disks)
{
	const struct zg_range *store = &l->plat.image_store;
	struct zg_vdev *v;
	u64 size;
	u32 i, j;

	for (i = 0; i < l->nr_zones; i++) {
		for (j = 0; j < l->zones[i].nr_vdevs; j++) {
			v = &l->zones[i].vdevs[j];
			if (!zg_vdev_has(v, ZG_CAP_DISK))
				continue;
			size = align_up(v->blk.size);
			need = align_up(need);
			need = need + size < need ? UINT64_MAX : need + size;
			if (need <= store->size)
				v->blk.store = store->base + need - size;
			*disks = true;
		}
	}
	return need;
}

int zg_place_images(struct zg_layout *l, const size_t *dtb_sizes,
		    struct zg_diag *diag)
{
	const struct zg_range *store = &l->plat.image_store;
	bool disks = false;
	u64 next, need;
	u32 i;

	for (i = 0; i < l->nr_zones; i++)
		l->zones[i].dtb_size = dtb_sizes[i];
	if (!store->size)
		return 0;
	next = store->base;
	for (i = 0; i < l->nr_zones; i++)
		next = place_zone(&l->zones[i], next);
	need = place_disks(l, next - store->base, &disks);
	if (need <= store->size)
		return 0;
	zg_error(
		diag, l->fdt, l->plat.bulkhead_node,
		"the zones' images%s need %llu bytes (0x%llx) but the image store %s has only %llu (0x%llx)",
		disks ? " and disks" : "", (unsigned long long)need,
		(unsigned long long)need, zg_range(store),
		(unsigned long long)store->size,
		(unsigned long long)store->size);
	return -1;
}

/* Joins devices across zones, for the models that do (switches). */
void zg_link_models(struct zg_layout *l, struct zg_diag *diag)
{
	const struct zg_model *const *m;

	for_each_zg_model(m) if ((*m)->link)(*m)->link(l, diag);
}
