// SPDX-License-Identifier: Apache-2.0
/*
 * Guest traps, decoded from scause. ECALLs are SBI calls (vsbi.c); guest
 * page faults are either accesses to an emulated device, which are
 * emulated, or accesses outside the zone, which stop it. Anything else a
 * zone does that the hypervisor does not emulate stops that zone (and
 * only that zone).
 */
#include <bulkhead/arch.h>
#include <bulkhead/irq.h>
#include <bulkhead/mmio.h>
#include <bulkhead/percpu.h>
#include <bulkhead/printk.h>
#include <bulkhead/virq.h>
#include <bulkhead/zone.h>
#include <asm/csr.h>
#include <asm/insn.h>
#include <asm/sbi.h>
#include <asm/traps.h>

static const char *const fault_names[] = {
	[EXC_INST_GUEST_PAGE_FAULT] = "instruction guest-page fault",
	[EXC_LOAD_GUEST_PAGE_FAULT] = "load guest-page fault",
	[EXC_STORE_GUEST_PAGE_FAULT] = "store guest-page fault",
};

/* Set while the hypervisor reads guest memory that may fault. */
static bool fault_expected[CONFIG_MAX_CPUS];
static bool fault_taken[CONFIG_MAX_CPUS];

/* The faulting guest-physical address: htval holds it shifted by 2. */
static ipa_t fault_gpa(void)
{
	return (csr_read(CSR_HTVAL) << 2) | (csr_read(CSR_STVAL) & 3);
}

static void __noreturn stop_on_fault(const struct regs *regs, u64 cause,
				     ipa_t gpa, const char *what)
{
	zone_stop_self("%s: %s at GPA %#llx, pc %#llx", what,
		       cause < ARRAY_SIZE(fault_names) && fault_names[cause] ?
			       fault_names[cause] :
			       "fault",
		       (unsigned long long)gpa, (unsigned long long)regs->pc);
}

/*
 * The guest's instruction at pc, read as the guest would (HLVX: with its
 * own translation and execute permission). A hostile guest can unmap it
 * from another vCPU in between: the fault is then expected, and caught.
 */
static int fetch_guest_insn(u64 pc, u32 *insn)
{
	u32 id = this_cpu()->id;
	u64 lo, hi = 0;

	fault_expected[id] = true;
	fault_taken[id] = false;
	__asm__ volatile(".insn r 0x73, 4, 0x32, %0, %1, x3"
			 : "=r"(lo)
			 : "r"(pc)
			 : "memory");
	if (!fault_taken[id] && (lo & 3) == 3)
		__asm__ volatile(".insn r 0x73, 4, 0x32, %0, %1, x3"
				 : "=r"(hi)
				 : "r"(pc + 2)
				 : "memory");
	fault_expected[id] = false;
	*insn = (u32)(lo & 0xffff) | (u32)((hi & 0xffff) << 16);
	return fault_taken[id] ? -1 : 0;
}

static int decode_access(const struct regs *regs, struct mmio_insn *mi)
{
	u32 tinst = (u32)csr_read(CSR_HTINST);
	u32 insn;

	if (tinst)
		return insn_decode_mmio(tinst, true, mi);
	if (fetch_guest_insn(regs->pc, &insn))
		return -1;
	return insn_decode_mmio(insn, false, mi);
}

static void handle_guest_page_fault(struct regs *regs, u64 cause,
				    struct percpu *cpu)
{
	ipa_t gpa = fault_gpa();
	struct mmio_access acc = { .offset = 0 };
	struct mmio_insn mi;
	int err;

	if (cause == EXC_INST_GUEST_PAGE_FAULT)
		stop_on_fault(regs, cause, gpa, "execution outside the zone");
	if (decode_access(regs, &mi) ||
	    mi.write != (cause == EXC_STORE_GUEST_PAGE_FAULT))
		stop_on_fault(regs, cause, gpa, "unemulatable access");
	acc.width = mi.width;
	acc.write = mi.write;
	if (acc.write)
		acc.value = regs_get(regs, mi.reg) &
			    (~0ull >> (64 - 8 * acc.width));
	err = mmio_dispatch(cpu->zone, gpa, &acc);
	if (err == MMIO_UNHANDLED)
		stop_on_fault(regs, cause, gpa, "access outside the zone");
	if (err)
		stop_on_fault(regs, cause, gpa,
			      "bad access to emulated device");
	if (!acc.write)
		regs_set(regs, mi.reg, insn_load_result(&mi, acc.value));
	regs->pc += mi.len;
}

static void handle_interrupt(u64 irq)
{
	switch (irq) {
	case IRQ_S_SOFT:
		csr_clear(CSR_SIP, BIT(IRQ_S_SOFT));
		irq_handle();
		break;
	case IRQ_S_TIMER:
		hyp_timer_handle();
		break;
	case IRQ_S_EXT:
		irq_handle();
		break;
	default:
		zone_stop_self("unexpected interrupt %llu",
			       (unsigned long long)irq);
	}
}

static void handle_exception(struct regs *regs, u64 cause, struct percpu *cpu)
{
	switch (cause) {
	case EXC_VS_ECALL:
		vsbi_handle_ecall(regs, cpu);
		break;
	case EXC_INST_GUEST_PAGE_FAULT:
	case EXC_LOAD_GUEST_PAGE_FAULT:
	case EXC_STORE_GUEST_PAGE_FAULT:
		handle_guest_page_fault(regs, cause, cpu);
		break;
	case EXC_VIRTUAL_INST:
		zone_stop_self("virtual instruction %#llx, pc %#llx",
			       (unsigned long long)csr_read(CSR_STVAL),
			       (unsigned long long)regs->pc);
	default:
		zone_stop_self(
			"unhandled trap: cause %llu, pc %#llx, tval %#llx",
			(unsigned long long)cause, (unsigned long long)regs->pc,
			(unsigned long long)csr_read(CSR_STVAL));
	}
}

void handle_guest_trap(struct regs *regs)
{
	struct percpu *cpu = this_cpu();
	u64 cause = csr_read(CSR_SCAUSE);

	if (cause & SCAUSE_IRQ)
		handle_interrupt(cause & ~SCAUSE_IRQ);
	else
		handle_exception(regs, cause, cpu);
	vcpu_sync_pending();
	vcpu_trap_exit();
}

/* Faults the hypervisor provoked on purpose resume past the access. */
void handle_hyp_trap(struct regs *regs)
{
	u64 cause = csr_read(CSR_SCAUSE);
	struct percpu *cpu = this_cpu(); /* NULL before boot set it */

	if (cpu && !(cause & SCAUSE_IRQ) && fault_expected[cpu->id]) {
		fault_taken[cpu->id] = true;
		regs->pc += 4;
		return;
	}
	hyp_exception(regs, cause);
}
