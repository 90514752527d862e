// SPDX-License-Identifier: Apache-2.0
/*
 * The 7A bridge's PCH-PIC (LS7A1000 in QEMU's virt board, LS7A2000 on
 * 3A5000 boards) as the hypervisor's interrupt controller: 64 inputs,
 * each sent as a message to an EIOINTC vector (HTMSI_VEC). Input n goes
 * to vector n + the board's loongson,pic-base-vec (0 here: QEMU wires
 * input n to vector n whatever the register says). Level inputs need no
 * end of interrupt at the PCH-PIC; edge ones are cleared in INT_CLEAR.
 */
#include <bulkhead/driver.h>
#include <bulkhead/irq.h>
#include <bulkhead/mmio.h>
#include <bulkhead/spinlock.h>
#include <asm/eiointc.h>
#include <asm/smp.h>

#define PIC_NR_INPUTS 64
#define PIC_INT_MASK 0x020 /* 1: masked */
#define PIC_HTMSI_EN 0x040 /* 1: delivered as a message */
#define PIC_INT_EDGE 0x060 /* 1: edge triggered */
#define PIC_INT_CLEAR 0x080 /* write 1: clear an edge request */
#define PIC_HTMSI_VEC 0x200 /* a byte per input: its EIOINTC vector */
#define PIC_INT_POL 0x3e0 /* 1: active low */

/* Interrupt ids: EIOINTC ones (vector + EIOINTC_ID_BASE). */
static volatile u8 *pic;
static u64 edge_inputs;
static spinlock_t pic_lock = SPINLOCK_INIT;

static void pic_write64(u32 reg, u64 v)
{
	*(volatile u32 *)(pic + reg) = (u32)v;
	*(volatile u32 *)(pic + reg + 4) = (u32)(v >> 32);
}

static u64 pic_read64(u32 reg)
{
	return *(volatile u32 *)(pic + reg) |
	       (u64) * (volatile u32 *)(pic + reg + 4) << 32;
}

static u32 input_of(u32 irq)
{
	u32 in = irq - EIOINTC_ID_BASE;

	return irq >= EIOINTC_ID_BASE && in < PIC_NR_INPUTS ? in : ~0u;
}

static int pic_init(const struct dev_region *regs, u32 nr_regs)
{
	if (!nr_regs)
		return -1;
	pic = (volatile u8 *)(uintptr_t)regs[0].base;
	eiointc_init();
	pic_write64(PIC_INT_MASK, ~0ull);
	pic_write64(PIC_INT_EDGE, 0);
	pic_write64(PIC_INT_POL, 0);
	for (u32 in = 0; in < PIC_NR_INPUTS; in++)
		pic[PIC_HTMSI_VEC + in] = (u8)in;
	pic_write64(PIC_HTMSI_EN, ~0ull);
	return 0;
}

static void pic_send_ipi(u64 target_hwid)
{
	ipi_send(target_hwid);
}

static void pic_deactivate(u32 irq)
{
	u32 in = input_of(irq);

	if (in != ~0u && (edge_inputs & BIT(in)))
		pic_write64(PIC_INT_CLEAR, BIT(in));
}

static void pic_drop(u32 irq)
{
	(void)irq;
}

/* interrupts = <input flags>: an input of the PCH-PIC. */
static u32 pic_translate(const u32 *cells, u32 nr_cells)
{
	if (nr_cells < 1 || cells[0] >= PIC_NR_INPUTS)
		return 0;
	return cells[0] + EIOINTC_ID_BASE;
}

static void pic_mask(u32 in, bool masked)
{
	u64 m;

	spin_lock(&pic_lock);
	m = pic_read64(PIC_INT_MASK);
	pic_write64(PIC_INT_MASK, masked ? m | BIT(in) : m & ~BIT(in));
	spin_unlock(&pic_lock);
}

static void pic_enable_irq(u32 irq, u64 target_hwid)
{
	u32 in = input_of(irq);

	if (in == ~0u)
		return;
	eiointc_route(in, target_hwid);
	eiointc_enable(in, true);
	pic_mask(in, false);
}

static void pic_disable_irq(u32 irq)
{
	u32 in = input_of(irq);

	if (in == ~0u)
		return;
	pic_mask(in, true);
	eiointc_enable(in, false);
}

static void pic_route_irq(u32 irq, u64 target_hwid)
{
	u32 in = input_of(irq);

	if (in != ~0u)
		eiointc_route(in, target_hwid);
}

/* Requests are the devices'; only an edge one can be withdrawn. */
static void pic_set_pending(u32 irq, bool pending)
{
	if (!pending)
		pic_deactivate(irq);
}

static void pic_set_edge(u32 irq, bool edge)
{
	u32 in = input_of(irq);

	if (in == ~0u)
		return;
	spin_lock(&pic_lock);
	edge_inputs = edge ? edge_inputs | BIT(in) : edge_inputs & ~BIT(in);
	pic_write64(PIC_INT_EDGE, edge_inputs);
	spin_unlock(&pic_lock);
}

DECLARE_DRIVER(pch_pic_driver, DRIVER_IRQCHIP, struct irqchip_driver,
	       "loongson,pch-pic-1.0") = {
	.nr_private = EIOINTC_ID_BASE,
	.no_irq = EIOINTC_NO_IRQ,
	.init = pic_init,
	.cpu_init = eiointc_cpu_init,
	.send_ipi = pic_send_ipi,
	.ack = eiointc_ack,
	.drop = pic_drop,
	.deactivate = pic_deactivate,
	.translate = pic_translate,
	.enable_irq = pic_enable_irq,
	.disable_irq = pic_disable_irq,
	.route_irq = pic_route_irq,
	.set_pending = pic_set_pending,
	.set_edge = pic_set_edge,
};
