// SPDX-License-Identifier: Apache-2.0
/* The hypervisor's own faults: a full dump, then this CPU stops. */
#include <bulkhead/arch.h>
#include <bulkhead/percpu.h>
#include <bulkhead/printk.h>
#include <bulkhead/zone.h>
#include <asm/loongarch.h>
#include <asm/traps.h>

static const char *const abi_names[32] = {
	"zero", "ra", "tp", "sp", "a0", "a1", "a2", "a3", "a4", "a5", "a6",
	"a7",	"t0", "t1", "t2", "t3", "t4", "t5", "t6", "t7", "t8", "u0",
	"fp",	"s0", "s1", "s2", "s3", "s4", "s5", "s6", "s7", "s8",
};

static const char *const ecode_names[] = {
	[ECODE_INT] = "interrupt",
	[ECODE_PIL] = "page invalid (load)",
	[ECODE_PIS] = "page invalid (store)",
	[ECODE_PIF] = "page invalid (fetch)",
	[ECODE_PME] = "page modified",
	[ECODE_PNR] = "page not readable",
	[ECODE_PNX] = "page not executable",
	[ECODE_PPI] = "page privilege",
	[ECODE_ADE] = "address error",
	[ECODE_ALE] = "unaligned access",
	[ECODE_BCE] = "bound check",
	[ECODE_SYS] = "syscall",
	[ECODE_BRK] = "break",
	[ECODE_INE] = "instruction not existing",
	[ECODE_IPE] = "instruction privilege",
	[ECODE_FPD] = "FP disabled",
	[ECODE_SXD] = "LSX disabled",
	[ECODE_ASXD] = "LASX disabled",
	[ECODE_FPE] = "FP exception",
	[ECODE_WPE] = "watchpoint",
	[ECODE_BTD] = "binary translation disabled",
	[ECODE_BTE] = "binary translation exception",
	[ECODE_GSPR] = "guest privileged resource",
	[ECODE_HVC] = "hypercall",
	[ECODE_GCM] = "guest CSR modified",
};

const char *ecode_name(u32 ecode, u32 subcode)
{
	if (ecode == ECODE_ADE)
		return subcode ? "address error (memory access)" :
				 "address error (fetch)";
	if (ecode == ECODE_TLBR)
		return "TLB refill";
	if (ecode < ARRAY_SIZE(ecode_names) && ecode_names[ecode])
		return ecode_names[ecode];
	return "reserved";
}

static void dump_registers(const struct regs *regs)
{
	for (int i = 1; i < 32; i += 3) {
		int j = i + 1 < 32 ? i + 1 : i, k = i + 2 < 32 ? i + 2 : i;

		printk_cont("  %-4s %016llx  %-4s %016llx  %-4s %016llx\n",
			    abi_names[i], (unsigned long long)regs->r[i],
			    abi_names[j], (unsigned long long)regs->r[j],
			    abi_names[k], (unsigned long long)regs->r[k]);
	}
}

static void dump_csrs(const struct regs *regs)
{
	printk_cont("  ERA   %016llx  BADV  %016llx  BADI  %08llx\n",
		    (unsigned long long)regs->era,
		    (unsigned long long)regs->badv,
		    (unsigned long long)csr_read(CSR_BADI));
	printk_cont("  ESTAT %016llx  PRMD  %016llx  CRMD  %016llx\n",
		    (unsigned long long)regs->estat,
		    (unsigned long long)regs->prmd,
		    (unsigned long long)csr_read(CSR_CRMD));
	printk_cont("  ECFG  %016llx  EUEN  %016llx  DMW0  %016llx\n",
		    (unsigned long long)csr_read(CSR_ECFG),
		    (unsigned long long)csr_read(CSR_EUEN),
		    (unsigned long long)csr_read(CSR_DMW0));
}

void hyp_exception(struct regs *regs, const char *what)
{
	struct percpu *cpu = this_cpu();
	u32 ecode = ESTAT_ECODE(regs->estat);
	u32 sub = ESTAT_ESUBCODE(regs->estat);

	printk("PANIC: %s: %s (ecode %#x, subcode %#x) at %#llx, badv %#llx\n",
	       what, ecode_name(ecode, sub), ecode, sub,
	       (unsigned long long)regs->era, (unsigned long long)regs->badv);
	printk_cont("  cpu %u, zone %s\n", cpu ? cpu->id : 0,
		    cpu && cpu->zone ? cpu->zone->cfg->name : "(none)");
	dump_csrs(regs);
	dump_registers(regs);
	arch_cpu_park();
}
