// SPDX-License-Identifier: Apache-2.0
#include <bulkhead/arch.h>
#include <bulkhead/driver.h>
#include <bulkhead/irq.h>
#include <bulkhead/percpu.h>
#include <bulkhead/string.h>
#include <bulkhead/zone.h>

static const struct irqchip_driver *chip;

#define MAX_IRQ_HANDLERS 4

static struct {
	u32 irq;
	void (*handler)(void);
} handlers[MAX_IRQ_HANDLERS];
static u32 nr_handlers;

int irqchip_init(void)
{
	const struct irqchip_driver *drv;

	for (drv = __irqchip_drivers_start; drv < __irqchip_drivers_end;
	     drv++) {
		if (!strcmp(drv->compatible, platform.irqchip.compatible)) {
			chip = drv;
			return drv->init(platform.irqchip.reg,
					 platform.irqchip.nr_regs);
		}
	}
	return -1;
}

void irqchip_cpu_init(void)
{
	chip->cpu_init();
}

void irq_send_ipi(u32 cpu)
{
	chip->send_ipi(platform.cpu_hwid[cpu]);
}

/* Boot-time only (one CPU, before any zone runs): no locking needed. */
int irq_request(const u32 *cells, u32 nr_cells, void (*handler)(void))
{
	u32 irq =
		chip && chip->translate ? chip->translate(cells, nr_cells) : 0;

	if (!irq || nr_handlers == MAX_IRQ_HANDLERS)
		return -1;
	handlers[nr_handlers].irq = irq;
	handlers[nr_handlers++].handler = handler;
	chip->enable_irq(irq, this_cpu()->hwid);
	return 0;
}

static void handle_one(u32 irq)
{
	for (u32 i = 0; i < nr_handlers; i++)
		if (handlers[i].irq == irq)
			handlers[i].handler();
}

/* The IPI needs no handler: what it asks for is checked after the loop. */
void irq_dispatch_pending(void)
{
	u32 irq;

	if (!chip)
		return;
	while ((irq = chip->ack()) != IRQ_SPURIOUS) {
		handle_one(irq);
		chip->eoi(irq);
	}
}

void irq_handle(void)
{
	struct percpu *cpu = this_cpu();

	irq_dispatch_pending();
	if (cpu->zone && READ_ONCE(cpu->zone->state) == ZONE_STOPPED)
		arch_cpu_park();
}
