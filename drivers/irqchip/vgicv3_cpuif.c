// SPDX-License-Identifier: Apache-2.0
/*
 * Virtual GICv3: the CPU interface side. Its list registers are the
 * ICH_LR<n>_EL2 system registers, driven by the shared list-register
 * engine (vgic_lrs.c); hardware-backed interrupts are hardware-linked.
 * What is the GICv3's own: the guest's SGI system registers (trapped) and
 * resetting the virtual CPU interface.
 */
#define pr_fmt(fmt) "vgic: " fmt

#include <bulkhead/driver.h>
#include <bulkhead/irq.h>
#include <bulkhead/percpu.h>
#include <bulkhead/printk.h>
#include <bulkhead/virq.h>
#include <bulkhead/zone.h>
#include <asm/sysreg.h>

#include "vgicv3.h"

#define ICC_SGI1R SYSREG_ISS(3, 0, 12, 11, 5)
#define ICC_ASGI1R SYSREG_ISS(3, 0, 12, 11, 6)
#define ICC_SGI0R SYSREG_ISS(3, 0, 12, 11, 7)

/* List registers are named in the instruction: one case per register. */
#define LR_CASE(n, crm, op2, op)            \
	case n:                             \
		op(S3_4_C12_##crm##_##op2); \
		break

static u64 lr_read(u32 n)
{
	u64 v = 0;
#define LR_RD(reg) (v = read_sysreg(reg))
	switch (n) {
		LR_CASE(0, C12, 0, LR_RD);
		LR_CASE(1, C12, 1, LR_RD);
		LR_CASE(2, C12, 2, LR_RD);
		LR_CASE(3, C12, 3, LR_RD);
		LR_CASE(4, C12, 4, LR_RD);
		LR_CASE(5, C12, 5, LR_RD);
		LR_CASE(6, C12, 6, LR_RD);
		LR_CASE(7, C12, 7, LR_RD);
		LR_CASE(8, C13, 0, LR_RD);
		LR_CASE(9, C13, 1, LR_RD);
		LR_CASE(10, C13, 2, LR_RD);
		LR_CASE(11, C13, 3, LR_RD);
		LR_CASE(12, C13, 4, LR_RD);
		LR_CASE(13, C13, 5, LR_RD);
		LR_CASE(14, C13, 6, LR_RD);
		LR_CASE(15, C13, 7, LR_RD);
	}
#undef LR_RD
	return v;
}

static void lr_write(u32 n, u64 v)
{
#define LR_WR(reg) write_sysreg(reg, v)
	switch (n) {
		LR_CASE(0, C12, 0, LR_WR);
		LR_CASE(1, C12, 1, LR_WR);
		LR_CASE(2, C12, 2, LR_WR);
		LR_CASE(3, C12, 3, LR_WR);
		LR_CASE(4, C12, 4, LR_WR);
		LR_CASE(5, C12, 5, LR_WR);
		LR_CASE(6, C12, 6, LR_WR);
		LR_CASE(7, C12, 7, LR_WR);
		LR_CASE(8, C13, 0, LR_WR);
		LR_CASE(9, C13, 1, LR_WR);
		LR_CASE(10, C13, 2, LR_WR);
		LR_CASE(11, C13, 3, LR_WR);
		LR_CASE(12, C13, 4, LR_WR);
		LR_CASE(13, C13, 5, LR_WR);
		LR_CASE(14, C13, 6, LR_WR);
		LR_CASE(15, C13, 7, LR_WR);
	}
#undef LR_WR
}

static u64 lrs_finished(void)
{
	return read_sysreg(ICH_ELRSR_EL2) | read_sysreg(ICH_EISR_EL2);
}

static void lrs_write_hcr(u32 hcr)
{
	write_sysreg(ICH_HCR_EL2, hcr);
}

static const struct vgic_lr_ops ich_lrs = {
	.read = lr_read,
	.write = lr_write,
	.finished = lrs_finished,
	.write_hcr = lrs_write_hcr,
	.hw_link = true,
};

static int vgic_sysreg(struct zone *zone, u32 vcpu, u32 enc, bool write,
		       u64 *val)
{
	struct vgic *g = zone->virq;

	if (!g || !write)
		return -1;
	if (enc == ICC_SGI1R || enc == ICC_ASGI1R)
		vgic_send_sgi(g, vcpu, *val);
	else if (enc != ICC_SGI0R) /* Group 0 does not exist for zones */
		return -1;
	return 0;
}

/*
 * A vCPU (re)starts with an empty CPU interface. Physical interrupts it
 * had listed are deactivated (vgic_lrs_clear), and its timer is stopped
 * and its physical interrupt ended.
 */
static void vgic_vcpu_reset(struct zone *zone, u32 vcpu)
{
	struct vgic *g = zone->virq;

	write_sysreg(cntv_ctl_el0, 0);
	irq_chip()->deactivate(VTIMER_PPI);
	/* Masked if it fired while the zone was not running (irq.c). */
	irq_chip()->enable_irq(VTIMER_PPI, this_cpu()->hwid);
	if (!g)
		return;
	spin_lock(&g->lock);
	vgic_lrs_clear(g, vcpu);
	write_sysreg(ICH_AP0R0_EL2, 0);
	write_sysreg(ICH_AP1R0_EL2, 0);
	write_sysreg(ICH_VMCR_EL2, 0);
	write_sysreg(ICC_SRE_EL1, 0x7); /* system registers only */
	spin_unlock(&g->lock);
	isb();
}

static int vgic_init(void)
{
	int n = vgic_lrs_init(&ich_lrs,
			      (u32)(read_sysreg(ICH_VTR_EL2) & 0x1f) + 1);

	if (n < 0)
		return -1;
	pr_info("%d list registers, %u SPIs per zone\n", n,
		CONFIG_VGIC_NR_SPIS);
	return 0;
}

DECLARE_DRIVER(vgicv3_chip, DRIVER_VIRQ, struct virq_chip, "arm,gic-v3") = {
	.init = vgic_init,
	.zone_reset = vgic_zone_reset,
	.vcpu_reset = vgic_vcpu_reset,
	.inject_hw = vgic_inject_hw,
	.set_level = vgic_set_level,
	.flush = vgic_flush,
	.vcpu_wakeup_pending = vgic_wakeup_pending,
	.sysreg = vgic_sysreg,
	.cpu_park = vgic_cpu_park,
};
