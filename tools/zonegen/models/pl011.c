// SPDX-License-Identifier: Apache-2.0
/* Model: the Arm PL011 UART as the hypervisor's console. */
#include "../model.h"

static const struct zg_uart zg_uart_pl011 = {
	.key = "uart:arm,pl011",
	.compatible = "arm,pl011",
};
ZG_UART(zg_uart_pl011);
