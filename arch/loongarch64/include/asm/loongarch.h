/* SPDX-License-Identifier: Apache-2.0 */
/* LoongArch64 CSR, CPUCFG and IOCSR numbers and their accessors. */
#ifndef ASM_LOONGARCH_H
#define ASM_LOONGARCH_H

/* Control and status registers (LoongArch Reference Manual vol. 1, ch. 7) */
#define CSR_CRMD 0x0
#define CSR_PRMD 0x1
#define CSR_EUEN 0x2
#define CSR_MISC 0x3
#define CSR_ECFG 0x4
#define CSR_ESTAT 0x5
#define CSR_ERA 0x6
#define CSR_BADV 0x7
#define CSR_BADI 0x8
#define CSR_EENTRY 0xc
#define CSR_TLBIDX 0x10
#define CSR_TLBEHI 0x11
#define CSR_TLBELO0 0x12
#define CSR_TLBELO1 0x13
#define CSR_GTLBC 0x15 /* LVZ */
#define CSR_TRGP 0x16 /* LVZ */
#define CSR_ASID 0x18
#define CSR_PGDL 0x19
#define CSR_PGDH 0x1a
#define CSR_PWCL 0x1c
#define CSR_PWCH 0x1d
#define CSR_CPUID 0x20
#define CSR_SAVE0 0x30
#define CSR_SAVE1 0x31
#define CSR_TID 0x40
#define CSR_TCFG 0x41
#define CSR_TVAL 0x42
#define CSR_CNTC 0x43
#define CSR_TICLR 0x44
#define CSR_GSTAT 0x50 /* LVZ */
#define CSR_GCFG 0x51 /* LVZ */
#define CSR_GINTC 0x52 /* LVZ */
#define CSR_GCNTC 0x53 /* LVZ */
#define CSR_TLBRENTRY 0x88
#define CSR_TLBRBADV 0x89
#define CSR_TLBRERA 0x8a
#define CSR_TLBRSAVE 0x8b
#define CSR_TLBRPRMD 0x8f
#define CSR_MERRENTRY 0x93
#define CSR_DMW0 0x180
#define CSR_DMW1 0x181
#define CSR_DMW2 0x182
#define CSR_DMW3 0x183

/* CRMD: current mode */
#define CRMD_PLV_MASK 0x3
#define CRMD_IE (1u << 2)
#define CRMD_DA (1u << 3)
#define CRMD_PG (1u << 4)

/* ECFG: local interrupt enables (LIE) and the vector spacing */
#define ECFG_LIE_MASK 0x1fff

/* ESTAT: interrupt status bits (IS), exception code and subcode */
#define INT_SWI0 0
#define INT_HWI0 2 /* HWI0..HWI7: 2..9, from the EIOINTC */
#define INT_NR_HWI 8
#define INT_PMI 10
#define INT_TI 11 /* the constant timer */
#define INT_IPI 12
#define ESTAT_IS_MASK 0x1fff
#define ESTAT_ECODE(e) (((e) >> 16) & 0x3f)
#define ESTAT_ESUBCODE(e) (((e) >> 22) & 0x1ff)

/* TCFG: the constant timer */
#define TCFG_EN (1ull << 0)
#define TCFG_PERIODIC (1ull << 1)
#define TICLR_CLR 1

/*
 * DMW: a direct-mapped window matches VA[63:60] == VSEG and maps the
 * rest of the address straight to the physical one, with the memory
 * access type MAT (0: strongly-ordered uncached, 1: coherent cached).
 */
#define DMW_PLV0 (1ull << 0)
#define DMW_MAT_SUC (0ull << 4)
#define DMW_MAT_CC (1ull << 4)
#define DMW_VSEG(v) ((unsigned long long)(v) << 60)
/* The hypervisor's two windows (mmu.c), spelt for the assembler too. */
#define DMW0_HYP 0x0000000000000011 /* VSEG 0, cached, PLV0 */
#define DMW1_HYP 0x8000000000000001 /* VSEG 8, uncached, PLV0 */

/* CPUCFG words */
#define CPUCFG_PRID 0
#define CPUCFG_ARCH 1
#define CPUCFG_FEATURES 2
#define CPUCFG2_LVZ (1u << 10)
#define CPUCFG2_LVZ_VER(w) (((w) >> 11) & 0x7)
#define CPUCFG_CC_FREQ 4 /* the constant counter's crystal, Hz */
#define CPUCFG_CC_MULDIV 5 /* its multiplier (15:0) and divider (31:16) */

/* IOCSR: the per-core IPI block and its four 64-bit mailboxes */
#define IOCSR_IPI_STATUS 0x1000
#define IOCSR_IPI_EN 0x1004
#define IOCSR_IPI_SET 0x1008
#define IOCSR_IPI_CLEAR 0x100c
#define IOCSR_MBOX0 0x1020
#define IOCSR_MBOX1 0x1028
#define IOCSR_IPI_SEND 0x1040
#define IOCSR_MAIL_SEND 0x1048
#define IPI_SEND_BLOCKING (1u << 31)
#define IPI_SEND_CPU_SHIFT 16
#define MAIL_SEND_BLOCKING (1ull << 31)
#define MAIL_SEND_CPU_SHIFT 16
#define MAIL_SEND_WORD_SHIFT 2 /* which 32-bit half of which mailbox */
#define MAIL_SEND_DATA_SHIFT 32

/* The accessors: LoongArch C only (host unit tests use the numbers). */
#if !defined(__ASSEMBLER__) && defined(__loongarch__)
#include <larchintrin.h>
#include <bulkhead/compiler.h>

#define csr_read(csr) __csrrd_d(csr)
#define csr_write(csr, v) ((void)__csrwr_d((v), (csr)))
/* Changes the bits of @mask to those of @v; returns the old value. */
#define csr_xchg(csr, v, mask) __csrxchg_d((v), (mask), (csr))
#define iocsr_read32(a) __iocsrrd_w(a)
#define iocsr_read64(a) __iocsrrd_d(a)
#define iocsr_write32(a, v) __iocsrwr_w((v), (a))
#define iocsr_write64(a, v) __iocsrwr_d((v), (a))
#define cpucfg(word) __cpucfg(word)

static inline void local_irq_disable(void)
{
	csr_xchg(CSR_CRMD, 0, CRMD_IE);
}

static inline void local_irq_enable(void)
{
	csr_xchg(CSR_CRMD, CRMD_IE, CRMD_IE);
}
#endif

#endif
