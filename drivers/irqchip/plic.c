// SPDX-License-Identifier: Apache-2.0
/*
 * Physical RISC-V PLIC, owned by the hypervisor (HS-mode). Every external
 * interrupt, the hypervisor's own (console input) and the zones'
 * passthrough ones, is claimed here on the S-mode context of the hart it
 * is routed to; inter-processor interrupts go through SBI instead, since
 * a PLIC has none.
 *
 * The PLIC has no priority drop: a claimed source stays in service at its
 * gateway until a completion, which is the deactivation here. A SiFive
 * PLIC ignores a completion from a context where the source is not
 * enabled, so each source remembers the context it is routed to and is
 * completed there, briefly enabled if it was disabled meanwhile.
 *
 * The hypervisor runs with satp = Bare: the window is used at its
 * physical address. The PLIC sits in a strongly-ordered I/O region on the
 * platforms we support (as Linux also assumes), so volatile accesses
 * reach it in program order without fences.
 */
#include <bulkhead/driver.h>
#include <bulkhead/irq.h>
#include <bulkhead/percpu.h>
#include <bulkhead/spinlock.h>

#define PLIC_PRIORITY 0x0000
#define PLIC_ENABLE 0x2000
#define PLIC_ENABLE_STRIDE 0x80
#define PLIC_CONTEXT 0x200000
#define PLIC_CONTEXT_STRIDE 0x1000
#define PLIC_THRESHOLD 0x0
#define PLIC_CLAIM 0x4
#define PLIC_MAX_SOURCES 1024 /* ids 1 .. 1023; 0 means "none" */
#define PLIC_NO_IRQ 0 /* what a claim reads when nothing is pending */
#define PLIC_MAX_CONTEXTS 15872
#define PLIC_ENABLE_WORDS (PLIC_MAX_SOURCES / 32)

/* Whatever needs a priority above the threshold 0 to interrupt. */
#define PLIC_ON_PRIORITY 1

#define NO_ROUTE 0xffff

/* Provided by arch/riscv64/sbi.c. */
void sbi_send_ipi_hart(u64 hartid);

static u8 *plic;
static u32 nr_contexts; /* that the window covers */
static u16 route_ctx[IRQ_MAX]; /* where each source is enabled, or was */
/*
 * Whether each source is enabled in its route_ctx, as the hypervisor set
 * it: the firmware clears a hart's enables when it starts the hart (after
 * zones were set up on the boot hart), so each hart restores its own.
 */
static bool source_on[IRQ_MAX];
/* Enable words are shared by all sources of a context: read-modify-write. */
static spinlock_t plic_lock = SPINLOCK_INIT;

static inline u32 rd32(u64 off)
{
	return *(volatile const u32 *)(plic + off);
}

static inline void wr32(u64 off, u32 v)
{
	*(volatile u32 *)(plic + off) = v;
}

/*
 * The S-mode context of a hart, in the QEMU virt / SiFive layout: each
 * hart has an M-mode context (2h) and then an S-mode one (2h + 1). A
 * board with another layout needs the map from the PLIC's
 * interrupts-extended property instead (zonegen does not provide it yet).
 */
static u32 s_context(u64 hwid)
{
	return (u32)(2 * hwid + 1);
}

static u64 enable_reg(u32 ctx, u32 irq)
{
	return PLIC_ENABLE + (u64)ctx * PLIC_ENABLE_STRIDE + irq / 32 * 4;
}

static u64 context_reg(u32 ctx, u64 reg)
{
	return PLIC_CONTEXT + (u64)ctx * PLIC_CONTEXT_STRIDE + reg;
}

static void set_enable(u32 ctx, u32 irq, bool on)
{
	u64 off = enable_reg(ctx, irq);
	u32 bit = 1u << (irq % 32);

	wr32(off, on ? rd32(off) | bit : rd32(off) & ~bit);
	source_on[irq] = on;
}

static bool is_enabled(u32 ctx, u32 irq)
{
	return route_ctx[irq] == ctx && source_on[irq];
}

/* Every CPU's context must lie in the window: later calls rely on it. */
static int check_contexts(void)
{
	for (u32 i = 0; i < platform.nr_cpus; i++) {
		u64 hwid = platform.cpu_hwid[i];

		if (hwid >= PLIC_MAX_CONTEXTS / 2 ||
		    s_context(hwid) >= nr_contexts)
			return -1;
	}
	return 0;
}

static void disable_all(u32 ctx)
{
	for (u32 w = 0; w < PLIC_ENABLE_WORDS; w++)
		wr32(enable_reg(ctx, w * 32), 0);
}

/* Nothing reaches our contexts until the hypervisor enables it. */
static int plic_init(const struct dev_region *regs, u32 nr_regs)
{
	u64 size;

	if (nr_regs < 1 || regs[0].size <= PLIC_CONTEXT)
		return -1;
	plic = (u8 *)(uintptr_t)regs[0].base;
	size = regs[0].size - PLIC_CONTEXT;
	nr_contexts = size / PLIC_CONTEXT_STRIDE < PLIC_MAX_CONTEXTS ?
			      (u32)(size / PLIC_CONTEXT_STRIDE) :
			      PLIC_MAX_CONTEXTS;
	if (check_contexts())
		return -1;
	for (u32 irq = 1; irq < PLIC_MAX_SOURCES; irq++)
		wr32(PLIC_PRIORITY + irq * 4, 0);
	for (u32 i = 0; i < platform.nr_cpus; i++)
		disable_all(s_context(platform.cpu_hwid[i]));
	for (u32 irq = 0; irq < IRQ_MAX; irq++)
		route_ctx[irq] = NO_ROUTE, source_on[irq] = false;
	return 0;
}

