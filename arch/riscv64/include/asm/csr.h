/* SPDX-License-Identifier: Apache-2.0 */
/* RISC-V control and status registers used in HS-mode (privileged spec 1.12). */
#ifndef ASM_CSR_H
#define ASM_CSR_H

#include <bulkhead/types.h>

#define CSR_SSTATUS 0x100
#define CSR_SIE 0x104
#define CSR_STVEC 0x105
#define CSR_SCOUNTEREN 0x106
#define CSR_SSCRATCH 0x140
#define CSR_SEPC 0x141
#define CSR_SCAUSE 0x142
#define CSR_STVAL 0x143
#define CSR_SIP 0x144
#define CSR_STIMECMP 0x14d
#define CSR_SATP 0x180

#define CSR_HSTATUS 0x600
#define CSR_HEDELEG 0x602
#define CSR_HIDELEG 0x603
#define CSR_HIE 0x604
#define CSR_HTIMEDELTA 0x605
#define CSR_HCOUNTEREN 0x606
#define CSR_HGEIE 0x607
#define CSR_HENVCFG 0x60a
#define CSR_HTVAL 0x643
#define CSR_HIP 0x644
#define CSR_HVIP 0x645
#define CSR_HTINST 0x64a
#define CSR_HGATP 0x680

#define CSR_VSSTATUS 0x200
#define CSR_VSIE 0x204
#define CSR_VSTVEC 0x205
#define CSR_VSSCRATCH 0x240
#define CSR_VSEPC 0x241
#define CSR_VSCAUSE 0x242
#define CSR_VSTVAL 0x243
#define CSR_VSIP 0x244
#define CSR_VSTIMECMP 0x24d
#define CSR_VSATP 0x280

#define SSTATUS_SIE (1ul << 1)
#define SSTATUS_SPIE (1ul << 5)
#define SSTATUS_SPP (1ul << 8)
#define SSTATUS_FS_INITIAL (1ul << 13)
#define SSTATUS_FS_MASK (3ul << 13)

#define HSTATUS_GVA (1ul << 6)
#define HSTATUS_SPV (1ul << 7)
#define HSTATUS_SPVP (1ul << 8)
#define HSTATUS_VTW (1ul << 21)

#define HENVCFG_STCE (1ull << 63)

/* Interrupt numbers (scause with the top bit set) and their sip/hvip bits. */
#define IRQ_S_SOFT 1
#define IRQ_VS_SOFT 2
#define IRQ_S_TIMER 5
#define IRQ_VS_TIMER 6
#define IRQ_S_EXT 9
#define IRQ_VS_EXT 10
#define HVIP_VSSIP (1ul << IRQ_VS_SOFT)
#define HVIP_VSTIP (1ul << IRQ_VS_TIMER)
#define HVIP_VSEIP (1ul << IRQ_VS_EXT)

#define SCAUSE_IRQ (1ul << 63)

#define csr_read(csr)                                         \
	({                                                    \
		unsigned long __v;                            \
		__asm__ volatile("csrr %0, " __stringify(csr) \
				 : "=r"(__v)::"memory");      \
		__v;                                          \
	})
#define csr_write(csr, val)                                                  \
	__asm__ volatile(                                                    \
		"csrw " __stringify(csr) ", %0" ::"rK"((unsigned long)(val)) \
		: "memory")
#define csr_set(csr, val)                                                    \
	__asm__ volatile(                                                    \
		"csrs " __stringify(csr) ", %0" ::"rK"((unsigned long)(val)) \
		: "memory")
#define csr_clear(csr, val)                                                  \
	__asm__ volatile(                                                    \
		"csrc " __stringify(csr) ", %0" ::"rK"((unsigned long)(val)) \
		: "memory")

#endif
