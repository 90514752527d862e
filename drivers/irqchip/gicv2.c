// SPDX-License-Identifier: Apache-2.0
/*
 * Physical GICv2 (GIC-400, QEMU's cortex-a15-gic), owned by the
 * hypervisor: the distributor and this CPU's memory-mapped CPU interface.
 * The virtualization extension's frames (GICH, GICV) belong to the zones'
 * virtual GICv2 (vgicv2.c), which finds them in the same reg list.
 *
 * Everything is Group 0 and signalled as IRQ (GICC_CTLR.FIQEn clear), so
 * with HCR_EL2.IMO set every physical interrupt is taken at EL2. SGI 0 is
 * the hypervisor's own IPI. EOImode is 1, as on the GICv3: the priority
 * drop (EOIR) and the deactivation (DIR) are separate, so a passthrough
 * interrupt stays active until the guest's EOI deactivates it through a
 * hardware-linked list register.
 *
 * A GICv2 names CPUs by CPU interface number, not by MPIDR: each CPU
 * reads its own from the banked GICD_ITARGETSR0 when it comes up.
 */
#include <bulkhead/driver.h>
#include <bulkhead/percpu.h>
#include <bulkhead/zone_config.h>
#include <asm/sysreg.h>

#include "vgicv2.h"

#define GICD_CTLR 0x0000
#define GICD_ISENABLER 0x0100
#define GICD_ICENABLER 0x0180
#define GICD_ISPENDR 0x0200
#define GICD_ICPENDR 0x0280
#define GICD_IPRIORITYR 0x0400
#define GICD_ITARGETSR 0x0800
#define GICD_ICFGR 0x0c00
#define GICD_SGIR 0x0f00
#define GICD_CTLR_ENABLE (1u << 0)
#define GICD_SGIR_TARGETS_SHIFT 16

#define GICC_CTLR 0x0000
#define GICC_PMR 0x0004
#define GICC_BPR 0x0008
#define GICC_IAR 0x000c
#define GICC_EOIR 0x0010
#define GICC_DIR 0x1000
#define GICC_CTLR_ENABLE (1u << 0)
#define GICC_CTLR_EOIMODE (1u << 9)
#define GICC_IAR_ID_MASK 0x3ffu

/* Ids 1020..1023 are special; 1023 is "nothing pending". */
#define GIC_INTID_SPURIOUS 1023u
#define GIC_FIRST_SPECIAL 1020u

/* One priority for all the hypervisor takes, as on the GICv3. */
#define HYP_IRQ_PRIORITY 0xa0
#define HYP_IPI_PRIORITY 0x80
#define HYP_IPI_SGI 0

static u8 *gicd;
static u8 *gicc;
/* CPU interface mask (ITARGETSR/SGIR bit) of each logical CPU. */
static u8 cpu_if_mask[CONFIG_MAX_CPUS];
/* The IAR value of the SGI each CPU took last: its EOI needs the source. */
static u32 sgi_iar[CONFIG_MAX_CPUS];

static inline u32 rd32(const u8 *base, u64 off)
{
	return *(volatile const u32 *)(base + off);
}

static inline void wr32(u8 *base, u64 off, u32 v)
{
	*(volatile u32 *)(base + off) = v;
}

static inline void wr8(u8 *base, u64 off, u8 v)
{
	*(volatile u8 *)(base + off) = v;
}

/* regs: GICD, GICC, then GICH and GICV for the virtual GIC. */
static int gicv2_init(const struct dev_region *regs, u32 nr_regs)
{
	if (nr_regs < 2)
		return -1;
	gicd = (u8 *)(uintptr_t)regs[0].base;
	gicc = (u8 *)(uintptr_t)(regs[1].base +
				 gicv2_frame_offset(regs[1].size));
	wr32(gicd, GICD_CTLR, GICD_CTLR_ENABLE);
	return 0;
}

/* The banked ITARGETSR0 reads this CPU's own interface bit in each byte. */
static u8 this_cpu_if_mask(void)
{
	return (u8)rd32(gicd, GICD_ITARGETSR);
}

static void gicv2_cpu_init(void)
{
	cpu_if_mask[this_cpu()->id] = this_cpu_if_mask();
	wr8(gicd, GICD_IPRIORITYR + HYP_IPI_SGI, HYP_IPI_PRIORITY);
	wr32(gicd, GICD_ISENABLER, 1u << HYP_IPI_SGI);
	wr32(gicc, GICC_PMR, 0xff);
	wr32(gicc, GICC_BPR, 0);
	wr32(gicc, GICC_CTLR, GICC_CTLR_ENABLE | GICC_CTLR_EOIMODE);
}

