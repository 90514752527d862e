// SPDX-License-Identifier: Apache-2.0
#include <bulkhead/arch.h>
#include <bulkhead/driver.h>
#include <bulkhead/irq.h>
#include <bulkhead/percpu.h>
#include <bulkhead/string.h>
#include <bulkhead/zone.h>

static const struct irqchip_driver *chip;

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

/*
 * So far the hypervisor's only interrupt is the "look at your zone" IPI:
 * after acknowledging, a CPU whose zone was stopped parks.
 */
void irq_handle(void)
{
	struct percpu *cpu = this_cpu();
	u32 irq;

	while ((irq = chip->ack()) != IRQ_SPURIOUS)
		chip->eoi(irq);
	if (cpu->zone && READ_ONCE(cpu->zone->state) == ZONE_STOPPED)
		arch_cpu_park();
}
