// SPDX-License-Identifier: Apache-2.0
/*
 * Physical GICv3, owned by the hypervisor. It enables affinity routing,
 * wakes each CPU's redistributor, and uses SGI 0 as the hypervisor's own
 * IPI (Group 1, taken at EL2 while a guest runs since HCR_EL2.IMO is set).
 * Guests get the system-register CPU interface (ICC_SRE_EL2.Enable).
 *
 * EOImode is 1: ending an interrupt is a priority drop (EOIR) and a
 * separate deactivation (DIR), so a passthrough interrupt can stay active
 * until the guest's EOI deactivates it through a hardware-linked list
 * register (see vgicv3.c).
 */
#include <bulkhead/driver.h>
#include <bulkhead/percpu.h>
#include <asm/sysreg.h>

#define GICD_CTLR 0x0000
#define GICD_IGROUPR 0x0080
#define GICD_ISENABLER 0x0100
#define GICD_ICENABLER 0x0180
#define GICD_ISPENDR 0x0200
#define GICD_ICPENDR 0x0280
#define GICD_IPRIORITYR 0x0400
#define GICD_ICFGR 0x0c00
#define GICD_IROUTER 0x6000
#define GICD_CTLR_RWP (1u << 31)
#define GICD_CTLR_ARE_NS (1u << 4)
#define GICD_CTLR_ENABLE_G1A (1u << 1)
#define GICR_STRIDE 0x20000
#define GICR_CTLR 0x0000
#define GICR_TYPER 0x0008
#define GICR_TYPER_LAST (1ull << 4)
#define GICR_WAKER 0x0014
#define GICR_WAKER_PS (1u << 1)
#define GICR_WAKER_CA (1u << 2)
#define GICR_SGI_BASE 0x10000
#define GICR_IGROUPR0 0x0080
#define GICR_ISENABLER0 0x0100
#define GICR_ICENABLER0 0x0180
#define GICR_ISPENDR0 0x0200
#define GICR_ICPENDR0 0x0280
#define GICR_IPRIORITYR 0x0400
#define GICR_ICFGR1 0x0c04

#define ICC_CTLR_EOIMODE (1u << 1)
/* Every interrupt the hypervisor takes, its own or a guest's, has one
 * priority: they are handled one at a time with IRQs masked anyway. */
#define HYP_IRQ_PRIORITY 0xa0

#define HYP_IPI_SGI 0

static u8 *gicd;
static u8 *gicr_base;
static u64 gicr_size;
static u8 *cpu_rd[CONFIG_MAX_CPUS]; /* each CPU's own redistributor */

static inline u32 rd32(const u8 *base, u64 off)
{
	return *(volatile const u32 *)(base + off);
}

static inline void wr32(u8 *base, u64 off, u32 v)
{
	*(volatile u32 *)(base + off) = v;
}

static int gicv3_init(const struct dev_region *regs, u32 nr_regs)
{
	if (nr_regs < 2)
		return -1;
	gicd = (u8 *)(uintptr_t)regs[0].base;
	gicr_base = (u8 *)(uintptr_t)regs[1].base;
	gicr_size = regs[1].size;
	wr32(gicd, GICD_CTLR, GICD_CTLR_ARE_NS);
	while (rd32(gicd, GICD_CTLR) & GICD_CTLR_RWP)
		;
	wr32(gicd, GICD_CTLR, GICD_CTLR_ARE_NS | GICD_CTLR_ENABLE_G1A);
	return 0;
}

/* Redistributors are found by affinity in GICR_TYPER[63:32]. */
static u8 *this_redistributor(void)
{
	u64 mpidr = read_sysreg(mpidr_el1);
	u32 aff = (u32)(((mpidr >> 8) & 0xff000000u) | (mpidr & 0xffffff));

	for (u64 off = 0; off + GICR_STRIDE <= gicr_size; off += GICR_STRIDE) {
		u8 *rd = gicr_base + off;
		u64 typer = *(volatile u64 *)(rd + GICR_TYPER);

		if ((u32)(typer >> 32) == aff)
			return rd;
		if (typer & GICR_TYPER_LAST)
			break;
	}
	return NULL;
}

static void gicv3_cpu_init(void)
{
	u8 *rd = this_redistributor();

	cpu_rd[this_cpu()->id] = rd;
	if (rd) {
		wr32(rd, GICR_WAKER, rd32(rd, GICR_WAKER) & ~GICR_WAKER_PS);
		while (rd32(rd, GICR_WAKER) & GICR_WAKER_CA)
			;
		wr32(rd, GICR_SGI_BASE + GICR_IGROUPR0,
		     rd32(rd, GICR_SGI_BASE + GICR_IGROUPR0) |
			     (1u << HYP_IPI_SGI));
		*(volatile u8 *)(rd + GICR_SGI_BASE + GICR_IPRIORITYR +
				 HYP_IPI_SGI) = 0x80;
		wr32(rd, GICR_SGI_BASE + GICR_ISENABLER0, 1u << HYP_IPI_SGI);
	}
	write_sysreg(ICC_SRE_EL2, 0x9); /* SRE, and let EL1 use it too */
	isb();
	write_sysreg(ICC_PMR_EL1, 0xff);
	write_sysreg(ICC_CTLR_EL1, ICC_CTLR_EOIMODE);
	write_sysreg(ICC_IGRPEN1_EL1, 1);
	write_sysreg(ICH_HCR_EL2, 0);
	isb();
}

