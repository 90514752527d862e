/* SPDX-License-Identifier: Apache-2.0 */
/*
 * The guests' GIC, whichever version the DTB describes: a GICv3
 * (arch/gicv3.h) or a GICv2 (arch/gicv2.h), chosen at run time by
 * gic_init(), so one image runs on either board. Guests that take
 * interrupts (rtlat, ivc, sgiflood, hostile) use this and nothing else.
 */
#ifndef GUEST_ARCH_GIC_H
#define GUEST_ARCH_GIC_H

#include <stdbool.h>
#include <stdint.h>

#include <guest/fdt.h>

#define GIC_INTID_SPURIOUS 1023

/*
 * Finds the DTB's GIC, sets it up (distributor, this CPU's interface,
 * every priority unmasked) and remembers its version. NULL, or what went
 * wrong.
 */
const char *gic_init(const struct fdt *fdt);

/* 2 or 3 once gic_init() succeeded, else 0. */
unsigned int gic_version(void);

/* The distributor's address (the DTB node's first reg range). */
uintptr_t gic_dist_base(void);

/* Makes SGI or PPI @intid (0..31) an interrupt of @priority, enabled. */
void gic_enable_private(unsigned int intid, uint8_t priority);

/* Makes SPI @intid of @priority, level or @edge, routed here, enabled. */
void gic_enable_spi(unsigned int intid, uint8_t priority, bool edge);

/* The highest-priority pending interrupt's id, or GIC_INTID_SPURIOUS. */
uint32_t gic_ack(void);

/* Ends @intid, the interrupt gic_ack() returned last. */
void gic_eoi(uint32_t intid);

/* This CPU's bit in gic_send_sgi()'s @targets. */
uint16_t gic_self_target(void);

/*
 * Sends SGI @id to the CPUs in @targets: bit n is Aff0 n in this CPU's
 * cluster on a GICv3, CPU interface n on a GICv2.
 */
void gic_send_sgi(unsigned int id, uint16_t targets);

#endif
