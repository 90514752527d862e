// SPDX-License-Identifier: Apache-2.0
/*
 * Guest traps, decoded from ESR_EL2. Anything a zone does that the
 * hypervisor does not emulate stops that zone (and only that zone).
 */
#include <bulkhead/arch.h>
#include <bulkhead/console.h>
#include <bulkhead/hypercall.h>
#include <bulkhead/irq.h>
#include <bulkhead/mmio.h>
#include <bulkhead/percpu.h>
#include <bulkhead/printk.h>
#include <bulkhead/virq.h>
#include <bulkhead/zone.h>
#include <asm/psci.h>
#include <asm/sysreg.h>
#include <asm/traps.h>

static void handle_hvc(struct regs *regs, struct percpu *cpu)
{
	struct hypercall hc = { .fn = regs->x[0] };

	for (int i = 0; i < HC_NR_ARGS; i++)
		hc.arg[i] = regs->x[i + 1];
	hypercall_dispatch(cpu->zone, cpu->vcpu_index, &hc);
	for (u32 i = 0; i < hc.nr_ret; i++)
		regs->x[i] = hc.ret[i];
}

/* IPA of a stage-2 abort: the page from HPFAR_EL2, the offset from FAR. */
static ipa_t fault_ipa(void)
{
	u64 hpfar = read_sysreg(hpfar_el2);
	u64 far = read_sysreg(far_el2);

	return ((hpfar >> 4) << 12) | (far & 0xfff);
}

static void __noreturn stop_on_abort(struct regs *regs, u64 esr, ipa_t ipa,
				     const char *what)
{
	zone_stop_self("%s at IPA %#llx (%s), pc %#llx, ESR %#llx", what,
		       (unsigned long long)ipa,
		       (ESR_ISS(esr) & ISS_DA_WNR) ? "write" : "read",
		       (unsigned long long)regs->pc, (unsigned long long)esr);
}

static void handle_dabt(struct regs *regs, u64 esr, struct percpu *cpu)
{
	ipa_t ipa = fault_ipa();
	struct mmio_access acc = { 0 };
	unsigned int reg;
	int err;

	if (decode_mmio_abort(esr, &acc, &reg))
		stop_on_abort(regs, esr, ipa, "unemulatable data abort");
	/* Models see only the bytes the guest wrote. */
	if (acc.write)
		acc.value =
			regs_get(regs, reg) & (~0ull >> (64 - 8 * acc.width));
	err = mmio_dispatch(cpu->zone, ipa, &acc);
	if (err == MMIO_UNHANDLED)
		stop_on_abort(regs, esr, ipa, "data abort outside the zone");
	if (err)
		stop_on_abort(regs, esr, ipa, "bad access to emulated device");
	if (!acc.write)
		regs_set(regs, reg, load_result(acc.value, esr, acc.width));
	regs->pc += 4;
}

/*
 * Trapped WFI/WFE. A guest idling in WFI waits for something, maybe the
 * user: show its prompt. WFE waits for an event, not an interrupt.
 */
static void handle_wfx(struct regs *regs, u64 esr, struct percpu *cpu)
{
	if (ESR_ISS(esr) & 1) {
		wfe();
	} else {
		console_zone_idle(cpu->zone);
		arch_vcpu_idle();
	}
	regs->pc += 4;
}

/* Interrupt-controller registers the vGIC traps (SGI generation). */
static void handle_sysreg(struct regs *regs, u64 esr, struct percpu *cpu)
{
	u32 iss = (u32)ESR_ISS(esr);
	bool write = !(iss & ISS_SYSREG_READ);
	unsigned int rt = ISS_SYSREG_RT(iss);
	u64 val = write ? regs_get(regs, rt) : 0;

	if (virq_sysreg(cpu->zone, cpu->vcpu_index, ISS_SYSREG_ENC(iss), write,
			&val))
		zone_stop_self(
			"unhandled system register %s (ISS %#x), pc %#llx",
			write ? "write" : "read", iss,
			(unsigned long long)regs->pc);
	if (!write)
		regs_set(regs, rt, val);
	regs->pc += 4;
}

void handle_guest_sync(struct regs *regs)
{
	struct percpu *cpu = this_cpu();
	u64 esr = read_sysreg(esr_el2);

	switch (ESR_EC(esr)) {
	case EC_HVC64:
		if (ESR_IMM16(esr))
			regs->x[0] = (u64)HC_NOT_SUPPORTED; /* only HVC #0 */
		else
			handle_hvc(regs, cpu);
		break;
	case EC_SMC64:
		if (ESR_IMM16(esr))
			regs->x[0] = (u64)PSCI_NOT_SUPPORTED; /* only SMC #0 */
		else
			psci_handle_smc(regs, cpu);
		regs->pc += 4;
		break;
	case EC_DABT_LOW:
		handle_dabt(regs, esr, cpu);
		break;
	case EC_WFX:
		handle_wfx(regs, esr, cpu);
		break;
	case EC_SYSREG:
		handle_sysreg(regs, esr, cpu);
		break;
	case EC_IABT_LOW:
		zone_stop_self(
			"instruction abort at IPA %#llx, pc %#llx, ESR %#llx",
			(unsigned long long)fault_ipa(),
			(unsigned long long)regs->pc, (unsigned long long)esr);
	default:
		zone_stop_self(
			"unhandled trap: %s (EC %#llx), pc %#llx, ESR %#llx",
			esr_class_name(ESR_EC(esr)),
			(unsigned long long)ESR_EC(esr),
			(unsigned long long)regs->pc, (unsigned long long)esr);
	}
	vcpu_trap_exit();
}

void handle_guest_irq(struct regs *regs)
{
	(void)regs;
	irq_handle();
	vcpu_trap_exit();
}

void handle_guest_fiq(struct regs *regs)
{
	zone_stop_self("unexpected FIQ, pc %#llx",
		       (unsigned long long)regs->pc);
}

void handle_guest_serror(struct regs *regs)
{
	zone_stop_self("SError, pc %#llx, ESR %#llx",
		       (unsigned long long)regs->pc,
		       (unsigned long long)read_sysreg(esr_el2));
}

void handle_guest_aarch32(struct regs *regs)
{
	zone_stop_self("AArch32 execution is not supported, pc %#llx",
		       (unsigned long long)regs->pc);
}
