// SPDX-License-Identifier: Apache-2.0
/*
 * PSCI as the zones see it. CPU calls name vCPUs by their virtual MPIDR
 * (Aff0 = vCPU index, as VMPIDR_EL2 and the guest DTB say), so a zone can
 * only ever address its own CPUs. SYSTEM_RESET restarts the calling zone;
 * SYSTEM_OFF stops it, and powers the machine off only for a zone given
 * that right (bulkhead,may-power-off). Every SMC is answered here and
 * none reaches the firmware.
 */
#include <bulkhead/arch.h>
#include <bulkhead/vcpu.h>
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

/*
 * Whether PSCI defines @fn: of the calls served here, only CPU_SUSPEND,
 * CPU_ON and AFFINITY_INFO have an SMC64 form. Any other id with the
 * SMC64 bit (0xc4000008 is not SYSTEM_OFF) is refused.
 */
static bool psci_defined(u64 fn)
{
	switch (fn) {
	case PSCI_CPU_SUSPEND:
	case PSCI_CPU_ON:
	case PSCI_AFFINITY_INFO:
		return true;
	default:
		return !(fn & PSCI_FN_SMC64);
	}
}

static s64 psci_features(u64 fn)
{
	if (!psci_defined(fn))
		return PSCI_NOT_SUPPORTED;
	switch (fn & ~PSCI_FN_SMC64) {
	case PSCI_VERSION:
	case PSCI_FEATURES:
	case PSCI_CPU_SUSPEND & ~PSCI_FN_SMC64:
	case PSCI_CPU_OFF:
	case PSCI_CPU_ON & ~PSCI_FN_SMC64:
	case PSCI_AFFINITY_INFO & ~PSCI_FN_SMC64:
	case PSCI_SYSTEM_OFF:
	case PSCI_SYSTEM_RESET:
	case SMCCC_VERSION:
		return PSCI_SUCCESS;
	default:
		return PSCI_NOT_SUPPORTED;
	}
}

/* vCPU index named by a virtual MPIDR, or -1 if it names none. */
static s64 target_vcpu(const struct zone *zone, u64 mpidr)
{
	u64 aff = mpidr & MPIDR_AFF_MASK;

	return aff < zone->nr_vcpus ? (s64)aff : -1;
}

static s64 psci_cpu_on(struct zone *zone, const struct regs *regs, bool smc64)
{
	u64 mask = smc64 ? ~0ull : 0xffffffffull;
	s64 vcpu = target_vcpu(zone, regs->x[1] & mask);
	u64 entry = regs->x[2] & mask;

	if (vcpu < 0)
		return PSCI_INVALID_PARAMETERS;
	if (!zone_ipa_is_exec(zone, entry, 4) || entry & 3)
		return PSCI_INVALID_ADDRESS;
	switch (vcpu_on(zone, (u32)vcpu, entry, regs->x[3] & mask)) {
	case VCPU_OK:
		return PSCI_SUCCESS;
	case VCPU_EALREADY:
		return PSCI_ALREADY_ON;
	case VCPU_EPENDING:
		return PSCI_ON_PENDING;
	default:
		return PSCI_INTERNAL_FAILURE;
	}
}

/* AFFINITY_INFO answers 0 = on, 1 = off, 2 = on pending. */
static s64 psci_affinity_info(struct zone *zone, const struct regs *regs)
{
	s64 vcpu = target_vcpu(zone, regs->x[1]);

	if (vcpu < 0 || regs->x[2] != 0)
		return PSCI_INVALID_PARAMETERS;
	switch (vcpu_power_state(zone, (u32)vcpu)) {
	case VCPU_ON:
		return 0;
	case VCPU_ON_PENDING:
		return 2;
	default:
		return 1;
	}
}

void psci_handle_smc(struct regs *regs, struct percpu *cpu)
{
	u64 fn = regs->x[0] & 0xffffffffull;
	bool smc64 = fn & PSCI_FN_SMC64;
	s64 ret;

	if (!psci_defined(fn)) {
		regs->x[0] = (u64)PSCI_NOT_SUPPORTED;
		return;
	}
	switch (fn & ~PSCI_FN_SMC64) {
	case PSCI_VERSION:
		ret = PSCI_VERSION_1_1;
		break;
	case SMCCC_VERSION:
		ret = 0x10001; /* SMCCC 1.1 */
		break;
	case PSCI_FEATURES:
		ret = psci_features(regs->x[1] & 0xffffffffull);
		break;
	case PSCI_CPU_ON & ~PSCI_FN_SMC64:
		ret = psci_cpu_on(cpu->zone, regs, smc64);
		break;
	case PSCI_AFFINITY_INFO & ~PSCI_FN_SMC64:
		ret = psci_affinity_info(cpu->zone, regs);
		break;
	case PSCI_CPU_SUSPEND & ~PSCI_FN_SMC64:
		/* Every power state is treated as standby: wake on interrupt. */
		arch_vcpu_idle();
		ret = PSCI_SUCCESS;
		break;
	case PSCI_CPU_OFF:
		vcpu_off_self();
	case PSCI_SYSTEM_OFF:
		zone_power_off_self("PSCI SYSTEM_OFF");
	case PSCI_SYSTEM_RESET:
		zone_restart_self("reset (PSCI SYSTEM_RESET)");
	default:
		ret = PSCI_NOT_SUPPORTED;
		break;
	}
	regs->x[0] = (u64)ret;
}
