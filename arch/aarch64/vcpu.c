// SPDX-License-Identifier: Apache-2.0
/*
 * Entering a zone. With one vCPU per physical CPU and no scheduler the
 * guest's EL1 state lives in the CPU itself and is never switched: entry
 * sets the EL2 controls once and erets into the guest.
 */
#include <bulkhead/arch.h>
#include <bulkhead/compiler.h>
#include <bulkhead/irq.h>
#include <bulkhead/string.h>
#include <bulkhead/virq.h>
#include <bulkhead/zone.h>
#include <asm/pgtable_format.h>
#include <asm/psci.h>
#include <asm/sysreg.h>

#define HCR_GUEST                                                   \
	(HCR_VM | HCR_SWIO | HCR_FMO | HCR_IMO | HCR_AMO | HCR_FB | \
	 HCR_BSU_IS | HCR_TSC | HCR_RW |                            \
	 (IS_ENABLED(CONFIG_AARCH64_TRAP_WFX) ? HCR_TWI | HCR_TWE : 0))

/* VTCR_EL2: 39-bit IPA, walk starts at level 1, 4 KiB granule, 40-bit PA. */
#define VTCR_EL2_VALUE                                               \
	((1ull << 31) | (2ull << 16) | (3ull << 12) | (1ull << 10) | \
	 (1ull << 8) | (1ull << 6) | (64 - ARM_VA_BITS))
#define SCTLR_EL1_RESET 0x30d00800ull
#define CPTR_EL2_NO_TRAPS 0x33ffull
#define CNTHCTL_EL1_ACCESS 0x3ull

extern void __noreturn guest_first_entry(struct regs *frame);
extern void secondary_entry(void);
extern u8 hyp_stacks[];

/* Never zeroed at boot: a stack needs no initial value. */
u8 hyp_stacks[CONFIG_MAX_CPUS * CONFIG_STACK_SIZE] __aligned(16)
	__section(".bss.stacks");

const struct pt_format *arch_stage2_format(void)
{
	return &aarch64_pt_format;
}

u64 arch_stage2_attrs(u32 mem_flags)
{
	return stage2_attrs(mem_flags);
}

static void setup_el2_controls(struct zone *zone, u32 vcpu)
{
	write_sysreg(vtcr_el2, VTCR_EL2_VALUE);
	write_sysreg(vttbr_el2,
		     pt_virt_to_phys(zone->s2.root) | ((u64)zone->vmid << 48));
	isb();
	/* Stale entries of a previous user of this VMID must not survive. */
	__asm__ volatile("tlbi vmalls12e1; dsb nsh" ::: "memory");
	write_sysreg(hcr_el2, HCR_GUEST);
	write_sysreg(cptr_el2, CPTR_EL2_NO_TRAPS);
	write_sysreg(cnthctl_el2, CNTHCTL_EL1_ACCESS);
	write_sysreg(cntvoff_el2, 0);
	write_sysreg(vpidr_el2, read_sysreg(midr_el1));
	write_sysreg(vmpidr_el2, BIT(31) | vcpu);
	write_sysreg(sctlr_el1, SCTLR_EL1_RESET);
	isb();
}

void arch_vcpu_enter(struct zone *zone, u32 vcpu, u64 entry, u64 arg0)
{
	struct percpu *cpu = this_cpu();
	u8 *stack_top = hyp_stacks + (cpu->id + 1) * CONFIG_STACK_SIZE;
	struct regs *frame = (struct regs *)(stack_top - REGS_SIZE);

	setup_el2_controls(zone, vcpu);
	virq_vcpu_reset(zone, vcpu);
	virq_flush(zone, vcpu);
	memset(frame, 0, sizeof(*frame));
	frame->x[0] = arg0;
	frame->pc = entry;
	frame->pstate = SPSR_EL1H_DAIF;
	guest_first_entry(frame);
}

/*
 * WFI on the guest's behalf: unless an interrupt for it is already
 * waiting, sleep until the CPU gets one, and take it now rather than
 * after a pointless round trip through the guest.
 */
void arch_vcpu_idle(void)
{
	struct percpu *cpu = this_cpu();

	if (virq_wakeup_pending(cpu->zone, cpu->vcpu_index))
		return;
	wfi();
	irq_handle();
}

/*
 * A parked CPU still serves the device interrupts routed to it. Its
 * guest's timer and virtual CPU interface are stopped: nobody would ever
 * take their interrupts.
 */
void arch_cpu_park(void)
{
	write_sysreg(cntv_ctl_el0, 0);
	virq_cpu_park(); /* no more maintenance interrupts */
	for (;;) {
		wfi();
		irq_dispatch_pending();
	}
}

void arch_system_off(void)
{
	psci_call(PSCI_SYSTEM_OFF, 0, 0, 0);
	arch_cpu_park(); /* the firmware would not */
}

int arch_cpu_start(u32 cpu)
{
	s64 ret = psci_call(PSCI_CPU_ON, platform.cpu_hwid[cpu],
			    (u64)(uintptr_t)secondary_entry, cpu);

	return ret == PSCI_SUCCESS ? 0 : -1;
}

u64 arch_counter(void)
{
	isb();
	return read_sysreg(cntpct_el0);
}
