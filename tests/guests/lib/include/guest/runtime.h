/* SPDX-License-Identifier: Apache-2.0 */
/*
 * What the runtime expects of each guest program, and what it gives it.
 */
#ifndef GUEST_RUNTIME_H
#define GUEST_RUNTIME_H

#include <stdint.h>

/* Defined by each guest: the prefix of its own console lines. */
extern const char guest_name[];

/* The guest's main program; @dtb as the hypervisor passed it. */
void guest_main(const void *dtb);

/*
 * Runs on a vCPU the program started with guest_cpu_on() (arch/cpu.h) at
 * secondary_start, context = top of that vCPU's stack; the vCPU turns
 * off on return.
 */
void guest_secondary_main(void);
extern const char secondary_start[];

/*
 * Called for an interrupt taken by the guest (only if the program unmasks
 * them), with the interrupted code's registers saved; returns to it. The
 * default reports an unexpected exception and stops.
 */
void guest_irq(void);

/* Counter value (CNTVCT, time) recorded by the very first instruction. */
extern uint64_t guest_boot_ticks;

/*
 * Flushes the console and stops the zone (PSCI SYSTEM_OFF, SBI system
 * reset).
 */
void guest_exit(void) __attribute__((noreturn));

/* Prints "<guest_name>: FAIL <message>" and stops the zone. */
void guest_fail(const char *fmt, ...)
	__attribute__((noreturn, format(printf, 1, 2)));

#endif
