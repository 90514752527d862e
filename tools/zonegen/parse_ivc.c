// SPDX-License-Identifier: Apache-2.0
/*
 * Inter-zone channels: the "bulkhead,ivc" children of /bulkhead. A channel
 * is RAM that both of its zones map at its own (identity) address, plus a
 * doorbell page in each zone: an emulated device whose interrupt the peer
 * raises. Channels are read before the zones, so that each zone's end
 * takes part in that zone's emulated device checks like any other device.
 */
#include <stdlib.h>
#include <string.h>

#include "model.h"

static const struct zg_prop channel_schema[] = {
	ZG_PROP_ANY_NAMED("compatible"),
	ZG_PROP("bulkhead,zones", ZG_PROP_CELLS, 2,
		"two zone phandles, e.g. <&rt &bm>", ZG_PROP_REQUIRED,
		"its two zones"),
	ZG_PROP("bulkhead,memory", ZG_PROP_RANGES, 1,
		"one (address, size) pair in root cells", ZG_PROP_REQUIRED,
		"the shared memory of the channel"),
	ZG_PROP("bulkhead,doorbell", ZG_PROP_ADDR, 0,
		"one 4 KiB aligned address in root cells",
		ZG_PROP_REQUIRED | ZG_PROP_ALIGNED,
		"the guest address of the doorbell page in both zones"),
	ZG_PROP("interrupts", ZG_PROP_ANY, 0, NULL, ZG_PROP_REQUIRED,
		"the interrupt a zone gets when its peer rings"),
	ZG_PROP_ANY_NAMED("phandle"),
	ZG_PROP_ANY_NAMED(NULL),
};

bool zg_is_channel(const void *fdt, int node)
{
	const struct zg_model *ch = zg_channel_model();

	return ch && zg_is_compatible(fdt, node, ch->compatible);
}

/* The node name is the channel's name, so it has no unit address. */
static bool read_name(const void *fdt, struct zg_channel *ch,
		      struct zg_diag *diag)
{
	ch->name = fdt_get_name(fdt, ch->node, NULL);
	if (!ch->name)
		return false;
	if (strchr(ch->name, '@')) {
		zg_error(
			diag, fdt, ch->node,
			"a channel's node name is its name and has no unit address (e.g. ivc-ping)");
		return false;
	}
	return zg_check_name(fdt, ch->node, "channel name", ch->name, diag);
}

static int zone_by_phandle(const void *fdt, int bulkhead, int node, int i,
			   u32 phandle, struct zg_diag *diag)
{
	int zone = fdt_node_offset_by_phandle(fdt, phandle);

	if (zone < 0) {
		zg_error(diag, fdt, node,
			 "bulkhead,zones entry %d: phandle 0x%x names no node",
			 i, phandle);
		return -1;
	}
	if (fdt_parent_offset(fdt, zone) != bulkhead ||
	    zg_is_channel(fdt, zone) ||
	    !zg_is_compatible(fdt, zone, "bulkhead,zone")) {
		zg_error(diag, fdt, node,
			 "bulkhead,zones entry %d (%s) is not a zone node", i,
			 zg_path(fdt, zone));
		return -1;
	}
	return zone;
}

static bool read_zones(const void *fdt, int bulkhead, struct zg_channel *ch,
		       struct zg_diag *diag)
{
	const fdt32_t *cells;
	int len, i;

	cells = fdt_getprop(fdt, ch->node, "bulkhead,zones", &len);
	if (!cells || len != 8)
		return false;
	for (i = 0; i < 2; i++)
		ch->zones[i] = zone_by_phandle(fdt, bulkhead, ch->node, i,
					       fdt32_to_cpu(cells[i]), diag);
	if (ch->zones[0] < 0 || ch->zones[1] < 0)
		return false;
	if (ch->zones[0] == ch->zones[1]) {
		zg_error(
			diag, fdt, ch->node,
			"bulkhead,zones names zone %s twice: a channel joins two different zones",
			zg_path(fdt, ch->zones[0]));
		return false;
	}
	return true;
}

static bool read_shm(const void *fdt, const struct zg_platform *plat,
		     struct zg_channel *ch, struct zg_diag *diag)
{
	struct zg_range r[2];
	int n;

	n = dt_get_root_ranges(fdt, ch->node, "bulkhead,memory", r, 1);
	if (n != 1 || !zg_check_ram_range(fdt, ch->node, "shared memory", &r[0],
					  plat, diag))
		return false;
	ch->shm = r[0];
	return true;
}

static bool read_doorbell(const void *fdt, struct zg_channel *ch,
			  struct zg_diag *diag)
{
	struct zg_range r;
	int err = dt_get_root_addr(fdt, ch->node, "bulkhead,doorbell",
				   &ch->doorbell);

