// SPDX-License-Identifier: Apache-2.0
/*
 * Virtual GICv2: the CPU interface side. The interrupt state (pending
 * maps, SPI ownership, the register views) is the version-independent
 * part of the virtual GICv3 (vgicv3.c), and the list registers are driven
 * by the shared engine (vgic_lrs.c); what differs is how they are
 * reached. On a GICv2 they are the memory-mapped GICH frame, banked per
 * CPU, 32 bits each: this file translates them to and from the engine's
 * ICH_LR layout. The guest's CPU interface is the GICV frame, mapped by
 * stage 2 where its device tree says the GICC is (vgicv2_mmio.c).
 *
 * Hardware-backed interrupts (the virtual timer, passthrough SPIs) are not
 * hardware-linked here (GICH_LR.HW is never set): they are listed as
 * plain entries asking for an EOI maintenance interrupt, and the
 * hypervisor deactivates the physical interrupt itself (GICC_DIR) once
 * the guest has ended the virtual one. The physical interrupt stays active
 * until then, so it cannot fire again meanwhile, as with the HW bit. The
 * reason is QEMU's GICv2 model (7.2 and later): a guest deactivation
 * through a HW list register clears the physical active state but only
 * recomputes the virtual interrupt lines, never this CPU's physical one.
 * A level that rose while the interrupt was active (the timer's next
 * deadline already due at the guest's EOI) then stays unsignalled until
 * some unrelated GIC event recomputes every line: with no other zone
 * running, the CPU sleeps in WFI for good. A GICC_DIR write recomputes
 * it, and is what the architecture asks for on real hardware too.
 */
#define pr_fmt(fmt) "vgic: " fmt

#include <bulkhead/driver.h>
#include <bulkhead/irq.h>
#include <bulkhead/percpu.h>
#include <bulkhead/printk.h>
#include <bulkhead/virq.h>
#include <bulkhead/zone.h>
#include <asm/sysreg.h>

#include "vgicv2.h"

#define GICH_HCR 0x000
#define GICH_VTR 0x004
#define GICH_VMCR 0x008
#define GICH_EISR0 0x020
#define GICH_ELRSR0 0x030
#define GICH_APR 0x0f0
#define GICH_LR0 0x100

#define GICH_VTR_LISTREGS 0x3f

/* GICH_LR<n>: 32 bits. Group 0 only: a GICv2 guest (Linux) enables only
 * Group 0 at its CPU interface, signalled as a virtual IRQ. */
#define LR_HW BIT(31)
#define LR_ACTIVE BIT(29)
#define LR_PENDING BIT(28)
#define LR_PRIO_SHIFT 23 /* the top five bits of the priority */
#define LR_PINTID_SHIFT 10 /* HW = 1: the physical interrupt */
#define LR_EOI BIT(19) /* HW = 0: maintenance interrupt on EOI */
#define LR_ID_MASK 0x3ffu

static u8 *gich;

static inline u32 gich_read(u64 off)
{
	return *(volatile const u32 *)(gich + off);
}

static inline void gich_write(u64 off, u32 v)
{
	*(volatile u32 *)(gich + off) = v;
}

/* GICH_LR<n> in the ICH_LR layout the engine reads. */
static u64 lr_read(u32 n)
{
	u32 v = gich_read(GICH_LR0 + 4 * n);
	u64 lr = (v & LR_ID_MASK) | ((u64)(((v >> LR_PRIO_SHIFT) & 0x1f) << 3)
				     << VGIC_LR_PRIO_SHIFT);

	if (v & LR_PENDING)
		lr |= VGIC_LR_PENDING;
	if (v & LR_ACTIVE)
		lr |= VGIC_LR_ACTIVE;
	if (v & LR_HW)
		lr |= VGIC_LR_HW | ((u64)((v >> LR_PINTID_SHIFT) & LR_ID_MASK)
				    << VGIC_LR_PINTID_SHIFT);
	else if (v & LR_EOI)
		lr |= VGIC_LR_EOI;
	return lr;
}

