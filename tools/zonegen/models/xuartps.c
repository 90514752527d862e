// SPDX-License-Identifier: Apache-2.0
/* Model: the Cadence UART (ZynqMP, Zynq-7000) as the hypervisor's console. */
#include "../model.h"

static const struct zg_uart zg_uart_xuartps = {
	.key = "uart:cdns,uart-r1p12",
	.compatible = "cdns,uart-r1p12",
};
ZG_UART(zg_uart_xuartps);

static const struct zg_uart zg_uart_xuartps_zynq = {
	.key = "uart:xlnx,xuartps",
	.compatible = "xlnx,xuartps",
};
ZG_UART(zg_uart_xuartps_zynq);
