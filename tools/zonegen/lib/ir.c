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

void *zg_vec_grow(void *arr, u32 nr, u32 *cap, size_t size)
{
	u32 n = *cap ? *cap * 2 : 4;

	if (nr < *cap)
		return arr;
	arr = realloc(arr, n * size);
	if (!arr)
		abort(); /* a device tree of a few MiB never gets here */
	memset((char *)arr + *cap * size, 0, (n - *cap) * size);
	*cap = n;
	return arr;
}

void zg_layout_free(struct zg_layout *l)
{
	const struct zg_zone *z;
	u32 i, j;

	for (i = 0; i < l->nr_zones; i++) {
		z = &l->zones[i];
		free(z->image.path);
		free(z->initrd_image.path);
		for (j = 0; j < z->nr_vdevs; j++)
			if (zg_vdev_has(&z->vdevs[j], ZG_CAP_DISK))
				free(z->vdevs[j].blk.image.path);
		free(z->vdevs);
		free(z->devs);
		free(z->dev_regions);
		free(z->irqs);
	}
	free(l->zones);
	free(l->switches);
	free(l->plat.channels);
	free(l->plat.cpus);
	memset(l, 0, sizeof(*l));
}

void zg_add_irq(const void *fdt, struct zg_zone *zone, int dev, u32 id,
		struct zg_diag *diag)
{
	u32 i;

	(void)fdt;
	(void)diag;
	for (i = 0; i < zone->nr_irqs; i++)
		if (zone->irqs[i].id == id)
			return; /* a line two devices of the zone share */
	*zg_vec_push(zone->irqs, zone->nr_irqs, zone->cap_irqs) =
		(struct zg_irq){ id, dev };
}

void zg_add_auto_vdev(struct zg_zone *zone, const char *what,
		      const char *compatible, u64 base, u64 size)
{
	struct zg_vdev *v =
		zg_vec_push(zone->vdevs, zone->nr_vdevs, zone->cap_vdevs);

	v->node = -1;
	v->what = what;
	v->compatible = compatible;
	v->range.base = base;
	v->range.size = size;
	if (!range_valid(&v->range)) {
		memset(v, 0, sizeof(*v));
		zone->nr_vdevs--;
	}
}

/* Names in a crafted DTB could hold anything, even a comment end. */
void zg_put_comment_text(FILE *out, const char *text)
{
	const char *p;

	for (p = text; *p; p++) {
		if (*p == '*' && p[1] == '/')
			fputs("* ", out);
		else if ((unsigned char)*p < 0x20 || (unsigned char)*p >= 0x7f)
			fputc('?', out);
		else
			fputc(*p, out);
	}
}

int zg_find_dev(const struct zg_zone *zone, int node)
{
	u32 i;

	for (i = 0; i < zone->nr_devs; i++)
		if (zone->devs[i].node == node)
			return i;
	return -1;
}
