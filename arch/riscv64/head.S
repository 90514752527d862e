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
 *
 * Booted from bulkhead.img (tools/mkbootimg.py), the zones' images follow
 * the image in the same file: the boot hart first copies each where
 * QEMU's loader would have put it (unpack_payload), before anything else
 * uses memory. The file is a U-Boot legacy image wrapping the image, so
 * that QEMU's -kernel (for OpenSBI fw_dynamic) loads it at its link
 * address: a late hart's stale entry is then still _start.
 */
#include <asm/regs.h>

	.section .text.head, "ax"
	.globl	_start
_start:
	/*
	 * RISC-V Linux Image header, so U-Boot can `booti` it: a0 = hart
	 * id, a1 = device tree. mkbootimg sets text_offset (HYP_BASE - RAM
	 * base, where booti moves the image) and widens image_size to the
	 * whole payload. The jump must be one 4-byte instruction.
	 */
	.option	push
	.option	norvc
	j	primary_entry
	.option	pop
	.long	0
	.dword	0			/* text_offset */
	.dword	__image_size		/* image_size */
	.dword	0			/* flags: little-endian */
	.long	0x2			/* header version 0.2 */
	.long	0
	.dword	0
	.ascii	"RISCV\0\0\0"		/* magic, deprecated */
	.ascii	"RSC\x05"		/* magic2 */
	.long	0
	/* bulkhead.img payload: the offset of its copy table from _start. */
	.ascii	"BHPAYLD\0"
payload_table:
	.dword	0			/* 0: no payload (booted from the ELF) */

primary_entry:
	csrw	sie, zero
	csrci	sstatus, 2		/* SIE */
	mv	tp, zero		/* no struct percpu yet */
	la	t0, boot_claimed
	li	t1, 1
	amoswap.w.aqrl t1, t1, (t0)
	bnez	t1, late_hart
	call	unpack_payload
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

/*
 * The payload's copy table: a count, then (source offset from _start,
 * destination, size) triples, sizes and addresses multiples of 8. Each is
 * copied like memmove, in table order: mkbootimg ordered them so that no
 * copy overwrites a source or the table still to be read. No stack; uses
 * t0-t6 only: keeps a0 (hart id) and a1.
 */
unpack_payload:
	la	t0, _start
	ld	t1, payload_table
	beqz	t1, 9f
	add	t1, t0, t1
	ld	t2, 0(t1)
	addi	t1, t1, 8
1:	beqz	t2, 8f
	ld	t3, 0(t1)		/* source offset */
	ld	t4, 8(t1)		/* destination */
	ld	t5, 16(t1)		/* size */
	addi	t1, t1, 24
	add	t3, t0, t3
	bgtu	t4, t3, 3f		/* destination above: copy backwards */
2:	beqz	t5, 5f
	ld	t6, 0(t3)
	sd	t6, 0(t4)
	addi	t3, t3, 8
	addi	t4, t4, 8
	addi	t5, t5, -8
	j	2b
3:	add	t3, t3, t5
	add	t4, t4, t5
4:	beqz	t5, 5f
	addi	t3, t3, -8
	addi	t4, t4, -8
	ld	t6, 0(t3)
	sd	t6, 0(t4)
	addi	t5, t5, -8
	j	4b
5:	addi	t2, t2, -1
	j	1b
	/* Zones will run the copied code: no stale instructions for it. */
8:	fence.i
9:	ret

	.section .data, "aw"
	.balign	4
boot_claimed:
	.word	0

	.section .bss.stack, "aw", %nobits
	.balign	16
boot_stack:
	.space	1024
boot_stack_top:
