// SPDX-License-Identifier: Apache-2.0
/*
 * Checks across zones: ids, labels, the root role and, above all, that no
 * CPU, memory page, device page or interrupt ends up in two zones. Zones are sorted
 * by id, so each message blames the zone with the higher id.
 */
#include <string.h>

#include "model.h"

static void check_identity(const void *fdt, const struct zg_layout *l,
			   const struct zg_options *opt, u32 j,
			   struct zg_diag *diag)
{
	const struct zg_zone *z = &l->zones[j];
	u32 i;

	if (z->id_valid && z->id >= opt->max_zones)
		zg_error(
			diag, fdt, z->node,
			"zone id %u is too big: ids must be below the maximum number of zones (%u, CONFIG_MAX_ZONES=%u)",
			z->id, opt->max_zones, opt->max_zones);
	for (i = 0; i < j; i++) {
		const struct zg_zone *o = &l->zones[i];

		if (z->id_valid && o->id_valid && z->id == o->id)
			zg_error(diag, fdt, z->node,
				 "zone id %u is already used by %s", z->id,
				 zg_path(fdt, o->node));
		if (z->label && o->label && !strcmp(z->label, o->label))
			zg_error(diag, fdt, z->node,
				 "label \"%s\" is already used by %s", z->label,
				 zg_path(fdt, o->node));
	}
}

static void check_root(const void *fdt, const struct zg_layout *l,
		       struct zg_diag *diag)
{
	int root = -1;
	u32 i;

	for (i = 0; i < l->nr_zones; i++) {
		if (l->zones[i].role != ZG_ROLE_ROOT)
			continue;
		if (root < 0)
			root = l->zones[i].node;
		else
			zg_error(
				diag, fdt, l->zones[i].node,
				"second root zone (%s is already the root zone)",
				zg_path(fdt, root));
	}
}

static void check_cpus(const void *fdt, const struct zg_layout *l, u32 i, u32 j,
		       struct zg_diag *diag)
{
	u64 shared = l->zones[i].cpu_mask & l->zones[j].cpu_mask;
	u32 c;

	for (c = 0; c < ZG_MAX_CPUS; c++)
		if (shared & (1ull << c))
			zg_error(diag, fdt, l->zones[j].node,
				 "cpu %s is already in zone %s",
				 zg_path(fdt, l->plat.cpus[c].node),
				 zg_path(fdt, l->zones[i].node));
}

static void check_memory(const void *fdt, const struct zg_zone *a,
			 const struct zg_zone *b, struct zg_diag *diag)
{
	u32 x, y;

	for (y = 0; y < b->nr_mem; y++) {
		if (!range_valid(&b->mem[y]))
			continue;
		for (x = 0; x < a->nr_mem; x++)
			if (range_valid(&a->mem[x]) &&
			    ranges_overlap(&a->mem[x], &b->mem[y]))
				zg_error(
					diag, fdt, b->node,
					"memory %s overlaps memory %s of zone %s",
					zg_range(&b->mem[y]),
					zg_range(&a->mem[x]),
					zg_path(fdt, a->node));
	}
}

static void check_same_devices(const void *fdt, const struct zg_zone *a,
			       const struct zg_zone *b, struct zg_diag *diag)
{
	u32 x, y;

	for (y = 0; y < b->nr_devs; y++)
		for (x = 0; x < a->nr_devs; x++)
			if (a->devs[x].node == b->devs[y].node)
				zg_error(
					diag, fdt, b->node,
					"device %s is already passed through to zone %s",
					zg_path(fdt, b->devs[y].node),
					zg_path(fdt, a->node));
}

static void report_shared_page(const void *fdt, const struct zg_zone *a,
			       const struct zg_dev_region *ra,
			       const struct zg_zone *b,
			       const struct zg_dev_region *rb,
			       struct zg_diag *diag)
{
	u32 x, y;

	for (y = 0; y < b->nr_devs; y++) {
		if (!(rb->dev_mask & (1u << y)))
			continue;
		for (x = 0; x < a->nr_devs; x++) {
			if (!(ra->dev_mask & (1u << x)) ||
			    a->devs[x].node == b->devs[y].node)
				continue; /* the same device: reported apart */
			zg_error(
				diag, fdt, b->node,
				"device %s shares the 4 KiB pages %s with device %s of zone %s",
				zg_path(fdt, b->devs[y].node),
				zg_range(&rb->range),
				zg_path(fdt, a->devs[x].node),
				zg_path(fdt, a->node));
		}
	}
}

/* Different devices of two zones in one page would leak between zones. */
static void check_device_pages(const void *fdt, const struct zg_zone *a,
			       const struct zg_zone *b, struct zg_diag *diag)
{
	u32 x, y;

	for (y = 0; y < b->nr_dev_regions; y++)
		for (x = 0; x < a->nr_dev_regions; x++)
			if (ranges_overlap(&a->dev_regions[x].range,
					   &b->dev_regions[y].range))
				report_shared_page(fdt, a, &a->dev_regions[x],
						   b, &b->dev_regions[y], diag);
}

/* An SPI goes to one zone: two devices of two zones may not share it. */
static void check_irqs(const void *fdt, const struct zg_platform *plat,
		       const struct zg_zone *a, const struct zg_zone *b,
		       struct zg_diag *diag)
{
	const struct zg_irqchip *ic = plat->irqchip;
	char name[32];
	u32 x, y;

	for (y = 0; y < b->nr_irqs; y++) {
		for (x = 0; x < a->nr_irqs; x++) {
			if (a->irqs[x].id != b->irqs[y].id ||
			    a->irqs[x].dev == b->irqs[y].dev)
				continue; /* the same device: reported apart */
			zg_error(
				diag, fdt, b->node,
				"device %s: interrupt id %u (%s) is already passed through to zone %s with device %s",
				zg_path(fdt, b->irqs[y].dev), b->irqs[y].id,
				ic->irq_name(b->irqs[y].id, name, sizeof(name)),
				zg_path(fdt, a->node),
				zg_path(fdt, a->irqs[x].dev));
		}
	}
}

/* A guest address the stage-2 tables cannot map fails at boot: say so. */
static void check_ipa_range(const void *fdt, const struct zg_platform *plat,
			    const struct zg_zone *z, const struct zg_range *r,
			    const char *what, struct zg_diag *diag)
{
	u32 bits = plat->irqchip ? plat->irqchip->ipa_bits : 0;

	if (bits && bits < 64 && range_valid(r) && range_end(r) > 1ull << bits)
		zg_error(
			diag, fdt, z->node,
			"%s %s is beyond the guest address range (%u bits: below 0x%llx)",
			what, zg_range(r), bits,
			(unsigned long long)(1ull << bits));
}

/*
 * The zone's own guest windows: inside the stage-2 input range, and its
 * memory not over its passthrough devices' pages (mapped 1:1).
 */
static void check_guest_windows(const void *fdt, const struct zg_platform *plat,
				const struct zg_zone *z, struct zg_diag *diag)
{
	struct zg_range g;
	u32 i, d;

	for (i = 0; i < z->nr_mem; i++) {
		g = zone_guest_mem(z, i);
		check_ipa_range(fdt, plat, z, &g, "guest memory", diag);
		for (d = 0; range_valid(&g) && d < z->nr_dev_regions; d++)
			if (ranges_overlap(&g, &z->dev_regions[d].range) &&
			    z->ipa_delta)
				zg_error(
					diag, fdt, z->node,
					"guest memory %s overlaps the zone's passthrough device pages %s",
					zg_range(&g),
					zg_range(&z->dev_regions[d].range));
	}
	for (i = 0; i < z->nr_vdevs; i++)
		check_ipa_range(fdt, plat, z, &z->vdevs[i].range,
				"emulated device window", diag);
	for (i = 0; i < z->nr_dev_regions; i++)
		check_ipa_range(fdt, plat, z, &z->dev_regions[i].range,
				"passthrough device pages", diag);
}

/* The hypervisor's memory is no zone's, no channel's and not the store. */
static void check_vs_hyp(const struct zg_layout *l, int node, const char *what,
			 const struct zg_range *r, struct zg_diag *diag)
{
	if (l->plat.hyp.size && ranges_overlap(r, &l->plat.hyp))
		zg_error(diag, l->fdt, node,
			 "%s %s overlaps the hypervisor's memory %s", what,
			 zg_range(r), zg_range(&l->plat.hyp));
}

/*
 * The board's own facts a zone cannot have: RAM and the hypervisor's
 * memory are not devices, and stage 2 maps whole pages, so a device must
 * not drag the hypervisor's console or interrupt controller in with it.
 */
static void check_dev_reg(const struct zg_layout *l, const struct zg_zone *z,
			  int dev, const struct zg_range *r,
			  struct zg_diag *diag)
{
	const struct zg_platform *p = &l->plat;
	struct zg_range pages = range_to_pages(r);
	const void *fdt = l->fdt;
	u32 k;

	for (k = 0; k < p->nr_ram; k++)
		if (ranges_overlap(r, &p->ram[k]))
			zg_error(diag, fdt, z->node,
				 "device %s: reg %s overlaps RAM",
				 zg_path(fdt, dev), zg_range(r));
	if (p->hyp.size && ranges_overlap(r, &p->hyp))
		zg_error(diag, fdt, z->node,
			 "device %s: reg %s overlaps the hypervisor's memory",
			 zg_path(fdt, dev), zg_range(r));
	for (k = 0; k < p->nr_irqchip_regs; k++)
		if (range_valid(&p->irqchip_regs[k]) &&
		    ranges_overlap(&pages, &p->irqchip_regs[k]))
			zg_error(
				diag, fdt, z->node,
				"device %s: pages %s overlap the interrupt controller, which the hypervisor owns",
				zg_path(fdt, dev), zg_range(&pages));
	if (dev != p->console_node && range_valid(&p->console_reg) &&
	    ranges_overlap(&pages, &p->console_reg))
		zg_error(diag, fdt, z->node,
			 "device %s: pages %s overlap the hypervisor's console",
			 zg_path(fdt, dev), zg_range(&pages));
}

static void check_zone_ranges(const struct zg_layout *l,
			      const struct zg_zone *z, struct zg_diag *diag)
{
	const struct zg_device *d;
	u32 i, j;

	for (i = 0; i < z->nr_mem; i++)
		if (range_valid(&z->mem[i]))
			check_vs_hyp(l, z->node, "memory", &z->mem[i], diag);
	for (j = 0; j < z->nr_devs; j++)
		for (i = 0, d = &z->devs[j]; i < d->nr_regs; i++)
			if (range_valid(&d->regs[i]))
				check_dev_reg(l, z, d->node, &d->regs[i], diag);
}

static void check_zones(const struct zg_layout *l, const struct zg_options *opt,
			struct zg_diag *diag)
{
	const void *fdt = l->fdt;
	u32 i, j;

	check_root(fdt, l, diag);
	for (j = 0; j < l->nr_zones; j++) {
		check_identity(fdt, l, opt, j, diag);
		check_zone_ranges(l, &l->zones[j], diag);
		check_guest_windows(fdt, &l->plat, &l->zones[j], diag);
		for (i = 0; i < j; i++) {
			check_cpus(fdt, l, i, j, diag);
			check_memory(fdt, &l->zones[i], &l->zones[j], diag);
			check_same_devices(fdt, &l->zones[i], &l->zones[j],
					   diag);
			check_device_pages(fdt, &l->zones[i], &l->zones[j],
					   diag);
			check_irqs(fdt, &l->plat, &l->zones[i], &l->zones[j],
				   diag);
		}
	}
}

static void check_ram_vs_zone(const void *fdt, int node, const char *what,
			      const struct zg_range *r, const struct zg_zone *z,
			      struct zg_diag *diag)
{
	u32 i, d;

	for (i = 0; i < z->nr_mem; i++)
		if (range_valid(&z->mem[i]) && ranges_overlap(r, &z->mem[i]))
			zg_error(diag, fdt, node,
				 "%s %s overlaps memory %s of zone %s", what,
				 zg_range(r), zg_range(&z->mem[i]),
				 zg_path(fdt, z->node));
	for (i = 0; i < z->nr_dev_regions; i++) {
		if (!ranges_overlap(r, &z->dev_regions[i].range))
			continue;
		for (d = 0; d < z->nr_devs; d++)
			if (z->dev_regions[i].dev_mask & (1u << d))
				zg_error(
					diag, fdt, node,
					"%s %s overlaps passthrough device %s of zone %s",
					what, zg_range(r),
					zg_path(fdt, z->devs[d].node),
					zg_path(fdt, z->node));
	}
}

static void check_image_store(const struct zg_layout *l, struct zg_diag *diag)
{
	u32 i;

	if (!l->plat.image_store.size)
		return;
	check_vs_hyp(l, l->plat.bulkhead_node, "image store",
		     &l->plat.image_store, diag);
	for (i = 0; i < l->nr_zones; i++)
		check_ram_vs_zone(l->fdt, l->plat.bulkhead_node, "image store",
				  &l->plat.image_store, &l->zones[i], diag);
}

/* A zone moved by bulkhead,guest-address must not see RAM over the shm. */
static void check_shm_vs_guest_mem(const void *fdt, const struct zg_channel *ch,
				   const struct zg_zone *z,
				   struct zg_diag *diag)
{
	struct zg_range g;

	if (!z->ipa_delta)
		return; /* the same as its physical memory, checked apart */
	for (u32 i = 0; i < z->nr_mem; i++) {
		g = zone_guest_mem(z, i);
		if (range_valid(&g) && ranges_overlap(&g, &ch->shm))
			zg_error(
				diag, fdt, ch->node,
				"shared memory %s overlaps the guest addresses %s of the memory of zone %s (bulkhead,guest-address)",
				zg_range(&ch->shm), zg_range(&g),
				zg_path(fdt, z->node));
	}
}

static void check_channel_vs_zones(const struct zg_layout *l,
				   const struct zg_channel *ch,
				   struct zg_diag *diag)
{
	const struct zg_zone *z;
	int side;

	check_vs_hyp(l, ch->node, "shared memory", &ch->shm, diag);
	if (l->plat.image_store.size &&
	    ranges_overlap(&ch->shm, &l->plat.image_store))
		zg_error(diag, l->fdt, ch->node,
			 "shared memory %s overlaps the image store %s",
			 zg_range(&ch->shm), zg_range(&l->plat.image_store));
	for (u32 i = 0; i < l->nr_zones; i++)
		check_ram_vs_zone(l->fdt, ch->node, "shared memory", &ch->shm,
				  &l->zones[i], diag);
	for (side = 0; side < 2; side++) {
		z = zg_zone_by_node(l, ch->zones[side]);
		if (z)
			check_shm_vs_guest_mem(l->fdt, ch, z, diag);
	}
}

/*
 * How messages name an emulated device: its node, what zonegen added, or
 * a channel's doorbell.
 */
static const char *vdev_name(const void *fdt, const struct zg_vdev *v)
{
	char *buf = zg_msg_buf();

	if (zg_vdev_has(v, ZG_CAP_CHANNEL))
		snprintf(buf, ZG_MSG_BUF, "the doorbell of channel %s",
			 zg_path(fdt, v->node));
	else if (v->node >= 0)
		snprintf(buf, ZG_MSG_BUF, "emulated device %s",
			 zg_path(fdt, v->node));
	else
		snprintf(buf, ZG_MSG_BUF, "the %s %s", v->what,
			 zg_range(&v->range));
	return buf;
}

/*
 * Errors about a channel's end are reported on the channel node, which
 * serves two zones: they start by naming the zone.
 */
static const char *vdev_zone_prefix(const void *fdt, const struct zg_zone *zone,
				    const struct zg_vdev *v)
{
	char *buf = zg_msg_buf();

	snprintf(buf, ZG_MSG_BUF, "zone %s: ", zg_path(fdt, zone->node));
	return zg_vdev_has(v, ZG_CAP_CHANNEL) ? buf : "";
}

/*
 * "[a, b)" for a node, "virtual GIC distributor [a, b)" for the vGIC,
 * "zone /bulkhead/zone@1: doorbell [a, b)" for a channel's end.
 */
static const char *vdev_range(const void *fdt, const struct zg_zone *zone,
			      const struct zg_vdev *v)
{
	char *buf = zg_msg_buf();

	if (zg_vdev_has(v, ZG_CAP_CHANNEL))
		snprintf(buf, ZG_MSG_BUF, "%sdoorbell %s",
			 vdev_zone_prefix(fdt, zone, v), zg_range(&v->range));
	else if (v->node >= 0)
		snprintf(buf, ZG_MSG_BUF, "%s", zg_range(&v->range));
	else
		snprintf(buf, ZG_MSG_BUF, "%s %s", v->what,
			 zg_range(&v->range));
	return buf;
}

/* Errors about a vGIC window are the zone's own. */
static int vdev_blame(const struct zg_zone *zone, const struct zg_vdev *v)
{
	return v->node >= 0 ? v->node : zone->node;
}

/*
 * The hypervisor traps a window by leaving its pages unmapped: none of
 * them may be the zone's memory, a channel's shared memory (RAM to both
 * zones) or a passthrough device's page.
 */
static void check_vdev_pages(const void *fdt, const struct zg_zone *zone,
			     const struct zg_vdev *v, struct zg_diag *diag)
{
	struct zg_range pages = range_to_pages(&v->range), g;
	const struct zg_vdev *e;
	u32 j, d;

	for (j = 0; j < zone->nr_mem; j++) {
		g = zone_guest_mem(zone, j);
		if (range_valid(&g) && ranges_overlap(&pages, &g))
			zg_error(diag, fdt, vdev_blame(zone, v),
				 "%s overlaps the zone's memory %s",
				 vdev_range(fdt, zone, v), zg_range(&g));
	}
	for (j = 0; j < zone->nr_vdevs; j++) {
		e = &zone->vdevs[j];
		if (zg_vdev_has(e, ZG_CAP_CHANNEL) &&
		    range_valid(&e->ivc.shm) &&
		    ranges_overlap(&pages, &e->ivc.shm))
			zg_error(
				diag, fdt, vdev_blame(zone, v),
				"%s overlaps the shared memory %s of channel %s",
				vdev_range(fdt, zone, v), zg_range(&e->ivc.shm),
				zg_path(fdt, e->node));
	}
	for (j = 0; j < zone->nr_dev_regions; j++)
		for (d = 0; d < zone->nr_devs; d++)
			if (ranges_overlap(&pages,
					   &zone->dev_regions[j].range) &&
			    zone->dev_regions[j].dev_mask & (1u << d))
				zg_error(
					diag, fdt, vdev_blame(zone, v),
					"%s shares a 4 KiB page with passthrough device %s",
					vdev_range(fdt, zone, v),
					zg_path(fdt, zone->devs[d].node));
}

/* Blames the overlay node of the two, the later one if both are nodes. */
static void check_vdev_pair(const void *fdt, const struct zg_zone *zone,
			    const struct zg_vdev *a, const struct zg_vdev *b,
			    struct zg_diag *diag)
{
	if (!ranges_overlap(&a->range, &b->range))
		return;
	if (b->node < 0 && a->node >= 0) {
		const struct zg_vdev *t = a;

		a = b;
		b = t;
	}
	zg_error(diag, fdt, vdev_blame(zone, b), "%s overlaps %s",
		 vdev_range(fdt, zone, b), vdev_name(fdt, a));
}

/* A vdev's interrupt must not be one the zone already gets from a device. */
static void check_vdev_irq(const void *fdt, const struct zg_zone *zone, u32 i,
			   struct zg_diag *diag)
{
	const struct zg_vdev *v = &zone->vdevs[i];
	u32 j;

	if (!v->irq)
		return;
	for (j = 0; j < zone->nr_irqs; j++)
		if (zone->irqs[j].id == v->irq)
			zg_error(
				diag, fdt, v->node,
				"%sinterrupt id %u is already the zone's passthrough interrupt of device %s",
				vdev_zone_prefix(fdt, zone, v), v->irq,
				zg_path(fdt, zone->irqs[j].dev));
	for (j = 0; j < i; j++)
		if (zone->vdevs[j].irq == v->irq)
			zg_error(diag, fdt, v->node,
				 "%sinterrupt id %u is already raised by %s",
				 vdev_zone_prefix(fdt, zone, v), v->irq,
				 vdev_name(fdt, &zone->vdevs[j]));
}

/*
 * Models a zone has at most one of; the later by base is blamed
 * (fdtoverlay reverses the order of the nodes it adds).
 */
static void check_one_per_zone(const void *fdt, const struct zg_zone *zone,
			       struct zg_diag *diag)
{
	const struct zg_vdev *a, *b;
	u32 i, j;

