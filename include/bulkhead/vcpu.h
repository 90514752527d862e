/* SPDX-License-Identifier: Apache-2.0 */
/*
 * vCPU power management, as PSCI (aarch64) and SBI HSM (riscv64) expose
 * it: a zone can start, stop and query only its own vCPUs, which it names
 * by index (0 .. nr_vcpus - 1); the index is all a guest ever sees of a
 * CPU, so it cannot even name another zone's.
 */
#ifndef BULKHEAD_VCPU_H
#define BULKHEAD_VCPU_H

#include <bulkhead/compiler.h>
#include <bulkhead/types.h>

struct zone;

enum vcpu_power {
	VCPU_OFF,
	VCPU_ON_PENDING, /* CPU_ON accepted, the vCPU has not entered yet */
	VCPU_ON,
};

struct vcpu_power_state {
	enum vcpu_power state;
	u64 entry;
	u64 context;
};

/* vcpu_on() results */
#define VCPU_OK 0
#define VCPU_ENOENT (-1) /* no such vCPU in this zone */
#define VCPU_EALREADY (-2) /* already on */
#define VCPU_EPENDING (-3) /* a CPU_ON is already in flight */
#define VCPU_EFAIL (-4) /* the physical CPU could not be started */

int vcpu_on(struct zone *zone, u32 vcpu, u64 entry, u64 context);
/* Returns the vCPU's state, or -1 if the zone has no such vCPU. */
int vcpu_power_state(struct zone *zone, u32 vcpu);
/* Turns the calling vCPU off; it re-enters the guest at its next CPU_ON. */
void __noreturn vcpu_off_self(void);
/* Waits, in whatever power state the vCPU is, until it is to run. */
void __noreturn vcpu_wait_self(void);
/* Logical CPU that runs vCPU `vcpu` of the zone. */
u32 zone_vcpu_cpu(const struct zone *zone, u32 vcpu);
/*
 * The end of every guest exit, just before the way back into the guest:
 * follows the zone if it stopped or is restarting (may not return), then
 * loads the vCPU's pending virtual interrupts.
 */
void vcpu_trap_exit(void);
/* Where every CPU of a running zone goes: into its vCPU, when it is on. */
void __noreturn vcpu_run(void);

#endif
