// SPDX-License-Identifier: Apache-2.0
/*
 * Guest entry. The hypervisor loads the raw image at the zone's kernel
 * address, which differs per zone, and enters its first byte in S-mode
 * (VS-mode) with the MMU off (satp = 0), interrupts off, a0 = hart id
 * (0: the boot vCPU) and a1 = guest DTB. The image is linked at 0 as a
 * static PIE; here it finds where it runs, applies its own relocations,
 * zeroes .bss, takes a stack in .bss and calls guest_entry(dtb,
 * boot_ticks).
 *
 * Before relocation only PC-relative addressing is used (lla: AUIPC +
 * ADDI, which -mno-relax keeps as written), so nothing reads a pointer
 * the relocation pass has not fixed yet.
 */
#include <arch/early.h>

	.section .text.head, "ax"
	.globl _start
_start:
	/*
	 * First instruction: the boot benchmark's timestamp (the time CSR
	 * counts from reset; the hypervisor adds no delta).
	 */
	rdtime	s0
	mv	s1, a1				/* DTB */
	csrw	sie, zero
	csrci	sstatus, 0x2			/* SIE */
	lla	s2, _start			/* load base: linked at 0 */

	li	t0, LOAD_ALIGN - 1
	and	t0, s2, t0
	beqz	t0, 1f
	lla	a0, msg_misaligned
	j	early_fail
1:
	lla	a1, __rela_start
	lla	a2, __rela_end
	call	apply_relocations

	lla	t0, __bss_start
	lla	t1, __bss_end
2:	bgeu	t0, t1, 3f			/* .bss is 16-byte aligned and sized */
	sd	zero, 0(t0)
	sd	zero, 8(t0)
	addi	t0, t0, 16
	j	2b
3:
	lla	sp, guest_stack_top
	lla	t0, trap_entry
	csrw	stvec, t0			/* direct mode: 4-byte aligned */

	mv	a0, s1
	mv	a1, s0
	call	guest_entry
	j	halt

/*
 * A vCPU started by SBI HSM hart_start at secondary_start: a0 = its hart
 * id, a1 = the opaque value, which the guests use for the top of that
 * vCPU's stack. The image is already relocated by vCPU 0. The program's
 * guest_secondary_main() runs; when it returns the vCPU stops itself
 * (HSM hart_stop).
 */
	.globl secondary_start
secondary_start:
	csrw	sie, zero
	mv	sp, a1
	lla	t0, trap_entry
	csrw	stvec, t0
	call	guest_secondary_main
	li	a7, SBI_EXT_HSM
	li	a6, SBI_HSM_HART_STOP
	ecall
	j	halt

/*
 * a1 = first RELA entry, a2 = end, s2 = load base. Only R_RISCV_RELATIVE
 * is expected (the build checks it): *(base + offset) = base + addend.
 * Writing the value rather than adding to it keeps the pass idempotent
 * should a zone ever be re-entered without reloading its image.
 */
apply_relocations:
	bgeu	a1, a2, 2f
	ld	t0, 0(a1)			/* r_offset */
	ld	t1, 8(a1)			/* r_info */
	ld	t2, 16(a1)			/* r_addend */
	addi	a1, a1, RELA_ENTRY_SIZE
	li	t3, R_RISCV_RELATIVE
	bne	t1, t3, 1f
	add	t2, t2, s2
	add	t0, t0, s2
	sd	t2, 0(t0)
	j	apply_relocations
1:	lla	a0, msg_bad_reloc
	j	early_fail
2:	ret

/* a0 = NUL-terminated message: print it with HC_CONSOLE_PUTC, then stop. */
early_fail:
	mv	s3, a0
1:	lbu	a0, 0(s3)
	beqz	a0, halt
	addi	s3, s3, 1
	li	a7, SBI_EXT_BULKHEAD
	li	a6, EARLY_HC_CONSOLE_PUTC
	ecall
	j	1b

/* SBI system reset, shutdown: stops the zone. */
	.globl halt
halt:
	li	a7, SBI_EXT_SRST
	li	a6, SBI_SRST_RESET
	li	a0, SBI_SRST_SHUTDOWN
	li	a1, 0				/* reason: none */
	ecall
1:	wfi
	j	1b

msg_misaligned:
	.asciz	"guest: load address is not 4 KiB aligned\n"
msg_bad_reloc:
	.asciz	"guest: unsupported relocation type\n"

/*
 * The trap vector (direct mode). An interrupt goes to guest_irq() and
 * returns; an exception is unexpected (the guests touch only their own
 * memory and emulated devices, whose faults the hypervisor takes), so it
 * is reported and the zone stops. That path does not return, so it may
 * take the stack from the top again.
 *
 * The interrupt path saves what the calling convention lets guest_irq()
 * clobber (ra, t0-t6, a0-a7) and sepc/sstatus, in case the handler
 * itself traps and returns. The hart clears sstatus.SIE on the trap and
 * sret restores it: no nesting.
 */
#define TRAP_FRAME (18 * 8)

	.section .text.trap, "ax"
	.balign	4
trap_entry:
	addi	sp, sp, -TRAP_FRAME
	sd	t0, 8(sp)
	csrr	t0, scause
	bgez	t0, exception_entry		/* bit 63 clear: not an interrupt */
	sd	ra, 0(sp)
	sd	t1, 16(sp)
	sd	t2, 24(sp)
	sd	t3, 32(sp)
	sd	t4, 40(sp)
	sd	t5, 48(sp)
	sd	t6, 56(sp)
	sd	a0, 64(sp)
	sd	a1, 72(sp)
	sd	a2, 80(sp)
	sd	a3, 88(sp)
	sd	a4, 96(sp)
	sd	a5, 104(sp)
	sd	a6, 112(sp)
	sd	a7, 120(sp)
	csrr	t0, sepc
	csrr	t1, sstatus
	sd	t0, 128(sp)
	sd	t1, 136(sp)
	call	guest_irq
	ld	t0, 128(sp)
	ld	t1, 136(sp)
	csrw	sepc, t0
	csrw	sstatus, t1
	ld	ra, 0(sp)
	ld	t0, 8(sp)
	ld	t1, 16(sp)
	ld	t2, 24(sp)
	ld	t3, 32(sp)
	ld	t4, 40(sp)
	ld	t5, 48(sp)
	ld	t6, 56(sp)
	ld	a0, 64(sp)
	ld	a1, 72(sp)
	ld	a2, 80(sp)
	ld	a3, 88(sp)
	ld	a4, 96(sp)
	ld	a5, 104(sp)
	ld	a6, 112(sp)
	ld	a7, 120(sp)
	addi	sp, sp, TRAP_FRAME
	sret

exception_entry:
	csrr	a0, scause
	csrr	a1, sepc
	csrr	a2, stval
	lla	sp, guest_stack_top
	call	guest_exception
	j	halt

	.section .bss.stack, "aw", %nobits
	.balign	16
guest_stack:
	.space	GUEST_STACK_SIZE
guest_stack_top:

	.section .note.GNU-stack, "", %progbits