	for (i = 0; i < zone->nr_vdevs; i++) {
		b = &zone->vdevs[i];
		if (!zg_vdev_has(b, ZG_CAP_ONE_PER_ZONE))
			continue;
		for (j = 0; j < i; j++) {
			a = &zone->vdevs[j];
			if (a->model != b->model)
				continue;
			zg_error(diag, fdt, b->node,
				 "second %s in the zone (%s is one already)",
				 b->model->what, zg_path(fdt, a->node));
			break;
		}
	}
}

/* A zone's emulated devices against its memory, devices and each other. */
static void check_zone_vdevs(const void *fdt, const struct zg_zone *zone,
			     struct zg_diag *diag)
{
	for (u32 i = 0; i < zone->nr_vdevs; i++) {
		check_vdev_pages(fdt, zone, &zone->vdevs[i], diag);
		for (u32 j = 0; j < i; j++)
			check_vdev_pair(fdt, zone, &zone->vdevs[j],
					&zone->vdevs[i], diag);
		check_vdev_irq(fdt, zone, i, diag);
	}
	check_one_per_zone(fdt, zone, diag);
}

/* No two channels share memory: each is a private pair of zones. */
static void check_channel_pair(const void *fdt, const struct zg_channel *a,
			       const struct zg_channel *b, struct zg_diag *diag)
{
	if (!range_valid(&a->shm) || !range_valid(&b->shm) ||
	    !ranges_overlap(&a->shm, &b->shm))
		return;
	zg_error(diag, fdt, b->node,
		 "shared memory %s overlaps the shared memory %s of channel %s",
		 zg_range(&b->shm), zg_range(&a->shm), zg_path(fdt, a->node));
}

static void check_channels(const struct zg_layout *l, struct zg_diag *diag)
{
	for (u32 i = 0; i < l->plat.nr_channels; i++)
		for (u32 j = 0; j < i; j++)
			check_channel_pair(l->fdt, &l->plat.channels[j],
					   &l->plat.channels[i], diag);
	for (u32 i = 0; i < l->plat.nr_channels; i++)
		if (l->plat.channels[i].ok)
			check_channel_vs_zones(l, &l->plat.channels[i], diag);
}

static bool descends_from_dev(const void *fdt, const struct zg_zone *zone,
			      int node)
{
	while ((node = fdt_parent_offset(fdt, node)) > 0)
		if (zg_find_dev(zone, node) >= 0)
			return true;
	return false;
}

/* The first device region of @zone that @node's registers fall into. */
static const struct zg_dev_region *
node_in_regions(const void *fdt, const struct zg_zone *zone, int node)
{
	struct zg_range regs[ZG_MAX_DEV_REGS];
	int n, r;
	u32 i;

	n = dt_get_reg(fdt, node, regs, ZG_MAX_DEV_REGS);
	for (r = 0; r < n; r++) {
		if (!range_valid(&regs[r]))
			continue;
		for (i = 0; i < zone->nr_dev_regions; i++)
			if (ranges_overlap(&regs[r],
					   &zone->dev_regions[i].range))
				return &zone->dev_regions[i];
	}
	return NULL;
}

/*
 * A page shared with a board device nobody asked for hands that device to
 * the zone as well. Not an error (the board may pack unused devices), but
 * worth saying on every build.
 */
static void warn_page_neighbours(const void *fdt,
				 const struct zg_platform *plat,
				 const struct zg_zone *zone,
				 struct zg_diag *diag)
{
	const struct zg_dev_region *reg;
	int node, depth = 0;

	for (node = fdt_next_node(fdt, -1, &depth); node >= 0;
	     node = fdt_next_node(fdt, node, &depth)) {
		if (zg_find_dev(zone, node) >= 0 ||
		    node == plat->console_node || node == plat->irqchip_node)
			continue;
		reg = node_in_regions(fdt, zone, node);
		if (!reg || descends_from_dev(fdt, zone, node))
			continue;
		zg_warn(diag, fdt, zone->node,
			"passthrough pages %s also expose %s, which is not passed through to this zone",
			zg_range(&reg->range), zg_path(fdt, node));
	}
}

