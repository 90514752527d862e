// SPDX-License-Identifier: Apache-2.0
/*
 * LVZ exit decoding (asm/exit.h). Instruction formats from the LoongArch
 * Reference Manual vol. 1: 2RI12 loads/stores (opcode bits 31:22), 3R
 * indexed ones (31:15), 2RI14 ldptr/stptr (31:24), the CSR group
 * (31:24 = 0x04, rj selecting read/write/xchg), cpucfg and iocsr (31:10),
 * idle and hvc (31:15). Also compiled into host tests: no CSR access.
 */
#include <asm/exit.h>
#include <asm/loongarch.h>
#include <asm/traps.h>

#define RD(i) ((u8)((i)&0x1f))
#define RJ(i) ((u8)(((i) >> 5) & 0x1f))

struct mem_op {
	u32 op;
	u8 width;
	bool write, sign;
};

/* Opcode bits 31:22 of ld.b .. ld.wu (2RI12). */
static const struct mem_op ri12_ops[] = {
	{ 0x0a0, 1, false, true },  { 0x0a1, 2, false, true },
	{ 0x0a2, 4, false, true },  { 0x0a3, 8, false, false },
	{ 0x0a4, 1, true, false },  { 0x0a5, 2, true, false },
	{ 0x0a6, 4, true, false },  { 0x0a7, 8, true, false },
	{ 0x0a8, 1, false, false }, { 0x0a9, 2, false, false },
	{ 0x0aa, 4, false, false },
};

/* Opcode bits 31:15 of ldx.b .. ldx.wu (3R). */
static const struct mem_op x_ops[] = {
	{ 0x7000, 1, false, true },  { 0x7008, 2, false, true },
	{ 0x7010, 4, false, true },  { 0x7018, 8, false, false },
	{ 0x7020, 1, true, false },  { 0x7028, 2, true, false },
	{ 0x7030, 4, true, false },  { 0x7038, 8, true, false },
	{ 0x7040, 1, false, false }, { 0x7048, 2, false, false },
	{ 0x7050, 4, false, false },
};

/* Opcode bits 31:24 of ldptr.w, stptr.w, ldptr.d, stptr.d (2RI14). */
static const struct mem_op ptr_ops[] = {
	{ 0x24, 4, false, true },
	{ 0x25, 4, true, false },
	{ 0x26, 8, false, false },
	{ 0x27, 8, true, false },
};

static bool match(const struct mem_op *ops, u32 n, u32 op, struct la_exit *exit)
{
	for (u32 i = 0; i < n; i++) {
		if (ops[i].op != op)
			continue;
		exit->width = ops[i].width;
		exit->write = ops[i].write;
		exit->sign_extend = ops[i].sign;
		return true;
	}
	return false;
}

bool la_decode_mmio(u32 insn, struct la_exit *exit)
{
	if (!match(ri12_ops, ARRAY_SIZE(ri12_ops), insn >> 22, exit) &&
	    !match(x_ops, ARRAY_SIZE(x_ops), insn >> 15, exit) &&
	    !match(ptr_ops, ARRAY_SIZE(ptr_ops), insn >> 24, exit))
		return false;
	exit->kind = LA_EXIT_MMIO;
	exit->rd = RD(insn);
	return true;
}

u64 la_load_result(const struct la_exit *exit, u64 val)
{
	unsigned int bits = exit->width * 8;

	if (bits >= 64)
		return val;
	val &= (1ull << bits) - 1;
	if (exit->sign_extend && (val >> (bits - 1)))
		val |= ~0ull << bits;
	return val;
}

/* What a guest-sensitive privileged instruction asked for. */
static enum la_exit_kind decode_gspr(u32 insn, struct la_exit *exit)
{
	exit->rd = RD(insn);
	exit->rj = RJ(insn);
	if ((insn >> 24) == 0x04) {
		exit->num = (insn >> 10) & 0x3fff;
		exit->csr_op = exit->rj == 0 ? LA_CSR_READ :
			       exit->rj == 1 ? LA_CSR_WRITE :
					       LA_CSR_XCHG;
		exit->write = exit->csr_op != LA_CSR_READ;
		return LA_EXIT_CSR;
	}
	if ((insn >> 10) == 0x1b)
		return LA_EXIT_CPUCFG;
	if ((insn >> 13) == (0x19200 >> 3)) { /* iocsrrd/wr .b .h .w .d */
		exit->width = (u8)(1u << ((insn >> 10) & 3));
		exit->write = (insn >> 12) & 1;
		return LA_EXIT_IOCSR;
	}
	if ((insn >> 15) == 0x0c91)
		return LA_EXIT_IDLE;
	return LA_EXIT_UNKNOWN;
}

static bool is_gpa_fault(u32 ecode)
{
	return ecode == ECODE_PIL || ecode == ECODE_PIS || ecode == ECODE_PME ||
	       ecode == ECODE_PNR;
}

enum la_exit_kind la_decode_exit(u64 estat, u32 badi, u64 badv,
				 struct la_exit *exit)
{
	u32 ecode = ESTAT_ECODE(estat);

	*exit = (struct la_exit){ .kind = LA_EXIT_UNKNOWN };
	if (ecode == ECODE_INT)
		exit->kind = LA_EXIT_INTERRUPT;
	else if (ecode == ECODE_GSPR)
		exit->kind = decode_gspr(badi, exit);
	else if (ecode == ECODE_HVC && (badi >> 15) == 0x57) {
		exit->kind = LA_EXIT_HVC;
		exit->num = badi & 0x7fff;
	} else if (ecode == ECODE_GCM) {
		exit->kind = LA_EXIT_GCSR_CHANGED;
		exit->num = ESTAT_ESUBCODE(estat);
	} else if (is_gpa_fault(ecode) && la_decode_mmio(badi, exit)) {
		/* The access must agree with the fault's direction. */
		if (exit->write != (ecode != ECODE_PIL && ecode != ECODE_PNR))
			*exit = (struct la_exit){ .kind = LA_EXIT_UNKNOWN };
		else
			exit->addr = badv;
	}
	return exit->kind;
}
