/* SPDX-License-Identifier: Apache-2.0 */
/* PSCI function ids and results the hypervisor emulates for zones. */
#ifndef ASM_PSCI_H
#define ASM_PSCI_H

#include <bulkhead/percpu.h>

#define PSCI_VERSION 0x84000000u
#define PSCI_CPU_SUSPEND 0xc4000001u
#define PSCI_CPU_OFF 0x84000002u
#define PSCI_CPU_ON 0xc4000003u
#define PSCI_AFFINITY_INFO 0xc4000004u
#define PSCI_SYSTEM_OFF 0x84000008u
#define PSCI_SYSTEM_RESET 0x84000009u
#define PSCI_FEATURES 0x8400000au
#define SMCCC_VERSION 0x80000000u

#define PSCI_SUCCESS 0
#define PSCI_NOT_SUPPORTED (-1)
#define PSCI_INVALID_PARAMETERS (-2)
#define PSCI_DENIED (-3)
#define PSCI_ALREADY_ON (-4)
#define PSCI_ON_PENDING (-5)
#define PSCI_INTERNAL_FAILURE (-6)
#define PSCI_INVALID_ADDRESS (-9)

/* The SMC32 and SMC64 forms of a call differ only in bit 30. */
#define PSCI_FN_SMC64 (1u << 30)

/* Emulates the guest's SMC (PSCI and SMCCC); nothing is forwarded. */
void psci_handle_smc(struct regs *regs, struct percpu *cpu);
/* Calls the firmware's (or QEMU's) PSCI from EL2. */
s64 psci_call(u64 fn, u64 a1, u64 a2, u64 a3);

#endif