	if (err || ch->doorbell % ZG_PAGE_SIZE)
		return false;
	r = (struct zg_range){ ch->doorbell, zg_channel_model()->size };
	if (!range_valid(&r)) {
		zg_malformed(diag, fdt, ch->node, "bulkhead,doorbell",
			     "one 4 KiB aligned address in root cells");
		return false;
	}
	return true;
}

static bool read_irq(const void *fdt, const struct zg_platform *plat,
		     struct zg_channel *ch, struct zg_diag *diag)
{
	if (!fdt_getprop(fdt, ch->node, "interrupts", NULL))
		return false;
	return zg_read_virq(fdt, plat, ch->node, &ch->irq, diag);
}

static void parse_channel(const void *fdt, int bulkhead,
			  const struct zg_options *opt,
			  const struct zg_platform *plat, struct zg_channel *ch,
			  struct zg_diag *diag)
{
	bool ok;

	zg_check_props(fdt, ch->node, channel_schema, diag);
	if (fdt_first_subnode(fdt, ch->node) >= 0)
		zg_error(diag, fdt, ch->node, "a channel has no child nodes");
	zg_check_model_config(fdt, ch->node, opt, zg_channel_model(), diag);
	ok = read_name(fdt, ch, diag);
	ok = read_zones(fdt, bulkhead, ch, diag) && ok;
	ok = read_shm(fdt, plat, ch, diag) && ok;
	ok = read_doorbell(fdt, ch, diag) && ok;
	ch->ok = read_irq(fdt, plat, ch, diag) && ok;
}

/*
 * Channels are numbered by name: fdtoverlay reverses the order of the
 * nodes it adds, so their order in the merged tree means nothing.
 */
static int cmp_channel(const void *a, const void *b)
{
	const struct zg_channel *x = a, *y = b;
	int c = strcmp(x->name ? x->name : "", y->name ? y->name : "");

	return c ? c : x->node - y->node;
}

void zg_parse_channels(const void *fdt, int bulkhead,
		       const struct zg_options *opt, struct zg_platform *plat,
		       struct zg_diag *diag)
{
	struct zg_channel *ch;
	int node;

	fdt_for_each_subnode(node, fdt, bulkhead) {
		if (!zg_is_channel(fdt, node))
			continue;
		if (plat->nr_channels == ZG_MAX_CHANNELS) {
			zg_error(diag, fdt, node, "more than %d channels",
				 ZG_MAX_CHANNELS);
			break;
		}
		ch = zg_vec_push(plat->channels, plat->nr_channels,
				 plat->cap_channels);
		ch->node = node;
		parse_channel(fdt, bulkhead, opt, plat, ch, diag);
	}
	if (plat->nr_channels)
		qsort(plat->channels, plat->nr_channels,
		      sizeof(plat->channels[0]), cmp_channel);
}

static void add_end(const struct zg_channel *ch, u32 c, int peer,
		    struct zg_vdev *v)
{
	memset(v, 0, sizeof(*v));
	v->node = ch->node;
	v->compatible = zg_channel_model()->config_compatible;
	v->model = zg_channel_model();
	v->range = (struct zg_range){ ch->doorbell, zg_channel_model()->size };
	v->irq = ch->irq;
	v->ivc.channel = c;
	v->ivc.peer_node = peer;
	v->ivc.shm = ch->shm;
}

void zg_add_ivc_ends(const void *fdt, const struct zg_platform *plat,
		     struct zg_zone *zone, struct zg_diag *diag)
{
	const struct zg_channel *ch;
	u32 c;
	int side;

	for (c = 0; c < plat->nr_channels; c++) {
		ch = &plat->channels[c];
		for (side = 0; ch->ok && side < 2; side++) {
			if (ch->zones[side] != zone->node)
				continue;
			if (zone->nr_vdevs == ZG_MAX_VDEVS) {
				zg_error(
					diag, fdt, zone->node,
					"more than %d emulated devices with the doorbell of channel %s",
					ZG_MAX_VDEVS, zg_path(fdt, ch->node));
				return;
			}
			add_end(ch, c, ch->zones[!side],
				zg_vec_push(zone->vdevs, zone->nr_vdevs,
					    zone->cap_vdevs));
		}
	}
}

void zg_link_channel_peers(struct zg_layout *l)
{
	const struct zg_zone *peer;
	struct zg_vdev *v;

	for (u32 i = 0; i < l->nr_zones; i++) {
		for (u32 j = 0; j < l->zones[i].nr_vdevs; j++) {
			v = &l->zones[i].vdevs[j];
			peer = zg_vdev_has(v, ZG_CAP_CHANNEL) ?
				       zg_zone_by_node(l, v->ivc.peer_node) :
				       NULL;
			if (peer)
				v->ivc.peer_zone = peer->id;
		}
	}
}
