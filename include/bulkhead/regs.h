/* SPDX-License-Identifier: Apache-2.0 */
/* The saved guest registers, in the architecture's layout. */
#ifndef BULKHEAD_REGS_H
#define BULKHEAD_REGS_H

#include <asm/regs.h>

#endif
