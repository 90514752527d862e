// SPDX-License-Identifier: Apache-2.0
/*
 * PLV0 entry. QEMU's direct kernel boot (-kernel bulkhead.elf, QEMU 7.2)
 * loads the ELF at its physical addresses and starts the CPUs at its
 * entry in direct-address mode (CRMD.DA=1), interrupts off; a0-a2 carry
 * nothing the hypervisor reads (zonegen compiled the board in). A
 * Loongson UEFI firmware enters a kernel the same way on the boot CPU
 * (a0 = EFI boot flag, a1 = command line, a2 = system table) and holds
 * the other CPUs in its own loop until an IPI with an entry address in
 * mailbox 0; CPUs that reach _start after the boot CPU wait for the same
 * message here, so either way arch_cpu_start's mailbox write starts them.
 */
#include <asm/loongarch.h>
#include <asm/regs.h>

/* Direct-mapped windows, then paging on: see mmu.c. Clobbers t0. */
.macro	enter_paging
	li.w	$t0, CRMD_IE
	csrxchg	$zero, $t0, CSR_CRMD
	li.d	$t0, DMW0_HYP
	csrwr	$t0, CSR_DMW0
	li.d	$t0, DMW1_HYP
	csrwr	$t0, CSR_DMW1
	csrwr	$zero, CSR_DMW2
	csrwr	$zero, CSR_DMW3
	li.w	$t0, CRMD_PG
	csrwr	$t0, CSR_CRMD
.endm

	.section .text.head, "ax"
	.globl	_start
_start:
	enter_paging
	move	$tp, $zero		/* no struct percpu yet */
	la.pcrel $t0, boot_claimed
	li.w	$t1, 1
	amswap_db.w $t2, $t1, $t0
	bnez	$t2, wait_for_start
	la.pcrel $t0, __bss_start
	la.pcrel $t1, __bss_end
1:	bgeu	$t0, $t1, 2f
	st.d	$zero, $t0, 0
	addi.d	$t0, $t0, 8
	b	1b
2:	la.pcrel $sp, boot_stack_top
	csrrd	$a0, CSR_CPUID
	andi	$a0, $a0, 0x1ff
	bl	boot_cpu_setup		/* hardware id -> logical CPU */
	addi.d	$t0, $zero, -1
	beq	$a0, $t0, halt		/* not a CPU of this board */
	bl	cpu_stack_setup
	bl	primary_main

/*
 * Sent here through mailbox 0 by arch_cpu_start (smp.c), with the
 * logical CPU in mailbox 1. The CPU may come from firmware in either
 * mode: the windows are set again.
 */
	.globl	secondary_entry
secondary_entry:
	enter_paging
	move	$tp, $zero
	li.w	$t0, IOCSR_MBOX1
	iocsrrd.d $a0, $t0
	bl	cpu_stack_setup
	bl	secondary_main

/*
 * a0 = logical CPU: sp just below its guest frame at the top of its
 * stack, the exception and TLB refill entries, no interrupt enabled.
 * Keeps a0.
 */
cpu_stack_setup:
	li.d	$t0, CONFIG_STACK_SIZE
	addi.d	$t1, $a0, 1
	mul.d	$t0, $t0, $t1
	la.pcrel $t1, hyp_stacks
	add.d	$t0, $t0, $t1
	addi.d	$sp, $t0, -REGS_SIZE
	la.pcrel $t0, hyp_trap_vector
	csrwr	$t0, CSR_EENTRY
	la.pcrel $t0, hyp_tlb_refill_vector
	csrwr	$t0, CSR_TLBRENTRY
	la.pcrel $t0, hyp_trap_vector
	csrwr	$t0, CSR_MERRENTRY
	csrwr	$zero, CSR_ECFG		/* one entry for all; nothing enabled */
	ret

/*
 * A CPU after the boot CPU, with no stack: it waits, as Loongson
 * firmware does, for an entry address in mailbox 0 and an IPI. IDLE
 * wakes on an enabled interrupt even with CRMD.IE clear.
 */
wait_for_start:
	li.w	$t0, IOCSR_IPI_EN
	li.w	$t1, -1
	iocsrwr.w $t1, $t0
	li.w	$t0, 1 << INT_IPI
	csrwr	$t0, CSR_ECFG
1:	li.w	$t0, IOCSR_MBOX0
	iocsrrd.d $t1, $t0
	bnez	$t1, 2f
	idle	0
	li.w	$t0, IOCSR_IPI_STATUS
	iocsrrd.w $t2, $t0
	li.w	$t0, IOCSR_IPI_CLEAR
	iocsrwr.w $t2, $t0
	b	1b
2:	li.w	$t0, IOCSR_IPI_STATUS
	iocsrrd.w $t2, $t0
	li.w	$t0, IOCSR_IPI_CLEAR
	iocsrwr.w $t2, $t0
	csrwr	$zero, CSR_ECFG
	jr	$t1

halt:
	idle	0
	b	halt

	.section .data, "aw"
	.balign	4
boot_claimed:
	.word	0

	.section .bss.stack, "aw", %nobits
	.balign	16
boot_stack:
	.space	1024
boot_stack_top:
