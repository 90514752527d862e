// SPDX-License-Identifier: Apache-2.0
/*
 * EL2 entry. The boot CPU arrives here from the loader (QEMU, U-Boot's
 * booti) at EL2 with the MMU off; secondaries arrive through PSCI CPU_ON
 * at secondary_entry with their logical index in x0.
 *
 * Booted from bulkhead.img (tools/mkbootimg.py), the zones' images follow
 * the image in the same file: the boot CPU first copies each where QEMU's
 * loader would have put it (unpack_payload), before anything else uses
 * memory.
 */
#include <asm/asm.h>

	.section .text.head, "ax"
	.globl _start
_start:
	/*
	 * Linux arm64 Image header, so bootloaders can `booti` the .bin.
	 * mkbootimg sets text_offset (HYP_BASE - RAM base: booti moves the
	 * image there from wherever it was loaded) and widens image_size
	 * to the whole bulkhead.img.
	 */
	b	primary_entry
	.long	0
	.quad	0			/* text_offset */
	.quad	__image_size		/* image_size */
	.quad	0x2			/* flags: LE, 4K pages, at text_offset */
	.quad	0, 0, 0
	.ascii	"ARM\x64"
	.long	0
	/* bulkhead.img payload: the offset of its copy table from _start. */
	.ascii	"BHPAYLD\0"
payload_table:
	.quad	0			/* 0: no payload (booted from the ELF) */

primary_entry:
	msr	daifset, #0xf
	mrs	x1, CurrentEL
	cmp	x1, #(2 << 2)
	b.ne	not_el2
	bl	unpack_payload
	adr_l	x1, __bss_start
	adr_l	x2, __bss_end
1:	cmp	x1, x2
	b.hs	2f
	str	xzr, [x1], #8
	b	1b
2:	adr_l	x1, boot_stack_top
	mov	sp, x1
	mrs	x0, mpidr_el1
	mov	x1, #0xffffff		/* MPIDR affinity: Aff2..Aff0 */
	movk	x1, #0xff, lsl #32	/* and Aff3 */
	and	x0, x0, x1
	bl	boot_cpu_setup
	cmn	x0, #1
	b.eq	not_el2			/* not a CPU of this board: stop */
	bl	cpu_stack_setup
	adr_l	x1, hyp_vectors
	msr	vbar_el2, x1
	isb
	bl	primary_main

	.globl secondary_entry
secondary_entry:
	msr	daifset, #0xf
	mov	x19, x0
	adr_l	x1, hyp_vectors
	msr	vbar_el2, x1
	bl	mmu_enable_secondary
	mov	x0, x19
	bl	cpu_stack_setup
	bl	secondary_main

/* Loads the MMU registers the boot CPU published (mmu.c) and turns it on. */
mmu_enable_secondary:
	adr_l	x1, hyp_mmu_regs
	ldp	x2, x3, [x1]		/* MAIR, TCR */
	ldp	x4, x5, [x1, #16]	/* TTBR0, SCTLR */
	msr	mair_el2, x2
	msr	tcr_el2, x3
	msr	ttbr0_el2, x4
	isb
	tlbi	alle2
	dsb	nsh
	msr	sctlr_el2, x5
	isb
	ret

/* x0 = logical CPU: SP = top of its stack. Keeps x0; uses x1, x2. */
cpu_stack_setup:
	mov	x1, #CONFIG_STACK_SIZE
	add	x2, x0, #1
	mul	x1, x1, x2
	adr_l	x2, hyp_stacks
	add	x1, x1, x2
	mov	sp, x1
	ret

not_el2:
	wfe
	b	not_el2

/*
 * The payload's copy table: a count, then (source offset from _start,
 * destination, size) triples, sizes and addresses multiples of 8. Each is
 * copied like memmove, in table order: mkbootimg ordered them so that no
 * copy overwrites a source or the table still to be read. The MMU is off
 * (device memory: aligned accesses only). Uses x9-x15; keeps x0-x8.
 */
unpack_payload:
	adr	x9, _start
	ldr	x10, payload_table
	cbz	x10, 9f
	add	x10, x9, x10
	ldr	x11, [x10], #8
1:	cbz	x11, 8f
	ldp	x12, x13, [x10], #16	/* source offset, destination */
	ldr	x14, [x10], #8		/* size */
	add	x12, x9, x12
	cmp	x13, x12
	b.hi	3f			/* destination above: copy backwards */
2:	cbz	x14, 5f
	ldr	x15, [x12], #8
	str	x15, [x13], #8
	sub	x14, x14, #8
	b	2b
3:	add	x12, x12, x14
	add	x13, x13, x14
4:	cbz	x14, 5f
	ldr	x15, [x12, #-8]!
	str	x15, [x13, #-8]!
	sub	x14, x14, #8
	b	4b
5:	sub	x11, x11, #1
	b	1b
	/* Zones will run the copied code: no stale instructions for it. */
8:	ic	iallu
	dsb	ish
	isb
9:	ret

	.section .bss.stack, "aw", %nobits
	.balign	16
boot_stack:
	.space	1024
boot_stack_top:
