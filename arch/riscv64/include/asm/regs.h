/* SPDX-License-Identifier: Apache-2.0 */
/*
 * The guest register frame. Each CPU has one, at the top of its stack:
 * sscratch points at it while a guest runs, so the trap entry finds it
 * without touching a guest register first. Layout shared with entry.S.
 */
#ifndef ASM_REGS_H
#define ASM_REGS_H

#define REGS_X(n) ((n)*8)
#define REGS_PC (32 * 8)
#define REGS_SSTATUS (33 * 8)
#define REGS_HSTATUS (34 * 8)
#define REGS_HYP_TP (35 * 8)
#define REGS_SIZE (36 * 8) /* keeps the stack 16-byte aligned */

#define REG_RA 1
#define REG_SP 2
#define REG_A0 10
#define REG_A1 11
#define REG_A6 16
#define REG_A7 17

#ifndef __ASSEMBLER__
#include <bulkhead/types.h>

struct regs {
	u64 x[32]; /* x[0] is never read: x0 is zero */
	u64 pc; /* sepc */
	u64 sstatus;
	u64 hstatus;
	u64 hyp_tp; /* the CPU's struct percpu, loaded into tp on entry */
};

_Static_assert(sizeof(struct regs) == REGS_SIZE, "entry.S frame layout");

static inline u64 regs_get(const struct regs *regs, unsigned int n)
{
	return n && n < 32 ? regs->x[n] : 0;
}

static inline void regs_set(struct regs *regs, unsigned int n, u64 v)
{
	if (n && n < 32)
		regs->x[n] = v;
}
#endif

#endif
