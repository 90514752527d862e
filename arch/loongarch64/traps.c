// SPDX-License-Identifier: Apache-2.0
/*
 * Traps taken by the hypervisor itself. It runs with CRMD.IE clear, so
 * interrupts only end an IDLE (handle_pending_interrupts serves them
 * there); any exception here is a hypervisor bug and ends in the dump.
 */
#include <bulkhead/irq.h>
#include <asm/loongarch.h>
#include <asm/smp.h>
#include <asm/traps.h>

void handle_pending_interrupts(void)
{
	u64 is = csr_read(CSR_ESTAT) & csr_read(CSR_ECFG) & ESTAT_IS_MASK;

	if (is & BIT(INT_TI))
		hyp_timer_handle();
	if (is & BIT(INT_IPI))
		ipi_ack(); /* what it asks for is checked by the waiter */
	if (is & (((1u << INT_NR_HWI) - 1) << INT_HWI0))
		irq_dispatch_pending();
}

void hyp_trap(struct regs *regs)
{
	if (ESTAT_ECODE(regs->estat) == ECODE_INT) {
		handle_pending_interrupts();
		return;
	}
	hyp_exception(regs, "hypervisor exception");
}

void hyp_tlb_refill(struct regs *regs)
{
	hyp_exception(regs,
		      "hypervisor TLB refill (address outside the windows)");
}
