// SPDX-License-Identifier: Apache-2.0
/*
 * LVZ, LoongArch's virtualization extension: the CPU runs a zone's guest
 * in guest mode with its own CSRs and the hypervisor's GPA table behind
 * it. Whether a CPU has it is CPUCFG word 2, bit 10. QEMU's LoongArch CPU
 * models have no LVZ: there the hypervisor says once that zones cannot
 * start, and every CPU given to a zone parks, serving interrupts (the
 * console stays alive).
 */
#include <bulkhead/arch.h>
#include <bulkhead/percpu.h>
#include <bulkhead/printk.h>
#include <bulkhead/virq.h>
#include <bulkhead/zone.h>
#include <asm/loongarch.h>

static u32 lvz_reported;

bool lvz_present(void)
{
	return cpucfg(CPUCFG_FEATURES) & CPUCFG2_LVZ;
}

/* One line for the whole machine, whichever CPU gets here first. */
static void report_once(const char *line)
{
	if (!__atomic_exchange_n(&lvz_reported, 1, __ATOMIC_RELAXED))
		printk("%s\n", line);
}

void arch_vcpu_enter(struct zone *zone, u32 vcpu, u64 entry, u64 arg0)
{
	(void)zone;
	(void)vcpu;
	(void)entry;
	(void)arg0;
	if (!lvz_present())
		report_once(
			"loongarch64: no LVZ (CPUCFG2.LVZ=0): zones cannot start");
	else
		report_once(
			"loongarch64: LVZ present, guest entry not implemented yet: zones cannot start");
	arch_cpu_park();
}

/* A guest's idle: nothing runs here without LVZ. */
void arch_vcpu_idle(void)
{
	struct percpu *cpu = this_cpu();

	if (virq_wakeup_pending(cpu->zone, cpu->vcpu_index))
		return;
	__asm__ volatile("idle 0" ::: "memory");
}
