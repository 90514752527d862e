// SPDX-License-Identifier: Apache-2.0
/* A zone's devices (DT -> IR): passthrough, their interrupts, emulated. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model.h"

/*
 * Passthrough interrupts: the SPIs of the devices a zone owns. The
 * hypervisor routes each of them to that zone only, which sees it under
 * the same interrupt id. Only a GIC's SPIs or a PLIC's sources can be
 * handed out: a PPI is a per-CPU interrupt of every CPU, an interrupt of
 * another controller never reaches the GIC or PLIC, and the console's
 * belongs to the hypervisor.
 */
static bool check_irq_parent(const void *fdt, const struct zg_platform *plat,
			     const struct zg_zone *zone, int dev,
			     const char *path, struct zg_diag *diag)
{
	if (fdt_getprop(fdt, dev, "interrupts-extended", NULL)) {
		zg_error(diag, fdt, zone->node,
			 "device %s: interrupts-extended is not supported",
			 path);
		return false;
	}
	if (dt_interrupt_parent(fdt, dev) != plat->irqchip_node) {
		zg_error(
			diag, fdt, zone->node,
			"device %s: its interrupt parent is not the interrupt controller of / (not supported)",
			path);
		return false;
	}
	if (!plat->irqchip) {
		zg_error(
			diag, fdt, zone->node,
			"device %s: interrupts can only be passed through from a GIC or a PLIC",
			path);
		return false;
	}
	return true;
}

static void parse_dev_irqs(const void *fdt, const struct zg_platform *plat,
			   struct zg_zone *zone, int dev, struct zg_diag *diag)
{
	const fdt32_t *cells;
	int len;

	cells = fdt_getprop(fdt, dev, "interrupts", &len);
	if (!cells && !fdt_getprop(fdt, dev, "interrupts-extended", NULL))
		return;
	if (!check_irq_parent(fdt, plat, zone, dev, zg_path(fdt, dev), diag))
		return;
	plat->irqchip->dev_irqs(fdt, plat, zone, dev, cells, len,
				zg_path(fdt, dev), diag);
}

static int cmp_irq(const void *a, const void *b)
{
	const struct zg_irq *x = a, *y = b;

	return x->id < y->id ? -1 : x->id > y->id;
}

static bool add_region(const void *fdt, struct zg_zone *zone,
		       const struct zg_range *r, u32 dev_idx,
		       struct zg_diag *diag)
{
	struct zg_dev_region *reg;

	if (zone->nr_dev_regions == ZG_MAX_DEV_REGIONS) {
		zg_error(diag, fdt, zone->node, "more than %d device ranges",
			 ZG_MAX_DEV_REGIONS);
		return false;
	}
	reg = zg_vec_push(zone->dev_regions, zone->nr_dev_regions,
			  zone->cap_dev_regions);
	reg->range = range_to_pages(r);
	reg->dev_mask = 1u << dev_idx;
	return true;
}

static int check_dev_node(const void *fdt, struct zg_zone *zone, int i,
			  u32 phandle, const struct zg_platform *plat,
			  struct zg_diag *diag)
{
	int dev = fdt_node_offset_by_phandle(fdt, phandle);

	if (dev < 0) {
		zg_error(
			diag, fdt, zone->node,
			"bulkhead,devices entry %d: phandle 0x%x names no node",
			i, phandle);
		return -1;
	}
	if (zg_find_dev(zone, dev) >= 0) {
		zg_error(diag, fdt, zone->node, "device %s is listed twice",
			 zg_path(fdt, dev));
		return -1;
	}
	if (dev == plat->irqchip_node || dev == 0 ||
	    dev == plat->bulkhead_node) {
		zg_error(
			diag, fdt, zone->node,
			"device %s belongs to the hypervisor and cannot be passed through",
			zg_path(fdt, dev));
		return -1;
	}
	return dev;
}

static void add_device(const void *fdt, struct zg_zone *zone, int i,
		       u32 phandle, const struct zg_platform *plat,
		       struct zg_diag *diag)
{
	int dev = check_dev_node(fdt, zone, i, phandle, plat, diag);
	struct zg_device *d;
	int n, r;

