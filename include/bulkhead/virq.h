/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Virtual interrupts, as the core sees them. A zone's interrupt controller
 * model (the vGICv3 on aarch64) is one of its emulated devices; it also
 * registers a `struct virq_chip` so the core can hand it interrupts
 * without naming it:
 *   - a passthrough interrupt arrived (the physical one is left active
 *     until the guest's EOI deactivates it),
 *   - an emulated device's interrupt line changed level,
 *   - a vCPU is about to (re-)enter the guest: load what is pending.
 * Interrupt ids are the zone's view; passthrough ones equal the physical.
 */
#ifndef BULKHEAD_VIRQ_H
#define BULKHEAD_VIRQ_H

#include <bulkhead/compiler.h>
#include <bulkhead/driver.h>
#include <bulkhead/types.h>

struct zone;

/*
 * Registered as a DRIVER_VIRQ driver under the compatible of the physical
 * irqchip it works with. Every hook is mandatory except those marked
 * optional; virq_init() refuses a chip that lacks one.
 */
struct virq_chip {
	/* Boot CPU, after the physical irqchip: claims what it needs. */
	int (*init)(void);
	/* Clears the zone's interrupt state (zone start and restart). */
	void (*zone_reset)(struct zone *zone);
	/* Called on the vCPU's own CPU before its first guest instruction. */
	void (*vcpu_reset)(struct zone *zone, u32 vcpu);
	void (*inject_hw)(struct zone *zone, u32 irq);
	void (*set_level)(struct zone *zone, u32 irq, bool level);
	/* On the vCPU's CPU, on every way back into the guest. */
	void (*flush)(struct zone *zone, u32 vcpu);
	/* Would a WFI of this vCPU end at once? */
	bool (*vcpu_wakeup_pending)(struct zone *zone, u32 vcpu);
	/*
	 * A trapped interrupt-controller system register; 0 if handled.
	 * Optional (a chip reached through MMIO only has none).
	 */
	int (*sysreg)(struct zone *zone, u32 vcpu, u32 enc, bool write,
		      u64 *val);
	/*
	 * This CPU is parked: no more maintenance interrupts from its
	 * virtual CPU interface. Optional.
	 */
	void (*cpu_park)(void);
};

/* NULL when the build has no model for this machine's interrupt controller. */
extern const struct virq_chip *virq_chip;

void virq_init(void);
void virq_zone_reset(struct zone *zone);
void virq_vcpu_reset(struct zone *zone, u32 vcpu);
void virq_inject_hw(struct zone *zone, u32 irq);
/* For emulated devices: their interrupt line, by the id in their config. */
void virq_set_level(struct zone *zone, u32 irq, bool level);
void virq_flush(struct zone *zone, u32 vcpu);
bool virq_wakeup_pending(struct zone *zone, u32 vcpu);
void virq_cpu_park(void);
int virq_sysreg(struct zone *zone, u32 vcpu, u32 enc, bool write, u64 *val);

#endif
