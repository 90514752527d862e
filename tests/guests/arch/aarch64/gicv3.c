// SPDX-License-Identifier: Apache-2.0
/*
 * GICv3 set-up for guests (arch/gicv3.h). The registers and the order
 * follow the architecture specification (IHI 0069) and Linux's
 * irq-gic-v3.c; polls are bounded so that a GIC that never answers gives
 * an error message rather than a hang.
 */
#include <stdbool.h>
#include <stddef.h>

#include <arch/cpu.h>
#include <arch/gicv3.h>

#define GICD_CTLR 0x0000
#define GICD_CTLR_ENABLE_G1 (1u << 0) /* EnableGrp1 (NS view) */
#define GICD_CTLR_ENABLE_G1A (1u << 1) /* EnableGrp1A; Grp1 with DS=1 */
#define GICD_CTLR_ARE_NS (1u << 4)
#define GICD_CTLR_RWP (1u << 31)

/* SPIs: one bit, byte or two bits per interrupt, or 8 bytes (IROUTER). */
#define GICD_IGROUPR 0x0080
#define GICD_ISENABLER 0x0100
#define GICD_ICENABLER 0x0180
#define GICD_IPRIORITYR 0x0400
#define GICD_ICFGR 0x0c00
#define GICD_IROUTER 0x6000
#define GICD_ICFGR_EDGE 2u /* the upper bit of each interrupt's pair */

/* RD_base frame, then the SGI_base frame 64 KiB above it. */
#define GICR_TYPER 0x0008
#define GICR_TYPER_VLPIS (1ull << 1)
#define GICR_TYPER_LAST (1ull << 4)
#define GICR_WAKER 0x0014
#define GICR_WAKER_PROCESSOR_SLEEP (1u << 1)
#define GICR_WAKER_CHILDREN_ASLEEP (1u << 2)
#define GICR_FRAME 0x10000
#define GICR_SGI_BASE GICR_FRAME
#define GICR_IGROUPR0 (GICR_SGI_BASE + 0x0080)
#define GICR_ISENABLER0 (GICR_SGI_BASE + 0x0100)
#define GICR_ICENABLER0 (GICR_SGI_BASE + 0x0180)
#define GICR_IPRIORITYR (GICR_SGI_BASE + 0x0400)

#define ICC_SRE_SRE (1u << 0)
#define ICC_PMR_UNMASKED 0xff
#define ICC_IGRPEN1_ENABLE 1u

/* Polls of a status bit; far more than any GIC needs. */
#define POLL_LIMIT 1000000

static uintptr_t gicd;
static uintptr_t gicr; /* this CPU's RD_base */

static bool poll_clear(uintptr_t reg, uint32_t bit)
{
	unsigned int i;

	for (i = 0; i < POLL_LIMIT; i++) {
		if (!(mmio_read32(reg) & bit))
			return true;
		cpu_relax();
	}
	return false;
}

/* Affinity routing on, group 1 on; a write is done once RWP clears. */
static const char *dist_enable(void)
{
	mmio_write32(gicd + GICD_CTLR, 0);
	if (!poll_clear(gicd + GICD_CTLR, GICD_CTLR_RWP))
		return "GICD_CTLR.RWP stuck after disabling the distributor";
	mmio_write32(gicd + GICD_CTLR, GICD_CTLR_ARE_NS | GICD_CTLR_ENABLE_G1A |
					       GICD_CTLR_ENABLE_G1);
	if (!poll_clear(gicd + GICD_CTLR, GICD_CTLR_RWP))
		return "GICD_CTLR.RWP stuck after enabling the distributor";
	return NULL;
}

/* The redistributor in @region whose GICR_TYPER names our affinity. */
static uintptr_t region_find(const struct fdt_range *region, uint32_t aff)
{
	uintptr_t rd = region->base, end = region->base + region->size;
	uint64_t typer;

	while (rd + 2 * GICR_FRAME <= end) {
		typer = mmio_read64(rd + GICR_TYPER);
		if ((uint32_t)(typer >> 32) == aff)
			return rd;
		if (typer & GICR_TYPER_LAST)
			break;
		/* GICv4 adds two frames for virtual LPIs. */
		rd += (typer & GICR_TYPER_VLPIS ? 4 : 2) * GICR_FRAME;
	}
	return 0;
}

static uintptr_t find_redistributor(const struct fdt *fdt,
				    const struct fdt_node *node)
{
	struct fdt_range region;
	uint32_t aff = cpu_affinity();
	unsigned int i;
	uintptr_t rd;

	for (i = 1; !fdt_node_reg_at(fdt, node, i, &region); i++) {
		rd = region_find(&region, aff);
		if (rd)
			return rd;
	}
	return 0;
}

static const char *rdist_wake(void)
{
	uint32_t waker = mmio_read32(gicr + GICR_WAKER);

	mmio_write32(gicr + GICR_WAKER, waker & ~GICR_WAKER_PROCESSOR_SLEEP);
	if (!poll_clear(gicr + GICR_WAKER, GICR_WAKER_CHILDREN_ASLEEP))
		return "GICR_WAKER.ChildrenAsleep stuck";
	return NULL;
}

static void cpu_interface_enable(void)
{
	uint64_t sre;

	asm volatile("mrs %0, icc_sre_el1" : "=r"(sre));
	asm volatile("msr icc_sre_el1, %0\n\tisb"
		     :
		     : "r"(sre | ICC_SRE_SRE)
		     : "memory");
	asm volatile("msr icc_pmr_el1, %0" : : "r"((uint64_t)ICC_PMR_UNMASKED));
	asm volatile("msr icc_igrpen1_el1, %0\n\tisb"
		     :
		     : "r"((uint64_t)ICC_IGRPEN1_ENABLE)
		     : "memory");
}

const char *gicv3_init(const struct fdt *fdt)
{
	struct fdt_node node;
	struct fdt_range dist;
	const char *err;

	if (fdt_find_compatible(fdt, "arm,gic-v3", &node) ||
	    fdt_node_reg_at(fdt, &node, 0, &dist))
		return "no arm,gic-v3 node with a distributor in the DTB";
	gicd = dist.base;
	gicr = find_redistributor(fdt, &node);
	if (!gicr)
		return "no redistributor with this CPU's affinity";
	err = dist_enable();
	if (!err)
		err = rdist_wake();
	if (err)
		return err;
	cpu_interface_enable();
	return NULL;
}

void gicv3_enable_ppi(unsigned int intid, uint8_t priority)
{
	uint32_t bit = 1u << intid;
	uintptr_t prio = gicr + GICR_IPRIORITYR + (intid & ~3u);
	unsigned int shift = (intid & 3) * 8;

	/* Configured while disabled; word accesses suit any emulation. */
	mmio_write32(gicr + GICR_ICENABLER0, bit);
	mmio_write32(gicr + GICR_IGROUPR0,
		     mmio_read32(gicr + GICR_IGROUPR0) | bit);
	mmio_write32(prio, (mmio_read32(prio) & ~(0xffu << shift)) |
				   (uint32_t)priority << shift);
	mmio_write32(gicr + GICR_ISENABLER0, bit);
}

/* Read-modify-write of the byte of @intid in a byte-per-interrupt array. */
static void write_byte_field(uintptr_t array, unsigned int intid, uint8_t val)
{
	uintptr_t word = array + (intid & ~3u);
	unsigned int shift = (intid & 3) * 8;

	mmio_write32(word, (mmio_read32(word) & ~(0xffu << shift)) |
				   (uint32_t)val << shift);
}

/* IROUTER in two 32-bit halves (Aff2.Aff1.Aff0, then Aff3), IRM = 0. */
static void route_to_self(unsigned int intid)
{
	uintptr_t route = gicd + GICD_IROUTER + intid * 8;
	uint32_t aff = cpu_affinity();

	mmio_write32(route, aff & 0xffffff);
	mmio_write32(route + 4, aff >> 24);
}

void gicv3_enable_spi(unsigned int intid, uint8_t priority, bool edge)
{
	uint32_t bit = 1u << (intid % 32);
	uintptr_t word = (intid / 32) * 4;
	uintptr_t cfg = gicd + GICD_ICFGR + (intid / 16) * 4;
	uint32_t cfg_bit = GICD_ICFGR_EDGE << ((intid % 16) * 2);

	/* Configured while disabled, as for a PPI. */
	mmio_write32(gicd + GICD_ICENABLER + word, bit);
	poll_clear(gicd + GICD_CTLR, GICD_CTLR_RWP);
	mmio_write32(gicd + GICD_IGROUPR + word,
		     mmio_read32(gicd + GICD_IGROUPR + word) | bit);
	write_byte_field(gicd + GICD_IPRIORITYR, intid, priority);
	mmio_write32(cfg, edge ? mmio_read32(cfg) | cfg_bit :
				 mmio_read32(cfg) & ~cfg_bit);
	route_to_self(intid);
	mmio_write32(gicd + GICD_ISENABLER + word, bit);
}
