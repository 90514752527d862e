/* SPDX-License-Identifier: Apache-2.0 */
/* loongarch64 exception codes and the trap handlers' entry points. */
#ifndef ASM_TRAPS_H
#define ASM_TRAPS_H

#include <bulkhead/compiler.h>
#include <asm/regs.h>

/* ESTAT.Ecode */
#define ECODE_INT 0x0
#define ECODE_PIL 0x1 /* page invalid, load */
#define ECODE_PIS 0x2 /* page invalid, store */
#define ECODE_PIF 0x3 /* page invalid, fetch */
#define ECODE_PME 0x4 /* page modified */
#define ECODE_PNR 0x5 /* page not readable */
#define ECODE_PNX 0x6 /* page not executable */
#define ECODE_PPI 0x7 /* page privilege */
#define ECODE_ADE 0x8 /* address error */
#define ECODE_ALE 0x9 /* unaligned access */
#define ECODE_BCE 0xa /* bound check */
#define ECODE_SYS 0xb /* syscall */
#define ECODE_BRK 0xc /* break */
#define ECODE_INE 0xd /* instruction not existing */
#define ECODE_IPE 0xe /* instruction privilege */
#define ECODE_FPD 0xf /* FP disabled */
#define ECODE_SXD 0x10
#define ECODE_ASXD 0x11
#define ECODE_FPE 0x12
#define ECODE_WPE 0x13 /* watchpoint */
#define ECODE_BTD 0x14
#define ECODE_BTE 0x15
#define ECODE_GSPR 0x16 /* LVZ: guest-sensitive privileged resource */
#define ECODE_HVC 0x17 /* LVZ: hypercall */
#define ECODE_GCM 0x18 /* LVZ: guest CSR modified (GCSC / GCHC) */
#define ECODE_TLBR 0x3f /* TLB refill (its own entry) */

/* C entry from entry.S for every trap taken in the hypervisor. */
void hyp_trap(struct regs *regs);
/* From the TLB refill entry: the hypervisor never misses in the TLB. */
void __noreturn hyp_tlb_refill(struct regs *regs);
void __noreturn hyp_exception(struct regs *regs, const char *what);
/* A name for ESTAT's exception code, for the crash dump. */
const char *ecode_name(u32 ecode, u32 subcode);

/* The hypervisor's timer: only ever used to bound an IDLE. */
void hyp_timer_init(void);
void hyp_timer_arm(u64 deadline);
void hyp_timer_handle(void);
/* Serves what woke an IDLE (the hypervisor runs with CRMD.IE clear). */
void handle_pending_interrupts(void);

#endif
