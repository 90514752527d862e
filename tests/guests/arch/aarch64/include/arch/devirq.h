/* SPDX-License-Identifier: Apache-2.0 */
/*
 * A device's interrupt, for guests that drive a device by interrupt
 * (ivc): its SPI from the device's DTB node, through the GIC the guest
 * sets up itself (arch/aarch64/devirq.c, arch/gic.h: a GICv3 or a GICv2). arch/riscv64 has the
 * same functions for its PLIC.
 */
#ifndef GUEST_ARCH_DEVIRQ_H
#define GUEST_ARCH_DEVIRQ_H

#include <arch/gic.h>
#include <guest/fdt.h>

/* What devirq_init() failures are about. */
#define DEVIRQ_CHIP "gic"
/* What devirq_claim() returns when nothing was pending after all. */
#define DEVIRQ_NONE GIC_INTID_SPURIOUS

/*
 * Sets up the interrupt controller and enables the first interrupt of
 * @dev for vCPU @vcpu (the caller: its index in the zone); *@irq gets its
 * id. The guest still has to unmask interrupts. NULL, or what went wrong.
 */
const char *devirq_init(const struct fdt *fdt, const struct fdt_node *dev,
			unsigned int vcpu, unsigned int *irq);

/* In guest_irq(): the interrupt taken; devirq_complete() ends it. */
static inline unsigned int devirq_claim(void)
{
	return gic_ack();
}

static inline void devirq_complete(unsigned int irq)
{
	gic_eoi(irq);
}

#endif
