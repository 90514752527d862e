/* SPDX-License-Identifier: Apache-2.0 */
/*
 * LVZ guest exits, decoded: what a trap from guest mode asks the
 * hypervisor to do, from ESTAT (cause), BADI (the trapping instruction)
 * and BADV. Pure functions, no CSR access: host unit tests and a fuzz
 * target run them. Nothing runs them on QEMU (no LVZ).
 */
#ifndef ASM_EXIT_H
#define ASM_EXIT_H

#include <bulkhead/types.h>

enum la_exit_kind {
	LA_EXIT_UNKNOWN, /* not emulated: the zone is stopped */
	LA_EXIT_INTERRUPT, /* a host interrupt, nothing for the guest */
	LA_EXIT_MMIO, /* a GPA load/store the GPA table does not map */
	LA_EXIT_CSR, /* csrrd / csrwr / csrxchg on a CSR LVZ traps */
	LA_EXIT_CPUCFG,
	LA_EXIT_IOCSR, /* iocsrrd / iocsrwr */
	LA_EXIT_IDLE,
	LA_EXIT_HVC, /* hypercall (HVCL in LLVM), with its 15-bit code */
	LA_EXIT_GCSR_CHANGED, /* GCM: a guest CSR changed (subcode 0 or 1) */
};

enum la_csr_op { LA_CSR_READ, LA_CSR_WRITE, LA_CSR_XCHG };

struct la_exit {
	enum la_exit_kind kind;
	u8 rd; /* destination (loads, reads) or source (stores) register */
	u8 rj; /* csrxchg's mask register, iocsr/cpucfg's address register */
	bool write;
	bool sign_extend; /* loads narrower than 64 bits: ld.b/h/w */
	u8 width; /* bytes: 1, 2, 4, 8 */
	enum la_csr_op csr_op;
	u32 num; /* CSR number, hypercall code or GCM subcode */
	u64 addr; /* MMIO: the guest physical address (BADV) */
};

/* Exit @exit from the trap's ESTAT, BADI and BADV; returns its kind. */
enum la_exit_kind la_decode_exit(u64 estat, u32 badi, u64 badv,
				 struct la_exit *exit);
/* Decodes a load/store instruction; false if @insn is none. */
bool la_decode_mmio(u32 insn, struct la_exit *exit);
/* The register value after a load of @val as @exit describes it. */
u64 la_load_result(const struct la_exit *exit, u64 val);

#endif
