// SPDX-License-Identifier: Apache-2.0
/*
 * EL2 entry. The boot CPU arrives here from the loader (QEMU, U-Boot's
 * booti) at EL2 with the MMU off; secondaries arrive through PSCI CPU_ON
 * at secondary_entry with their logical index in x0.
 */
#include <asm/asm.h>

	.section .text.head, "ax"
	.globl _start
_start:
	/* Linux arm64 Image header, so bootloaders can `booti` the .bin. */
	b	primary_entry
	.long	0
	.quad	0			/* text_offset */
	.quad	__image_size		/* image_size */
	.quad	0xa			/* flags: LE, 4K pages, anywhere */
	.quad	0, 0, 0
	.ascii	"ARM\x64"
	.long	0

primary_entry:
	msr	daifset, #0xf
	mrs	x1, CurrentEL
	cmp	x1, #(2 << 2)
	b.ne	not_el2
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

	.section .bss.stack, "aw", %nobits
	.balign	16
boot_stack:
	.space	1024
boot_stack_top:
