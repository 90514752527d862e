/* SPDX-License-Identifier: Apache-2.0 */
/* aarch64 system register access and the EL2 register bits used. */
#ifndef ASM_SYSREG_H
#define ASM_SYSREG_H

#include <bulkhead/types.h>

#define read_sysreg(r)                                       \
	({                                                   \
		u64 __v;                                     \
		__asm__ volatile("mrs %0, " #r : "=r"(__v)); \
		__v;                                         \
	})
#define write_sysreg(r, v) \
	__asm__ volatile("msr " #r ", %0" ::"r"((u64)(v)) : "memory")

#define isb() __asm__ volatile("isb" ::: "memory")
#define dsb(opt) __asm__ volatile("dsb " #opt ::: "memory")
#define wfi() __asm__ volatile("wfi" ::: "memory")
#define wfe() __asm__ volatile("wfe" ::: "memory")

/* GICv3 CPU interface registers by encoding (older assemblers lack names). */
#define ICC_SRE_EL2 S3_4_C12_C9_5
#define ICC_IGRPEN1_EL1 S3_0_C12_C12_7
#define ICC_PMR_EL1 S3_0_C4_C6_0
#define ICC_IAR1_EL1 S3_0_C12_C12_0
#define ICC_EOIR1_EL1 S3_0_C12_C12_1
#define ICC_SGI1R_EL1 S3_0_C12_C11_5
#define ICC_CTLR_EL1 S3_0_C12_C12_4
#define ICC_DIR_EL1 S3_0_C12_C11_1
#define ICC_SRE_EL1 S3_0_C12_C12_5
#define ICH_AP0R0_EL2 S3_4_C12_C8_0
#define ICH_AP1R0_EL2 S3_4_C12_C9_0
#define ICH_HCR_EL2 S3_4_C12_C11_0
#define ICH_VTR_EL2 S3_4_C12_C11_1
#define ICH_MISR_EL2 S3_4_C12_C11_2
#define ICH_EISR_EL2 S3_4_C12_C11_3
#define ICH_ELRSR_EL2 S3_4_C12_C11_5
#define ICH_VMCR_EL2 S3_4_C12_C11_7
/* ICH_LR<n>_EL2: S3_4_C12_C12_<n> for n < 8, S3_4_C12_C13_<n-8> above. */

#define MPIDR_AFF_MASK 0xff00ffffffull

/* HCR_EL2 */
#define HCR_VM BIT(0)
#define HCR_SWIO BIT(1)
#define HCR_FMO BIT(3)
#define HCR_IMO BIT(4)
#define HCR_AMO BIT(5)
#define HCR_FB BIT(9)
#define HCR_BSU_IS (1ull << 10)
#define HCR_TWI BIT(13)
#define HCR_TWE BIT(14)
#define HCR_TSC BIT(19)
#define HCR_RW BIT(31)

/* ESR_ELx */
#define ESR_EC_SHIFT 26
#define ESR_EC(esr) (((esr) >> ESR_EC_SHIFT) & 0x3f)
#define ESR_IL BIT(25)
#define ESR_ISS(esr) ((esr)&0x1ffffff)
/* The immediate of a trapped HVC or SMC. */
#define ESR_IMM16(esr) ((esr)&0xffff)

#define EC_UNKNOWN 0x00
#define EC_WFX 0x01
#define EC_HVC64 0x16
#define EC_SMC64 0x17
#define EC_SYSREG 0x18
#define EC_IABT_LOW 0x20
#define EC_IABT_CUR 0x21
#define EC_PC_ALIGN 0x22
#define EC_DABT_LOW 0x24
#define EC_DABT_CUR 0x25
#define EC_SP_ALIGN 0x26
#define EC_SERROR 0x2f
#define EC_BRK64 0x3c

/* Trapped MSR/MRS ISS: the register's encoding, Rt and direction. */
#define ISS_SYSREG_READ BIT(0)
#define ISS_SYSREG_RT(iss) (((iss) >> 5) & 0x1f)
#define ISS_SYSREG_ENC(iss) ((iss)&0x3ffc1e) /* Op0 Op2 Op1 CRn CRm */
#define SYSREG_ISS(op0, op1, crn, crm, op2)                             \
	(((u32)(op0) << 20) | ((u32)(op2) << 17) | ((u32)(op1) << 14) | \
	 ((u32)(crn) << 10) | ((u32)(crm) << 1))

/* Data abort ISS */
#define ISS_DA_ISV BIT(24)
#define ISS_DA_SAS(iss) (((iss) >> 22) & 3)
#define ISS_DA_SSE BIT(21)
#define ISS_DA_SRT(iss) (((iss) >> 16) & 0x1f)
#define ISS_DA_SF BIT(15)
#define ISS_DA_WNR BIT(6)
#define ISS_DA_S1PTW BIT(7)
#define ISS_DFSC(iss) ((iss)&0x3f)

/* SPSR: EL1h with DAIF masked, the architectural reset state for a guest. */
#define SPSR_EL1H_DAIF 0x3c5ull

#endif
