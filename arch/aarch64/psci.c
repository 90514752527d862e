// SPDX-License-Identifier: Apache-2.0
/*
 * PSCI as the zones see it. A zone's power calls act on the zone, never
 * on the machine; CPU management arrives with multi-CPU zones. Every SMC
 * is answered here and none reaches the firmware.
 */
#include <bulkhead/arch.h>
#include <bulkhead/zone.h>
#include <asm/psci.h>

#define PSCI_VERSION_1_1 0x10001

s64 psci_call(u64 fn, u64 a1, u64 a2, u64 a3)
{
	register u64 x0 __asm__("x0") = fn;
	register u64 x1 __asm__("x1") = a1;
	register u64 x2 __asm__("x2") = a2;
	register u64 x3 __asm__("x3") = a3;

	__asm__ volatile("smc #0"
			 : "+r"(x0), "+r"(x1), "+r"(x2), "+r"(x3)
			 :
			 : "x4", "x5", "x6", "x7", "x8", "x9", "x10", "x11",
			   "x12", "x13", "x14", "x15", "x16", "x17", "memory");
	return (s64)x0;
}

static s64 psci_features(u64 fn)
{
	switch (fn) {
	case PSCI_VERSION:
	case PSCI_FEATURES:
	case PSCI_SYSTEM_OFF:
	case PSCI_SYSTEM_RESET:
	case SMCCC_VERSION:
		return PSCI_SUCCESS;
	default:
		return PSCI_NOT_SUPPORTED;
	}
}

void psci_handle_smc(struct regs *regs, struct percpu *cpu)
{
	u64 fn = regs->x[0] & 0xffffffffull;
	s64 ret;

	switch (fn) {
	case PSCI_VERSION:
		ret = PSCI_VERSION_1_1;
		break;
	case SMCCC_VERSION:
		ret = 0x10001; /* SMCCC 1.1 */
		break;
	case PSCI_FEATURES:
		ret = psci_features(regs->x[1] & 0xffffffffull);
		break;
	case PSCI_SYSTEM_OFF:
		zone_stop_self("powered off (PSCI SYSTEM_OFF)");
	case PSCI_SYSTEM_RESET:
		zone_stop_self("reset requested (PSCI SYSTEM_RESET); zone restart is not available yet, zone stays stopped");
	default:
		ret = PSCI_NOT_SUPPORTED;
		break;
	}
	(void)cpu;
	regs->x[0] = (u64)ret;
}