static void lr_write(u32 n, u64 lr)
{
	u32 v = (u32)(lr & LR_ID_MASK) |
		((u32)((lr >> VGIC_LR_PRIO_SHIFT) & 0xff) >> 3)
			<< LR_PRIO_SHIFT;

	if (lr & VGIC_LR_PENDING)
		v |= LR_PENDING;
	if (lr & VGIC_LR_ACTIVE)
		v |= LR_ACTIVE;
	if (lr & VGIC_LR_HW)
		v |= LR_HW | (u32)((lr >> VGIC_LR_PINTID_SHIFT) & LR_ID_MASK)
				     << LR_PINTID_SHIFT;
	else if (lr & VGIC_LR_EOI)
		v |= LR_EOI;
	gich_write(GICH_LR0 + 4 * n, v);
}

/* Bit n: list register n (the first 32, all a vCPU can use here). */
static u64 lrs_finished(void)
{
	return gich_read(GICH_ELRSR0) | gich_read(GICH_EISR0);
}

static void lrs_write_hcr(u32 hcr)
{
	gich_write(GICH_HCR, hcr);
}

/* Not hardware-linked: see the top. */
static const struct vgic_lr_ops gich_lrs = {
	.read = lr_read,
	.write = lr_write,
	.finished = lrs_finished,
	.write_hcr = lrs_write_hcr,
	.hw_link = false,
};

/*
 * A vCPU (re)starts with an empty CPU interface; its timer is stopped and
 * the timer's physical interrupt ended (vgicv3_cpuif.c says why).
 */
static void vgic_vcpu_reset(struct zone *zone, u32 vcpu)
{
	struct vgic *g = zone->virq;

	write_sysreg(cntv_ctl_el0, 0);
	irq_chip()->deactivate(VTIMER_PPI);
	irq_chip()->enable_irq(VTIMER_PPI, this_cpu()->hwid);
	if (!g) {
		vgic_lrs_clear(NULL, vcpu);
		return;
	}
	spin_lock(&g->lock);
	vgic_lrs_clear(g, vcpu);
	gich_write(GICH_APR, 0);
	gich_write(GICH_VMCR, 0);
	spin_unlock(&g->lock);
}

/* regs: GICD, GICC, GICH, GICV (models/gicv2.c checked there are four). */
static int vgic_init(void)
{
	int n;

	if (platform.irqchip.nr_regs < VGICV2_NR_REGS)
		return -1;
	gich = (u8 *)(uintptr_t)platform.irqchip.regs[VGICV2_REG_GICH].base;
	n = vgic_lrs_init(&gich_lrs,
			  (gich_read(GICH_VTR) & GICH_VTR_LISTREGS) + 1);
	if (n < 0)
		return -1;
	pr_info("GICv2: %d list registers, %u SPIs per zone\n", n,
		CONFIG_VGIC_NR_SPIS);
	return 0;
}

#define VGICV2_OPS                                                          \
	{                                                                   \
		.init = vgic_init, .zone_reset = vgic_zone_reset,           \
		.vcpu_reset = vgic_vcpu_reset, .inject_hw = vgic_inject_hw, \
		.set_level = vgic_set_level, .flush = vgic_flush,           \
		.vcpu_wakeup_pending = vgic_wakeup_pending,                 \
		.cpu_park = vgic_cpu_park,                                  \
	}

/* Found by the physical chip's compatible, under both its names. */
DECLARE_DRIVER(vgicv2_gic400_chip, DRIVER_VIRQ, struct virq_chip,
	       "arm,gic-400") = VGICV2_OPS;
DECLARE_DRIVER(vgicv2_a15_chip, DRIVER_VIRQ, struct virq_chip,
	       "arm,cortex-a15-gic") = VGICV2_OPS;
