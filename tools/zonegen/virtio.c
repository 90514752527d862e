// SPDX-License-Identifier: Apache-2.0
/*
 * virtio devices: "virtio,mmio" children of a zone whose bulkhead,virtio
 * says what they are. Their back ends run in the hypervisor, which gets
 * from zones.c what the node says beyond the window and the interrupt
 * (vdev_config.params): a block device's disk image, which the loader
 * puts in the image store (store.c), or a network port's virtual switch
 * and MAC address. Switches join zones, so they are numbered, and their
 * ports checked, once every zone is read.
 */
#include <stdio.h>
#include <string.h>

#include <bulkhead/virtio_abi.h>

#include "zg_internal.h"

#define MAC_LEN 6
#define MAC_STR 18 /* "xx:xx:xx:xx:xx:xx" */
#define MAX_PORTS (ZG_MAX_ZONES * ZG_MAX_VDEVS)

static const char *virtio_type(enum zg_vdev_kind kind)
{
	switch (kind) {
	case ZG_VDEV_VIRTIO_BLK:
		return "block";
	case ZG_VDEV_VIRTIO_NET:
		return "net";
	default:
		return "console";
	}
}

/* Properties that only one kind of virtio device takes. */
static void check_kind_props(const void *fdt, const struct zg_vdev *v,
			     struct zg_diag *diag)
{
	static const struct {
		const char *prop;
		enum zg_vdev_kind kind;
	} only[] = {
		{ "bulkhead,disk", ZG_VDEV_VIRTIO_BLK },
		{ "bulkhead,disk-size", ZG_VDEV_VIRTIO_BLK },
		{ "read-only", ZG_VDEV_VIRTIO_BLK },
		{ "bulkhead,switch", ZG_VDEV_VIRTIO_NET },
		{ "local-mac-address", ZG_VDEV_VIRTIO_NET },
	};
	size_t i;

	for (i = 0; i < ARRAY_SIZE(only); i++)
		if (v->kind != only[i].kind &&
		    fdt_getprop(fdt, v->node, only[i].prop, NULL))
			zg_error(
				diag, fdt, v->node,
				"property \"%s\" is only for bulkhead,virtio = \"%s\" (this device is \"%s\")",
				only[i].prop, virtio_type(only[i].kind),
				virtio_type(v->kind));
}

/* bulkhead,disk: found like a kernel image, and not empty. */
static bool read_disk_file(const void *fdt, const struct zg_options *opt,
			   struct zg_vdev *v, struct zg_diag *diag)
{
	struct zg_virtio_blk *blk = &v->blk;

	if (!fdt_getprop(fdt, v->node, "bulkhead,disk", NULL)) {
		zg_error(
			diag, fdt, v->node,
			"missing required property \"bulkhead,disk\" (the disk image of a virtio block device)");
		return false;
	}
	blk->file = zg_image_prop(fdt, v->node, "bulkhead,disk", diag);
	if (!blk->file)
		return false;
	return zg_find_image(fdt, opt, v->node, "disk", blk->file, &blk->image,
			     diag);
}

/*
 * bulkhead,disk-size: the disk may be larger than its file (the rest
 * reads as zeros); by default it is the file rounded up to a page.
 */
static void read_disk_size(const void *fdt, struct zg_vdev *v,
			   struct zg_diag *diag)
{
	struct zg_virtio_blk *blk = &v->blk;
	int sc = dt_size_cells(fdt, 0), len;
	const void *val = fdt_getprop(fdt, v->node, "bulkhead,disk-size", &len);
	u64 size;

	if (!val) {
		blk->size = (blk->image.size + ZG_PAGE_SIZE - 1) &
			    ~(ZG_PAGE_SIZE - 1);
		return;
	}
	if (len != sc * 4 || !dt_read_cells(val, sc, &size)) {
		zg_error(
			diag, fdt, v->node,
			"property \"bulkhead,disk-size\" is malformed: expected one size in root #size-cells");
		return;
	}
	if (!size || size % VIRTIO_BLK_SECTOR_SIZE ||
	    size > ~(ZG_PAGE_SIZE - 1))
		zg_error(
			diag, fdt, v->node,
			"bulkhead,disk-size 0x%llx is not a positive multiple of %u bytes (a sector)",
			(unsigned long long)size, VIRTIO_BLK_SECTOR_SIZE);
	else if (size < blk->image.size)
		zg_error(
			diag, fdt, v->node,
			"bulkhead,disk-size 0x%llx is smaller than disk image \"%s\" (0x%llx bytes)",
			(unsigned long long)size, blk->file,
			(unsigned long long)blk->image.size);
	else
		blk->size = size;
}

