// SPDX-License-Identifier: Apache-2.0
/*
 * What start.S's EL1 vectors call when nothing else should have happened.
 */
#include <arch/cpu.h>
#include <arch/early.h>
#include <guest/console.h>
#include <guest/runtime.h>

/* start.S cannot include arch/cpu.h: keep its copies honest. */
_Static_assert(EARLY_PSCI_SYSTEM_OFF == PSCI_SYSTEM_OFF,
	       "arch/early.h disagrees with arch/cpu.h");
_Static_assert(EARLY_PSCI_CPU_OFF == PSCI_CPU_OFF,
	       "arch/early.h disagrees with arch/cpu.h");

void guest_exception(unsigned long kind, unsigned long esr, unsigned long elr,
		     unsigned long far);

/*
 * An IRQ with no handler: only guests that unmask interrupts get any,
 * and they override this.
 */
__attribute__((weak)) void guest_irq(void)
{
	unsigned long esr, elr, far;

	asm volatile("mrs %0, esr_el1" : "=r"(esr));
	asm volatile("mrs %0, elr_el1" : "=r"(elr));
	asm volatile("mrs %0, far_el1" : "=r"(far));
	guest_exception(5, esr, elr, far);
}

/*
 * Nothing else should trap to EL1: the guests only touch their own memory
 * and emulated devices, and take no FIQ or SError. @kind is the vector index
 * (0..15: current EL with SP0, current EL with SPx, lower EL AArch64,
 * lower EL AArch32; each sync, IRQ, FIQ, SError).
 */
void guest_exception(unsigned long kind, unsigned long esr, unsigned long elr,
		     unsigned long far)
{
	console_end_line();
	printf("%s: exception %lu esr=0x%lx elr=0x%lx far=0x%lx\n", guest_name,
	       kind, esr, elr, far);
	guest_exit();
}