/* A zone that may stop the machine has the right to: it says so. */
static void check_system_control(const void *fdt, const struct zg_zone *zone,
				 int dev, struct zg_diag *diag)
{
	const char *compat = zg_system_control(fdt, dev);

	if (compat && !zone->may_power_off)
		zg_error(
			diag, fdt, zone->node,
			"device %s is a system-control device (compatible \"%s\"): passing it through needs bulkhead,may-power-off",
			zg_path(fdt, dev), compat);
}

/*
 * What makes a board device a DMA master, which can read and write any
 * physical memory, the hypervisor's and other zones' included, unless an
 * IOMMU the hypervisor owns confines it: its binding (by compatible), or
 * a property saying it masters the bus (its own or through an IOMMU), or
 * that it is a PCIe host bridge (its functions master the bus) or a DMA
 * controller. The one list of such devices.
 */
static const struct {
	const char *compatible; /* or NULL: the property below */
	const char *prop;
} dma_masters[] = {
	{ "virtio,mmio", NULL },
	{ NULL, "dma-coherent" },
	{ NULL, "iommus" },
	{ NULL, "iommu-map" },
	{ NULL, "#dma-cells" },
	{ "pci-host-ecam-generic", NULL },
	{ "pci-host-cam-generic", NULL },
};

/* Why @node can master DMA ("compatible \"virtio,mmio\"", ...), or NULL. */
static const char *dma_master_reason(const void *fdt, int node, char *buf,
				     size_t len)
{
	const char *type = fdt_getprop(fdt, node, "device_type", NULL);

	if (type && !strcmp(type, "pci"))
		return "device_type \"pci\"";
	for (size_t i = 0; i < sizeof(dma_masters) / sizeof(dma_masters[0]);
	     i++) {
		const char *c = dma_masters[i].compatible;

		if (c && !fdt_node_check_compatible(fdt, node, c)) {
			snprintf(buf, len, "compatible \"%s\"", c);
			return buf;
		}
		if (!c && fdt_getprop(fdt, node, dma_masters[i].prop, NULL)) {
			snprintf(buf, len, "property %s", dma_masters[i].prop);
			return buf;
		}
	}
	return NULL;
}

/*
 * No IOMMU of the hypervisor confines a DMA master yet: passing one
 * through takes the overlay's word, bulkhead,dma = "unconfined" on the
 * device, that the zone is trusted with all memory; then every build says
 * so (and the boot log, from zones.c).
 */
static void check_dma_master(const void *fdt, const struct zg_zone *zone,
			     int dev, struct zg_diag *diag)
{
	char why[64];
	const char *reason = dma_master_reason(fdt, dev, why, sizeof(why));
	const char *dma, *path;
	int len;

	if (!reason)
		return;
	path = zg_path(fdt, dev);
	dma = fdt_getprop(fdt, dev, "bulkhead,dma", &len);
	if (!dma)
		zg_error(
			diag, fdt, zone->node,
			"device %s can master DMA (%s) and no IOMMU confines it: passing it through needs bulkhead,dma = \"unconfined\" on %s",
			path, reason, path);
	else if (len != sizeof("unconfined") || strcmp(dma, "unconfined"))
		zg_malformed(diag, fdt, dev, "bulkhead,dma",
			     "the string \"unconfined\"");
	else
		zg_warn(diag, fdt, zone->node,
			"zone %s: device %s masters DMA unconfined (bulkhead,dma = \"unconfined\"): the zone can read and write all memory, the hypervisor's and other zones'",
			zone->label, path);
}

void zg_check(const struct zg_layout *l, const struct zg_options *opt,
	      struct zg_diag *diag)
{
	for (u32 i = 0; i < l->nr_zones; i++) {
		for (u32 d = 0; d < l->zones[i].nr_devs; d++) {
			check_system_control(l->fdt, &l->zones[i],
					     l->zones[i].devs[d].node, diag);
			check_dma_master(l->fdt, &l->zones[i],
					 l->zones[i].devs[d].node, diag);
		}
		if (l->zones[i].nr_dev_regions)
			warn_page_neighbours(l->fdt, &l->plat, &l->zones[i],
					     diag);
		check_zone_vdevs(l->fdt, &l->zones[i], diag);
	}
	check_zones(l, opt, diag);
	check_image_store(l, diag);
	check_channels(l, diag);
}
