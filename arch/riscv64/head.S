// SPDX-License-Identifier: Apache-2.0
/*
 * HS-mode entry. The SBI firmware (OpenSBI) starts the boot hart here in
 * S-mode with the MMU off, a0 = hart id and a1 = its device tree, which
 * the hypervisor does not read: zonegen compiled the board in. Other
 * harts arrive at secondary_entry through SBI HSM hart_start, with
 * a1 = their logical CPU index, and turn on the boot hart's HS-mode page
 * tables (mmu.c) first.
 *
 * Not every firmware keeps that promise: OpenSBI before v1.3 (QEMU 7.2's
 * -bios default is v1.1) marks a hart START_PENDING before it stores the
 * start address, so a hart that polls its state in that window leaves
 * with the stale one, the image's entry, and lands on _start with the
 * firmware's a1 (seen under host load as a second banner: the late hart
 * cleared .bss under the running boot hart). Hence _start claims
 * the boot once, atomically, in .data (which no one clears), and a late
 * hart touches nothing but .data: see late_hart.
 */
#include <asm/regs.h>

	.section .text.head, "ax"
	.globl	_start
_start:
	csrw	sie, zero
	csrci	sstatus, 2		/* SIE */
	mv	tp, zero		/* no struct percpu yet */
	la	t0, boot_claimed
	li	t1, 1
	amoswap.w.aqrl t1, t1, (t0)
	bnez	t1, late_hart
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
	/*
	 * The boot hart's page tables (mmu.c), before any C code: the
	 * hypervisor maps itself 1:1, so the next fetch is the same address.
	 */
	la	t0, hyp_satp
	ld	t0, 0(t0)
	sfence.vma
	csrw	satp, t0
	sfence.vma
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

/*
 * A hart at _start after the boot hart: a0 = its hart id, a1 stale. If
 * the hypervisor asked SBI to start it (arch_cpu_start records the hart
 * id before the call; the claim's aqrl orders this read after the
 * firmware saw that call), it takes the secondary path with the CPU it
 * was started for, where the firmware should have sent it. A hart nobody
 * asked for (a firmware that releases every hart at the entry) parks.
 * No stack: it has none yet, and must not borrow the boot hart's.
 */
late_hart:
	la	t0, hart_start_hwid
	li	t1, 0
	li	t2, CONFIG_MAX_CPUS
1:	bgeu	t1, t2, halt
	ld	t3, 0(t0)
	beq	t3, a0, 2f
	addi	t0, t0, 8
	addi	t1, t1, 1
	j	1b
2:	mv	a1, t1
	j	secondary_entry

halt:
	wfi
	j	halt

	.section .data, "aw"
	.balign	4
boot_claimed:
	.word	0

	.section .bss.stack, "aw", %nobits
	.balign	16
boot_stack:
	.space	1024
boot_stack_top:
