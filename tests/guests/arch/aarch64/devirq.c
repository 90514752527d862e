// SPDX-License-Identifier: Apache-2.0
/*
 * A device's SPI, for guests that take a device's interrupt (ivc): which
 * SPI the DTB gives the device and the GIC set up to deliver it here.
 */
#include <stddef.h>

#include <arch/cpu.h>
#include <arch/devirq.h>

#define DEVIRQ_PRIORITY 0xa0
/* interrupts = <type number flags>: an SPI is type 0, id 32 + number. */
#define GIC_SPI 0
#define GIC_SPI_BASE 32
#define GIC_SPI_LAST 1019
#define IRQ_TYPE_EDGE_BOTH 3 /* flags 1 and 2: rising, falling edge */

const char *devirq_init(const struct fdt *fdt, const struct fdt_node *dev,
			unsigned int vcpu, unsigned int *irq)
{
	const void *cells;
	const char *err;
	uint32_t len;

	/* The redistributor is found by MPIDR, which says who we are. */
	(void)vcpu;
	cells = fdt_get_prop(fdt, dev, "interrupts", &len);
	if (!cells || len < 12)
		return "the device has no interrupts <type number flags>";
	if (fdt_cell(cells, 0) != GIC_SPI ||
	    fdt_cell(cells, 1) > GIC_SPI_LAST - GIC_SPI_BASE)
		return "the device's interrupt is not an SPI";
	err = gic_init(fdt);
	if (err)
		return err;
	*irq = GIC_SPI_BASE + fdt_cell(cells, 1);
	gic_enable_spi(*irq, DEVIRQ_PRIORITY,
		       fdt_cell(cells, 2) & IRQ_TYPE_EDGE_BOTH);
	return NULL;
}