	if (dev < 0)
		return;
	if (zone->nr_devs == ZG_MAX_DEVS) {
		zg_error(diag, fdt, zone->node,
			 "more than %d passthrough devices", ZG_MAX_DEVS);
		return;
	}
	d = zg_vec_push(zone->devs, zone->nr_devs, zone->cap_devs);
	n = dt_get_reg(fdt, dev, d->regs, ZG_MAX_DEV_REGS);
	if (n < 0) {
		zg_error(diag, fdt, zone->node, "device %s %s",
			 zg_path(fdt, dev), dt_reg_strerror(n));
		memset(d, 0, sizeof(*d));
		zone->nr_devs--;
		return;
	}
	d->node = dev;
	d->nr_regs = n;
	for (r = 0; r < n; r++)
		if (range_valid(&d->regs[r]))
			add_region(fdt, zone, &d->regs[r], zone->nr_devs - 1,
				   diag);
		else
			zg_error(
				diag, fdt, zone->node,
				"device %s: reg %s is empty or wraps past 2^64",
				zg_path(fdt, dev), zg_range(&d->regs[r]));
	parse_dev_irqs(fdt, plat, zone, dev, diag);
	if (dev == plat->console_node)
		zone->has_console = true;
}

static int cmp_region(const void *a, const void *b)
{
	const struct zg_dev_region *x = a, *y = b;

	return x->range.base < y->range.base ? -1 :
					       x->range.base > y->range.base;
}

/* Regions of one zone sharing a page become one stage-2 mapping. */
static void merge_regions(struct zg_zone *zone)
{
	struct zg_dev_region *last;
	u32 i, n = 0;

	if (zone->nr_dev_regions)
		qsort(zone->dev_regions, zone->nr_dev_regions,
		      sizeof(zone->dev_regions[0]), cmp_region);
	for (i = 0; i < zone->nr_dev_regions; i++) {
		last = n ? &zone->dev_regions[n - 1] : NULL;
		if (last &&
		    ranges_overlap(&last->range, &zone->dev_regions[i].range)) {
			u64 end = range_end(&zone->dev_regions[i].range);

			if (end > range_end(&last->range))
				last->range.size = end - last->range.base;
			last->dev_mask |= zone->dev_regions[i].dev_mask;
			continue;
		}
		zone->dev_regions[n++] = zone->dev_regions[i];
	}
	zone->nr_dev_regions = n;
}

void zg_parse_zone_devices(const void *fdt, const struct zg_platform *plat,
			   struct zg_zone *zone, struct zg_diag *diag)
{
	const fdt32_t *cells;
	int len, i;

	cells = fdt_getprop(fdt, zone->node, "bulkhead,devices", &len);
	if (!cells)
		return;
	if (!len || len % 4) {
		zg_malformed(diag, fdt, zone->node, "bulkhead,devices",
			     "a list of device phandles");
		return;
	}
	for (i = 0; i < len / 4; i++)
		add_device(fdt, zone, i, fdt32_to_cpu(cells[i]), plat, diag);
	merge_regions(zone);
	if (zone->nr_irqs) /* glibc's qsort takes no NULL array */
		qsort(zone->irqs, zone->nr_irqs, sizeof(zone->irqs[0]),
		      cmp_irq);
}

/*
 * Emulated devices: the child nodes of a zone (each read by its model in
 * models/), the zone's ends of inter-zone channels (ivc.c), and on a
 * GICv3 board the zone's virtual GIC (distributor and redistributors,
 * where the physical ones are), on a PLIC board its virtual PLIC. A node's
 * reg is a guest physical address in the zone's own #address-cells/
 * #size-cells. The hypervisor traps accesses by leaving their pages
 * unmapped, so a device must not share a page with the zone's memory, a
 * channel's shared memory or passthrough devices.
 */
static const struct zg_prop vdev_props[] = {
	{ .name = "compatible", .type = ZG_PROP_ANY },
	{ .name = "reg", .type = ZG_PROP_ANY },
	{ .name = "interrupts", .type = ZG_PROP_ANY },
	{ .name = "phandle", .type = ZG_PROP_ANY },
	{ .name = NULL },
};

/* A property that only a sibling variant of @model takes. */
static const struct zg_model *variant_owner(const struct zg_model *model,
					    const char *name)
{
	const struct zg_model *const *m;

	for_each_zg_model(m) if (*m != model && (*m)->variant &&
				 !strcmp((*m)->compatible, model->compatible) &&
				 zg_schema_find((*m)->props, name)) return *m;
	return NULL;
}

/*
 * The schema reader for emulated devices: properties the node's model
 * does not take, by name, and those it takes, by type.
 */
