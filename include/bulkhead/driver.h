/* SPDX-License-Identifier: Apache-2.0 */
/*
 * The driver registry: every driver and device model describes itself
 * with one `struct driver` in the .drivers linker section (DECLARE_DRIVER)
 * and the core finds it by class and by the compatible string that zonegen
 * copied from the device tree (driver_find). The core never names a
 * driver, and a driver Kconfig left out is simply absent from the table.
 */
#ifndef BULKHEAD_DRIVER_H
#define BULKHEAD_DRIVER_H

#include <bulkhead/compiler.h>
#include <bulkhead/zone_config.h>

/* What a driver is for; the type its ops point to follows from it. */
enum driver_class {
	DRIVER_UART, /* struct uart_driver: the physical console */
	DRIVER_IRQCHIP, /* struct irqchip_driver: the physical irqchip */
	DRIVER_VIRQ, /* struct virq_chip: the model of an irqchip */
	DRIVER_VDEV, /* struct vdev_type: an emulated device model */
};

struct driver {
	const char *compatible;
	enum driver_class cls;
	const void *ops;
};

/*
 * Declares the ops of class @cls for @compatible and registers them:
 *   DECLARE_DRIVER(pl011_driver, DRIVER_UART, struct uart_driver,
 *                  "arm,pl011") = { .init = ..., };
 * The entries are walked as an array, hence the pointer alignment.
 */
#define DECLARE_DRIVER(name, class, ops_type, compat)                   \
	static const ops_type name;                                     \
	static const struct driver name##_entry __used __aligned(       \
		sizeof(void *))                                         \
		__section(".drivers") = { (compat), (class), &(name) }; \
	static const ops_type name

/*
 * The first registered driver of class @cls for @compatible, or NULL.
 * Registration order is link order, so one compatible should have one
 * driver per class; a second one is never found.
 */
const struct driver *driver_find(enum driver_class cls, const char *compatible);

struct uart_driver {
	void (*init)(paddr_t base);
	void (*putc)(char c);
	/* Console input; optional. getc returns -1 when nothing is waiting. */
	void (*enable_rx_irq)(void);
	int (*getc)(void);
};

struct irqchip_driver {
	/*
	 * Interrupt ids below this are private to each CPU; the rest are
	 * shared and may be given to a zone (a PLIC has none).
	 */
	u32 nr_private;
	/* What ack() returns when nothing is pending (the chip's own value). */
	u32 no_irq;
	int (*init)(const struct dev_region *regs, u32 nr_regs);
	void (*cpu_init)(void);
	void (*send_ipi)(u64 target_hwid);
	u32 (*ack)(void); /* returns no_irq if nothing is pending */
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

extern const struct driver __drivers_start[], __drivers_end[];

#endif
