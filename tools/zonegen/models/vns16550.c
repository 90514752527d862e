// SPDX-License-Identifier: Apache-2.0
/* Model: a zone's emulated NS16550A console UART (RISC-V boards). */
#include "../model.h"

#define VUART_16550_CLK_HZ 3686400 /* what it claims to run at, as QEMU's */

static void vns16550_dtb_props(struct gdtb *g, const struct zg_vdev *v)
{
	(void)v;
	gdtb_sw(g, fdt_property_u32(g->buf, "clock-frequency",
				    VUART_16550_CLK_HZ));
}

static const struct zg_model zg_model_vns16550 = {
	.key = "vdev:ns16550a",
	.compatible = "ns16550a",
	.config_compatible = "ns16550a",
	.what = "emulated NS16550A UART",
	.size = 0x100,
	.irq = ZG_IRQ_OPTIONAL,
	.caps = ZG_CAP_CONSOLE,
	.dtb_props = vns16550_dtb_props,
};
ZG_MODEL(zg_model_vns16550);
