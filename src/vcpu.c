// SPDX-License-Identifier: Apache-2.0
/*
 * A zone's vCPUs are its CPUs; powering one on starts (or wakes) the
 * physical CPU, which then enters the guest at the requested address. An
 * off vCPU waits in the hypervisor with WFE, so it costs nothing and wakes
 * on the SEV that every unlock sends.
 */
#include <bulkhead/arch.h>
#include <bulkhead/percpu.h>
#include <bulkhead/printk.h>
#include <bulkhead/vcpu.h>
#include <bulkhead/virq.h>
#include <bulkhead/zone.h>

static bool cpu_started[CONFIG_MAX_CPUS];

u32 zone_vcpu_cpu(const struct zone *zone, u32 vcpu)
{
	u64 mask = zone->cfg->cpu_mask;

	while (vcpu--)
		mask &= mask - 1; /* drop the lowest CPU */
	return ctz64(mask);
}

void vcpu_trap_exit(void)
{
	struct percpu *cpu = this_cpu();

	zone_check_state(cpu->zone);
	virq_flush(cpu->zone, cpu->vcpu_index);
}

int vcpu_power_state(struct zone *zone, u32 vcpu)
{
	if (vcpu >= zone->nr_vcpus)
		return -1;
	return (int)READ_ONCE(zone->vcpu[vcpu].state);
}

static int start_cpu_once(u32 cpu)
{
	if (cpu == this_cpu()->id || READ_ONCE(cpu_started[cpu]))
		return 0; /* already in the hypervisor, waiting: the SEV wakes it */
	WRITE_ONCE(cpu_started[cpu], true);
	return arch_cpu_start(cpu);
}

int vcpu_on(struct zone *zone, u32 vcpu, u64 entry, u64 context)
{
	struct vcpu_power_state *vs;
	int ret = VCPU_OK;

	if (vcpu >= zone->nr_vcpus)
		return VCPU_ENOENT;
	vs = &zone->vcpu[vcpu];
	spin_lock(&zone->lock);
	if (vs->state == VCPU_ON)
		ret = VCPU_EALREADY;
	else if (vs->state == VCPU_ON_PENDING)
		ret = VCPU_EPENDING;
	else {
		vs->entry = entry;
		vs->context = context;
		WRITE_ONCE(vs->state, VCPU_ON_PENDING);
	}
	spin_unlock(&zone->lock);
	if (ret == VCPU_OK && start_cpu_once(zone_vcpu_cpu(zone, vcpu))) {
		WRITE_ONCE(vs->state, VCPU_OFF);
		ret = VCPU_EFAIL;
	}
	return ret;
}

/*
 * A CPU_ON from before the restart must not survive it. Checked again
 * under the lock: the restart may be over already, and the CPU_ON seen
 * the zone's new one.
 */
static void cancel_cpu_on(struct zone *zone, struct vcpu_power_state *vs)
{
	spin_lock(&zone->lock); /* its unlock also wakes the restarter */
	if (zone->state == ZONE_RESTARTING && vs->state == VCPU_ON_PENDING)
		vs->state = VCPU_OFF;
	spin_unlock(&zone->lock);
}

/*
 * Waits until this vCPU is asked to run. A zone that stops parks its CPUs;
 * one that restarts cancels any CPU_ON still in flight.
 */
static void __noreturn wait_and_enter(struct zone *zone, u32 vcpu)
{
	struct vcpu_power_state *vs = &zone->vcpu[vcpu];

	for (;;) {
		enum zone_state zs = READ_ONCE(zone->state);

		if (zs == ZONE_STOPPED || zs == ZONE_OFF)
			arch_cpu_park();
		if (zs == ZONE_RUNNING &&
		    READ_ONCE(vs->state) == VCPU_ON_PENDING)
			break;
		if (zs == ZONE_RESTARTING)
			cancel_cpu_on(zone, vs);
		arch_wait_state();
	}
	WRITE_ONCE(vs->state, VCPU_ON);
	arch_vcpu_enter(zone, vcpu, vs->entry, vs->context);
}

void vcpu_off_self(void)
{
	struct percpu *cpu = this_cpu();
	struct zone *zone = cpu->zone;

	spin_lock(&zone->lock); /* its unlock wakes a waiting restarter */
	WRITE_ONCE(zone->vcpu[cpu->vcpu_index].state, VCPU_OFF);
	spin_unlock(&zone->lock);
	wait_and_enter(zone, cpu->vcpu_index);
}

void vcpu_run(void)
{
	struct percpu *cpu = this_cpu();
	struct zone *zone = zone_of_cpu(cpu->id);

	WRITE_ONCE(cpu_started[cpu->id], true);
	if (!zone || READ_ONCE(zone->state) != ZONE_RUNNING)
		arch_cpu_park();
	cpu->zone = zone;
	cpu->vcpu_index = zone_vcpu_index(zone, cpu->id);
	pr_info("zone %u (%s) vcpu %u on cpu %u\n", zone->cfg->id,
		zone->cfg->name, cpu->vcpu_index, cpu->id);
	wait_and_enter(zone, cpu->vcpu_index);
}

void vcpu_wait_self(void)
{
	struct percpu *cpu = this_cpu();

	wait_and_enter(cpu->zone, cpu->vcpu_index);
}