/*
 * The interface of the CPU with MPIDR affinity @hwid. Before that CPU has
 * come up its mask is unknown; interface n is then taken to be Aff0 n,
 * as on QEMU virt and on a GIC-400 in a single cluster.
 */
static u8 hwid_to_mask(u64 hwid)
{
	for (u32 cpu = 0; cpu < platform.nr_cpus; cpu++)
		if (platform.cpu_hwid[cpu] == hwid && cpu_if_mask[cpu])
			return cpu_if_mask[cpu];
	return (u8)(1u << (hwid & 7));
}

static void gicv2_send_ipi(u64 hwid)
{
	dsb(ish);
	wr32(gicd, GICD_SGIR,
	     ((u32)hwid_to_mask(hwid) << GICD_SGIR_TARGETS_SHIFT) |
		     HYP_IPI_SGI);
}

static u32 gicv2_ack(void)
{
	u32 iar = rd32(gicc, GICC_IAR), id = iar & GICC_IAR_ID_MASK;

	if (id >= GIC_FIRST_SPECIAL)
		return GIC_INTID_SPURIOUS;
	if (id < 16)
		sgi_iar[this_cpu()->id] = iar;
	return id;
}

/* What EOIR and DIR take for @irq: an SGI's with its source CPU. */
static u32 eoi_value(u32 irq)
{
	return irq < 16 ? sgi_iar[this_cpu()->id] : irq;
}

static void gicv2_drop(u32 irq)
{
	wr32(gicc, GICC_EOIR, eoi_value(irq));
}

static void gicv2_deactivate(u32 irq)
{
	wr32(gicc, GICC_DIR, eoi_value(irq));
}

/* Cells: <type number flags>, type 0 = SPI (id 32 + n), 1 = PPI (16 + n). */
static u32 gicv2_translate(const u32 *cells, u32 nr_cells)
{
	if (nr_cells < 2 || cells[0] > 1)
		return 0;
	if (cells[0] == 0)
		return cells[1] < 988 ? 32 + cells[1] : 0;
	return cells[1] < 16 ? 16 + cells[1] : 0;
}

/* One bit per interrupt; the first 32 are banked per CPU. */
static void write_bit(u32 irq, u64 reg)
{
	wr32(gicd, reg + (irq / 32) * 4, 1u << (irq % 32));
}

/* Private interrupts go to their own CPU; ITARGETSR0-7 are read-only. */
static void gicv2_route_irq(u32 irq, u64 hwid)
{
	if (irq >= 32)
		wr8(gicd, GICD_ITARGETSR + irq, hwid_to_mask(hwid));
}

static void gicv2_enable_irq(u32 irq, u64 hwid)
{
	wr8(gicd, GICD_IPRIORITYR + irq, HYP_IRQ_PRIORITY);
	gicv2_route_irq(irq, hwid);
	write_bit(irq, GICD_ISENABLER);
}

static void gicv2_disable_irq(u32 irq)
{
	write_bit(irq, GICD_ICENABLER);
}

static void gicv2_set_pending(u32 irq, bool pending)
{
	write_bit(irq, pending ? GICD_ISPENDR : GICD_ICPENDR);
}

/* Two bits per interrupt; bit 1 set = edge. SGIs are always edge. */
static void gicv2_set_edge(u32 irq, bool edge)
{
	u64 off = GICD_ICFGR + (irq / 16) * 4;
	u32 bit = 2u << ((irq % 16) * 2), v;

	if (irq < 16)
		return;
	v = rd32(gicd, off);
	wr32(gicd, off, edge ? v | bit : v & ~bit);
}

#define GICV2_OPS                                                             \
	{                                                                     \
		.nr_private = 32, /* SGIs, PPIs */                            \
			.no_irq = GIC_INTID_SPURIOUS, .init = gicv2_init,     \
		.cpu_init = gicv2_cpu_init, .send_ipi = gicv2_send_ipi,       \
		.ack = gicv2_ack, .drop = gicv2_drop,                         \
		.deactivate = gicv2_deactivate, .translate = gicv2_translate, \
		.enable_irq = gicv2_enable_irq,                               \
		.disable_irq = gicv2_disable_irq,                             \
		.route_irq = gicv2_route_irq,                                 \
		.set_pending = gicv2_set_pending, .set_edge = gicv2_set_edge, \
	}

/* The same chip under the two names device trees give it. */
DECLARE_DRIVER(gic400_driver, DRIVER_IRQCHIP, struct irqchip_driver,
	       "arm,gic-400") = GICV2_OPS;
DECLARE_DRIVER(cortex_a15_gic_driver, DRIVER_IRQCHIP, struct irqchip_driver,
	       "arm,cortex-a15-gic") = GICV2_OPS;
