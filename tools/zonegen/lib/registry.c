// SPDX-License-Identifier: Apache-2.0
/*
 * Lookups over the model registry (the zg_* linker sections model.h
 * describes): no model is named here, each file registers itself.
 */
#include <string.h>

#include "../model.h"

const struct zg_model *zg_model_find(const char *compatible,
				     const char *variant)
{
	const struct zg_model *const *m;

	for_each_zg_model(m)
	{
		if (strcmp((*m)->compatible, compatible))
			continue;
		/* No variant: the transport (or plain model), not a variant. */
		if (variant ? (*m)->variant && !strcmp((*m)->variant, variant) :
			      !(*m)->variant)
			return *m;
	}
	return NULL;
}

const struct zg_model *zg_channel_model(void)
{
	const struct zg_model *const *m;

	for_each_zg_model(m) if ((*m)->caps & ZG_CAP_CHANNEL) return *m;
	return NULL;
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
