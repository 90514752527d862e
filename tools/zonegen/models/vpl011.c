// SPDX-License-Identifier: Apache-2.0
/*
 * Model: a zone's emulated PL011 console UART. Linux's AMBA bus probes a
 * primecell only once it has its apb_pclk: the guest node gets the board
 * PL011's fixed clock, or else one this model makes up with a phandle no
 * board node has.
 */
#include <string.h>

#include "../model.h"

#define VUART_CLK_HZ 24000000 /* what the emulated PL011 claims to run at */

static const struct zg_model zg_model_vpl011;

static bool below_bulkhead(const struct gdtb *g, int node)
{
	while (node > 0) {
		if (node == g->l->plat.bulkhead_node)
			return true;
		node = fdt_parent_offset(g->fdt, node);
	}
	return false;
}

/* The board's PL011 (the console if it is one), whose clock it uses. */
static int board_pl011(const struct gdtb *g)
{
	int node = g->l->plat.console_node;

	if (node >= 0 && zg_is_compatible(g->fdt, node, "arm,pl011"))
		return node;
	node = fdt_node_offset_by_compatible(g->fdt, -1, "arm,pl011");
	while (node >= 0 && below_bulkhead(g, node))
		node = fdt_node_offset_by_compatible(g->fdt, node, "arm,pl011");
	return node;
}

/* The board PL011's first clock, if it is a fixed-clock without cells. */
static int board_uart_clock(const struct gdtb *g)
{
	int uart = board_pl011(g), clk, len;
	const fdt32_t *cells;

	if (uart < 0)
		return -1;
	cells = fdt_getprop(g->fdt, uart, "clocks", &len);
	if (!cells || len < 4)
		return -1;
	clk = fdt_node_offset_by_phandle(g->fdt, fdt32_to_cpu(cells[0]));
	if (clk < 0 || !zg_is_compatible(g->fdt, clk, "fixed-clock") ||
	    dt_cells(g->fdt, clk, "#clock-cells", -1) != 0)
		return -1;
	return clk;
}

static void vpl011_dtb_plan(struct gdtb *g)
{
	int clk = board_uart_clock(g);
	u32 max = 0;

	if (g->model_clk)
		return;
	if (clk >= 0 && gdtb_find_clock(g, clk) < 0 &&
	    g->nr_clocks < GDTB_MAX_CLOCKS)
		g->clocks[g->nr_clocks++] = clk;
	if (clk >= 0 && gdtb_find_clock(g, clk) >= 0) {
		g->model_clk = fdt_get_phandle(g->fdt, clk);
		return;
	}
	if (fdt_find_max_phandle(g->fdt, &max) || max >= FDT_MAX_PHANDLE - 1) {
		gdtb_sw(g, -FDT_ERR_NOPHANDLES);
		return;
	}
	g->model_clk = max + 1;
	g->model_clk_synth = true;
}

static void vpl011_dtb_nodes(struct gdtb *g)
{
	const char *name = "apb-pclk";

	if (!g->model_clk_synth)
		return;
	if (fdt_subnode_offset(g->fdt, 0, name) >= 0)
		name = "bulkhead-apb-pclk"; /* the board's might be copied */
	gdtb_begin_root_node(g, name);
	gdtb_sw(g, fdt_property_string(g->buf, "compatible", "fixed-clock"));
	gdtb_sw(g, fdt_property_u32(g->buf, "#clock-cells", 0));
	gdtb_sw(g, fdt_property_u32(g->buf, "clock-frequency", VUART_CLK_HZ));
	gdtb_sw(g, fdt_property_u32(g->buf, "phandle", g->model_clk));
	gdtb_sw(g, fdt_end_node(g->buf));
}

static void vpl011_dtb_props(struct gdtb *g, const struct zg_vdev *v)
{
	static const char names[] = "uartclk\0apb_pclk";
	fdt32_t clocks[2] = { cpu_to_fdt32(g->model_clk),
			      cpu_to_fdt32(g->model_clk) };

	(void)v;
	if (!g->model_clk)
		return;
	gdtb_sw(g, fdt_property(g->buf, "clocks", clocks, sizeof(clocks)));
	gdtb_sw(g, fdt_property(g->buf, "clock-names", names, sizeof(names)));
}

static const struct zg_model zg_model_vpl011 = {
	.key = "vdev:arm,pl011",
	.compatible = "arm,pl011",
	.config_compatible = "arm,pl011",
	.what = "emulated PL011 UART",
	.size = 0x1000,
	.irq = ZG_IRQ_OPTIONAL,
	.caps = ZG_CAP_CONSOLE,
	.dtb_props = vpl011_dtb_props,
	.dtb_plan = vpl011_dtb_plan,
	.dtb_nodes = vpl011_dtb_nodes,
};
ZG_MODEL(zg_model_vpl011);
