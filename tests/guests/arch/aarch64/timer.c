// SPDX-License-Identifier: Apache-2.0
/*
 * The EL1 virtual timer's interrupt, for rtlat: which PPI it is and the
 * GIC set up to deliver it.
 */
#include <stddef.h>

#include <arch/timer.h>

#define TIMER_PRIORITY 0x80
/* The EL1 virtual timer's PPI on SBSA-style machines, QEMU virt's too. */
#define VTIMER_PPI_DEFAULT 27

unsigned int timer_intid;

/* The virtual timer's PPI from the DTB's timer node, else the usual 27. */
static unsigned int find_timer_intid(const struct fdt *fdt)
{
	struct fdt_node node;
	const uint8_t *irqs;
	uint32_t len;

	/* interrupts: secure phys, phys, virt, hyp; <type number flags> each. */
	if (fdt_find_compatible(fdt, "arm,armv8-timer", &node))
		return VTIMER_PPI_DEFAULT;
	irqs = fdt_get_prop(fdt, &node, "interrupts", &len);
	if (!irqs || len < 9 * 4 || fdt_cell(irqs, 6) != 1 /* PPI */ ||
	    fdt_cell(irqs, 7) >= 16)
		return VTIMER_PPI_DEFAULT;
	return 16 + fdt_cell(irqs, 7);
}

const char *timer_irq_init(const struct fdt *fdt)
{
	const char *err = gic_init(fdt);

	if (err)
		return err;
	timer_intid = find_timer_intid(fdt);
	gic_enable_private(timer_intid, TIMER_PRIORITY);
	return NULL;
}
