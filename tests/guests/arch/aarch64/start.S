// SPDX-License-Identifier: Apache-2.0
/*
 * Guest entry. The hypervisor loads the raw image at the zone's kernel
 * address, which differs per zone, and enters its first byte at EL1h with
 * the MMU and caches off and x0 = guest DTB. The image is linked at 0 as a
 * static PIE; here it finds where it runs, applies its own relocations,
 * zeroes .bss, takes a stack in .bss and calls guest_entry(dtb, boot_ticks).
 *
 * Before relocation only PC-relative addressing is used (ADR/ADRP), and
 * ADRP needs a 4 KiB aligned load address, which is checked first.
 */
#include <arch/early.h>

/* reg = runtime address of sym (ADRP + low 12 bits). */
.macro adr_l reg, sym
	adrp	\reg, \sym
	add	\reg, \reg, :lo12:\sym
.endm

	.section .text.head, "ax"
	.globl _start
_start:
	/*
	 * First instruction: the boot benchmark's timestamp. The exception
	 * return that entered the guest is context synchronizing, so no ISB
	 * is needed in front of it.
	 */
	mrs	x19, cntvct_el0
	mov	x20, x0				/* DTB */
	msr	daifset, #0xf
	adr	x21, _start			/* load base: linked at 0 */

	tst	x21, #(LOAD_ALIGN - 1)
	b.eq	1f
	adr	x0, msg_misaligned
	b	early_fail
1:
	adr_l	x1, __rela_start
	adr_l	x2, __rela_end
	bl	apply_relocations

	adr_l	x1, __bss_start
	adr_l	x2, __bss_end
2:	cmp	x1, x2				/* .bss is 16-byte aligned and sized */
	b.hs	3f
	stp	xzr, xzr, [x1], #16
	b	2b
3:
	adr_l	x1, guest_stack_top
	mov	sp, x1
	adr_l	x1, guest_vectors
	msr	vbar_el1, x1
	isb

	mov	x0, x20
	mov	x1, x19
	bl	guest_entry
	b	halt

/*
 * A vCPU started by PSCI CPU_ON at secondary_start, x0 = the context id,
 * which the guests use for the top of that vCPU's stack. The image is
 * already relocated by vCPU 0. The program's guest_secondary_main() runs;
 * when it returns the vCPU turns itself off (PSCI CPU_OFF).
 */
	.globl secondary_start
secondary_start:
	msr	daifset, #0xf
	mov	sp, x0
	adr_l	x1, guest_vectors
	msr	vbar_el1, x1
	isb
	bl	guest_secondary_main
	movz	x0, #(EARLY_PSCI_CPU_OFF >> 16), lsl #16
	movk	x0, #(EARLY_PSCI_CPU_OFF & 0xffff)
	smc	#0
	b	halt

/*
 * x1 = first RELA entry, x2 = end, x21 = load base. Only R_AARCH64_RELATIVE
 * is expected (the build checks it): *(base + offset) = base + addend.
 * Writing the value rather than adding to it keeps the pass idempotent
 * should a zone ever be re-entered without reloading its image.
 */
apply_relocations:
	cmp	x1, x2
	b.hs	2f
	ldp	x3, x4, [x1]			/* r_offset, r_info */
	ldr	x5, [x1, #16]			/* r_addend */
	add	x1, x1, #RELA_ENTRY_SIZE
	cmp	x4, #R_AARCH64_RELATIVE
	b.ne	1f
	add	x5, x5, x21
	str	x5, [x21, x3]
	b	apply_relocations
1:	adr	x0, msg_bad_reloc
	b	early_fail
2:	ret

/* x0 = NUL-terminated message: print it with HC_CONSOLE_PUTC, then stop. */
early_fail:
	mov	x19, x0
1:	ldrb	w1, [x19], #1
	cbz	w1, halt
	movz	x0, #(EARLY_HC_CONSOLE_PUTC >> 16), lsl #16
	movk	x0, #(EARLY_HC_CONSOLE_PUTC & 0xffff)
	hvc	#0
	b	1b

	.globl halt
halt:
	movz	x0, #(EARLY_PSCI_SYSTEM_OFF >> 16), lsl #16
	movk	x0, #(EARLY_PSCI_SYSTEM_OFF & 0xffff)
	smc	#0
1:	wfi
	b	1b

msg_misaligned:
	.asciz	"guest: load address is not 4 KiB aligned\n"
msg_bad_reloc:
	.asciz	"guest: unsupported relocation type\n"

/*
 * EL1 vectors. An IRQ taken on the guest's own stack (current EL, SPx)
 * goes to guest_irq() and returns; everything else is unexpected, so the
 * entry reports what happened and stops the zone. That handler does not
 * return, so it may take the stack from the top again.
 */
.macro vector_entry kind
	.balign	128
	mov	x0, #\kind
	b	exception_entry
.endm

	.section .text.vectors, "ax"
	.balign	2048
guest_vectors:
	.irp	kind, 0, 1, 2, 3, 4
	vector_entry \kind
	.endr
	.balign	128
	b	irq_entry			/* 5: current EL with SPx, IRQ */
	.irp	kind, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15
	vector_entry \kind
	.endr

/*
 * Saves what the AAPCS lets guest_irq() clobber (x0-x18, x29, x30) and
 * the exception state, in case the handler itself traps and returns.
 * IRQs stay masked throughout: no nesting.
 */
#define IRQ_FRAME (24 * 8)
irq_entry:
	sub	sp, sp, #IRQ_FRAME
	stp	x0, x1, [sp, #0]
	stp	x2, x3, [sp, #16]
	stp	x4, x5, [sp, #32]
	stp	x6, x7, [sp, #48]
	stp	x8, x9, [sp, #64]
	stp	x10, x11, [sp, #80]
	stp	x12, x13, [sp, #96]
	stp	x14, x15, [sp, #112]
	stp	x16, x17, [sp, #128]
	stp	x18, x29, [sp, #144]
	mrs	x0, elr_el1
	mrs	x1, spsr_el1
	stp	x30, x0, [sp, #160]
	str	x1, [sp, #176]
	bl	guest_irq
	ldr	x1, [sp, #176]
	ldp	x30, x0, [sp, #160]
	msr	spsr_el1, x1
	msr	elr_el1, x0
	ldp	x18, x29, [sp, #144]
	ldp	x16, x17, [sp, #128]
	ldp	x14, x15, [sp, #112]
	ldp	x12, x13, [sp, #96]
	ldp	x10, x11, [sp, #80]
	ldp	x8, x9, [sp, #64]
	ldp	x6, x7, [sp, #48]
	ldp	x4, x5, [sp, #32]
	ldp	x2, x3, [sp, #16]
	ldp	x0, x1, [sp, #0]
	add	sp, sp, #IRQ_FRAME
	eret

exception_entry:
	mrs	x1, esr_el1
	mrs	x2, elr_el1
	mrs	x3, far_el1
	adr_l	x4, guest_stack_top
	mov	sp, x4
	bl	guest_exception
	b	halt

	.section .bss.stack, "aw", %nobits
	.balign	16
guest_stack:
	.space	GUEST_STACK_SIZE
guest_stack_top:

	.section .note.GNU-stack, "", %progbits
