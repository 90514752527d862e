/* SPDX-License-Identifier: Apache-2.0 */
/*
 * A guest started without a hypervisor under it (lib/native.c).
 */
#ifndef GUEST_NATIVE_H
#define GUEST_NATIVE_H

#include <stdbool.h>

/*
 * With no EL2, points the console at the PL011 and remembers how to
 * power off; true if so. In a zone it changes nothing and says false.
 */
bool native_init(const void *dtb);

bool guest_is_native(void);

/* PSCI SYSTEM_OFF through the firmware's conduit; never returns. */
void native_system_off(void) __attribute__((noreturn));

#endif
