/* SPDX-License-Identifier: Apache-2.0 */
/*
 * A device's interrupt, for guests that drive a device by interrupt
 * (ivc): its PLIC source from the device's DTB node, claimed and
 * completed at this hart's supervisor context (arch/riscv64/devirq.c).
 * The same functions as arch/aarch64's, for its GIC.
 */
#ifndef GUEST_ARCH_DEVIRQ_H
#define GUEST_ARCH_DEVIRQ_H

#include <stdint.h>

#include <arch/cpu.h>
#include <guest/fdt.h>

/* What devirq_init() failures are about. */
#define DEVIRQ_CHIP "plic"
/* What devirq_claim() returns when nothing was pending after all. */
#define DEVIRQ_NONE 0

#define IRQ_S_EXT 9
#define SCAUSE_IRQ (1ul << 63)

/*
 * Sets up the interrupt controller and enables the first interrupt of
 * @dev for vCPU @vcpu (the caller: its hart id); *@irq gets its id. The
 * guest still has to unmask interrupts. NULL, or what went wrong.
 */
const char *devirq_init(const struct fdt *fdt, const struct fdt_node *dev,
			unsigned int vcpu, unsigned int *irq);

/* The claim/complete register of the context devirq_init() chose. */
extern uintptr_t devirq_claim_reg;

/*
 * In guest_irq(): the source taken (a PLIC claim), or DEVIRQ_NONE for
 * anything but the supervisor external interrupt; devirq_complete() ends
 * it.
 */
static inline unsigned int devirq_claim(void)
{
	unsigned long cause;

	asm volatile("csrr %0, scause" : "=r"(cause));
	if ((cause & ~SCAUSE_IRQ) != IRQ_S_EXT)
		return DEVIRQ_NONE;
	return mmio_read32(devirq_claim_reg);
}

static inline void devirq_complete(unsigned int irq)
{
	mmio_write32(devirq_claim_reg, irq);
}

#endif
