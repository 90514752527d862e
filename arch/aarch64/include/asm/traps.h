/* SPDX-License-Identifier: Apache-2.0 */
/* aarch64 trap decoding helpers (data aborts, ESR classes). */
#ifndef ASM_TRAPS_H
#define ASM_TRAPS_H

#include <bulkhead/vdev.h>
#include <asm/regs.h>

/* Fills width/write of an MMIO access from a data-abort ESR; 0 if emulatable. */
int decode_mmio_abort(u64 esr, struct mmio_access *acc, unsigned int *reg);
/* The register value a trapped load of `width` bytes leaves (SSE, SF). */
u64 load_result(u64 val, u64 esr, unsigned int width);
const char *esr_class_name(unsigned int ec);

void handle_guest_sync(struct regs *regs);
void handle_guest_irq(struct regs *regs);
void handle_guest_fiq(struct regs *regs);
void handle_guest_serror(struct regs *regs);
void handle_guest_aarch32(struct regs *regs);
void __noreturn hyp_exception(struct regs *regs, unsigned long kind);

#endif
