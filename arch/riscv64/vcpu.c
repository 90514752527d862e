// SPDX-License-Identifier: Apache-2.0
/*
 * Entering a zone. With one vCPU per hart and no scheduler the guest's
 * VS-mode state lives in the hart itself and is never switched: entry
 * sets the hypervisor controls and the VS CSRs once and srets into the
 * guest. The guest sees its vCPU index as its hart id.
 */
#include <bulkhead/arch.h>
#include <bulkhead/compiler.h>
#include <bulkhead/irq.h>
#include <bulkhead/percpu.h>
#include <bulkhead/string.h>
#include <bulkhead/virq.h>
#include <bulkhead/zone.h>
#include <asm/csr.h>
#include <asm/pgtable_format.h>
#include <asm/sbi.h>
#include <asm/traps.h>

#define HEDELEG_GUEST                                                        \
	(BIT(EXC_INST_MISALIGNED) | BIT(EXC_ILLEGAL_INST) |                  \
	 BIT(EXC_BREAKPOINT) | BIT(EXC_U_ECALL) | BIT(EXC_INST_PAGE_FAULT) | \
	 BIT(EXC_LOAD_PAGE_FAULT) | BIT(EXC_STORE_PAGE_FAULT))
#define HIDELEG_GUEST (HVIP_VSSIP | HVIP_VSTIP | HVIP_VSEIP)
#define SIE_HYP (BIT(IRQ_S_SOFT) | BIT(IRQ_S_TIMER) | BIT(IRQ_S_EXT))
/* Long enough to cost nothing, short enough for a missed wake-up. */
#define WAIT_STATE_TICKS 1000

extern void __noreturn guest_first_entry(struct regs *frame);
extern void secondary_entry(void);
extern u8 hyp_stacks[];
extern u64 hart_start_hwid[];

/* Never zeroed at boot: a stack needs no initial value. */
u8 hyp_stacks[CONFIG_MAX_CPUS * CONFIG_STACK_SIZE] __aligned(16)
	__section(".bss.stacks");

/*
 * Hart ids the hypervisor asked SBI HSM to start, by logical CPU: a
 * started hart that the firmware sends to _start finds its CPU here (see
 * head.S). Initialised, so in .data: _start reads it without clearing it.
 */
u64 hart_start_hwid[CONFIG_MAX_CPUS] = { [0 ... CONFIG_MAX_CPUS - 1] = ~0ull };

static u32 vssip_pending[CONFIG_MAX_CPUS];
/*
 * Without Sstc the guest's timer is the hypervisor's: its deadline is
 * armed here and its expiry raised as the guest's timer interrupt.
 */
static u64 guest_deadline[CONFIG_MAX_CPUS];

static struct regs *cpu_frame(u32 cpu)
{
	return (struct regs *)(hyp_stacks + (cpu + 1) * CONFIG_STACK_SIZE -
			       REGS_SIZE);
}

void arch_set_this_cpu(struct percpu *cpu)
{
	__asm__ volatile("mv tp, %0" ::"r"(cpu));
	cpu_frame(cpu->id)->hyp_tp = (u64)(uintptr_t)cpu;
	csr_write(CSR_SIE, SIE_HYP);
}

const struct pt_format *arch_stage2_format(void)
{
	return &riscv_sv39x4_format;
}

u64 arch_stage2_attrs(u32 mem_flags)
{
	return stage2_attrs(mem_flags);
}

static void hfence_gvma_all(void)
{
	__asm__ volatile(".insn r 0x73, 0, 0x31, x0, x0, x0" ::: "memory");
}

static void reset_vs_csrs(void)
{
	csr_write(CSR_VSSTATUS, 0);
	csr_write(CSR_HIE, 0); /* the guest's sie */
	csr_write(CSR_VSTVEC, 0);
	csr_write(CSR_VSSCRATCH, 0);
	csr_write(CSR_VSEPC, 0);
	csr_write(CSR_VSCAUSE, 0);
	csr_write(CSR_VSTVAL, 0);
	csr_write(CSR_VSATP, 0);
	csr_write(CSR_HVIP, 0);
	if (IS_ENABLED(CONFIG_RISCV_SSTC))
		csr_write(CSR_VSTIMECMP, ~0ul);
}

static void setup_guest_controls(struct zone *zone)
{
	csr_write(CSR_HGATP,
		  HGATP_MODE_SV39X4 | ((u64)zone->vmid << HGATP_VMID_SHIFT) |
			  (pt_virt_to_phys(zone->s2.root) >> PAGE_SHIFT));
	/* Stale entries of a previous user of this VMID must not survive. */
	hfence_gvma_all();
	csr_write(CSR_HEDELEG, HEDELEG_GUEST);
	csr_write(CSR_HIDELEG, HIDELEG_GUEST);
	csr_write(CSR_HCOUNTEREN, ~0ul);
	csr_write(CSR_HTIMEDELTA, 0);
	/* With Sstc the guest owns vstimecmp: its timer costs no trap. */
	csr_write(CSR_HENVCFG,
		  IS_ENABLED(CONFIG_RISCV_SSTC) ? HENVCFG_STCE : 0);
	reset_vs_csrs();
	__asm__ volatile("fence.i" ::: "memory");
}

