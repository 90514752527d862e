/* SPDX-License-Identifier: Apache-2.0 */
/*
 * The trap frame: the 32 general registers and the exception CSRs. Each
 * CPU has one at the top of its stack for its guest; a trap taken in the
 * hypervisor pushes one on the stack. Layout shared with entry.S.
 */
#ifndef ASM_REGS_H
#define ASM_REGS_H

#define REGS_R(n) ((n)*8)
#define REGS_ERA (32 * 8)
#define REGS_PRMD (33 * 8)
#define REGS_ESTAT (34 * 8)
#define REGS_BADV (35 * 8)
#define REGS_SIZE (36 * 8) /* keeps the stack 16-byte aligned */

#define REG_RA 1
#define REG_TP 2
#define REG_SP 3
#define REG_A0 4
#define REG_A1 5
#define REG_A7 11

#ifndef __ASSEMBLER__
#include <bulkhead/types.h>

struct regs {
	u64 r[32]; /* r[0] is never read: $r0 is zero */
	u64 era; /* where the trap was taken */
	u64 prmd;
	u64 estat;
	u64 badv;
};

_Static_assert(sizeof(struct regs) == REGS_SIZE, "entry.S frame layout");

static inline u64 regs_get(const struct regs *regs, unsigned int n)
{
	return n && n < 32 ? regs->r[n] : 0;
}

static inline void regs_set(struct regs *regs, unsigned int n, u64 v)
{
	if (n && n < 32)
		regs->r[n] = v;
}
#endif

#endif
