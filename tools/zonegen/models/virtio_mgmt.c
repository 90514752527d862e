// SPDX-License-Identifier: Apache-2.0
/* Model: the root zone's management port (a multiport virtio console). */
#include <bulkhead/virtio_abi.h>

#include "../model.h"

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
};
ZG_MODEL(zg_model_virtio_mgmt);
