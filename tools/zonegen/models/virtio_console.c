// SPDX-License-Identifier: Apache-2.0
/* Model: a virtio console (one per zone), on the virtio-mmio transport. */
#include <bulkhead/virtio_abi.h>

#include "../model.h"

static const struct zg_prop console_props[] = {
	{ .name = "bulkhead,virtio", .type = ZG_PROP_STRING },
	{ .name = NULL },
};

static const struct zg_model zg_model_virtio_console = {
	.key = "vdev:virtio,mmio:console",
	.needs_key = "vdev:virtio,mmio",
	.compatible = "virtio,mmio",
	.variant = "console",
	.config_compatible = "bulkhead,virtio-console",
	.what = "virtio console",
	.size = VIRTIO_MMIO_SIZE,
	.irq = ZG_IRQ_REQUIRED,
	.caps = ZG_CAP_ONE_PER_ZONE | ZG_CAP_DMA_COHERENT,
	.props = console_props,
};
ZG_MODEL(zg_model_virtio_console);
