// SPDX-License-Identifier: Apache-2.0
/*
 * HS-mode entry. The SBI firmware (OpenSBI) starts the boot hart here in
 * S-mode with the MMU off, a0 = hart id and a1 = its device tree, which
 * the hypervisor does not read: zonegen compiled the board in. Other
 * harts arrive at secondary_entry through SBI HSM hart_start, with
 * a1 = their logical CPU index.
 */
#include <asm/regs.h>

	.section .text.head, "ax"
	.globl	_start
_start:
	csrw	sie, zero
	csrci	sstatus, 2		/* SIE */
	mv	tp, zero		/* no struct percpu yet */
	la	t0, __bss_start
	la	t1, __bss_end
1:	bgeu	t0, t1, 2f
	sd	zero, 0(t0)
	addi	t0, t0, 8
	j	1b
2:	la	sp, boot_stack_top
	call	boot_cpu_setup		/* a0 = hart id -> logical CPU */
	li	t0, -1
	beq	a0, t0, halt		/* not a hart of this board */
	call	cpu_stack_setup
	call	primary_main

	.globl	secondary_entry
secondary_entry:
	csrw	sie, zero
	csrci	sstatus, 2
	mv	tp, zero
	mv	a0, a1
	call	cpu_stack_setup
	call	secondary_main

/*
 * a0 = logical CPU: sp just below its guest frame at the top of its
 * stack, the trap vector, sscratch = 0 (in the hypervisor). Keeps a0.
 */
cpu_stack_setup:
	li	t0, CONFIG_STACK_SIZE
	addi	t1, a0, 1
	mul	t0, t0, t1
	la	t1, hyp_stacks
	add	t0, t0, t1
	addi	sp, t0, -REGS_SIZE
	la	t0, hyp_trap_vector
	csrw	stvec, t0
	csrw	sscratch, zero
	ret

halt:
	wfi
	j	halt

	.section .bss.stack, "aw", %nobits
	.balign	16
boot_stack:
	.space	1024
boot_stack_top:
