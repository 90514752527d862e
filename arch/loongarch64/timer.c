// SPDX-License-Identifier: Apache-2.0
/*
 * The constant timer (TCFG/TVAL): a per-CPU down counter at the stable
 * counter's rate, one-shot. The hypervisor only uses it to bound IDLE.
 */
#include <asm/loongarch.h>
#include <asm/traps.h>

#define TCFG_INITVAL_MASK (~3ull) /* the count's low two bits are zero */
#define TCFG_MIN_TICKS 4

u64 arch_counter(void);

void hyp_timer_init(void)
{
	csr_write(CSR_TCFG, 0);
	csr_write(CSR_TICLR, TICLR_CLR);
}

/* ~0: no deadline. A deadline in the past fires at once. */
void hyp_timer_arm(u64 deadline)
{
	u64 now = arch_counter(), ticks;

	if (deadline == ~0ull) {
		csr_write(CSR_TCFG, 0);
		return;
	}
	ticks = deadline > now ? deadline - now : 0;
	if (ticks < TCFG_MIN_TICKS)
		ticks = TCFG_MIN_TICKS;
	csr_write(CSR_TCFG, (ticks & TCFG_INITVAL_MASK) | TCFG_EN);
}

void hyp_timer_handle(void)
{
	csr_write(CSR_TICLR, TICLR_CLR);
}
