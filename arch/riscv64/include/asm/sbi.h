/* SPDX-License-Identifier: Apache-2.0 */
/*
 * The Supervisor Binary Interface, both ways: the calls the hypervisor
 * makes to its firmware (OpenSBI), and the numbers of the calls it
 * answers for its guests (vsbi.c). SBI specification 2.0.
 */
#ifndef ASM_SBI_H
#define ASM_SBI_H

#include <bulkhead/types.h>

#define SBI_EXT_LEGACY_SET_TIMER 0x00
#define SBI_EXT_LEGACY_PUTCHAR 0x01
#define SBI_EXT_LEGACY_GETCHAR 0x02
#define SBI_EXT_LEGACY_SHUTDOWN 0x08
#define SBI_EXT_BASE 0x10
#define SBI_EXT_TIME 0x54494d45
#define SBI_EXT_IPI 0x735049
#define SBI_EXT_RFENCE 0x52464e43
#define SBI_EXT_HSM 0x48534d
#define SBI_EXT_SRST 0x53525354
#define SBI_EXT_DBCN 0x4442434e
/* Firmware-specific range: Bulkhead's own calls (hypercall_abi.h). */
#define SBI_EXT_BULKHEAD 0x0a004248

#define SBI_BASE_GET_SPEC_VERSION 0
#define SBI_BASE_GET_IMPL_ID 1
#define SBI_BASE_GET_IMPL_VERSION 2
#define SBI_BASE_PROBE_EXT 3
#define SBI_BASE_GET_MVENDORID 4
#define SBI_BASE_GET_MARCHID 5
#define SBI_BASE_GET_MIMPID 6

#define SBI_RFENCE_FENCE_I 0
#define SBI_RFENCE_SFENCE_VMA 1
#define SBI_RFENCE_SFENCE_VMA_ASID 2
#define SBI_RFENCE_HFENCE_VVMA_ASID 5
#define SBI_RFENCE_HFENCE_VVMA 6

#define SBI_HSM_HART_START 0
#define SBI_HSM_HART_STOP 1
#define SBI_HSM_HART_STATUS 2
#define SBI_HSM_HART_SUSPEND 3
#define SBI_HSM_STARTED 0
#define SBI_HSM_STOPPED 1
#define SBI_HSM_START_PENDING 2
#define SBI_HSM_SUSPEND_NON_RETENTIVE 0x80000000u

#define SBI_SRST_SHUTDOWN 0
#define SBI_SRST_COLD_REBOOT 1
#define SBI_SRST_WARM_REBOOT 2

#define SBI_DBCN_WRITE 0
#define SBI_DBCN_READ 1
#define SBI_DBCN_WRITE_BYTE 2

#define SBI_SUCCESS 0
#define SBI_ERR_FAILED (-1)
#define SBI_ERR_NOT_SUPPORTED (-2)
#define SBI_ERR_INVALID_PARAM (-3)
#define SBI_ERR_DENIED (-4)
#define SBI_ERR_INVALID_ADDRESS (-5)
#define SBI_ERR_ALREADY_AVAILABLE (-6)

struct sbiret {
	long error;
	long value;
};

struct sbiret sbi_call(u64 ext, u64 fid, u64 a0, u64 a1, u64 a2, u64 a3,
		       u64 a4);
void sbi_send_ipi_hart(u64 hartid);
int sbi_hart_start(u64 hartid, u64 entry, u64 opaque);
void sbi_set_timer(u64 deadline);
void __noreturn sbi_shutdown(void);
/* Fences on one physical hart for the guest it runs (its VMID). */
long sbi_remote_fence_i(u64 hartid);
long sbi_remote_hfence_vvma(u64 hartid, u64 start, u64 size, u64 asid,
			    bool by_asid);

struct regs;
struct percpu;
/* A guest's ECALL (VS-mode): answered here, never passed to firmware. */
void vsbi_handle_ecall(struct regs *regs, struct percpu *cpu);

#endif
