// SPDX-License-Identifier: Apache-2.0
/*
 * The hypervisor's own stage-1 address space, 1:1, built from the image's
 * sections, the platform and the zone table; an architecture gives its
 * descriptor format and what each kind of memory is mapped as.
 */
#include <bulkhead/pgtable.h>
#include <bulkhead/zone.h>

extern u8 __text_start[], __rodata_start[], __rodata_end[];

static int map(struct pgtable *pt, paddr_t pa, u64 size, u64 attrs)
{
	return pt_map_range(pt, pa, pa, size, attrs);
}

/* Text executable, rodata read-only, the rest of the region data. */
static int map_image(struct pgtable *pt, const struct hyp_map_attrs *a)
{
	u64 text = (u64)(uintptr_t)__text_start;
	u64 rodata = (u64)(uintptr_t)__rodata_start;
	u64 data = (u64)(uintptr_t)__rodata_end;
	u64 end = platform.hyp.base + platform.hyp.size;

	if (map(pt, text, rodata - text, a->text) ||
	    map(pt, rodata, data - rodata, a->rodata) ||
	    map(pt, data, end - data, a->data))
		return -1;
	return 0;
}

/* Zone memory too (not executable): hypercalls and device models read
 * guest buffers after checking them. A channel's memory is in both of
 * its zones: mapped once. */
static int map_zone_memory(struct pgtable *pt, const struct zone_config *cfg,
			   const struct hyp_map_attrs *a)
{
	int err = 0;

	for (u32 i = 0; !err && i < cfg->nr_mem; i++)
		if (!(cfg->mem[i].flags & MEM_DEVICE) &&
		    !pt_lookup(pt, cfg->mem[i].phys, NULL))
			err = map(pt, cfg->mem[i].phys, cfg->mem[i].size,
				  a->data);
	return err;
}

static int map_devices_and_zones(struct pgtable *pt,
				 const struct hyp_map_attrs *a)
{
	int err =
		map(pt, ALIGN_DOWN(platform.console.reg.base, PAGE_SIZE),
		    ALIGN_UP(platform.console.reg.size, PAGE_SIZE), a->device);

	for (u32 i = 0; !err && i < platform.irqchip.nr_regs; i++)
		err = map(pt, platform.irqchip.regs[i].base,
			  platform.irqchip.regs[i].size, a->device);
	if (!err && platform.image_store.size)
		err = map(pt, platform.image_store.base,
			  platform.image_store.size, a->data);
	for (u32 z = 0; !err && z < nr_zone_configs; z++)
		err = map_zone_memory(pt, &zone_configs[z], a);
	return err;
}

int hyp_map_build(struct pgtable *pt, const struct pt_format *fmt,
		  const struct hyp_map_attrs *attrs)
{
	if (pt_init(pt, fmt, &hyp_pool))
		return -1;
	return map_image(pt, attrs) || map_devices_and_zones(pt, attrs) ? -1 :
									  0;
}
