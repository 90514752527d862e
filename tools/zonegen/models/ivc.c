// SPDX-License-Identifier: Apache-2.0
/*
 * Model: a zone's end of an inter-zone channel (a bulkhead,ivc child of
 * /bulkhead, read by the parse pass): its doorbell window, the shared
 * memory and whom it talks to. Not a zone's child node.
 */
#include <string.h>

#include <bulkhead/ivc_regs.h>

#include "../model.h"

#define HEX(v) ((unsigned long long)(v))

static void ivc_emit_params(FILE *out, const struct zg_vdev *v, u32 zone, u32 i)
{
	fprintf(out,
		" */\nstatic const struct ivc_params zone%u_vdev%u_params = "
		"{ .channel = %u, .peer_zone = %u, .shm = 0x%llx, .shm_size = 0x%llx };\n",
		zone, i, v->ivc.channel, v->ivc.peer_zone, HEX(v->ivc.shm.base),
		HEX(v->ivc.shm.size));
}

/*
 * The doorbell page and the shared memory (which the guest must not take
 * for RAM: it is not in /memory), the interrupt the peer raises, and
 * whom it talks to.
 */
static void ivc_write_dtb(struct gdtb *g, const struct zg_vdev *v)
{
	static const char reg_names[] = "doorbell\0shm";
	struct zg_range reg[2] = { v->range, v->ivc.shm };
	const char *channel = fdt_get_name(g->fdt, v->node, NULL);
	const struct zg_zone *peer = zg_zone_by_node(g->l, v->ivc.peer_node);
	char node[64];

	snprintf(node, sizeof(node), "ivc@%llx", HEX(v->range.base));
	gdtb_begin_root_node(g, node);
	gdtb_sw(g, fdt_property_string(g->buf, "compatible", "bulkhead,ivc"));
	gdtb_put_ranges(g, "reg", reg, 2);
	gdtb_sw(g, fdt_property(g->buf, "reg-names", reg_names,
				sizeof(reg_names)));
	gdtb_write_vdev_irq(g, v);
	gdtb_sw(g, fdt_property_string(g->buf, "bulkhead,peer",
				       peer && peer->label ? peer->label : ""));
	gdtb_sw(g, fdt_property_string(g->buf, "bulkhead,channel",
				       channel ? channel : ""));
	gdtb_sw(g, fdt_end_node(g->buf));
}

static const struct zg_model zg_model_ivc = {
	.key = "vdev:bulkhead,ivc",
	.compatible = "bulkhead,ivc",
	.config_compatible = "bulkhead,ivc",
	.what = "inter-zone channel",
	.size = IVC_SIZE,
	.irq = ZG_IRQ_REQUIRED,
	.caps = ZG_CAP_CHANNEL,
	.emit_params = ivc_emit_params,
	.write_dtb = ivc_write_dtb,
};
ZG_MODEL(zg_model_ivc);
