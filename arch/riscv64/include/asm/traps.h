/* SPDX-License-Identifier: Apache-2.0 */
/* riscv64 trap causes and the trap handlers' entry points. */
#ifndef ASM_TRAPS_H
#define ASM_TRAPS_H

#include <asm/regs.h>

/* scause exception codes */
#define EXC_INST_MISALIGNED 0
#define EXC_INST_ACCESS 1
#define EXC_ILLEGAL_INST 2
#define EXC_BREAKPOINT 3
#define EXC_LOAD_ACCESS 5
#define EXC_STORE_ACCESS 7
#define EXC_U_ECALL 8
#define EXC_VS_ECALL 10
#define EXC_INST_PAGE_FAULT 12
#define EXC_LOAD_PAGE_FAULT 13
#define EXC_STORE_PAGE_FAULT 15
#define EXC_INST_GUEST_PAGE_FAULT 20
#define EXC_LOAD_GUEST_PAGE_FAULT 21
#define EXC_VIRTUAL_INST 22
#define EXC_STORE_GUEST_PAGE_FAULT 23

void handle_guest_trap(struct regs *regs);
/* A trap taken in HS-mode itself; returns only for an expected fault. */
void handle_hyp_trap(struct regs *regs);
void __noreturn hyp_exception(struct regs *regs, u64 cause);

/* IPIs that ask this CPU to raise its guest's software interrupt. */
void vcpu_raise_vssip(u32 cpu);
/* SBI set_timer: the guest's next timer interrupt, in time ticks. */
void vcpu_set_timer(u64 deadline);
/* On every way back into the guest: pending per-CPU requests. */
void vcpu_sync_pending(void);
/* The hypervisor's timer: only ever used to bound a WFI. */
void hyp_timer_handle(void);

#endif