static void check_vdev_props(const void *fdt, int node,
			     const struct zg_model *model, struct zg_diag *diag)
{
	const struct zg_model *owner;
	const struct zg_prop *p;
	const char *name;
	int prop;

	fdt_for_each_property_offset(prop, fdt, node) {
		if (!fdt_getprop_by_offset(fdt, prop, &name, NULL) ||
		    zg_schema_find(vdev_props, name))
			continue;
		p = model ? zg_schema_find(model->props, name) : NULL;
		if (p) {
			zg_check_prop(fdt, node, p, diag);
			continue;
		}
		owner = model ? variant_owner(model, name) : NULL;
		if (owner)
			zg_error(
				diag, fdt, node,
				"property \"%s\" is only for %s = \"%s\" (this device is \"%s\")",
				name,
				zg_model_find(model->compatible, NULL)
					->variant_prop,
				owner->variant, model->variant);
		else if (model)
			zg_error(diag, fdt, node, "unknown property \"%s\"",
				 name);
	}
}

/* "\"a\", \"b\"<last>\"c\"": the variants of transport @t. */
static const char *variant_list(const struct zg_model *t, const char *last)
{
	const struct zg_model *const *m;
	char *buf = zg_msg_buf();
	u32 count = 0, i = 0;

	for_each_zg_model(m) count +=
		(*m)->variant && !strcmp((*m)->compatible, t->compatible);
	buf[0] = '\0';
	for_each_zg_model(m) if ((*m)->variant &&
				 !strcmp((*m)->compatible, t->compatible))
		zg_append(buf, ++i == count ? last : ", ", (*m)->variant, true);
	return buf;
}

/* A transport node's model is its variant property's. */
static const struct zg_model *find_variant(const void *fdt, int node,
					   const struct zg_model *t,
					   struct zg_diag *diag)
{
	const char *type = dt_get_string(fdt, node, t->variant_prop);
	const struct zg_model *m;

	if (!fdt_getprop(fdt, node, t->variant_prop, NULL)) {
		zg_error(diag, fdt, node,
			 "missing required property \"%s\" (%s)",
			 t->variant_prop, variant_list(t, " or "));
		return NULL;
	}
	m = type ? zg_model_find(t->compatible, type) : NULL;
	if (m && m->variant)
		return m;
	zg_error(diag, fdt, node, "%s \"%s\" is not one of %s", t->variant_prop,
		 type ? type : "", variant_list(t, ", "));
	return NULL;
}

static void unknown_model(const void *fdt, int node, const char *compat,
			  const struct zg_model *m, struct zg_diag *diag)
{
	const struct zg_model *const *k;
	char *known = zg_msg_buf();

	known[0] = '\0';
	for_each_zg_model(k) if (!(*k)->variant &&
				 !((*k)->caps & ZG_CAP_CHANNEL))
		zg_append(known, ", ", (*k)->compatible, false);
	zg_error(diag, fdt, node,
		 "unknown emulated device compatible \"%s\" (known: %s)%s",
		 compat, known,
		 m ? "; a bulkhead,ivc channel is a child of /bulkhead" : "");
}

static const struct zg_model *
find_model(const void *fdt, int node, const char *compat, struct zg_diag *diag)
{
	const struct zg_model *m = zg_model_find(compat, NULL);

	if (!m || (m->caps & ZG_CAP_CHANNEL)) {
		unknown_model(fdt, node, compat, m, diag);
		return NULL;
	}
	if (m->variant_prop)
		return find_variant(fdt, node, m, diag);
	return m;
}

/*
 * A model the hypervisor was built without would only fail when the zone
 * starts: say so now, with the option to turn on.
 */
void zg_check_model_config(const void *fdt, int node,
			   const struct zg_options *opt,
			   const struct zg_model *model, struct zg_diag *diag)
{
	zg_check_key(fdt, node, opt, model->key, model->what, diag);
	if (model->needs_key)
		zg_check_key(fdt, node, opt, model->needs_key, model->what,
			     diag);
}

/*
 * The interrupt emulated device or channel @node raises in the zone's
 * virtual interrupt controller, as its model decodes it.
 */
bool zg_read_virq(const void *fdt, const struct zg_platform *plat, int node,
		  u32 *irq, struct zg_diag *diag)
{
	const fdt32_t *cells;
	int len;

	*irq = 0;
	cells = fdt_getprop(fdt, node, "interrupts", &len);
	if (!cells)
		return true;
	if (!plat->irqchip || !plat->irqchip->vdev_irq) {
		zg_error(
			diag, fdt, node,
			"interrupts of emulated devices need a virtual interrupt controller (an arm,gic-v3 or a PLIC)");
		return false;
	}
	return plat->irqchip->vdev_irq(fdt, plat, node, cells, len, irq, diag);
}

static bool read_vdev_irq(const void *fdt, const struct zg_platform *plat,
			  const struct zg_model *model, struct zg_vdev *v,
			  struct zg_diag *diag)
{
	bool has = fdt_getprop(fdt, v->node, "interrupts", NULL) != NULL;

