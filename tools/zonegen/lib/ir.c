// SPDX-License-Identifier: Apache-2.0
/* Queries on the IR (struct zg_layout) that passes and models share. */
#include <stdlib.h>
#include <string.h>

#include "../model.h"

struct zg_range zone_guest_mem(const struct zg_zone *zone, u32 i)
{
	struct zg_range r = zone->mem[i];

	r.base += zone->ipa_delta;
	return r;
}

bool zone_in_guest_mem(const struct zg_zone *zone, const struct zg_range *r)
{
	for (u32 i = 0; range_valid(r) && i < zone->nr_mem; i++) {
		struct zg_range g = zone_guest_mem(zone, i);

		if (range_valid(&g) && range_inside(r, &g))
			return true;
	}
	return false;
}

/*
 * An arm64 Image's header says how much memory the kernel claims from its
 * start (bss included); that is what must stay clear of the DTB and the
 * initrd. Other images claim their file size.
 */
struct zg_range zone_kernel_range(const struct zg_zone *zone)
{
	struct zg_range k = { zone->kernel_addr, zone->image.size };

	if (zone->image.mem_size > k.size)
		k.size = zone->image.mem_size;
	if (!k.size)
		k.size = 1; /* no image size known: check the entry point */
	return k;
}

bool zone_image(const struct zg_zone *zone, enum zg_image_kind kind,
		struct zg_range *dst)
{
	switch (kind) {
	case ZG_IMG_KERNEL:
		dst->base = zone->kernel_addr;
		dst->size = zone->image.size;
		break;
	case ZG_IMG_INITRD:
		if (!zone->initrd)
			return false;
		dst->base = zone->initrd_addr;
		dst->size = zone->initrd_image.size;
		break;
	default:
		dst->base = zone->dtb_addr;
		dst->size = zone->dtb_size;
		break;
	}
	dst->base -= zone->ipa_delta; /* the loader writes physical memory */
	return true;
}

const struct zg_zone *zg_zone_by_node(const struct zg_layout *l, int node)
{
	for (u32 i = 0; i < l->nr_zones; i++)
		if (l->zones[i].node == node)
			return &l->zones[i];
	return NULL;
}

int zg_cpu_index(const struct zg_platform *plat, int node)
{
	u32 i;

	for (i = 0; i < plat->nr_board_cpus; i++)
		if (plat->cpus[i].node == node)
			return i;
	return -1;
}

void zg_layout_free(struct zg_layout *l)
{
	const struct zg_zone *z;
	u32 i, j;

	for (i = 0; i < l->nr_zones && i < ZG_MAX_ZONES; i++) {
		z = &l->zones[i];
		free(z->image.path);
		free(z->initrd_image.path);
		for (j = 0; j < z->nr_vdevs && j < ZG_MAX_VDEVS; j++)
			if (zg_vdev_has(&z->vdevs[j], ZG_CAP_DISK))
				free(z->vdevs[j].blk.image.path);
	}
	memset(l, 0, sizeof(*l));
}
