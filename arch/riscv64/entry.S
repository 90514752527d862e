// SPDX-License-Identifier: Apache-2.0
/*
 * HS-mode trap entry. While a guest runs, sscratch holds this CPU's guest
 * frame (struct regs, at the top of its stack); in the hypervisor it holds
 * 0. Swapping sp with sscratch therefore tells the two cases apart: a trap
 * from the guest saves the guest's registers in the frame and calls C on
 * the stack below it; a trap from the hypervisor itself is a bug, or an
 * expected fault of a guest-memory access (see traps.c), and gets a frame
 * of its own on the current stack.
 */
#include <asm/regs.h>

.macro save_gprs_but_sp
	sd	x1, REGS_X(1)(sp)
	sd	x3, REGS_X(3)(sp)
	sd	x4, REGS_X(4)(sp)
	sd	x5, REGS_X(5)(sp)
	sd	x6, REGS_X(6)(sp)
	sd	x7, REGS_X(7)(sp)
	sd	x8, REGS_X(8)(sp)
	sd	x9, REGS_X(9)(sp)
	sd	x10, REGS_X(10)(sp)
	sd	x11, REGS_X(11)(sp)
	sd	x12, REGS_X(12)(sp)
	sd	x13, REGS_X(13)(sp)
	sd	x14, REGS_X(14)(sp)
	sd	x15, REGS_X(15)(sp)
	sd	x16, REGS_X(16)(sp)
	sd	x17, REGS_X(17)(sp)
	sd	x18, REGS_X(18)(sp)
	sd	x19, REGS_X(19)(sp)
	sd	x20, REGS_X(20)(sp)
	sd	x21, REGS_X(21)(sp)
	sd	x22, REGS_X(22)(sp)
	sd	x23, REGS_X(23)(sp)
	sd	x24, REGS_X(24)(sp)
	sd	x25, REGS_X(25)(sp)
	sd	x26, REGS_X(26)(sp)
	sd	x27, REGS_X(27)(sp)
	sd	x28, REGS_X(28)(sp)
	sd	x29, REGS_X(29)(sp)
	sd	x30, REGS_X(30)(sp)
	sd	x31, REGS_X(31)(sp)
.endm

.macro load_gprs_but_sp
	ld	x1, REGS_X(1)(sp)
	ld	x3, REGS_X(3)(sp)
	ld	x4, REGS_X(4)(sp)
	ld	x5, REGS_X(5)(sp)
	ld	x6, REGS_X(6)(sp)
	ld	x7, REGS_X(7)(sp)
	ld	x8, REGS_X(8)(sp)
	ld	x9, REGS_X(9)(sp)
	ld	x10, REGS_X(10)(sp)
	ld	x11, REGS_X(11)(sp)
	ld	x12, REGS_X(12)(sp)
	ld	x13, REGS_X(13)(sp)
	ld	x14, REGS_X(14)(sp)
	ld	x15, REGS_X(15)(sp)
	ld	x16, REGS_X(16)(sp)
	ld	x17, REGS_X(17)(sp)
	ld	x18, REGS_X(18)(sp)
	ld	x19, REGS_X(19)(sp)
	ld	x20, REGS_X(20)(sp)
	ld	x21, REGS_X(21)(sp)
	ld	x22, REGS_X(22)(sp)
	ld	x23, REGS_X(23)(sp)
	ld	x24, REGS_X(24)(sp)
	ld	x25, REGS_X(25)(sp)
	ld	x26, REGS_X(26)(sp)
	ld	x27, REGS_X(27)(sp)
	ld	x28, REGS_X(28)(sp)
	ld	x29, REGS_X(29)(sp)
	ld	x30, REGS_X(30)(sp)
	ld	x31, REGS_X(31)(sp)
.endm

	.section .text.trap, "ax"
	.balign	4
	.globl	hyp_trap_vector
hyp_trap_vector:
	csrrw	sp, sscratch, sp
	beqz	sp, hyp_self_trap
	save_gprs_but_sp
	csrr	t0, sscratch
	sd	t0, REGS_X(2)(sp)
	csrr	t0, sepc
	sd	t0, REGS_PC(sp)
	csrr	t0, sstatus
	sd	t0, REGS_SSTATUS(sp)
	csrr	t0, hstatus
	sd	t0, REGS_HSTATUS(sp)
	ld	tp, REGS_HYP_TP(sp)
	csrw	sscratch, zero
	mv	a0, sp
	call	handle_guest_trap

/* Restores the frame at sp (this CPU's guest frame) and enters the guest. */
	.globl	guest_return
guest_return:
	ld	t0, REGS_PC(sp)
	csrw	sepc, t0
	ld	t0, REGS_SSTATUS(sp)
	csrw	sstatus, t0
	ld	t0, REGS_HSTATUS(sp)
	csrw	hstatus, t0
	csrw	sscratch, sp
	load_gprs_but_sp
	ld	sp, REGS_X(2)(sp)
	sret

/* a0 = this CPU's guest frame: the first entry into a guest. */
	.globl	guest_first_entry
guest_first_entry:
	mv	sp, a0
	j	guest_return

hyp_self_trap:
	csrrw	sp, sscratch, sp	/* back to our sp; sscratch = 0 again */
	addi	sp, sp, -REGS_SIZE
	save_gprs_but_sp
	addi	t0, sp, REGS_SIZE
	sd	t0, REGS_X(2)(sp)
	csrr	t0, sepc
	sd	t0, REGS_PC(sp)
	csrr	t0, sstatus
	sd	t0, REGS_SSTATUS(sp)
	mv	a0, sp
	call	handle_hyp_trap		/* returns only for an expected fault */
	ld	t0, REGS_PC(sp)
	csrw	sepc, t0
	ld	t0, REGS_SSTATUS(sp)
	csrw	sstatus, t0
	load_gprs_but_sp
	addi	sp, sp, REGS_SIZE
	sret
