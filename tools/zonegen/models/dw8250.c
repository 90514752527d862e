// SPDX-License-Identifier: Apache-2.0
/*
 * Model: the Synopsys DesignWare APB UART as the hypervisor's console.
 * Its driver (drivers/uart/dw8250.c) knows one register layout, 32-bit
 * registers 4 bytes apart; a console node that says otherwise is refused
 * here rather than printing nothing on the board.
 */
#include "../model.h"

#define DW_REG_SHIFT 2
#define DW_IO_WIDTH 4

static void dw8250_check(const void *fdt, int node, struct zg_diag *diag)
{
	int shift = dt_cells(fdt, node, "reg-shift", 0);
	int width = dt_cells(fdt, node, "reg-io-width", 1);

	if (shift != DW_REG_SHIFT || width != DW_IO_WIDTH)
		zg_error(
			diag, fdt, node,
			"snps,dw-apb-uart console has reg-shift %d, reg-io-width %d: the driver handles reg-shift = <%d>, reg-io-width = <%d> only",
			shift, width, DW_REG_SHIFT, DW_IO_WIDTH);
}

static const struct zg_uart zg_uart_dw8250 = {
	.key = "uart:snps,dw-apb-uart",
	.compatible = "snps,dw-apb-uart",
	.check = dw8250_check,
};
ZG_UART(zg_uart_dw8250);