static void gicv3_send_ipi(u64 hwid)
{
	u64 aff1 = (hwid >> 8) & 0xff, aff2 = (hwid >> 16) & 0xff;
	u64 aff3 = (hwid >> 32) & 0xff, target = 1ull << (hwid & 0xf);
	u64 sgi = (aff3 << 48) | (aff2 << 32) | ((u64)HYP_IPI_SGI << 24) |
		  (aff1 << 16) | target;

	dsb(ish);
	write_sysreg(ICC_SGI1R_EL1, sgi);
	isb();
}

/* INTID 1023: nothing pending for this CPU. */
#define GIC_INTID_SPURIOUS 1023u

static u32 gicv3_ack(void)
{
	return (u32)read_sysreg(ICC_IAR1_EL1) & 0xffffff;
}

/*
 * No ISB: the exception return synchronises. If the next acknowledge
 * does not see the drop yet, it reads spurious and the interrupt is
 * simply taken again after the ERET.
 */
static void gicv3_drop(u32 irq)
{
	write_sysreg(ICC_EOIR1_EL1, irq);
}

static void gicv3_deactivate(u32 irq)
{
	write_sysreg(ICC_DIR_EL1, irq);
	isb();
}

/* Bank and bit of an interrupt: this CPU's SGI frame for SGIs and PPIs. */
static u8 *irq_bank(u32 irq, u64 gicd_reg, u64 gicr_reg, u64 *off)
{
	if (irq < 32) {
		*off = GICR_SGI_BASE + gicr_reg;
		return cpu_rd[this_cpu()->id];
	}
	*off = gicd_reg + (irq / 32) * 4;
	return gicd;
}

static void write_bit(u32 irq, u64 gicd_reg, u64 gicr_reg)
{
	u64 off;
	u8 *base = irq_bank(irq, gicd_reg, gicr_reg, &off);

	if (base)
		wr32(base, off, 1u << (irq % 32));
}
/* Cells: <type number flags>, type 0 = SPI (id 32 + n), 1 = PPI (16 + n). */
static u32 gicv3_translate(const u32 *cells, u32 nr_cells)
{
	if (nr_cells < 2 || cells[0] > 1)
		return 0;
	if (cells[0] == 0)
		return cells[1] < 988 ? 32 + cells[1] : 0;
	return cells[1] < 16 ? 16 + cells[1] : 0;
}

static void gicv3_route_irq(u32 irq, u64 hwid)
{
	if (irq >= 32)
		*(volatile u64 *)(gicd + GICD_IROUTER + irq * 8) =
			hwid & MPIDR_AFF_MASK;
}

/* Priorities are one byte per interrupt. */
static void set_priority(u32 irq, u8 prio)
{
	u8 *base = irq < 32 ? cpu_rd[this_cpu()->id] + GICR_SGI_BASE : gicd;

	*(volatile u8 *)(base + GICD_IPRIORITYR + irq) = prio;
}

/* Group 1, the hypervisor's priority, routed to one CPU by affinity. */
static void gicv3_enable_irq(u32 irq, u64 hwid)
{
	u64 off;
	u8 *base = irq_bank(irq, GICD_IGROUPR, GICR_IGROUPR0, &off);

	if (!base)
		return;
	wr32(base, off, rd32(base, off) | (1u << (irq % 32)));
	set_priority(irq, HYP_IRQ_PRIORITY);
	gicv3_route_irq(irq, hwid);
	write_bit(irq, GICD_ISENABLER, GICR_ISENABLER0);
}

static void gicv3_disable_irq(u32 irq)
{
	write_bit(irq, GICD_ICENABLER, GICR_ICENABLER0);
}

static void gicv3_set_pending(u32 irq, bool pending)
{
	if (pending)
		write_bit(irq, GICD_ISPENDR, GICR_ISPENDR0);
	else
		write_bit(irq, GICD_ICPENDR, GICR_ICPENDR0);
}

/* Two bits per interrupt; bit 1 set = edge. SGIs are always edge. */
static void gicv3_set_edge(u32 irq, bool edge)
{
	u64 off = irq < 32 ? GICR_SGI_BASE + GICR_ICFGR1 :
			     GICD_ICFGR + (irq / 16) * 4;
	u8 *base = irq < 32 ? cpu_rd[this_cpu()->id] : gicd;
	u32 bit = 2u << ((irq % 16) * 2), v;

	if (irq < 16 || !base)
		return;
	v = rd32(base, off);
	wr32(base, off, edge ? v | bit : v & ~bit);
}

DECLARE_DRIVER(gicv3_driver, DRIVER_IRQCHIP, struct irqchip_driver,
	       "arm,gic-v3") = {
	.nr_private = 32, /* SGIs and PPIs */
	.no_irq = GIC_INTID_SPURIOUS,
	.init = gicv3_init,
	.cpu_init = gicv3_cpu_init,
	.send_ipi = gicv3_send_ipi,
	.ack = gicv3_ack,
	.drop = gicv3_drop,
	.deactivate = gicv3_deactivate,
	.translate = gicv3_translate,
	.enable_irq = gicv3_enable_irq,
	.disable_irq = gicv3_disable_irq,
	.route_irq = gicv3_route_irq,
	.set_pending = gicv3_set_pending,
	.set_edge = gicv3_set_edge,
};
