// SPDX-License-Identifier: Apache-2.0
/* The library's entry: runs parse, then check and the models' links. */
#include "model.h"

int zonegen_parse(const void *fdt, size_t size, const struct zg_options *opt,
		  struct zg_layout *out, struct zg_diag *diag)
{
	if (!zg_parse(fdt, size, opt, out, diag)) {
		zg_check(out, opt, diag);
		zg_link_models(out, diag);
	}
	return diag->nr_errors ? -1 : 0;
}
