// SPDX-License-Identifier: Apache-2.0
/*
 * GICv2 set-up for guests (arch/gicv2.h). Registers and order follow the
 * GICv2 architecture specification (IHI 0048) and Linux's irq-gic.c.
 * Natively it drives QEMU's gic-version=2 GIC; in a zone the hypervisor's
 * virtual GICv2.
 */
#include <stddef.h>

#include <arch/cpu.h>
#include <arch/gic.h>
#include <arch/gicv2.h>

#define GICD_CTLR 0x0000
#define GICD_ISENABLER 0x0100
#define GICD_ICENABLER 0x0180
#define GICD_IPRIORITYR 0x0400
#define GICD_ITARGETSR 0x0800
#define GICD_ICFGR 0x0c00
#define GICD_SGIR 0x0f00
#define GICD_CTLR_ENABLE 1u
#define GICD_ICFGR_EDGE 2u /* the upper bit of each interrupt's pair */
#define GICD_SGIR_LIST_SHIFT 16

#define GICC_CTLR 0x0000
#define GICC_PMR 0x0004
#define GICC_IAR 0x000c
#define GICC_EOIR 0x0010
#define GICC_CTLR_ENABLE 1u
#define GICC_PMR_UNMASKED 0xff
#define GICC_IAR_ID_MASK 0x3ffu

const char *const gicv2_compatibles[] = {
	"arm,gic-400",
	"arm,cortex-a15-gic",
	NULL,
};

static uintptr_t gicd, gicc;
/* The IAR of the interrupt taken last: an SGI's EOI needs its source. */
static uint32_t last_iar;

const char *gicv2_init(const struct fdt *fdt, const struct fdt_node *node)
{
	struct fdt_range dist, cpu;

	if (fdt_node_reg_at(fdt, node, 0, &dist) ||
	    fdt_node_reg_at(fdt, node, 1, &cpu))
		return "the GICv2 node lacks the GICD and GICC ranges";
	gicd = dist.base;
	gicc = cpu.base;
	mmio_write32(gicd + GICD_CTLR, GICD_CTLR_ENABLE);
	mmio_write32(gicc + GICC_PMR, GICC_PMR_UNMASKED);
	mmio_write32(gicc + GICC_CTLR, GICC_CTLR_ENABLE);
	return NULL;
}

/* Read-modify-write of the byte of @intid in a byte-per-interrupt array. */
static void write_byte_field(uintptr_t array, unsigned int intid, uint8_t val)
{
	uintptr_t word = array + (intid & ~3u);
	unsigned int shift = (intid & 3) * 8;

	mmio_write32(word, (mmio_read32(word) & ~(0xffu << shift)) |
				   (uint32_t)val << shift);
}

/* Configured while disabled; the first 32 are this CPU's bank. */
void gicv2_enable_private(unsigned int intid, uint8_t priority)
{
	uint32_t bit = 1u << intid;

	mmio_write32(gicd + GICD_ICENABLER, bit);
	write_byte_field(gicd + GICD_IPRIORITYR, intid, priority);
	mmio_write32(gicd + GICD_ISENABLER, bit);
}

/* This CPU's target bit: the banked ITARGETSR0 names it in each byte. */
uint8_t gicv2_self_target(void)
{
	return (uint8_t)mmio_read32(gicd + GICD_ITARGETSR);
}

void gicv2_enable_spi(unsigned int intid, uint8_t priority, bool edge)
{
	uint32_t bit = 1u << (intid % 32);
	uintptr_t word = (intid / 32) * 4;
	uintptr_t cfg = gicd + GICD_ICFGR + (intid / 16) * 4;
	uint32_t cfg_bit = GICD_ICFGR_EDGE << ((intid % 16) * 2);

	mmio_write32(gicd + GICD_ICENABLER + word, bit);
	write_byte_field(gicd + GICD_IPRIORITYR, intid, priority);
	mmio_write32(cfg, edge ? mmio_read32(cfg) | cfg_bit :
				 mmio_read32(cfg) & ~cfg_bit);
	write_byte_field(gicd + GICD_ITARGETSR, intid, gicv2_self_target());
	mmio_write32(gicd + GICD_ISENABLER + word, bit);
}

uint32_t gicv2_ack(void)
{
	last_iar = mmio_read32(gicc + GICC_IAR);
	return last_iar & GICC_IAR_ID_MASK;
}

void gicv2_eoi(uint32_t intid)
{
	bool same = (last_iar & GICC_IAR_ID_MASK) == intid;

	mmio_write32(gicc + GICC_EOIR, same ? last_iar : intid);
}

void gicv2_send_sgi(unsigned int id, uint8_t targets)
{
	mmio_write32(gicd + GICD_SGIR,
		     ((uint32_t)targets << GICD_SGIR_LIST_SHIFT) | (id & 0xf));
}
