/* SPDX-License-Identifier: Apache-2.0 */
/*
 * A timer interrupt for the guests that measure its latency (rtlat): the
 * supervisor timer, its deadline in stimecmp (Sstc) or given to the SBI
 * (set_timer), its interrupt taken straight from the hart, no interrupt
 * controller involved (arch/riscv64/timer.c).
 */
#ifndef GUEST_ARCH_TIMER_H
#define GUEST_ARCH_TIMER_H

#include <stdbool.h>
#include <stdint.h>

#include <arch/cpu.h>
#include <guest/fdt.h>

/* What timer_irq_init() failures are about. */
#define TIMER_IRQ_CHIP "timer"
/* Not a cause code: irq_ack() always has the one that trapped. */
#define IRQ_SPURIOUS (~0u)

#define SBI_TIME_SET_TIMER 0
#define CSR_STIMECMP 0x14d
#define IRQ_S_TIMER 5
#define SCAUSE_IRQ (1ul << 63)

/*
 * Chooses stimecmp if the hart has Sstc (the DTB's riscv,isa), else SBI
 * set_timer, and enables the timer interrupt (sie.STIE). NULL, or what
 * went wrong.
 */
const char *timer_irq_init(const struct fdt *fdt);

/* Whether the harts have Sstc, once timer_irq_init() looked. */
extern bool timer_sstc;

/*
 * Fires once the counter reaches @deadline. A deadline in the future
 * also clears the pending interrupt: that is its acknowledgement.
 */
static inline void timer_arm(uint64_t deadline)
{
	if (timer_sstc)
		asm volatile("csrw %0, %1"
			     :
			     : "i"(CSR_STIMECMP), "r"(deadline)
			     : "memory");
	else
		sbi_call(SBI_EXT_TIME, SBI_TIME_SET_TIMER, deadline, 0, 0);
}

static inline void timer_stop(void)
{
	timer_arm(UINT64_MAX);
}

/* In guest_irq(): the interrupt taken (its scause code). */
static inline unsigned int irq_ack(void)
{
	unsigned long cause;

	asm volatile("csrr %0, scause" : "=r"(cause));
	return (unsigned int)(cause & ~SCAUSE_IRQ);
}

/* Nothing to end: the timer's pending bit follows its deadline. */
static inline void irq_eoi(unsigned int irq)
{
	(void)irq;
}

static inline bool irq_is_timer(unsigned int irq)
{
	return irq == IRQ_S_TIMER;
}

#endif
