/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Drivers describe themselves with a const descriptor placed in a linker
 * section per class; the core finds them by the compatible string that
 * zonegen copied from the board device tree. The core never names a
 * driver, and a driver Kconfig left out is simply absent from the table.
 */
#ifndef BULKHEAD_DRIVER_H
#define BULKHEAD_DRIVER_H

#include <bulkhead/compiler.h>
#include <bulkhead/zone_config.h>

struct uart_driver {
	const char *compatible;
	void (*init)(paddr_t base);
	void (*putc)(char c);
	/* Console input; optional. getc returns -1 when nothing is waiting. */
	void (*enable_rx_irq)(void);
	int (*getc)(void);
};

struct irqchip_driver {
	const char *compatible;
	/*
	 * Interrupt ids below this are per-CPU (GIC SGIs and PPIs: 32); the
	 * rest are shared and may be given to a zone (a PLIC has none).
	 */
	u32 nr_private;
	int (*init)(const struct dev_region *regs, u32 nr_regs);
	void (*cpu_init)(void);
	void (*send_ipi)(u64 target_hwid);
	u32 (*ack)(void); /* returns IRQ_SPURIOUS if nothing is pending */
	/*
	 * Ending an interrupt is split in two: the priority drop lets the CPU
	 * take other interrupts, the deactivation lets this one fire again.
	 * A passthrough interrupt is only dropped here: the guest's own EOI
	 * deactivates it (hardware-linked virtual interrupt).
	 */
	void (*drop)(u32 irq);
	void (*deactivate)(u32 irq);
	/* Device-tree interrupt specifier -> interrupt id; 0 if unusable. */
	u32 (*translate)(const u32 *cells, u32 nr_cells);
	/*
	 * Per-interrupt controls. A per-CPU interrupt (PPI) acts on the
	 * calling CPU; a shared one is delivered to the CPU `target_hwid`.
	 */
	void (*enable_irq)(u32 irq, u64 target_hwid);
	void (*disable_irq)(u32 irq);
	void (*route_irq)(u32 irq, u64 target_hwid);
	void (*set_pending)(u32 irq, bool pending);
	void (*set_edge)(u32 irq, bool edge);
};

#define IRQ_SPURIOUS 1023u

#define DECLARE_UART_DRIVER(name)                                             \
	static const struct uart_driver name __used __aligned(sizeof(void *)) \
		__section(".drivers.uart")
#define DECLARE_IRQCHIP_DRIVER(name)                              \
	static const struct irqchip_driver name __used __aligned( \
		sizeof(void *)) __section(".drivers.irqchip")

extern const struct uart_driver __uart_drivers_start[], __uart_drivers_end[];
extern const struct irqchip_driver __irqchip_drivers_start[],
	__irqchip_drivers_end[];

#endif
