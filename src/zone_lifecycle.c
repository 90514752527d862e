// SPDX-License-Identifier: Apache-2.0
/*
 * Zone lifecycle as the management zone drives it: boot (auto or manual),
 * stop, start and restart of another zone, the state and counters the
 * management service reports.
 *
 * A commanded stop reuses the restart machinery: the zone is marked
 * restarting, the hypervisor IPI brings each of its vCPUs out of the
 * guest (a physical IRQ traps to EL2 whatever the guest masks, so a hung
 * guest leaves too) and each switches itself off. The zone is then
 * halted: its CPUs wait in the hypervisor, with its passthrough
 * interrupts quiesced and its device models reset, until a start puts
 * vCPU 0 back at the entry point.
 */
#include <bulkhead/arch.h>
#include <bulkhead/irq.h>
#include <bulkhead/printk.h>
#include <bulkhead/string.h>
#include <bulkhead/virq.h>
#include <bulkhead/zone.h>

static const char *const life_state_names[] = {
	[ZONE_LIFE_STOPPED] = "stopped",
	[ZONE_LIFE_RUNNING] = "running",
	[ZONE_LIFE_STOPPING] = "stopping",
	[ZONE_LIFE_CRASHED] = "crashed",
};

static const char *const stop_kind_names[] = {
	[ZONE_STOP_NONE] = "none",	     [ZONE_STOP_FAULT] = "fault",
	[ZONE_STOP_POWER_OFF] = "power-off", [ZONE_STOP_RESET] = "reset",
	[ZONE_STOP_COMMAND] = "command",
};

const char *zone_life_state_name(enum zone_life_state s)
{
	return (u32)s < ARRAY_SIZE(life_state_names) ? life_state_names[s] :
						       "?";
}

const char *zone_stop_kind_name(enum zone_stop_kind k)
{
	return (u32)k < ARRAY_SIZE(stop_kind_names) ? stop_kind_names[k] : "?";
}

enum zone_life_state zone_life_state(const struct zone *zone)
{
	switch (READ_ONCE(zone->state)) {
	case ZONE_RUNNING:
		return ZONE_LIFE_RUNNING;
	case ZONE_RESTARTING:
		return READ_ONCE(zone->life.stopping) ? ZONE_LIFE_STOPPING :
							ZONE_LIFE_RUNNING;
	case ZONE_STOPPED:
		/* Powered off by itself is a clean stop; anything else not. */
		return zone->life.last_stop == ZONE_STOP_POWER_OFF ?
			       ZONE_LIFE_STOPPED :
			       ZONE_LIFE_CRASHED;
	default:
		return ZONE_LIFE_STOPPED;
	}
}

/* The event log: a ring of the last ZONE_EVENTS, any CPU appends. */
static struct zone_event events[ZONE_EVENTS];
static u32 last_event_seq;
static spinlock_t events_lock = SPINLOCK_INIT;

static void log_event(const struct zone *zone, enum zone_stop_kind kind,
		      const char *why)
{
	struct zone_event *ev;

	spin_lock(&events_lock);
	ev = &events[last_event_seq % ZONE_EVENTS];
	ev->seq = ++last_event_seq;
	ev->zone = zone->cfg->id;
	ev->kind = kind;
	snprintf(ev->reason, sizeof(ev->reason), "%s", why);
	spin_unlock(&events_lock);
}

u32 zone_events_after(u32 after, struct zone_event *out, u32 max)
{
	u32 n = 0, first;

	spin_lock(&events_lock);
	first = last_event_seq > ZONE_EVENTS ? last_event_seq - ZONE_EVENTS : 0;
	if (after < first)
		after = first; /* older ones were overwritten */
	for (u32 seq = after + 1; seq <= last_event_seq && n < max; seq++)
		out[n++] = events[(seq - 1) % ZONE_EVENTS];
	spin_unlock(&events_lock);
	return n;
}

void zone_note_stop(struct zone *zone, enum zone_stop_kind kind,
		    const char *why)
{
	zone->life.stops++;
	if (kind == ZONE_STOP_FAULT)
		zone->life.crashes++;
	zone->life.last_stop = kind;
	snprintf(zone->life.last_reason, sizeof(zone->life.last_reason), "%s",
		 why);
	log_event(zone, kind, why);
}

void zone_note_start(struct zone *zone)
{
	zone->life.starts++;
	zone->life.started_at = arch_counter();
	log_event(zone, ZONE_STOP_NONE, "");
}

