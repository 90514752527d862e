/* SPDX-License-Identifier: Apache-2.0 */
/* What the passes export to each other and to zonegen.c; models never include it. */
#ifndef ZG_PASSES_H
#define ZG_PASSES_H

#include "model.h"

/* parse*.c: the parse pass (DT -> IR), in the order it runs them. */
void zg_parse_platform(const void *fdt, const struct zg_options *opt,
		       struct zg_platform *plat, struct zg_diag *diag);
void zg_parse_zone(const void *fdt, int node, const struct zg_options *opt,
		   const struct zg_platform *plat, struct zg_zone *zone,
		   struct zg_diag *diag);
void zg_parse_zone_devices(const void *fdt, const struct zg_platform *plat,
			   struct zg_zone *zone, struct zg_diag *diag);
/* The zone's virtual irqchip and emulated device nodes. */
void zg_parse_zone_vdevs(const void *fdt, const struct zg_options *opt,
			 const struct zg_platform *plat, struct zg_zone *zone,
			 struct zg_diag *diag);
/* Once the channel ends are in too: sorts them by base. */
void zg_sort_zone_vdevs(struct zg_zone *zone);
/*
 * The interrupt that emulated device or channel @node raises, from its
 * interrupts property as the interrupt controller model decodes it.
 * *@irq is 0 without the property; false if it is malformed.
 */
bool zg_read_virq(const void *fdt, const struct zg_platform *plat, int node,
		  u32 *irq, struct zg_diag *diag);
/* The build must include the model of channel @node (CONFIG_IVC). */
void zg_check_channel_config(const void *fdt, int node,
			     const struct zg_options *opt,
			     struct zg_diag *diag);

/* parse_ivc.c: the bulkhead,ivc children of /bulkhead, before the zones. */
bool zg_is_channel(const void *fdt, int node);
void zg_parse_channels(const void *fdt, int bulkhead,
		       const struct zg_options *opt, struct zg_platform *plat,
		       struct zg_diag *diag);
/* Adds the zone's ends of the channels that name it to its vdevs. */
void zg_add_ivc_ends(const void *fdt, const struct zg_platform *plat,
		     struct zg_zone *zone, struct zg_diag *diag);
/* After the zones: each channel end's peer zone id. */
void zg_link_channel_peers(struct zg_layout *l);

/*
 * The passes zonegen_parse() runs. zg_parse() returns 0 when there is a
 * layout to check (a usable /bulkhead), else -1.
 */
int zg_parse(const void *fdt, size_t size, const struct zg_options *opt,
	     struct zg_layout *out, struct zg_diag *diag);
void zg_check(const struct zg_layout *l, const struct zg_options *opt,
	      struct zg_diag *diag);
/* Joins devices across zones, for the models that do (switches). */
void zg_link_models(struct zg_layout *l, struct zg_diag *diag);

#endif
