// SPDX-License-Identifier: Apache-2.0
/*
 * Per-CPU state and the ways a loongarch64 CPU waits: stacks, $tp, the
 * local interrupt enables, IDLE for parked and waiting CPUs.
 */
#include <bulkhead/arch.h>
#include <bulkhead/compiler.h>
#include <bulkhead/irq.h>
#include <bulkhead/percpu.h>
#include <bulkhead/printk.h>
#include <asm/loongarch.h>
#include <asm/pgtable_format.h>
#include <asm/smp.h>
#include <asm/traps.h>

/* What may end an IDLE: the timer, IPIs and the EIOINTC's HWI lines. */
#define ECFG_HYP \
	(BIT(INT_TI) | BIT(INT_IPI) | (((1u << INT_NR_HWI) - 1) << INT_HWI0))
/* Long enough to cost nothing, short enough for a missed wake-up. */
#define WAIT_STATE_TICKS 10000

/* Never zeroed at boot: a stack needs no initial value. */
u8 hyp_stacks[CONFIG_MAX_CPUS * CONFIG_STACK_SIZE] __aligned(16)
	__section(".bss.stacks");

void arch_set_this_cpu(struct percpu *cpu)
{
	__asm__ volatile("move $tp, %0" ::"r"(cpu));
	ipi_cpu_init();
	hyp_timer_init();
	csr_xchg(CSR_ECFG, ECFG_HYP, ECFG_LIE_MASK);
}

const struct pt_format *arch_stage2_format(void)
{
	return &loongarch_gpa_format;
}

u64 arch_stage2_attrs(u32 mem_flags)
{
	return stage2_attrs(mem_flags);
}

static void idle(void)
{
	__asm__ volatile("idle 0" ::: "memory");
}

void arch_wait_state(void)
{
	hyp_timer_arm(arch_counter() + WAIT_STATE_TICKS);
	idle();
	handle_pending_interrupts();
}

/* A parked CPU still serves the device interrupts routed to it. */
void arch_cpu_park(void)
{
	hyp_timer_arm(~0ull);
	for (;;) {
		idle();
		handle_pending_interrupts();
	}
}

/*
 * Nothing turns the machine off from here yet (QEMU's virt board has an
 * ACPI GED, a Loongson board its power controller): the CPU stops.
 */
void arch_system_off(void)
{
	pr_err("loongarch64: system off is not supported: stopping this CPU\n");
	arch_cpu_park();
}

u64 arch_counter(void)
{
	u64 ticks, id;

	__asm__ volatile("rdtime.d %0, %1" : "=r"(ticks), "=r"(id));
	return ticks;
}
