/* SPDX-License-Identifier: Apache-2.0 */
#ifndef BULKHEAD_REGS_H
#define BULKHEAD_REGS_H

#include <asm/regs.h>

#endif
