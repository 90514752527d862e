/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Constants start.S needs before any C runs. The ABI headers use C integer
 * suffixes the assembler does not accept, so the values are repeated here
 * and lib/entry.c checks at build time that they still agree.
 */
#ifndef GUEST_ARCH_EARLY_H
#define GUEST_ARCH_EARLY_H

#define EARLY_HC_CONSOLE_PUTC 0x86000001
#define EARLY_PSCI_SYSTEM_OFF 0x84000008
#define EARLY_PSCI_CPU_OFF 0x84000002

/* ELF64 RELA entry: r_offset, r_info, r_addend. */
#define RELA_ENTRY_SIZE 24
/* r_info of an R_AARCH64_RELATIVE entry: symbol 0, type 1027. */
#define R_AARCH64_RELATIVE 1027

/* ADRP-based addressing is only right at a 4 KiB aligned load address. */
#define LOAD_ALIGN 4096

#define GUEST_STACK_SIZE 0x4000

#endif
