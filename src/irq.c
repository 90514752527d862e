// SPDX-License-Identifier: Apache-2.0
/*
 * Physical interrupts. The hypervisor owns the interrupt controller; each
 * interrupt it takes is either its own (console input, its IPI, the
 * interrupt controller model's maintenance interrupt) or a zone's: a
 * passthrough device's shared interrupt, owned by one zone, or a private
 * (per-CPU) interrupt forwarded to whichever zone runs on the CPU (the
 * virtual timer). The chip says which ids are private (below nr_private). A zone's interrupt is only priority-dropped
 * here and handed to the zone's virtual interrupt controller; the guest's
 * EOI deactivates it.
 */
#include <bulkhead/arch.h>
#include <bulkhead/driver.h>
#include <bulkhead/irq.h>
#include <bulkhead/percpu.h>
#include <bulkhead/virq.h>
#include <bulkhead/zone.h>

static const struct irqchip_driver *chip;

#define MAX_IRQ_HANDLERS 8

static struct {
	u32 irq;
	irq_handler_t handler;
} handlers[MAX_IRQ_HANDLERS];
static u32 nr_handlers;

static u32 forwarded_private; /* bit n: private irq n goes to this CPU's zone */
static u8 shared_owner[IRQ_MAX]; /* zone index + 1, 0 = the hypervisor's */

int irqchip_init(void)
{
	const struct driver *drv =
		driver_find(DRIVER_IRQCHIP, platform.irqchip.compatible);

	if (!drv)
		return -1;
	chip = drv->ops;
	return chip->init(platform.irqchip.regs, platform.irqchip.nr_regs);
}

/* Per-CPU interrupts registered so far are enabled on each CPU here. */
void irqchip_cpu_init(void)
{
	chip->cpu_init();
	for (u32 i = 0; i < nr_handlers; i++)
		if (handlers[i].irq < chip->nr_private)
			chip->enable_irq(handlers[i].irq, this_cpu()->hwid);
	for (u32 irq = 0; irq < chip->nr_private; irq++)
		if (forwarded_private & BIT(irq))
			chip->enable_irq(irq, this_cpu()->hwid);
}

void irq_send_ipi(u32 cpu)
{
	chip->send_ipi(platform.cpu_hwid[cpu]);
}

static int add_handler(u32 irq, irq_handler_t handler)
{
	if (!irq || nr_handlers == MAX_IRQ_HANDLERS)
		return -1;
	handlers[nr_handlers].irq = irq;
	handlers[nr_handlers++].handler = handler;
	chip->enable_irq(irq, this_cpu()->hwid);
	return 0;
}

/* Boot-time only (one CPU, before any zone runs): no locking needed. */
int irq_request(const u32 *cells, u32 nr_cells, irq_handler_t handler)
{
	u32 irq =
		chip && chip->translate ? chip->translate(cells, nr_cells) : 0;

	return add_handler(irq, handler);
}

int irq_request_private(u32 irq, irq_handler_t handler)
{
	return chip && irq < chip->nr_private ? add_handler(irq, handler) : -1;
}

int irq_forward_private(u32 irq)
{
	if (!chip || irq >= chip->nr_private)
		return -1;
	forwarded_private |= BIT(irq);
	chip->enable_irq(irq, this_cpu()->hwid);
	return 0;
}

/* The zone's passthrough interrupts: owned from now on, enabled by its guest. */
int irq_claim_for_zone(struct zone *zone)
{
	const struct zone_config *cfg = zone->cfg;

	if (!chip)
		return cfg->nr_irqs ? -1 : 0;
	for (u32 i = 0; i < cfg->nr_irqs; i++) {
		u32 irq = cfg->irqs[i];

		if (!irq || irq < chip->nr_private || irq >= IRQ_MAX ||
		    shared_owner[irq])
			return -1;
		shared_owner[irq] = (u8)(zone - zones + 1);
	}
	return 0;
}

/* A stopped zone's devices must not keep interrupting its parked CPUs. */
void irq_release_zone(struct zone *zone)
{
	for (u32 i = 0; chip && i < zone->cfg->nr_irqs; i++) {
		chip->disable_irq(zone->cfg->irqs[i]);
		chip->set_pending(zone->cfg->irqs[i], false);
		chip->deactivate(zone->cfg->irqs[i]);
	}
}

const struct irqchip_driver *irq_chip(void)
{
	return chip;
}

static struct zone *guest_owner(u32 irq)
{
	if (irq < chip->nr_private)
		return forwarded_private & BIT(irq) ? this_cpu()->zone : NULL;
	return irq < IRQ_MAX && shared_owner[irq] ?
		       &zones[shared_owner[irq] - 1] :
		       NULL;
}

static void handle_one(u32 irq)
{
	for (u32 i = 0; i < nr_handlers; i++)
		if (handlers[i].irq == irq)
			handlers[i].handler(irq);
}

/* The IPI needs no handler: what it asks for is checked after the loop. */
void irq_dispatch_pending(void)
{
	u32 irq;

	if (!chip)
		return;
	while ((irq = chip->ack()) != chip->no_irq) {
		struct zone *owner = guest_owner(irq);

		chip->drop(irq);
		if (owner && READ_ONCE(owner->state) == ZONE_RUNNING) {
			virq_inject_hw(owner, irq);
			continue;
		}
		/*
		 * A zone that is not running (stopped, restarting) takes no
		 * interrupts; a level one would fire again at once, so it is
		 * masked until the zone's guest enables it again.
		 */
		if (owner)
			chip->disable_irq(irq);
		handle_one(irq);
		chip->deactivate(irq);
	}
}

/* What the interrupt means for the zone is checked on the trap exit. */
void irq_handle(void)
{
	irq_dispatch_pending();
}
