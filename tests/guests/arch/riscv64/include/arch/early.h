/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Constants start.S needs before any C runs. arch/cpu.h uses the same
 * names, so the SBI numbers are written once; the hypercall id is a copy
 * of hypercall_abi.h's (whose C suffix the assembler does not accept),
 * checked by lib/entry.c.
 */
#ifndef GUEST_ARCH_EARLY_H
#define GUEST_ARCH_EARLY_H

#define EARLY_HC_CONSOLE_PUTC 0x86000001

/* SBI extension and function ids (SBI specification 2.0). */
#define SBI_EXT_BASE 0x10
#define SBI_EXT_TIME 0x54494d45
#define SBI_EXT_IPI 0x735049
#define SBI_EXT_RFENCE 0x52464e43
#define SBI_EXT_HSM 0x48534d
#define SBI_EXT_SRST 0x53525354
/* Bulkhead's own calls: a6 = HC_* id, a0.. = arguments. */
#define SBI_EXT_BULKHEAD 0x0a004248

#define SBI_HSM_HART_START 0
#define SBI_HSM_HART_STOP 1
#define SBI_HSM_HART_STATUS 2
#define SBI_SRST_RESET 0
#define SBI_SRST_SHUTDOWN 0

/* ELF64 RELA entry: r_offset, r_info, r_addend. */
#define RELA_ENTRY_SIZE 24
/* r_info of an R_RISCV_RELATIVE entry: symbol 0, type 3. */
#define R_RISCV_RELATIVE 3

/*
 * The image is linked at 0 with sections aligned up to the 4 KiB page
 * size; loaded elsewhere they keep their alignment only if the load
 * address has at least as much. Same contract as on aarch64.
 */
#define LOAD_ALIGN 4096

#define GUEST_STACK_SIZE 0x4000

#endif
