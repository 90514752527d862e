// SPDX-License-Identifier: Apache-2.0
/* Decodes trapped guest loads and stores for MMIO emulation. */
#include <bulkhead/compiler.h>
#include <asm/insn.h>

#define OP_LOAD 0x03
#define OP_STORE 0x23

static u32 bits(u32 insn, unsigned int lo, unsigned int n)
{
	return (insn >> lo) & ((1u << n) - 1);
}

/* lb lh lw ld lbu lhu lwu; sb sh sw sd. funct3 says width and sign. */
static int decode_32(u32 insn, unsigned int len, struct mmio_insn *out)
{
	u32 op = bits(insn, 0, 7) | 2; /* transformed compressed: bit 1 = 0 */
	u32 f3 = bits(insn, 12, 3);

	if (op == OP_LOAD && f3 != 7) {
		out->write = false;
		out->reg = bits(insn, 7, 5);
		out->sign_extend = f3 < 3;
	} else if (op == OP_STORE && f3 < 4) {
		out->write = true;
		out->reg = bits(insn, 20, 5);
		out->sign_extend = false;
	} else {
		return -1;
	}
	out->width = 1u << (f3 & 3);
	out->len = len;
	return 0;
}

/* c.lw c.ld c.sw c.sd (x8..x15) and their sp-relative forms. */
static int decode_16(u32 insn, struct mmio_insn *out)
{
	u32 quadrant = bits(insn, 0, 2), f3 = bits(insn, 13, 3);
	bool wide = f3 & 1; /* 011/111: doubleword, 010/110: word */

	if ((f3 & 3) != 2 && (f3 & 3) != 3)
		return -1;
	out->write = f3 & 4;
	out->width = wide ? 8 : 4;
	out->sign_extend = !wide && !out->write;
	out->len = 2;
	if (quadrant == 0)
		out->reg = 8 + bits(insn, 2, 3);
	else if (quadrant == 2)
		out->reg = out->write ? bits(insn, 2, 5) : bits(insn, 7, 5);
	else
		return -1;
	return 0;
}

int insn_decode_mmio(u32 insn, bool transformed, struct mmio_insn *out)
{
	/*
	 * htinst: always the 32-bit form with bit 0 set; bit 1 clear means
	 * the guest's instruction was a compressed one.
	 */
	if (transformed)
		return (insn & 1) ? decode_32(insn, insn & 2 ? 4 : 2, out) : -1;
	if ((insn & 3) == 3)
		return decode_32(insn, 4, out);
	return insn >> 16 ? -1 : decode_16(insn, out);
}

u64 insn_load_result(const struct mmio_insn *mi, u64 val)
{
	unsigned int shift = 64 - 8 * mi->width;

	if (mi->width == 8)
		return val;
	val = (val << shift) >> shift;
	if (mi->sign_extend)
		val = (u64)((s64)(val << shift) >> shift);
	return val;
}
