// SPDX-License-Identifier: Apache-2.0
/*
 * EIOINTC, the Loongson 3A5000's extended I/O interrupt controller, as
 * the hypervisor's physical interrupt controller (IOCSR registers; the
 * 3A5000 user manual, "extended I/O interrupts"). Every vector goes to
 * one CPU interrupt line, HWI0; a vector is routed to one core. A core
 * reads and clears its own status at 0x1800 (IOCSR is per core), so
 * whichever core a vector reaches can acknowledge it.
 */
#include <bulkhead/driver.h>
#include <bulkhead/irq.h>
#include <bulkhead/spinlock.h>
#include <asm/eiointc.h>
#include <asm/loongarch.h>
#include <asm/smp.h>

#define IOCSR_MISC_FUNC 0x420
#define MISC_FUNC_EXT_IOI_EN (1ull << 48)
#define EIO_NODETYPE 0x14a0
#define EIO_IPMAP 0x14c0 /* a byte per 32 vectors: HWI line bitmap */
#define EIO_ENABLE 0x1600 /* a bit per vector */
#define EIO_BOUNCE 0x1680
#define EIO_COREISR 0x1800 /* per core (0x100 apart): a bit per vector */
#define EIO_COREMAP 0x1c00 /* a byte per vector: core bitmap */
#define EIO_HWI_LINE 0 /* everything on HWI0 */

static spinlock_t eio_lock = SPINLOCK_INIT;

void eiointc_init(void)
{
	u64 misc = iocsr_read64(IOCSR_MISC_FUNC);

	iocsr_write64(IOCSR_MISC_FUNC, misc | MISC_FUNC_EXT_IOI_EN);
	iocsr_write32(EIO_NODETYPE, 1); /* one node, node 0 */
	for (u32 i = 0; i < EIOINTC_NR_VECTORS / 32; i++) {
		iocsr_write32(EIO_ENABLE + i * 4, 0);
		iocsr_write32(EIO_BOUNCE + i * 4, 0);
	}
	for (u32 i = 0; i < EIOINTC_NR_VECTORS / 32 / 4; i++)
		iocsr_write32(EIO_IPMAP + i * 4, 0x01010101u << EIO_HWI_LINE);
	for (u32 v = 0; v < EIOINTC_NR_VECTORS; v += 4)
		iocsr_write32(EIO_COREMAP + v, 0x01010101u); /* core 0 */
}

void eiointc_cpu_init(void)
{
}

void eiointc_enable(u32 vector, bool on)
{
	u32 reg = EIO_ENABLE + (vector / 32) * 4, v;

	if (vector >= EIOINTC_NR_VECTORS)
		return;
	spin_lock(&eio_lock);
	v = iocsr_read32(reg);
	v = on ? v | BIT(vector % 32) : v & ~BIT(vector % 32);
	iocsr_write32(reg, v);
	spin_unlock(&eio_lock);
}

/* The byte of the coremap is a core bitmap: one bit, the target's. */
void eiointc_route(u32 vector, u64 target_hwid)
{
	u32 reg = EIO_COREMAP + (vector & ~3u), shift = (vector % 4) * 8, v;

	if (vector >= EIOINTC_NR_VECTORS || target_hwid >= 4)
		return;
	spin_lock(&eio_lock);
	v = iocsr_read32(reg) & ~(0xffu << shift);
	iocsr_write32(reg, v | (u32)(BIT(target_hwid) << shift));
	spin_unlock(&eio_lock);
}

u32 eiointc_ack(void)
{
	u32 base = EIO_COREISR; /* the reading core's own status */

	for (u32 i = 0; i < EIOINTC_NR_VECTORS / 64; i++) {
		u64 pending = iocsr_read64(base + i * 8);

		if (pending) {
			u32 bit = ctz64(pending);

			iocsr_write64(base + i * 8, 1ull << bit);
			return i * 64 + bit + EIOINTC_ID_BASE;
		}
	}
	return EIOINTC_NO_IRQ;
}

static int eio_init(const struct dev_region *regs, u32 nr_regs)
{
	(void)regs;
	(void)nr_regs;
	eiointc_init();
	return 0;
}

static void eio_send_ipi(u64 target_hwid)
{
	ipi_send(target_hwid);
}

static u32 eio_vector(u32 irq)
{
	return irq >= EIOINTC_ID_BASE ? irq - EIOINTC_ID_BASE : ~0u;
}

/* Acknowledging cleared the status: nothing more to end. */
static void eio_nop(u32 irq)
{
	(void)irq;
}

/* interrupts = <vector>: a device wired straight to the EIOINTC. */
static u32 eio_translate(const u32 *cells, u32 nr_cells)
{
	if (nr_cells < 1 || cells[0] >= EIOINTC_NR_VECTORS)
		return 0;
	return cells[0] + EIOINTC_ID_BASE;
}

static void eio_enable_irq(u32 irq, u64 target_hwid)
{
	eiointc_route(eio_vector(irq), target_hwid);
	eiointc_enable(eio_vector(irq), true);
}

static void eio_disable_irq(u32 irq)
{
	eiointc_enable(eio_vector(irq), false);
}

static void eio_route_irq(u32 irq, u64 target_hwid)
{
	eiointc_route(eio_vector(irq), target_hwid);
}

static void eio_set_pending(u32 irq, bool pending)
{
	(void)irq;
	(void)pending;
}

static void eio_set_edge(u32 irq, bool edge)
{
	(void)irq;
	(void)edge;
}

DECLARE_DRIVER(eiointc_driver, DRIVER_IRQCHIP, struct irqchip_driver,
	       "loongson,ls2k2000-eiointc") = {
	.nr_private = EIOINTC_ID_BASE,
	.no_irq = EIOINTC_NO_IRQ,
	.init = eio_init,
	.cpu_init = eiointc_cpu_init,
	.send_ipi = eio_send_ipi,
	.ack = eiointc_ack,
	.drop = eio_nop,
	.deactivate = eio_nop,
	.translate = eio_translate,
	.enable_irq = eio_enable_irq,
	.disable_irq = eio_disable_irq,
	.route_irq = eio_route_irq,
	.set_pending = eio_set_pending,
	.set_edge = eio_set_edge,
};
