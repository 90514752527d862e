// SPDX-License-Identifier: Apache-2.0
/* Model: the NS16550A UART as the hypervisor's console. */
#include "../model.h"

static const struct zg_uart zg_uart_ns16550 = {
	.key = "uart:ns16550a",
	.compatible = "ns16550a",
};
ZG_UART(zg_uart_ns16550);
