// SPDX-License-Identifier: Apache-2.0
/* Model: the root zone's management port (a multiport virtio console). */
#include <string.h>

#include <bulkhead/virtio_abi.h>

#include "../model.h"

/* Managing the other zones is the root zone's right alone. */
static void mgmt_parse(const void *fdt, const struct zg_options *opt,
		       const struct zg_platform *plat, struct zg_vdev *v,
		       struct zg_diag *diag)
{
	const char *role = dt_get_string(fdt, fdt_parent_offset(fdt, v->node),
					 "bulkhead,role");

	(void)opt;
	(void)plat;
	if (!role || strcmp(role, "root"))
		zg_error(
			diag, fdt, v->node,
			"a management device is only allowed in the root zone (bulkhead,role = \"root\")");
}

static const struct zg_prop mgmt_props[] = {
	{ .name = "bulkhead,virtio", .type = ZG_PROP_STRING },
	{ .name = NULL },
};

static const struct zg_model zg_model_virtio_mgmt = {
	.key = "vdev:virtio,mmio:mgmt",
	.needs_key = "vdev:virtio,mmio",
	.compatible = "virtio,mmio",
	.variant = "mgmt",
	.config_compatible = "bulkhead,mgmt",
	.what = "management device",
	.size = VIRTIO_MMIO_SIZE,
	.irq = ZG_IRQ_REQUIRED,
	.caps = ZG_CAP_ONE_PER_ZONE | ZG_CAP_DMA_COHERENT,
	.props = mgmt_props,
	.parse = mgmt_parse,
};
ZG_MODEL(zg_model_virtio_mgmt);
