// SPDX-License-Identifier: Apache-2.0
/*
 * The model registry: adding a model is one file in models/ and one line
 * here. Order matters only for messages that list models.
 */
#include <string.h>

#include "../model.h"

extern const struct zg_model zg_model_hvinfo, zg_model_vpl011,
	zg_model_vns16550, zg_model_virtio_mmio, zg_model_virtio_blk,
	zg_model_virtio_net, zg_model_virtio_console, zg_model_ivc;

const struct zg_model *const zg_models[] = {
	&zg_model_hvinfo,	  &zg_model_vpl011,	&zg_model_vns16550,
	&zg_model_virtio_mmio,	  &zg_model_virtio_blk, &zg_model_virtio_net,
	&zg_model_virtio_console, &zg_model_ivc,	NULL,
};

extern const struct zg_irqchip zg_irqchip_gicv3, zg_irqchip_gic,
	zg_irqchip_plic;
extern const struct zg_uart zg_uart_pl011, zg_uart_ns16550;

const struct zg_irqchip *const zg_irqchips[] = {
	&zg_irqchip_gicv3,
	&zg_irqchip_gic,
	&zg_irqchip_plic,
	NULL,
};

const struct zg_uart *const zg_uarts[] = {
	&zg_uart_pl011,
	&zg_uart_ns16550,
	NULL,
};

const struct zg_model *zg_model_find(const char *compatible,
				     const char *variant)
{
	const struct zg_model *const *m;

	for (m = zg_models; *m; m++) {
		if (strcmp((*m)->compatible, compatible))
			continue;
		if (!variant ||
		    ((*m)->variant && !strcmp((*m)->variant, variant)))
			return *m;
	}
	return NULL;
}

const struct zg_model *zg_channel_model(void)
{
	return &zg_model_ivc;
}

void zg_check_key(const void *fdt, int node, const struct zg_options *opt,
		  const char *key, const char *what, struct zg_diag *diag)
{
	const char *symbol = "", *menu = "";

	if (!opt->model_key || !key)
		return;
	switch (opt->model_key(opt->model_key_ctx, key, &symbol, &menu)) {
	case ZG_KEY_ON:
		return;
	case ZG_KEY_OFF:
		zg_error(
			diag, fdt, node,
			"%s needs %s=y in the configuration (make menuconfig: %s)",
			what, symbol, menu);
		return;
	default:
		zg_error(diag, fdt, node,
			 "%s: no Kconfig option provides %s (models table)",
			 what, key);
	}
}
