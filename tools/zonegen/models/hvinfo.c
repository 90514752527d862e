// SPDX-License-Identifier: Apache-2.0
/* Model: the hypervisor information device (a read-only register window). */
#include <bulkhead/hvinfo_regs.h>

#include "../model.h"

static const struct zg_model zg_model_hvinfo = {
	.key = "vdev:bulkhead,hvinfo",
	.compatible = "bulkhead,hvinfo",
	.config_compatible = "bulkhead,hvinfo",
	.what = "hypervisor information device",
	.size = HVINFO_SIZE,
	.irq = ZG_IRQ_NONE,
};
ZG_MODEL(zg_model_hvinfo);
