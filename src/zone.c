// SPDX-License-Identifier: Apache-2.0
/* Zones: creation from the zone table, start, stop, restart, memory checks. */
#include <stdarg.h>
#include <bulkhead/arch.h>
#include <bulkhead/irq.h>
#include <bulkhead/percpu.h>
#include <bulkhead/printk.h>
#include <bulkhead/string.h>
#include <bulkhead/virq.h>
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
			pr_err("zone %s: cannot map %#llx+%#llx (%d)\n",
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
			pr_err("zone %s: no model for %s (not configured?)\n",
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
	if (zone_map_memory(zone) || zone_init_vdevs(zone) ||
	    irq_claim_for_zone(zone)) {
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

static void zone_load_images(const struct zone *zone)
{
	for (u32 i = 0; i < zone->cfg->nr_images; i++) {
		const struct zone_image_config *img = &zone->cfg->images[i];

		memcpy((void *)(uintptr_t)img->dst,
		       (const void *)(uintptr_t)img->src, img->size);
		arch_clean_dcache(img->dst, img->size);
	}
}

static void zone_reset_vdevs(struct zone *zone)
{
	for (u32 i = 0; i < zone->nr_vdevs; i++)
		if (zone->vdevs[i].type->reset)
			zone->vdevs[i].type->reset(&zone->vdevs[i]);
}

int zone_start(struct zone *zone, bool reload)
{
	if (reload)
		zone_load_images(zone);
	virq_zone_reset(zone);
	zone_reset_vdevs(zone);
	zone_note_start(zone);
	WRITE_ONCE(zone->state, ZONE_RUNNING);
	return vcpu_on(zone, 0, zone->cfg->entry, zone->cfg->dtb);
}

static void zone_stop(struct zone *zone, u32 cpu, enum zone_stop_kind kind,
		      const char *why)
{
	spin_lock(&zone->lock);
	WRITE_ONCE(zone->state, ZONE_STOPPED);
	spin_unlock(&zone->lock);
	zone_note_stop(zone, kind, why);
	irq_release_zone(zone);
	printk("zone %u (%s) stopped on cpu %u: %s\n", zone->cfg->id,
	       zone->cfg->name, cpu, why);
	zone_kick_other_cpus(zone, cpu);
}

void zone_stop_self(const char *fmt, ...)
{
	struct percpu *cpu = this_cpu();
	char why[160];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(why, sizeof(why), fmt, ap);
	va_end(ap);
	zone_stop(cpu->zone, cpu->id, ZONE_STOP_FAULT, why);
	arch_cpu_park();
}

void zone_power_off_self(const char *call)
{
	struct percpu *cpu = this_cpu();
	struct zone *zone = cpu->zone;
	char why[64];

	if (!(zone->cfg->flags & ZONE_MAY_POWER_OFF)) {
		snprintf(why, sizeof(why), "powered off (%s)", call);
		zone_stop(zone, cpu->id, ZONE_STOP_POWER_OFF, why);
		arch_cpu_park();
	}
	printk("zone %u (%s) powers the machine off\n", zone->cfg->id,
	       zone->cfg->name);
	arch_system_off();
}

static bool other_vcpus_off(const struct zone *zone, u32 self)
{
	for (u32 v = 0; v < zone->nr_vcpus; v++)
		if (v != self && READ_ONCE(zone->vcpu[v].state) != VCPU_OFF)
			return false;
	return true;
}

/*
 * Every vCPU of the zone leaves the guest (the IPI makes each one exit
 * and see ZONE_RESTARTING) and switches itself off; then the images are
 * copied afresh and vCPU 0 starts at the entry point again.
 */
void zone_restart_self(const char *why)
{
	struct percpu *cpu = this_cpu();
	struct zone *zone = cpu->zone;

	if (!zone->cfg->nr_images)
		zone_stop_self(
			"%s: cannot restart, its images are not kept (no bulkhead,image-store)",
			why);
	spin_lock(&zone->lock);
	if (zone->state != ZONE_RUNNING) {
		spin_unlock(&zone->lock);
		zone_check_state(zone); /* someone else is at it */
		arch_cpu_park();
	}
	WRITE_ONCE(zone->state, ZONE_RESTARTING);
	zone->vcpu[cpu->vcpu_index].state = VCPU_OFF;
	spin_unlock(&zone->lock);
	printk("zone %u (%s) restarting: %s\n", zone->cfg->id, zone->cfg->name,
	       why);
	zone_note_stop(zone, ZONE_STOP_RESET, why);
	irq_release_zone(zone);
	zone_kick_other_cpus(zone, cpu->id);
	while (!other_vcpus_off(zone, cpu->vcpu_index))
		arch_wait_state();
	if (zone_start(zone, true))
		zone_stop_self("restart failed: vCPU 0 did not start");
	vcpu_wait_self();
}

void zone_check_state(struct zone *zone)
{
	switch (READ_ONCE(zone->state)) {
	case ZONE_STOPPED:
		arch_cpu_park();
	case ZONE_RESTARTING:
	case ZONE_HALTED:
		vcpu_off_self();
	default:
		break;
	}
}

static const struct mem_region_config *
zone_ram_region(const struct zone *zone, ipa_t ipa, u64 size, u32 need)
{
	for (u32 i = 0; i < zone->cfg->nr_mem; i++) {
		const struct mem_region_config *m = &zone->cfg->mem[i];

		if ((m->flags & MEM_DEVICE) || (m->flags & need) != need)
			continue;
		if (ipa >= m->ipa && size <= m->size &&
		    ipa - m->ipa <= m->size - size)
			return m;
	}
	return NULL;
}

bool zone_ipa_is_ram(const struct zone *zone, ipa_t ipa, u64 size)
{
	return zone_ram_region(zone, ipa, size, 0) != NULL;
}

bool zone_ipa_is_exec(const struct zone *zone, ipa_t ipa, u64 size)
{
	return zone_ram_region(zone, ipa, size, MEM_EXEC) != NULL;
}

void *zone_ipa_to_hyp(const struct zone *zone, ipa_t ipa, u64 size)
{
	const struct mem_region_config *m =
		zone_ram_region(zone, ipa, size, MEM_READ);

	return m ? (void *)(uintptr_t)(m->phys + (ipa - m->ipa)) : NULL;
}

void *zone_ipa_to_hyp_writable(const struct zone *zone, ipa_t ipa, u64 size)
{
	const struct mem_region_config *m =
		zone_ram_region(zone, ipa, size, MEM_READ | MEM_WRITE);

	return m ? (void *)(uintptr_t)(m->phys + (ipa - m->ipa)) : NULL;
}
