/* SPDX-License-Identifier: Apache-2.0 */
/*
 * A minimal GICv2 driver for guests (through arch/gic.h): the
 * distributor (GICD) and the memory-mapped CPU interface (GICC), set up as
 * Linux's irq-gic.c does, everything in Group 0. In a zone the GICC is
 * the hardware's virtual CPU interface; the distributor is emulated, so
 * it keeps to GICD_CTLR, GICD_I[SC]ENABLER<n>, GICD_IPRIORITYR<n>,
 * GICD_ITARGETSR<n>, GICD_ICFGR<n> (32-bit read-modify-write) and
 * GICD_SGIR, and GICC_CTLR/PMR/IAR/EOIR.
 */
#ifndef GUEST_ARCH_GICV2_H
#define GUEST_ARCH_GICV2_H

#include <stdbool.h>
#include <stdint.h>

#include <guest/fdt.h>

/* Compatibles of a GICv2 node, NULL-ended. */
extern const char *const gicv2_compatibles[];

/* @node: a GICv2 node (reg[0] GICD, reg[1] GICC). NULL, or what failed. */
const char *gicv2_init(const struct fdt *fdt, const struct fdt_node *node);
void gicv2_enable_private(unsigned int intid, uint8_t priority);
void gicv2_enable_spi(unsigned int intid, uint8_t priority, bool edge);
uint32_t gicv2_ack(void);
void gicv2_eoi(uint32_t intid);
/* This CPU's interface bit (GICD_ITARGETSR0). */
uint8_t gicv2_self_target(void);
/* GICD_SGIR with a CPU target list (bits 0..7). */
void gicv2_send_sgi(unsigned int id, uint8_t targets);

#endif