static void read_blk(const void *fdt, const struct zg_options *opt,
		     const struct zg_platform *plat, struct zg_vdev *v,
		     struct zg_diag *diag)
{
	int len;

	if (!plat->image_store.size)
		zg_error(
			diag, fdt, v->node,
			"a virtio block device needs bulkhead,image-store in /bulkhead: its disk image is loaded there");
	if (fdt_getprop(fdt, v->node, "read-only", &len)) {
		if (len)
			zg_error(
				diag, fdt, v->node,
				"property \"read-only\" is malformed: expected no value");
		v->blk.read_only = true;
	}
	if (read_disk_file(fdt, opt, v, diag))
		read_disk_size(fdt, v, diag);
}

static const char *mac_str(const unsigned char *mac, char *buf, size_t len)
{
	snprintf(buf, len, "%02x:%02x:%02x:%02x:%02x:%02x", mac[0], mac[1],
		 mac[2], mac[3], mac[4], mac[5]);
	return buf;
}

static void read_mac(const void *fdt, struct zg_vdev *v, struct zg_diag *diag)
{
	const unsigned char *mac;
	char ms[MAC_STR];
	int len;

	mac = fdt_getprop(fdt, v->node, "local-mac-address", &len);
	if (!mac)
		return;
	if (len != MAC_LEN) {
		zg_error(
			diag, fdt, v->node,
			"property \"local-mac-address\" is malformed: expected 6 bytes, e.g. [02 00 00 00 00 01]");
		return;
	}
	if (mac[0] & 1) {
		zg_error(
			diag, fdt, v->node,
			"local-mac-address %s is a multicast address (bit 0 of the first byte is set)",
			mac_str(mac, ms, sizeof(ms)));
		return;
	}
	memcpy(v->net.mac, mac, MAC_LEN);
	v->net.mac_given = true;
}

static void read_net(const void *fdt, struct zg_vdev *v, struct zg_diag *diag)
{
	const char *sw = dt_get_string(fdt, v->node, "bulkhead,switch");

	if (!fdt_getprop(fdt, v->node, "bulkhead,switch", NULL))
		zg_error(
			diag, fdt, v->node,
			"missing required property \"bulkhead,switch\" (the virtual switch the port is on)");
	else if (!sw)
		zg_error(
			diag, fdt, v->node,
			"property \"bulkhead,switch\" is malformed: expected a string");
	else if (zg_check_name(fdt, v->node, "switch", sw, diag))
		v->net.sw_name = sw;
	read_mac(fdt, v, diag);
}

void zg_read_virtio(const void *fdt, const struct zg_options *opt,
		    const struct zg_platform *plat, struct zg_vdev *v,
		    struct zg_diag *diag)
{
	check_kind_props(fdt, v, diag);
	if (v->kind == ZG_VDEV_VIRTIO_BLK)
		read_blk(fdt, opt, plat, v, diag);
	else if (v->kind == ZG_VDEV_VIRTIO_NET)
		read_net(fdt, v, diag);
}

/*
 * Two devices of a zone that may not coexist; @b is the later by base,
 * the one blamed (fdtoverlay reverses the order of the nodes it adds, so
 * the node order says little about the overlay's).
 */
static void check_twins(const void *fdt, const struct zg_vdev *a,
			const struct zg_vdev *b, struct zg_diag *diag)
{
	char path[256];

	dt_path(fdt, a->node, path, sizeof(path));
	if (b->kind == ZG_VDEV_VIRTIO_CONSOLE)
		zg_error(
			diag, fdt, b->node,
			"second virtio console in the zone (%s is one already)",
			path);
	else if (b->kind == ZG_VDEV_VIRTIO_NET && a->net.sw_name &&
		 b->net.sw_name && !strcmp(a->net.sw_name, b->net.sw_name))
		zg_error(
			diag, fdt, b->node,
			"port %s of the zone is on switch \"%s\" already: a zone has one port per switch",
			path, b->net.sw_name);
}

void zg_check_zone_virtio(const void *fdt, const struct zg_zone *zone,
			  struct zg_diag *diag)
{
	u32 i, j;

