// SPDX-License-Identifier: Apache-2.0
/* The hypervisor's own faults: a full dump, then this CPU stops. */
#include <bulkhead/arch.h>
#include <bulkhead/percpu.h>
#include <bulkhead/printk.h>
#include <bulkhead/zone.h>
#include <asm/sysreg.h>
#include <asm/traps.h>

static const char *const ec_names[0x40] = {
	[EC_UNKNOWN] = "unknown/undefined instruction",
	[EC_WFX] = "WFI/WFE",
	[0x07] = "FP/SIMD access",
	[0x0e] = "illegal execution state",
	[0x15] = "SVC",
	[EC_HVC64] = "HVC",
	[EC_SMC64] = "SMC",
	[EC_SYSREG] = "system register access",
	[EC_IABT_LOW] = "instruction abort (lower EL)",
	[EC_IABT_CUR] = "instruction abort (EL2)",
	[EC_PC_ALIGN] = "PC alignment",
	[EC_DABT_LOW] = "data abort (lower EL)",
	[EC_DABT_CUR] = "data abort (EL2)",
	[EC_SP_ALIGN] = "SP alignment",
	[EC_SERROR] = "SError",
	[EC_BRK64] = "BRK",
};

const char *esr_class_name(unsigned int ec)
{
	const char *name = ec < 0x40 ? ec_names[ec] : NULL;

	return name ? name : "other";
}

static const char *const vector_names[] = {
	"sync (SP_EL0)", "IRQ (SP_EL0)", "FIQ (SP_EL0)", "SError (SP_EL0)",
	"sync",		 "IRQ",		 "FIQ",		 "SError",
};

static void dump_registers(const struct regs *regs)
{
	for (int i = 0; i < 30; i += 3)
		printk_cont("  x%-2d %016llx  x%-2d %016llx  x%-2d %016llx\n",
			    i, (unsigned long long)regs->x[i], i + 1,
			    (unsigned long long)regs->x[i + 1], i + 2,
			    (unsigned long long)regs->x[i + 2]);
	printk_cont("  x30 %016llx  sp  %016llx\n",
		    (unsigned long long)regs->x[30],
		    (unsigned long long)((uintptr_t)regs + REGS_SIZE));
	printk_cont("  elr %016llx  spsr %08llx\n",
		    (unsigned long long)regs->pc,
		    (unsigned long long)regs->pstate);
}

void hyp_exception(struct regs *regs, unsigned long kind)
{
	struct percpu *cpu = this_cpu();
	u64 esr = read_sysreg(esr_el2);
	unsigned int ec = ESR_EC(esr);

	printk("PANIC: hypervisor exception: %s\n",
	       kind < 8 ? vector_names[kind] : "?");
	printk_cont("  ESR %#llx: EC %#x (%s), IL %u, ISS %#llx\n",
		    (unsigned long long)esr, ec, esr_class_name(ec),
		    (esr & ESR_IL) ? 1 : 0, (unsigned long long)ESR_ISS(esr));
	printk_cont("  FAR %#llx\n", (unsigned long long)read_sysreg(far_el2));
	printk_cont("  cpu %u, zone %s\n", cpu ? cpu->id : 0,
		    cpu && cpu->zone ? cpu->zone->cfg->name : "(none)");
	dump_registers(regs);
	arch_cpu_park();
}
