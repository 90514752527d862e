/* SPDX-License-Identifier: Apache-2.0 */
/*
 * A timer interrupt for the guests that measure its latency (rtlat): the
 * EL1 virtual timer, its PPI taken through the GIC the guest sets up
 * itself (arch/aarch64/timer.c, arch/gic.h: a GICv3 or a GICv2).
 */
#ifndef GUEST_ARCH_TIMER_H
#define GUEST_ARCH_TIMER_H

#include <stdbool.h>
#include <stdint.h>

#include <arch/gic.h>
#include <guest/fdt.h>

/* What timer_irq_init() failures are about. */
#define TIMER_IRQ_CHIP "gic"
/* What irq_ack() returns when nothing was pending after all. */
#define IRQ_SPURIOUS GIC_INTID_SPURIOUS

#define CNTV_CTL_ENABLE 1u

/*
 * Sets up the GIC and enables the virtual timer's PPI (from the DTB's
 * timer node). NULL, or what went wrong.
 */
const char *timer_irq_init(const struct fdt *fdt);

/* The timer's interrupt id, once timer_irq_init() found it. */
extern unsigned int timer_intid;

/* Fires once the counter reaches @deadline. */
static inline void timer_arm(uint64_t deadline)
{
	asm volatile("msr cntv_cval_el0, %0\n\t"
		     "msr cntv_ctl_el0, %1\n\t"
		     "isb"
		     :
		     : "r"(deadline), "r"((uint64_t)CNTV_CTL_ENABLE)
		     : "memory");
}

static inline void timer_stop(void)
{
	asm volatile("msr cntv_ctl_el0, xzr\n\tisb" : : : "memory");
}

/* In guest_irq(): the interrupt taken; irq_eoi() ends it. */
static inline unsigned int irq_ack(void)
{
	return gic_ack();
}

static inline void irq_eoi(unsigned int irq)
{
	gic_eoi(irq);
}

static inline bool irq_is_timer(unsigned int irq)
{
	return irq == timer_intid;
}

#endif
