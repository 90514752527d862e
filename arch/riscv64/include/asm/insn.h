/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Decoding the load or store a guest made to an emulated device. The
 * instruction comes from htinst (the hart's transformed copy) or, when the
 * hart gives none, from guest memory; both forms decode here. Pure code,
 * also built into the host unit tests and a fuzz target.
 */
#ifndef ASM_INSN_H
#define ASM_INSN_H

#include <bulkhead/types.h>

struct mmio_insn {
	unsigned int width; /* bytes: 1, 2, 4, 8 */
	bool write;
	bool sign_extend; /* loads: lb, lh, lw */
	unsigned int reg; /* rd of a load, rs2 of a store */
	unsigned int len; /* instruction length in bytes: 2 or 4 */
};

/*
 * Decodes an integer load or store: as read from guest memory (standard
 * or compressed), or `transformed` as htinst reports it. Returns 0, or -1
 * for anything else (atomics, floating point, not a memory access),
 * which cannot be emulated.
 */
int insn_decode_mmio(u32 insn, bool transformed, struct mmio_insn *out);
/* The value a load of `width` bytes leaves in its register. */
u64 insn_load_result(const struct mmio_insn *mi, u64 val);

#endif