void zone_boot(struct zone *zone)
{
	if (zone->cfg->flags & ZONE_BOOT_MANUAL) {
		WRITE_ONCE(zone->state, ZONE_HALTED);
		printk("zone %u (%s) waits for a start command (bulkhead,boot = \"manual\")\n",
		       zone->cfg->id, zone->cfg->name);
		return;
	}
	if (zone_start(zone, false))
		pr_err("zone %s: cpu %u did not start\n", zone->cfg->name,
		       zone_vcpu_cpu(zone, 0));
}

static bool all_vcpus_off(const struct zone *zone)
{
	for (u32 v = 0; v < zone->nr_vcpus; v++)
		if (READ_ONCE(zone->vcpu[v].state) != VCPU_OFF)
			return false;
	return true;
}

static void kick_cpus(const struct zone *zone)
{
	for (u32 cpu = 0; cpu < platform.nr_cpus; cpu++)
		if (zone->cfg->cpu_mask & BIT(cpu))
			irq_send_ipi(cpu);
}

/* Marks a running zone as leaving; false if it was not running. */
static bool begin_stop(struct zone *zone)
{
	bool ok;

	spin_lock(&zone->lock);
	ok = zone->state == ZONE_RUNNING;
	if (ok) {
		zone->life.stopping = true;
		WRITE_ONCE(zone->state, ZONE_RESTARTING);
	}
	spin_unlock(&zone->lock);
	return ok;
}

/*
 * Waits until every vCPU has switched itself off. False if the zone
 * faulted meanwhile (its CPUs then park instead).
 */
static bool wait_vcpus_off(struct zone *zone)
{
	while (!all_vcpus_off(zone)) {
		if (READ_ONCE(zone->state) == ZONE_STOPPED)
			return false;
		arch_wait_state();
	}
	return true;
}

static void quiesce(struct zone *zone)
{
	virq_zone_reset(zone);
	for (u32 i = 0; i < zone->nr_vdevs; i++)
		if (zone->vdevs[i].type->reset)
			zone->vdevs[i].type->reset(&zone->vdevs[i]);
}

int zone_cmd_stop(struct zone *zone, const struct zone *caller, bool force)
{
	char why[64];

	if (zone == caller)
		return ZONE_CMD_ESELF;
	if (!begin_stop(zone))
		return ZONE_CMD_ESTOPPED;
	irq_release_zone(zone);
	kick_cpus(zone);
	if (!wait_vcpus_off(zone))
		return ZONE_CMD_EPARKED;
	quiesce(zone);
	spin_lock(&zone->lock);
	zone->life.stopping = false;
	WRITE_ONCE(zone->state, ZONE_HALTED);
	spin_unlock(&zone->lock);
	/* No guest is asked yet: a graceful stop is a forced one (docs). */
	snprintf(why, sizeof(why), "stopped by zone %u (%s)", caller->cfg->id,
		 force ? "forced" : "graceful not supported, forced");
	zone_note_stop(zone, ZONE_STOP_COMMAND, why);
	printk("zone %u (%s) stopped: %s\n", zone->cfg->id, zone->cfg->name,
	       why);
	return ZONE_CMD_OK;
}

int zone_cmd_start(struct zone *zone, const struct zone *caller)
{
	/* The images are in place for the first start only. */
	bool reload = zone->life.starts > 0;

	if (zone == caller)
		return ZONE_CMD_ESELF;
	switch (READ_ONCE(zone->state)) {
	case ZONE_HALTED:
		break;
	case ZONE_STOPPED:
		return ZONE_CMD_EPARKED;
	case ZONE_OFF:
		return ZONE_CMD_EFAIL;
	default:
		return ZONE_CMD_ERUNNING;
	}
	if (reload && !zone->cfg->nr_images)
		return ZONE_CMD_ENOIMAGE;
	printk("zone %u (%s) starting: by zone %u\n", zone->cfg->id,
	       zone->cfg->name, caller->cfg->id);
	return zone_start(zone, reload) ? ZONE_CMD_EFAIL : ZONE_CMD_OK;
}

int zone_cmd_restart(struct zone *zone, const struct zone *caller)
{
	int err = zone_cmd_stop(zone, caller, true);

	if (err && err != ZONE_CMD_ESTOPPED)
		return err;
	return zone_cmd_start(zone, caller);
}

const char *zone_cmd_error(int err)
{
	switch (err) {
	case ZONE_CMD_OK:
		return "ok";
	case ZONE_CMD_ERUNNING:
		return "it is running: stop it first";
	case ZONE_CMD_ESTOPPED:
		return "it is not running";
	case ZONE_CMD_ESELF:
		return "it is the management zone itself";
	case ZONE_CMD_ENOIMAGE:
		return "its images are not kept (no bulkhead,image-store)";
	case ZONE_CMD_EPARKED:
		return "it stopped itself and its CPUs are parked";
	default:
		return "its vCPU 0 did not start";
	}
}
