// SPDX-License-Identifier: Apache-2.0
/*
 * Trap entries of the hypervisor itself. Every exception and interrupt
 * taken at PLV0 comes to hyp_trap_vector (ECFG.VS = 0: one entry); the
 * frame goes on the current stack, SAVE0 holds sp while it is built.
 * The TLB refill entry runs in direct-address mode with its own saved
 * ERA/PRMD: the hypervisor never misses the TLB, so it only reports.
 */
#include <asm/loongarch.h>
#include <asm/regs.h>

.macro	save_gprs
	addi.d	$sp, $sp, -REGS_SIZE
	st.d	$ra, $sp, REGS_R(1)
	st.d	$tp, $sp, REGS_R(2)
	.irp	n, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31
	st.d	$r\n, $sp, REGS_R(\n)
	.endr
.endm

.macro	restore_gprs
	ld.d	$ra, $sp, REGS_R(1)
	ld.d	$tp, $sp, REGS_R(2)
	.irp	n, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31
	ld.d	$r\n, $sp, REGS_R(\n)
	.endr
.endm

/*
 * The trap frame on the current stack: the GPRs, sp as it was (kept in
 * @save while the frame is built), and the entry's own ERA, PRMD and BADV
 * with ESTAT.
 */
.macro	save_frame save, era, prmd, badv
	csrwr	$sp, \save
	csrrd	$sp, \save
	save_gprs
	csrrd	$t0, \save
	st.d	$t0, $sp, REGS_R(3)
	csrrd	$t0, \era
	st.d	$t0, $sp, REGS_ERA
	csrrd	$t0, \prmd
	st.d	$t0, $sp, REGS_PRMD
	csrrd	$t0, CSR_ESTAT
	st.d	$t0, $sp, REGS_ESTAT
	csrrd	$t0, \badv
	st.d	$t0, $sp, REGS_BADV
.endm

	.section .text.trap, "ax"
	.balign	4096			/* EENTRY's low 12 bits are zero */
	.globl	hyp_trap_vector
hyp_trap_vector:
	save_frame CSR_SAVE0, CSR_ERA, CSR_PRMD, CSR_BADV
	move	$a0, $sp
	bl	hyp_trap
	ld.d	$t0, $sp, REGS_ERA
	csrwr	$t0, CSR_ERA
	ld.d	$t0, $sp, REGS_PRMD
	csrwr	$t0, CSR_PRMD
	restore_gprs
	ld.d	$sp, $sp, REGS_R(3)
	ertn

	.balign	4096
	.globl	hyp_tlb_refill_vector
hyp_tlb_refill_vector:
	save_frame CSR_TLBRSAVE, CSR_TLBRERA, CSR_TLBRPRMD, CSR_TLBRBADV
	/* Back to the mode of the trapped code: its windows map sp. */
	li.w	$t0, CRMD_PG
	csrwr	$t0, CSR_CRMD
	move	$a0, $sp
	bl	hyp_tlb_refill
