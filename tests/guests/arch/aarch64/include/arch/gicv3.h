/* SPDX-License-Identifier: Apache-2.0 */
/*
 * A minimal GICv3 driver for guests that take interrupts (rtlat): the
 * distributor, this CPU's redistributor and the system-register CPU
 * interface, set up as Linux does it. Natively it drives QEMU's GIC; in a
 * zone the hypervisor's virtual GIC, so it keeps to a small set of
 * registers: GICD_CTLR, GICR_TYPER, GICR_WAKER, GICR_IGROUPR0,
 * GICR_I[SC]ENABLER0, GICR_IPRIORITYR<n> and the ICC_* system registers.
 */
#ifndef GUEST_ARCH_GICV3_H
#define GUEST_ARCH_GICV3_H

#include <stdbool.h>
#include <stdint.h>

#include <guest/fdt.h>

#define GIC_INTID_SPURIOUS 1023

/*
 * Finds the "arm,gic-v3" node (reg[0]: distributor, reg[1..]: regions of
 * redistributors), enables the distributor, wakes this CPU's
 * redistributor and enables group 1 at the CPU interface with every
 * priority unmasked. NULL, or what went wrong.
 */
const char *gicv3_init(const struct fdt *fdt);

/* Makes PPI @intid (16..31) a group 1 interrupt of @priority, enabled. */
void gicv3_enable_ppi(unsigned int intid, uint8_t priority);

/*
 * Makes SPI @intid (32..1019) a group 1 interrupt of @priority, level or
 * @edge triggered, routed to this CPU, enabled. After gicv3_init().
 */
void gicv3_enable_spi(unsigned int intid, uint8_t priority, bool edge);

/* Acknowledges the highest-priority pending group 1 interrupt. */
static inline uint32_t gicv3_ack(void)
{
	uint64_t intid;

	asm volatile("mrs %0, icc_iar1_el1" : "=r"(intid) : : "memory");
	return (uint32_t)intid & 0xffffff;
}

/* Ends it: priority drop and deactivation (ICC_CTLR_EL1.EOImode = 0). */
static inline void gicv3_eoi(uint32_t intid)
{
	asm volatile("msr icc_eoir1_el1, %0\n\tisb"
		     :
		     : "r"((uint64_t)intid)
		     : "memory");
}

#endif
