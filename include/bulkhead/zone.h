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

/* Does [ipa, ipa + size) lie in the zone's memory (not devices)? */
bool zone_ipa_is_ram(const struct zone *zone, ipa_t ipa, u64 size);
/* The same, in memory the zone may execute (where a CPU may start). */
bool zone_ipa_is_exec(const struct zone *zone, ipa_t ipa, u64 size);
/* Hypervisor pointer to zone memory, or NULL if not wholly inside it. */
void *zone_ipa_to_hyp(const struct zone *zone, ipa_t ipa, u64 size);
/* The same, for memory the zone may write (where a device writes for it). */
void *zone_ipa_to_hyp_writable(const struct zone *zone, ipa_t ipa, u64 size);

#endif
