// SPDX-License-Identifier: Apache-2.0
/*
 * Decoding of stage-2 data aborts into MMIO accesses. Pure functions of
 * the syndrome, so the host unit tests and fuzzers run them as they are.
 */
#include <asm/sysreg.h>
#include <asm/traps.h>

int decode_mmio_abort(u64 esr, struct mmio_access *acc, unsigned int *reg)
{
	u64 iss = ESR_ISS(esr);

	/* Without ISV the access (e.g. a load pair) cannot be emulated. */
	if (!(iss & ISS_DA_ISV) || (iss & ISS_DA_S1PTW))
		return -1;
	acc->width = 1u << ISS_DA_SAS(iss);
	acc->write = iss & ISS_DA_WNR;
	*reg = ISS_DA_SRT(iss);
	return 0;
}

u64 load_result(u64 val, u64 esr, unsigned int width)
{
	u64 iss = ESR_ISS(esr);

	if (width < 8)
		val &= (1ull << (width * 8)) - 1;
	if ((iss & ISS_DA_SSE) && width < 8 &&
	    (val & (1ull << (width * 8 - 1))))
		val |= ~0ull << (width * 8);
	if (!(iss & ISS_DA_SF))
		val &= 0xffffffffull;
	return val;
}
