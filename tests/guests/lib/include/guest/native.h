/* SPDX-License-Identifier: Apache-2.0 */
/*
 * A guest started without a hypervisor under it (lib/native.c), and what
 * each architecture adds to it (arch/<arch>/native.c).
 */
#ifndef GUEST_NATIVE_H
#define GUEST_NATIVE_H

#include <stdbool.h>

#include <guest/fdt.h>

/*
 * With no hypervisor, points the console at the board's UART and
 * remembers how to power off; true if so. In a zone it changes nothing
 * and says false.
 */
bool native_init(const void *dtb);

bool guest_is_native(void);

/* Powers off through the firmware; never returns. */
void native_system_off(void) __attribute__((noreturn));

/* No hypervisor under the guest: nothing answers a hypercall. */
bool arch_native(void);
/* Learns how to reach the firmware from @fdt (NULL: unreadable DTB). */
void arch_native_init(const struct fdt *fdt);
/* Asks the firmware to power off; returns only if it cannot. */
void arch_native_off(void);

#endif
