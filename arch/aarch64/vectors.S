// SPDX-License-Identifier: Apache-2.0
/*
 * EL2 exception vectors. A trap from a guest saves the guest's general
 * registers, ELR and SPSR in a struct regs frame on this CPU's stack,
 * calls C with a pointer to it, and restores from the same frame: the
 * frame is the vCPU's register state while the trap is handled.
 * Exceptions taken at EL2 itself are hypervisor bugs and end in a dump.
 */
#include <asm/asm.h>
#include <asm/regs.h>

.macro save_frame
	sub	sp, sp, #REGS_SIZE
	stp	x0, x1, [sp, #REGS_X(0)]
	stp	x2, x3, [sp, #REGS_X(2)]
	stp	x4, x5, [sp, #REGS_X(4)]
	stp	x6, x7, [sp, #REGS_X(6)]
	stp	x8, x9, [sp, #REGS_X(8)]
	stp	x10, x11, [sp, #REGS_X(10)]
	stp	x12, x13, [sp, #REGS_X(12)]
	stp	x14, x15, [sp, #REGS_X(14)]
	stp	x16, x17, [sp, #REGS_X(16)]
	stp	x18, x19, [sp, #REGS_X(18)]
	stp	x20, x21, [sp, #REGS_X(20)]
	stp	x22, x23, [sp, #REGS_X(22)]
	stp	x24, x25, [sp, #REGS_X(24)]
	stp	x26, x27, [sp, #REGS_X(26)]
	stp	x28, x29, [sp, #REGS_X(28)]
	mrs	x0, elr_el2
	mrs	x1, spsr_el2
	stp	x30, x0, [sp, #REGS_X(30)]
	str	x1, [sp, #REGS_PSTATE]
.endm

.macro guest_vector handler
	.balign	0x80
	save_frame
	mov	x0, sp
	bl	\handler
	b	guest_return
.endm

.macro hyp_vector kind
	.balign	0x80
	save_frame
	mov	x0, sp
	mov	x1, #\kind
	b	hyp_exception
.endm

	.section .text.vectors, "ax"
	.balign	0x800
	.globl	hyp_vectors
hyp_vectors:
	hyp_vector 0		/* current EL, SP_EL0: sync */
	hyp_vector 1		/* irq */
	hyp_vector 2		/* fiq */
	hyp_vector 3		/* serror */
	hyp_vector 4		/* current EL, SP_ELx: sync */
	hyp_vector 5		/* irq */
	hyp_vector 6		/* fiq */
	hyp_vector 7		/* serror */
	guest_vector handle_guest_sync	/* lower EL, AArch64 */
	guest_vector handle_guest_irq
	guest_vector handle_guest_fiq
	guest_vector handle_guest_serror
	guest_vector handle_guest_aarch32	/* lower EL, AArch32 */
	guest_vector handle_guest_aarch32
	guest_vector handle_guest_aarch32
	guest_vector handle_guest_aarch32

/* Restores the frame at SP and returns to the guest. */
	.globl	guest_return
guest_return:
	ldr	x1, [sp, #REGS_PSTATE]
	ldp	x30, x0, [sp, #REGS_X(30)]
	msr	spsr_el2, x1
	msr	elr_el2, x0
	ldp	x0, x1, [sp, #REGS_X(0)]
	ldp	x2, x3, [sp, #REGS_X(2)]
	ldp	x4, x5, [sp, #REGS_X(4)]
	ldp	x6, x7, [sp, #REGS_X(6)]
	ldp	x8, x9, [sp, #REGS_X(8)]
	ldp	x10, x11, [sp, #REGS_X(10)]
	ldp	x12, x13, [sp, #REGS_X(12)]
	ldp	x14, x15, [sp, #REGS_X(14)]
	ldp	x16, x17, [sp, #REGS_X(16)]
	ldp	x18, x19, [sp, #REGS_X(18)]
	ldp	x20, x21, [sp, #REGS_X(20)]
	ldp	x22, x23, [sp, #REGS_X(22)]
	ldp	x24, x25, [sp, #REGS_X(24)]
	ldp	x26, x27, [sp, #REGS_X(26)]
	ldp	x28, x29, [sp, #REGS_X(28)]
	add	sp, sp, #REGS_SIZE
	eret

/* x0 = frame to load: the first entry into a guest. */
	.globl	guest_first_entry
guest_first_entry:
	mov	sp, x0
	b	guest_return
