// SPDX-License-Identifier: Apache-2.0
/*
 * Model: the virtio-mmio transport. A "virtio,mmio" node's bulkhead,virtio
 * picks the device model (virtio_blk.c, virtio_net.c, virtio_console.c);
 * each of them needs this transport in the build too.
 */
#include "../model.h"

static const struct zg_model zg_model_virtio_mmio = {
	.key = "vdev:virtio,mmio",
	.compatible = "virtio,mmio",
	.variant_prop = "bulkhead,virtio",
	.what = "virtio-mmio transport",
};
ZG_MODEL(zg_model_virtio_mmio);
