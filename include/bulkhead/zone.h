/* SPDX-License-Identifier: Apache-2.0 */
/* Zones: a zone's run-time state, creation, start, stop and memory checks. */
#ifndef BULKHEAD_ZONE_H
#define BULKHEAD_ZONE_H

#include <bulkhead/pgtable.h>
#include <bulkhead/spinlock.h>
#include <bulkhead/vcpu.h>
#include <bulkhead/vdev.h>
#include <bulkhead/zone_config.h>

#define ZONE_MAX_VDEVS 16

enum zone_state {
	ZONE_OFF,
	ZONE_RUNNING,
	ZONE_STOPPED, /* by a fault or its own power-off; CPUs parked */
	ZONE_RESTARTING, /* its vCPUs are leaving the guest to start over */
	/* Stopped by command, or never started (bulkhead,boot = "manual"):
	 * its CPUs wait in the hypervisor to be started again. */
	ZONE_HALTED,
};

/* Why a zone last stopped (struct zone_lifecycle.last_stop). */
enum zone_stop_kind {
	ZONE_STOP_NONE, /* it never stopped */
	ZONE_STOP_FAULT, /* the hypervisor stopped it: it crashed */
	ZONE_STOP_POWER_OFF, /* its own SYSTEM_OFF / SBI shutdown */
	ZONE_STOP_RESET, /* its own SYSTEM_RESET: it restarted */
	ZONE_STOP_COMMAND, /* the management zone stopped it */
};

#define ZONE_REASON_LEN 96

/* What the management service reports of a zone (src/zone_lifecycle.c). */
struct zone_lifecycle {
	u32 starts; /* every start: boot, command, its own reset */
	u32 stops; /* every stop, whatever the reason */
	u32 crashes; /* stops of kind ZONE_STOP_FAULT */
	enum zone_stop_kind last_stop;
	char last_reason[ZONE_REASON_LEN];
	u64 started_at; /* arch_counter() at the last start */
	bool stopping; /* a stop command is taking its vCPUs out */
};

struct zone {
	const struct zone_config *cfg;
	struct pgtable s2;
	u16 vmid;
	enum zone_state state;
	u32 nr_vcpus;
	struct vcpu_power_state vcpu[CONFIG_MAX_CPUS]; /* by vCPU index */
	u32 nr_vdevs;
	struct vdev vdevs[ZONE_MAX_VDEVS]; /* same order as cfg->vdevs */
	struct vdev *mmio_hint; /* the device the last trapped access hit */
	spinlock_t lock;
	void *virq; /* the virtual interrupt controller's state, if any */
	struct zone_lifecycle life;
};

extern struct zone zones[CONFIG_MAX_ZONES];
extern u32 nr_zones;

int zone_create(struct zone *zone, const struct zone_config *cfg);
struct zone *zone_of_cpu(u32 cpu);
/* Index of `cpu` among the zone's CPUs (its vCPU number). */
u32 zone_vcpu_index(const struct zone *zone, u32 cpu);
/*
 * Stops the zone: marks it, reports why, and parks its other CPUs. The
 * calling CPU must be one of the zone's and does not return to it.
 */
/*
 * Switches vCPU 0 on at the entry point, after copying the zone's images
 * from the image store if @reload (a restart: at boot the loader put them
 * in place already).
 */
int zone_start(struct zone *zone, bool reload);
void __noreturn zone_stop_self(const char *fmt, ...) __printf(1, 2);
/* SYSTEM_RESET: the zone only, from its pristine images. */
void __noreturn zone_restart_self(const char *why);
/*
 * SYSTEM_OFF (@call names it in the log): the zone, or the machine for a
 * zone with the right to.
 */
void __noreturn zone_power_off_self(const char *call);
/* After an exit: follows the zone if it stopped or is restarting. */
void zone_check_state(struct zone *zone);
/* Records a stop in the zone's counters and the event log. */
void zone_note_stop(struct zone *zone, enum zone_stop_kind kind,
		    const char *why);
/* Records a start likewise (src/zone_lifecycle.c). */
void zone_note_start(struct zone *zone);

#define ZONE_EVENT_REASON_LEN 64
#define ZONE_EVENTS 32 /* the log keeps the last this many */

/* A lifecycle event: kind ZONE_STOP_NONE is a start, else a stop's kind. */
struct zone_event {
	u32 seq; /* from 1, one more per event */
	u32 zone; /* its id */
	enum zone_stop_kind kind;
	char reason[ZONE_EVENT_REASON_LEN];
};

/*
 * Copies the events after sequence number @after still in the log, oldest
 * first, at most @max; returns how many.
 */
u32 zone_events_after(u32 after, struct zone_event *out, u32 max);

/* The lifecycle as the management service reports it. */
enum zone_life_state {
	ZONE_LIFE_STOPPED,
	ZONE_LIFE_RUNNING,
	ZONE_LIFE_STOPPING,
	ZONE_LIFE_CRASHED,
};

/* Management results (zone_cmd_*). */
#define ZONE_CMD_OK 0
#define ZONE_CMD_ERUNNING (-1) /* it is running: stop it first */
#define ZONE_CMD_ESTOPPED (-2) /* it is not running */
#define ZONE_CMD_ESELF (-3) /* the caller's own zone */
#define ZONE_CMD_ENOIMAGE (-4) /* its images are not kept: cannot restart */
#define ZONE_CMD_EFAIL (-5) /* its vCPU 0 did not start */
#define ZONE_CMD_EPARKED (-6) /* it stopped itself: its CPUs are parked */

/* At boot: starts the zone, or leaves it halted if its boot is manual. */
void zone_boot(struct zone *zone);
enum zone_life_state zone_life_state(const struct zone *zone);
const char *zone_life_state_name(enum zone_life_state s);
const char *zone_stop_kind_name(enum zone_stop_kind k);
/* From another zone's CPU (the management zone). */
int zone_cmd_start(struct zone *zone, const struct zone *caller);
int zone_cmd_stop(struct zone *zone, const struct zone *caller, bool force);
int zone_cmd_restart(struct zone *zone, const struct zone *caller);
const char *zone_cmd_error(int err);

/* Does [ipa, ipa + size) lie in the zone's memory (not devices)? */
bool zone_ipa_is_ram(const struct zone *zone, ipa_t ipa, u64 size);
/* The same, in memory the zone may execute (where a CPU may start). */
bool zone_ipa_is_exec(const struct zone *zone, ipa_t ipa, u64 size);
/* Hypervisor pointer to zone memory, or NULL if not wholly inside it. */
void *zone_ipa_to_hyp(const struct zone *zone, ipa_t ipa, u64 size);
/* The same, for memory the zone may write (where a device writes for it). */
void *zone_ipa_to_hyp_writable(const struct zone *zone, ipa_t ipa, u64 size);

#endif
