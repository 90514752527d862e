// SPDX-License-Identifier: Apache-2.0
/* Calls from the hypervisor to its SBI firmware. */
#include <bulkhead/compiler.h>
#include <asm/sbi.h>

struct sbiret sbi_call(u64 ext, u64 fid, u64 a0, u64 a1, u64 a2, u64 a3, u64 a4)
{
	register u64 r_a0 __asm__("a0") = a0;
	register u64 r_a1 __asm__("a1") = a1;
	register u64 r_a2 __asm__("a2") = a2;
	register u64 r_a3 __asm__("a3") = a3;
	register u64 r_a4 __asm__("a4") = a4;
	register u64 r_a6 __asm__("a6") = fid;
	register u64 r_a7 __asm__("a7") = ext;

	__asm__ volatile("ecall"
			 : "+r"(r_a0), "+r"(r_a1)
			 : "r"(r_a2), "r"(r_a3), "r"(r_a4), "r"(r_a6), "r"(r_a7)
			 : "memory");
	return (struct sbiret){ .error = (long)r_a0, .value = (long)r_a1 };
}

/* One hart at a time: hart ids need not fit one mask word. */
void sbi_send_ipi_hart(u64 hartid)
{
	sbi_call(SBI_EXT_IPI, 0, 1, hartid, 0, 0, 0);
}

int sbi_hart_start(u64 hartid, u64 entry, u64 opaque)
{
	struct sbiret ret = sbi_call(SBI_EXT_HSM, SBI_HSM_HART_START, hartid,
				     entry, opaque, 0, 0);

	return ret.error ? -1 : 0;
}

void sbi_set_timer(u64 deadline)
{
	sbi_call(SBI_EXT_TIME, 0, deadline, 0, 0, 0, 0);
}

void sbi_shutdown(void)
{
	sbi_call(SBI_EXT_SRST, 0, SBI_SRST_SHUTDOWN, 0, 0, 0, 0);
	for (;;)
		__asm__ volatile("wfi");
}

long sbi_remote_fence_i(u64 hartid)
{
	return sbi_call(SBI_EXT_RFENCE, SBI_RFENCE_FENCE_I, 1, hartid, 0, 0, 0)
		.error;
}

long sbi_remote_hfence_vvma(u64 hartid, u64 start, u64 size, u64 asid,
			    bool by_asid)
{
	if (by_asid)
		return sbi_call(SBI_EXT_RFENCE, SBI_RFENCE_HFENCE_VVMA_ASID, 1,
				hartid, start, size, asid)
			.error;
	return sbi_call(SBI_EXT_RFENCE, SBI_RFENCE_HFENCE_VVMA, 1, hartid,
			start, size, 0)
		.error;
}