	if (has && model->irq == ZG_IRQ_NONE) {
		zg_error(diag, fdt, v->node, "%s raises no interrupt",
			 model->compatible);
		return false;
	}
	if (!has && model->irq == ZG_IRQ_REQUIRED) {
		zg_error(
			diag, fdt, v->node,
			"missing required property \"interrupts\" (a %s raises an interrupt)",
			model->what);
		return false;
	}
	return zg_read_virq(fdt, plat, v->node, &v->irq, diag);
}

static bool read_vdev_reg(const void *fdt, const struct zg_model *model,
			  struct zg_vdev *v, struct zg_diag *diag)
{
	struct zg_range r[2];
	int n = dt_get_raw_reg(fdt, v->node, r, 1);

	if (n == DT_REG_NONE) {
		zg_missing(diag, fdt, v->node, "reg");
		return false;
	}
	if (n < 0 || !range_valid(&r[0])) {
		zg_malformed(
			diag, fdt, v->node, "reg",
			"one (address, size) pair in the zone's #address-cells/#size-cells");
		return false;
	}
	if (r[0].size != model->size) {
		zg_error(diag, fdt, v->node, "%s needs a reg size of 0x%llx",
			 model->compatible, (unsigned long long)model->size);
		return false;
	}
	v->range = r[0];
	return true;
}

static bool read_vdev(const void *fdt, const struct zg_options *opt,
		      const struct zg_platform *plat, int node,
		      struct zg_vdev *v, struct zg_diag *diag)
{
	const struct zg_model *model;
	const char *compat;

	memset(v, 0, sizeof(*v));
	v->node = node;
	compat = dt_get_string(fdt, node, "compatible");
	if (!compat) {
		zg_missing(diag, fdt, node, "compatible");
		return false;
	}
	model = find_model(fdt, node, compat, diag);
	check_vdev_props(fdt, node, model, diag);
	if (!model)
		return false;
	v->compatible = model->config_compatible;
	v->model = model;
	zg_check_model_config(fdt, node, opt, model, diag);
	if (!read_vdev_reg(fdt, model, v, diag) ||
	    !read_vdev_irq(fdt, plat, model, v, diag))
		return false;
	if (model->parse)
		model->parse(fdt, opt, plat, v, diag);
	return true;
}

int zg_cmp_vdev(const void *a, const void *b)
{
	const struct zg_vdev *x = a, *y = b;

	if (x->range.base != y->range.base)
		return x->range.base < y->range.base ? -1 : 1;
	return x->node - y->node;
}

/*
 * Each zone gets the interrupt controller model's virtual one, when it
 * has one; a build without it fails here rather than at boot.
 */
static void add_virtual_irqchip(const void *fdt, const struct zg_options *opt,
				const struct zg_platform *plat,
				struct zg_zone *zone, struct zg_diag *diag)
{
	const struct zg_irqchip *ic = plat->irqchip;

	if (!ic || !ic->add_virtual || !zone->nr_cpus)
		return;
	zg_check_key(fdt, zone->node, opt, ic->vkey, ic->vwhat, diag);
	ic->add_virtual(plat, zone);
}

static void read_vdev_nodes(const void *fdt, const struct zg_options *opt,
			    const struct zg_platform *plat,
			    struct zg_zone *zone, struct zg_diag *diag)
{
	int node;

	fdt_for_each_subnode(node, fdt, zone->node) {
		if (fdt_first_subnode(fdt, node) >= 0)
			zg_error(diag, fdt, node,
				 "emulated devices have no child nodes");
		if (zone->nr_vdevs == ZG_MAX_VDEVS) {
			zg_error(
				diag, fdt, node,
				"more than %d emulated devices%s", ZG_MAX_VDEVS,
				plat->irqchip && plat->irqchip->vwhat ?
					" (the virtual interrupt controller counts too)" :
					"");
			break;
		}
		if (!read_vdev(fdt, opt, plat, node,
			       zg_vec_push(zone->vdevs, zone->nr_vdevs,
					   zone->cap_vdevs),
			       diag))
			memset(&zone->vdevs[--zone->nr_vdevs], 0,
			       sizeof(zone->vdevs[0]));
	}
}

void zg_parse_zone_vdevs(const void *fdt, const struct zg_options *opt,
			 const struct zg_platform *plat, struct zg_zone *zone,
			 struct zg_diag *diag)
{
	add_virtual_irqchip(fdt, opt, plat, zone, diag);
	read_vdev_nodes(fdt, opt, plat, zone, diag);
}