void arch_vcpu_enter(struct zone *zone, u32 vcpu, u64 entry, u64 arg0)
{
	struct percpu *cpu = this_cpu();
	struct regs *frame = cpu_frame(cpu->id);

	setup_guest_controls(zone);
	WRITE_ONCE(vssip_pending[cpu->id], 0);
	guest_deadline[cpu->id] = ~0ull;
	virq_vcpu_reset(zone, vcpu);
	virq_flush(zone, vcpu);
	memset(frame, 0, sizeof(*frame));
	frame->hyp_tp = (u64)(uintptr_t)cpu;
	frame->x[REG_A0] = vcpu;
	frame->x[REG_A1] = arg0;
	frame->pc = entry;
	/* Guest FP and vector state are the guest's own: never trapped. */
	frame->sstatus = SSTATUS_SPP | SSTATUS_FS_INITIAL;
	frame->hstatus = (csr_read(CSR_HSTATUS) & ~HSTATUS_VTW) | HSTATUS_SPV |
			 HSTATUS_SPVP;
	guest_first_entry(frame);
}

void vcpu_raise_vssip(u32 cpu)
{
	WRITE_ONCE(vssip_pending[cpu], 1);
	if (cpu == this_cpu()->id)
		csr_set(CSR_HVIP, HVIP_VSSIP);
	else
		irq_send_ipi(cpu);
}

void vcpu_sync_pending(void)
{
	u32 *p = &vssip_pending[this_cpu()->id];

	if (READ_ONCE(*p) && __atomic_exchange_n(p, 0, __ATOMIC_ACQ_REL))
		csr_set(CSR_HVIP, HVIP_VSSIP);
}

static void hyp_timer_arm(u64 deadline)
{
	if (IS_ENABLED(CONFIG_RISCV_SSTC))
		csr_write(CSR_STIMECMP, deadline);
	else
		sbi_set_timer(deadline);
}

void vcpu_set_timer(u64 deadline)
{
	u32 id = this_cpu()->id;

	if (IS_ENABLED(CONFIG_RISCV_SSTC)) {
		csr_write(CSR_VSTIMECMP, deadline);
		return;
	}
	guest_deadline[id] = deadline;
	csr_clear(CSR_HVIP, HVIP_VSTIP);
	hyp_timer_arm(deadline);
}

void hyp_timer_handle(void)
{
	u32 id = this_cpu()->id;

	if (!IS_ENABLED(CONFIG_RISCV_SSTC) &&
	    arch_counter() >= guest_deadline[id]) {
		csr_set(CSR_HVIP, HVIP_VSTIP);
		guest_deadline[id] = ~0ull;
	}
	hyp_timer_arm(IS_ENABLED(CONFIG_RISCV_SSTC) ? ~0ull :
						      guest_deadline[id]);
}

void arch_wait_state(void)
{
	hyp_timer_arm(arch_counter() + WAIT_STATE_TICKS);
	__asm__ volatile("wfi" ::: "memory");
}

/* HSM suspend on the guest's behalf: sleep until an interrupt for it. */
void arch_vcpu_idle(void)
{
	struct percpu *cpu = this_cpu();

	if (virq_wakeup_pending(cpu->zone, cpu->vcpu_index))
		return;
	__asm__ volatile("wfi" ::: "memory");
	csr_clear(CSR_SIP, BIT(IRQ_S_SOFT));
	irq_handle();
}

/*
 * A parked hart still serves the device interrupts routed to it. Its
 * guest's timer and interrupts are stopped: nobody would take them.
 */
void arch_cpu_park(void)
{
	if (IS_ENABLED(CONFIG_RISCV_SSTC))
		csr_write(CSR_VSTIMECMP, ~0ul);
	csr_write(CSR_HVIP, 0);
	hyp_timer_arm(~0ull);
	for (;;) {
		__asm__ volatile("wfi" ::: "memory");
		csr_clear(CSR_SIP, BIT(IRQ_S_SOFT));
		irq_dispatch_pending();
	}
}

void arch_system_off(void)
{
	sbi_shutdown();
}

int arch_cpu_start(u32 cpu)
{
	u64 hwid = platform.cpu_hwid[cpu];

	WRITE_ONCE(hart_start_hwid[cpu], hwid);
	/* Visible before the firmware can let the hart go. */
	__asm__ volatile("fence rw, w" ::: "memory");
	return sbi_hart_start(hwid, (u64)(uintptr_t)secondary_entry, cpu);
}

u64 arch_counter(void)
{
	return csr_read(0xc01); /* time */
}