	for (i = 0; i < zone->nr_vdevs; i++)
		for (j = 0; j < i; j++)
			if (zone->vdevs[i].kind == zone->vdevs[j].kind)
				check_twins(fdt, &zone->vdevs[j],
					    &zone->vdevs[i], diag);
}

/* A port: a virtio-net device and its zone. */
struct port {
	struct zg_vdev *v;
	const struct zg_zone *z;
};

/* Ports in zone id order, each zone's by base (as zones.c lists them). */
static u32 collect_ports(struct zg_layout *l, struct port *ports)
{
	struct zg_vdev *v;
	u32 i, j, n = 0;

	for (i = 0; i < l->nr_zones; i++) {
		for (j = 0; j < l->zones[i].nr_vdevs; j++) {
			v = &l->zones[i].vdevs[j];
			if (v->kind == ZG_VDEV_VIRTIO_NET && v->net.sw_name)
				ports[n++] = (struct port){ v, &l->zones[i] };
		}
	}
	return n;
}

/* The switch's index, a new one on first appearance; -1 when full. */
static int switch_index(struct zg_layout *l, const char *name)
{
	u32 i;

	for (i = 0; i < l->nr_switches; i++)
		if (!strcmp(l->switches[i], name))
			return i;
	if (l->nr_switches == ZG_MAX_SWITCHES)
		return -1;
	l->switches[l->nr_switches] = name;
	return l->nr_switches++;
}

/* Locally administered, unicast: 02:42:48 ("BH"), switch, 00, zone id. */
static void derive_mac(struct port *p)
{
	unsigned char *mac = p->v->net.mac;

	mac[0] = 0x02;
	mac[1] = 0x42;
	mac[2] = 0x48;
	mac[3] = (unsigned char)p->v->net.sw;
	mac[4] = 0;
	mac[5] = (unsigned char)p->z->id;
}

static void check_lonely_switch(const void *fdt, const struct zg_layout *l,
				u32 sw, const struct port *ports, u32 n,
				struct zg_diag *diag)
{
	const struct port *first = NULL;
	char path[256];
	u32 i;

	for (i = 0; i < n; i++) {
		if (ports[i].v->net.sw != sw)
			continue;
		if (first && first->z != ports[i].z)
			return;
		if (!first)
			first = &ports[i];
	}
	if (first)
		zg_error(
			diag, fdt, first->v->node,
			"switch \"%s\" has one port (zone %s); a switch joins two or more zones",
			l->switches[sw],
			dt_path(fdt, first->z->node, path, sizeof(path)));
}

/* Frames are delivered by MAC address: unique on each switch. */
static void check_macs(const void *fdt, const struct zg_layout *l,
		       const struct port *ports, u32 n, struct zg_diag *diag)
{
	const struct zg_virtio_net *a, *b;
	char ms[MAC_STR], path[256];
	u32 i, j;

	for (i = 0; i < n; i++) {
		b = &ports[i].v->net;
		for (j = 0; j < i; j++) {
			a = &ports[j].v->net;
			if (a->sw != b->sw || memcmp(a->mac, b->mac, MAC_LEN))
				continue;
			zg_error(
				diag, fdt, ports[i].v->node,
				"MAC address %s%s is already used on switch \"%s\" by %s",
				mac_str(b->mac, ms, sizeof(ms)),
				b->mac_given ? "" : " (the default)",
				l->switches[b->sw],
				dt_path(fdt, ports[j].v->node, path,
					sizeof(path)));
			break;
		}
	}
}

void zg_link_switches(struct zg_layout *l, struct zg_diag *diag)
{
	struct port ports[MAX_PORTS];
	u32 n = collect_ports(l, ports), i;
	int sw;

	for (i = 0; i < n; i++) {
		sw = switch_index(l, ports[i].v->net.sw_name);
		if (sw < 0) {
			zg_error(diag, l->fdt, ports[i].v->node,
				 "more than %d virtual switches",
				 ZG_MAX_SWITCHES);
			return;
		}
		ports[i].v->net.sw = sw;
		if (!ports[i].v->net.mac_given)
			derive_mac(&ports[i]);
	}
	for (i = 0; i < l->nr_switches; i++)
		check_lonely_switch(l->fdt, l, i, ports, n, diag);
	check_macs(l->fdt, l, ports, n, diag);
}