/*
 * The arch enables sie.SEIE itself: the driver touches no CSR. OpenSBI's
 * warm boot of this hart (HSM hart_start) disabled every source of its
 * S-mode context and raised its threshold: what the hypervisor enabled
 * here before is enabled again.
 */
static void plic_cpu_init(void)
{
	u32 ctx = s_context(this_cpu()->hwid);

	spin_lock(&plic_lock);
	for (u32 irq = 1; irq < IRQ_MAX; irq++)
		if (is_enabled(ctx, irq))
			set_enable(ctx, irq, true);
	spin_unlock(&plic_lock);
	wr32(context_reg(ctx, PLIC_THRESHOLD), 0);
}

static void plic_send_ipi(u64 target_hwid)
{
	sbi_send_ipi_hart(target_hwid);
}

/*
 * A claim of 0 means nothing is pending. Only sources below IRQ_MAX are
 * ever enabled; anything else is completed at once and not reported.
 */
static u32 plic_ack(void)
{
	u64 claim = context_reg(s_context(this_cpu()->hwid), PLIC_CLAIM);
	u32 irq = rd32(claim);

	if (!irq)
		return PLIC_NO_IRQ;
	if (irq >= IRQ_MAX) {
		wr32(claim, irq);
		return PLIC_NO_IRQ;
	}
	return irq;
}

/* The claim only moves the source to "in service": nothing to drop. */
static void plic_drop(u32 irq)
{
	(void)irq;
}

/*
 * A disabled source has priority 0, which never interrupts, so enabling
 * it for the completion cannot make it fire on the way.
 */
static void plic_deactivate(u32 irq)
{
	u32 ctx;

	if (!irq || irq >= IRQ_MAX || route_ctx[irq] == NO_ROUTE)
		return;
	spin_lock(&plic_lock);
	ctx = route_ctx[irq];
	if (is_enabled(ctx, irq)) {
		wr32(context_reg(ctx, PLIC_CLAIM), irq);
	} else {
		set_enable(ctx, irq, true);
		wr32(context_reg(ctx, PLIC_CLAIM), irq);
		set_enable(ctx, irq, false);
	}
	spin_unlock(&plic_lock);
}

/* #interrupt-cells is 1: the source id itself. */
static u32 plic_translate(const u32 *cells, u32 nr_cells)
{
	if (nr_cells != 1 || !cells[0] || cells[0] >= IRQ_MAX)
		return 0;
	return cells[0];
}

static bool valid_target(u32 irq, u64 hwid)
{
	return irq && irq < IRQ_MAX && hwid < PLIC_MAX_CONTEXTS / 2 &&
	       s_context(hwid) < nr_contexts;
}

/* Caller holds plic_lock. The source is enabled in one context at most. */
static void move_route(u32 irq, u32 ctx, bool enable)
{
	u32 old = route_ctx[irq];

	if (old != NO_ROUTE && old != ctx) {
		enable = enable || is_enabled(old, irq);
		set_enable(old, irq, false);
	}
	route_ctx[irq] = (u16)ctx;
	if (enable)
		set_enable(ctx, irq, true);
}

static void plic_enable_irq(u32 irq, u64 target_hwid)
{
	if (!valid_target(irq, target_hwid))
		return;
	spin_lock(&plic_lock);
	wr32(PLIC_PRIORITY + irq * 4, PLIC_ON_PRIORITY);
	move_route(irq, s_context(target_hwid), true);
	spin_unlock(&plic_lock);
}

/* The route stays: a completion still has to reach that context. */
static void plic_disable_irq(u32 irq)
{
	if (!irq || irq >= IRQ_MAX)
		return;
	spin_lock(&plic_lock);
	if (route_ctx[irq] != NO_ROUTE)
		set_enable(route_ctx[irq], irq, false);
	wr32(PLIC_PRIORITY + irq * 4, 0);
	spin_unlock(&plic_lock);
}

/* A disabled source stays disabled; it will be enabled there. */
static void plic_route_irq(u32 irq, u64 target_hwid)
{
	if (!valid_target(irq, target_hwid))
		return;
	spin_lock(&plic_lock);
	move_route(irq, s_context(target_hwid), false);
	spin_unlock(&plic_lock);
}

/*
 * Pending bits are read-only: only the device can withdraw its request
 * (and a completed level source that is still asserted fires again), and
 * software cannot raise one either.
 */
static void plic_set_pending(u32 irq, bool pending)
{
	(void)irq;
	(void)pending;
}

/* Each source's gateway kind (level or edge) is fixed by the SoC. */
static void plic_set_edge(u32 irq, bool edge)
{
	(void)irq;
	(void)edge;
}

DECLARE_DRIVER(plic_driver, DRIVER_IRQCHIP, struct irqchip_driver,
	       "riscv,plic0") = {
	.nr_private = 0,
	.no_irq = PLIC_NO_IRQ,
	.init = plic_init,
	.cpu_init = plic_cpu_init,
	.send_ipi = plic_send_ipi,
	.ack = plic_ack,
	.drop = plic_drop,
	.deactivate = plic_deactivate,
	.translate = plic_translate,
	.enable_irq = plic_enable_irq,
	.disable_irq = plic_disable_irq,
	.route_irq = plic_route_irq,
	.set_pending = plic_set_pending,
	.set_edge = plic_set_edge,
};
