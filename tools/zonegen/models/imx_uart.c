// SPDX-License-Identifier: Apache-2.0
/* Model: the NXP i.MX UART (i.MX21 layout) as the hypervisor's console. */
#include "../model.h"

static const struct zg_uart zg_uart_imx6q = {
	.key = "uart:fsl,imx6q-uart",
	.compatible = "fsl,imx6q-uart",
};
ZG_UART(zg_uart_imx6q);

static const struct zg_uart zg_uart_imx21 = {
	.key = "uart:fsl,imx21-uart",
	.compatible = "fsl,imx21-uart",
};
ZG_UART(zg_uart_imx21);
