/* SPDX-License-Identifier: Apache-2.0 */
/*
 * The guest register frame saved on the hypervisor stack at every trap.
 * The layout is shared with vectors.S (offsets below).
 */
#ifndef ASM_REGS_H
#define ASM_REGS_H

#define REGS_X(n) ((n)*8)
#define REGS_PC (31 * 8)
#define REGS_PSTATE (32 * 8)
#define REGS_SIZE (34 * 8) /* keeps the stack 16-byte aligned */

#ifndef __ASSEMBLER__
#include <bulkhead/types.h>

struct regs {
	u64 x[31];
	u64 pc; /* ELR_EL2 */
	u64 pstate; /* SPSR_EL2 */
	u64 pad;
};

_Static_assert(sizeof(struct regs) == REGS_SIZE, "vectors.S frame layout");

/* Register n as an instruction operand: 31 reads as zero (xzr). */
static inline u64 regs_get(const struct regs *regs, unsigned int n)
{
	return n < 31 ? regs->x[n] : 0;
}

static inline void regs_set(struct regs *regs, unsigned int n, u64 v)
{
	if (n < 31)
		regs->x[n] = v;
}
#endif

#endif
