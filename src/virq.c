// SPDX-License-Identifier: Apache-2.0
/*
 * The core's side of virtual interrupts: find the model for this
 * machine's interrupt controller and forward to it. Without one (a build
 * that leaves the model out), zones run without interrupts.
 */
#define pr_fmt(fmt) "virq: " fmt

#include <bulkhead/driver.h>
#include <bulkhead/percpu.h>
#include <bulkhead/printk.h>
#include <bulkhead/virq.h>
#include <bulkhead/zone.h>

const struct virq_chip *virq_chip;

/* The hooks the core calls unchecked; sysreg is optional. */
static bool has_mandatory_hooks(const struct virq_chip *c)
{
	return c->init && c->zone_reset && c->vcpu_reset && c->inject_hw &&
	       c->set_level && c->flush && c->vcpu_wakeup_pending;
}

void virq_init(void)
{
	const struct driver *drv =
		driver_find(DRIVER_VIRQ, platform.irqchip.compatible);
	const struct virq_chip *c = drv ? drv->ops : NULL;

	if (c && !has_mandatory_hooks(c)) {
		pr_err("%s: model lacks a mandatory hook, refused: zones run without interrupts\n",
		       drv->compatible);
		return;
	}
	virq_chip = c;
	if (virq_chip && virq_chip->init())
		panic("virtual interrupt controller init failed\n");
}

void virq_zone_reset(struct zone *zone)
{
	if (virq_chip)
		virq_chip->zone_reset(zone);
}

void virq_vcpu_reset(struct zone *zone, u32 vcpu)
{
	if (virq_chip)
		virq_chip->vcpu_reset(zone, vcpu);
}

void virq_inject_hw(struct zone *zone, u32 irq)
{
	if (virq_chip)
		virq_chip->inject_hw(zone, irq);
}

void virq_set_level(struct zone *zone, u32 irq, bool level)
{
	if (virq_chip && irq)
		virq_chip->set_level(zone, irq, level);
}

/* The common case, nothing pending, costs one load. */
void virq_flush(struct zone *zone, u32 vcpu)
{
	if (READ_ONCE(this_cpu()->virq_work) && virq_chip)
		virq_chip->flush(zone, vcpu);
}

bool virq_wakeup_pending(struct zone *zone, u32 vcpu)
{
	return virq_chip && virq_chip->vcpu_wakeup_pending(zone, vcpu);
}

void virq_cpu_park(void)
{
	if (virq_chip && virq_chip->cpu_park)
		virq_chip->cpu_park();
}

int virq_sysreg(struct zone *zone, u32 vcpu, u32 enc, bool write, u64 *val)
{
	if (!virq_chip || !virq_chip->sysreg)
		return -1;
	return virq_chip->sysreg(zone, vcpu, enc, write, val);
}
