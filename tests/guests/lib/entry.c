// SPDX-License-Identifier: Apache-2.0
/*
 * From start.S to the guest program, and the last word when something
 * goes wrong. What the trap vectors call is arch/<arch>/traps.c.
 */
#include <stdarg.h>

#include <arch/cpu.h>
#include <arch/early.h>
#include <bulkhead/hypercall_abi.h>
#include <guest/console.h>
#include <guest/native.h>
#include <guest/runtime.h>

/* start.S cannot include the ABI headers: keep its copy honest. */
_Static_assert(EARLY_HC_CONSOLE_PUTC == HC_CONSOLE_PUTC,
	       "arch/early.h disagrees with hypercall_abi.h");

/* Guests that start other vCPUs override this. */
__attribute__((weak)) void guest_secondary_main(void)
{
}

uint64_t guest_boot_ticks;

void guest_entry(const void *dtb, uint64_t boot_ticks);

void guest_exit(void)
{
	console_end_line();
	if (guest_is_native())
		native_system_off();
	guest_system_off();
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
	arch_guest_init(dtb);
	/* Before anything prints: natively a hypercall would trap. */
	native_init(dtb);
	guest_main(dtb);
	guest_exit();
}
