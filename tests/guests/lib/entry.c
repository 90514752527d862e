// SPDX-License-Identifier: Apache-2.0
/*
 * From start.S to the guest program, and the last word when something
 * goes wrong.
 */
#include <stdarg.h>

#include <arch/cpu.h>
#include <arch/early.h>
#include <bulkhead/hypercall_abi.h>
#include <guest/console.h>
#include <guest/native.h>
#include <guest/runtime.h>

/* start.S cannot include the ABI headers: keep its copies honest. */
_Static_assert(EARLY_HC_CONSOLE_PUTC == HC_CONSOLE_PUTC,
	       "arch/early.h disagrees with hypercall_abi.h");
_Static_assert(EARLY_PSCI_SYSTEM_OFF == PSCI_SYSTEM_OFF,
	       "arch/early.h disagrees with arch/cpu.h");
_Static_assert(EARLY_PSCI_CPU_OFF == PSCI_CPU_OFF,
	       "arch/early.h disagrees with arch/cpu.h");

/* Guests that start other vCPUs override this. */
__attribute__((weak)) void guest_secondary_main(void)
{
}

uint64_t guest_boot_ticks;

void guest_entry(const void *dtb, uint64_t boot_ticks);
void guest_exception(unsigned long kind, unsigned long esr, unsigned long elr,
		     unsigned long far);

void guest_exit(void)
{
	console_end_line();
	if (guest_is_native())
		native_system_off();
	psci_system_off();
}

void guest_fail(const char *fmt, ...)
{
	va_list ap;

	console_end_line();
	printf("%s: FAIL ", guest_name);
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	console_putc('\n');
	guest_exit();
}

void guest_entry(const void *dtb, uint64_t boot_ticks)
{
	guest_boot_ticks = boot_ticks;
	/* Before anything prints: natively a hypercall would trap. */
	native_init(dtb);
	guest_main(dtb);
	guest_exit();
}

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
