// SPDX-License-Identifier: Apache-2.0
#include <stdarg.h>
#include <bulkhead/arch.h>
#include <bulkhead/irq.h>
#include <bulkhead/percpu.h>
#include <bulkhead/printk.h>
#include <bulkhead/zone.h>

struct zone zones[CONFIG_MAX_ZONES];
u32 nr_zones;

static int zone_map_memory(struct zone *zone)
{
	const struct zone_config *cfg = zone->cfg;

	for (u32 i = 0; i < cfg->nr_mem; i++) {
		const struct mem_region_config *m = &cfg->mem[i];
		int err = pt_map_range(&zone->s2, m->ipa, m->phys, m->size,
				       arch_stage2_attrs(m->flags));

		if (err) {
			pr_err("bulkhead: zone %s: cannot map %#llx+%#llx (%d)\n",
			       cfg->name, (unsigned long long)m->ipa,
			       (unsigned long long)m->size, err);
			return err;
		}
	}
	return 0;
}

static int zone_init_vdevs(struct zone *zone)
{
	const struct zone_config *cfg = zone->cfg;

	if (cfg->nr_vdevs > ZONE_MAX_VDEVS)
		return -1;
	for (u32 i = 0; i < cfg->nr_vdevs; i++) {
		struct vdev *dev = &zone->vdevs[i];

		dev->cfg = &cfg->vdevs[i];
		dev->zone = zone;
		dev->type = vdev_type_find(dev->cfg->compatible);
		if (!dev->type) {
			pr_err("bulkhead: zone %s: no model for %s (not configured?)\n",
			       cfg->name, dev->cfg->compatible);
			return -1;
		}
		if (dev->type->init && dev->type->init(dev))
			return -1;
	}
	zone->nr_vdevs = cfg->nr_vdevs;
	return 0;
}

int zone_create(struct zone *zone, const struct zone_config *cfg)
{
	zone->cfg = cfg;
	zone->vmid = (u16)(cfg->id + 1); /* VMID 0 stays unused */
	zone->nr_vcpus = hweight64(cfg->cpu_mask);
	zone->lock = (spinlock_t)SPINLOCK_INIT;
	if (pt_init(&zone->s2, arch_stage2_format(), &hyp_pool))
		return -1;
	if (zone_map_memory(zone) || zone_init_vdevs(zone)) {
		pt_destroy(&zone->s2); /* give its tables back to the pool */
		return -1;
	}
	return 0;
}

struct zone *zone_of_cpu(u32 cpu)
{
	for (u32 i = 0; i < nr_zones; i++)
		if (zones[i].cfg->cpu_mask & BIT(cpu))
			return &zones[i];
	return NULL;
}

u32 zone_vcpu_index(const struct zone *zone, u32 cpu)
{
	return hweight64(zone->cfg->cpu_mask & (BIT(cpu) - 1));
}

static void zone_kick_other_cpus(const struct zone *zone, u32 self)
{
	for (u32 cpu = 0; cpu < platform.nr_cpus; cpu++)
		if (cpu != self && (zone->cfg->cpu_mask & BIT(cpu)))
			irq_send_ipi(cpu);
}

void zone_stop_self(const char *fmt, ...)
{
	struct percpu *cpu = this_cpu();
	struct zone *zone = cpu->zone;
	char why[160];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(why, sizeof(why), fmt, ap);
	va_end(ap);
	spin_lock(&zone->lock);
	WRITE_ONCE(zone->state, ZONE_STOPPED);
	spin_unlock(&zone->lock);
	printk("bulkhead: zone %u (%s) stopped on cpu %u: %s\n", zone->cfg->id,
	       zone->cfg->name, cpu->id, why);
	zone_kick_other_cpus(zone, cpu->id);
	arch_cpu_park();
}

static const struct mem_region_config *zone_ram_region(const struct zone *zone,
						       ipa_t ipa, u64 size)
{
	for (u32 i = 0; i < zone->cfg->nr_mem; i++) {
		const struct mem_region_config *m = &zone->cfg->mem[i];

		if (m->flags & MEM_DEVICE)
			continue;
		if (ipa >= m->ipa && size <= m->size &&
		    ipa - m->ipa <= m->size - size)
			return m;
	}
	return NULL;
}

bool zone_ipa_is_ram(const struct zone *zone, ipa_t ipa, u64 size)
{
	return zone_ram_region(zone, ipa, size) != NULL;
}

void *zone_ipa_to_hyp(const struct zone *zone, ipa_t ipa, u64 size)
{
	const struct mem_region_config *m = zone_ram_region(zone, ipa, size);

	return m ? (void *)(uintptr_t)(m->phys + (ipa - m->ipa)) : NULL;
}
