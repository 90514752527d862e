// SPDX-License-Identifier: Apache-2.0
/*
 * riscv64 without a hypervisor (lib/native.c): the ECALLs go to the SBI
 * firmware itself (OpenSBI), which has no Bulkhead extension to answer
 * the hypercall console. The firmware powers off with SBI system reset.
 */
#include <stdbool.h>

#include <arch/cpu.h>
#include <guest/fdt.h>
#include <guest/native.h>

bool arch_native(void)
{
	struct sbiret r = sbi_call(SBI_EXT_BASE, SBI_BASE_PROBE_EXT,
				   SBI_EXT_BULKHEAD, 0, 0);

	return r.error || !r.value;
}

void arch_native_init(const struct fdt *fdt)
{
	(void)fdt;
}

void arch_native_off(void)
{
	sbi_call(SBI_EXT_SRST, SBI_SRST_RESET, SBI_SRST_SHUTDOWN, 0, 0);
}
