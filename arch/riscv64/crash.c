// SPDX-License-Identifier: Apache-2.0
/* The hypervisor's own faults: a full dump, then this hart stops. */
#include <bulkhead/arch.h>
#include <bulkhead/percpu.h>
#include <bulkhead/printk.h>
#include <bulkhead/zone.h>
#include <asm/csr.h>
#include <asm/traps.h>

static const char *const abi_names[32] = {
	"zero", "ra", "sp", "gp", "tp",	 "t0",	"t1", "t2", "s0", "s1", "a0",
	"a1",	"a2", "a3", "a4", "a5",	 "a6",	"a7", "s2", "s3", "s4", "s5",
	"s6",	"s7", "s8", "s9", "s10", "s11", "t3", "t4", "t5", "t6",
};

static void dump_registers(const struct regs *regs)
{
	for (int i = 1; i < 32; i += 3) {
		int j = i + 1 < 32 ? i + 1 : i, k = i + 2 < 32 ? i + 2 : i;

		printk_cont("  %-4s %016llx  %-4s %016llx  %-4s %016llx\n",
			    abi_names[i], (unsigned long long)regs->x[i],
			    abi_names[j], (unsigned long long)regs->x[j],
			    abi_names[k], (unsigned long long)regs->x[k]);
	}
	printk_cont("  sepc %016llx  sstatus %016llx\n",
		    (unsigned long long)regs->pc,
		    (unsigned long long)regs->sstatus);
}

void hyp_exception(struct regs *regs, u64 cause)
{
	struct percpu *cpu = this_cpu();

	printk("PANIC: hypervisor exception: scause %#llx, stval %#llx, htval %#llx\n",
	       (unsigned long long)cause,
	       (unsigned long long)csr_read(CSR_STVAL),
	       (unsigned long long)csr_read(CSR_HTVAL));
	printk_cont("  cpu %u, zone %s\n", cpu ? cpu->id : 0,
		    cpu && cpu->zone ? cpu->zone->cfg->name : "(none)");
	dump_registers(regs);
	arch_cpu_park();
}
