// SPDX-License-Identifier: Apache-2.0
/*
 * Model: a virtio network device, a port on a virtual switch between
 * zones. Switches join zones, so they are numbered, MACs derived and the
 * ports checked once every zone is read (the link hook).
 */
#include <stdlib.h>
#include <string.h>

#include <bulkhead/virtio_abi.h>

#include "../model.h"

#define MAC_LEN 6
#define MAC_STR 18 /* "xx:xx:xx:xx:xx:xx" */

static const struct zg_model zg_model_virtio_net;

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
	if (len != MAC_LEN)
		return; /* the schema reader said so */
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

/* The schema reader reported a switch name that is not one string. */
static void net_parse(const void *fdt, const struct zg_options *opt,
		      const struct zg_platform *plat, struct zg_vdev *v,
		      struct zg_diag *diag)
{
	int len;
	const char *sw = fdt_getprop(fdt, v->node, "bulkhead,switch", &len);

	(void)opt;
	(void)plat;
	if (!sw)
		zg_error(
			diag, fdt, v->node,
			"missing required property \"bulkhead,switch\" (the virtual switch the port is on)");
	else if (len > 0 && !sw[len - 1] && strlen(sw) + 1 == (size_t)len &&
		 zg_check_name(fdt, v->node, "switch", sw, diag))
		v->net.sw_name = sw;
	read_mac(fdt, v, diag);
}

/* A port: a virtio-net device and its zone. */
struct port {
	struct zg_vdev *v;
	const struct zg_zone *z;
};

static bool is_port(const struct zg_vdev *v)
{
	return v->model == &zg_model_virtio_net && v->net.sw_name;
}

/* Ports in zone id order, each zone's by base (as zones.c lists them). */
static struct port *collect_ports(struct zg_layout *l, u32 *n)
{
	struct port *ports = NULL;
	u32 i, j, cap = 0;

	*n = 0;
	for (i = 0; i < l->nr_zones; i++)
		for (j = 0; j < l->zones[i].nr_vdevs; j++)
			if (is_port(&l->zones[i].vdevs[j]))
				*zg_vec_push(ports, *n, cap) =
					(struct port){ &l->zones[i].vdevs[j],
						       &l->zones[i] };
	return ports;
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
	*zg_vec_push(l->switches, l->nr_switches, l->cap_switches) = name;
	return l->nr_switches - 1;
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
			l->switches[sw], zg_path(fdt, first->z->node));
}

/* One port per switch and zone; MACs unique on each switch. */
static void check_port_pair(const void *fdt, const struct zg_layout *l,
			    const struct port *a, const struct port *b,
			    struct zg_diag *diag)
{
	char ms[MAC_STR];

	if (a->v->net.sw != b->v->net.sw)
		return;
	if (a->z == b->z)
		zg_error(
			diag, fdt, b->v->node,
			"port %s of the zone is on switch \"%s\" already: a zone has one port per switch",
			zg_path(fdt, a->v->node), b->v->net.sw_name);
	else if (!memcmp(a->v->net.mac, b->v->net.mac, MAC_LEN))
		zg_error(
			diag, fdt, b->v->node,
			"MAC address %s%s is already used on switch \"%s\" by %s",
			mac_str(b->v->net.mac, ms, sizeof(ms)),
			b->v->net.mac_given ? "" : " (the default)",
			l->switches[b->v->net.sw], zg_path(fdt, a->v->node));
}

static void net_link(struct zg_layout *l, struct zg_diag *diag)
{
	struct port *ports;
	u32 n, i, j;
	int sw;

	ports = collect_ports(l, &n);
	for (i = 0; ports && i < n; i++) {
		sw = switch_index(l, ports[i].v->net.sw_name);
		if (sw < 0) {
			zg_error(diag, l->fdt, ports[i].v->node,
				 "more than %d virtual switches",
				 ZG_MAX_SWITCHES);
			n = 0;
			break;
		}
		ports[i].v->net.sw = sw;
		if (!ports[i].v->net.mac_given)
			derive_mac(&ports[i]);
	}
	for (i = 0; i < l->nr_switches; i++)
		check_lonely_switch(l->fdt, l, i, ports, n, diag);
	for (i = 0; i < n; i++)
		for (j = 0; j < i; j++)
			check_port_pair(l->fdt, l, &ports[j], &ports[i], diag);
	free(ports);
}

static void net_emit_params(FILE *out, const struct zg_vdev *v, u32 zone, u32 i)
{
	const unsigned char *m = v->net.mac;

	fputs(" bulkhead,switch = ", out);
	zg_put_comment_text(out, v->net.sw_name ? v->net.sw_name : "");
	fprintf(out,
		" */\nstatic const struct virtio_net_params zone%u_vdev%u_params = "
		"{ .sw = %u, .mac = { 0x%02x, 0x%02x, 0x%02x, 0x%02x, 0x%02x, 0x%02x } };\n",
		zone, i, v->net.sw, m[0], m[1], m[2], m[3], m[4], m[5]);
}

static const struct zg_prop net_props[] = {
	{ .name = "bulkhead,virtio", .type = ZG_PROP_STRING },
	{ .name = "bulkhead,switch", .type = ZG_PROP_STRING },
	{ .name = "local-mac-address",
	  .type = ZG_PROP_BYTES,
	  .len = MAC_LEN,
	  .expect = "6 bytes, e.g. [02 00 00 00 00 01]" },
	{ .name = NULL },
};

static const struct zg_model zg_model_virtio_net = {
	.key = "vdev:virtio,mmio:net",
	.needs_key = "vdev:virtio,mmio",
	.compatible = "virtio,mmio",
	.variant = "net",
	.config_compatible = "bulkhead,virtio-net",
	.what = "virtio network device",
	.size = VIRTIO_MMIO_SIZE,
	.irq = ZG_IRQ_REQUIRED,
	.caps = ZG_CAP_PORT | ZG_CAP_DMA_COHERENT,
	.props = net_props,
	.parse = net_parse,
	.emit_params = net_emit_params,
	.link = net_link,
};
ZG_MODEL(zg_model_virtio_net);
