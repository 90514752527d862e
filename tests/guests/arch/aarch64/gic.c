// SPDX-License-Identifier: Apache-2.0
/*
 * The guests' GIC (arch/gic.h): the version the DTB describes, chosen
 * once by gic_init() and followed by every call after it.
 */
#include <stddef.h>

#include <arch/cpu.h>
#include <arch/gic.h>
#include <arch/gicv2.h>
#include <arch/gicv3.h>

static unsigned int version;
static uintptr_t dist_base;

/* A GICv2 node, by any of its compatibles. */
static bool find_gicv2(const struct fdt *fdt, struct fdt_node *node)
{
	for (const char *const *c = gicv2_compatibles; *c; c++)
		if (!fdt_find_compatible(fdt, *c, node))
			return true;
	return false;
}

const char *gic_init(const struct fdt *fdt)
{
	struct fdt_node node;
	struct fdt_range dist;
	const char *err;

	if (!fdt_find_compatible(fdt, "arm,gic-v3", &node)) {
		err = gicv3_init(fdt);
		version = err ? 0 : 3;
	} else if (find_gicv2(fdt, &node)) {
		err = gicv2_init(fdt, &node);
		version = err ? 0 : 2;
	} else {
		return "no arm,gic-v3, arm,gic-400 or arm,cortex-a15-gic node in the DTB";
	}
	if (!err && !fdt_node_reg_at(fdt, &node, 0, &dist))
		dist_base = dist.base;
	return err;
}

unsigned int gic_version(void)
{
	return version;
}

uintptr_t gic_dist_base(void)
{
	return dist_base;
}

void gic_enable_private(unsigned int intid, uint8_t priority)
{
	if (version == 2)
		gicv2_enable_private(intid, priority);
	else
		gicv3_enable_ppi(intid, priority);
}

void gic_enable_spi(unsigned int intid, uint8_t priority, bool edge)
{
	if (version == 2)
		gicv2_enable_spi(intid, priority, edge);
	else
		gicv3_enable_spi(intid, priority, edge);
}

uint32_t gic_ack(void)
{
	return version == 2 ? gicv2_ack() : gicv3_ack();
}

void gic_eoi(uint32_t intid)
{
	if (version == 2)
		gicv2_eoi(intid);
	else
		gicv3_eoi(intid);
}

/* ICC_SGI1R_EL1: @targets in this CPU's own cluster (Aff3.Aff2.Aff1). */
static void gicv3_send_sgi(unsigned int id, uint16_t targets)
{
	uint32_t aff = cpu_affinity();
	uint64_t v = ((uint64_t)(id & 0xf) << 24) | targets |
		     ((uint64_t)((aff >> 8) & 0xff) << 16) |
		     ((uint64_t)((aff >> 16) & 0xff) << 32) |
		     ((uint64_t)(aff >> 24) << 48);

	asm volatile("msr icc_sgi1r_el1, %0\n\tisb" : : "r"(v) : "memory");
}

uint16_t gic_self_target(void)
{
	return version == 2 ? gicv2_self_target() :
			      (uint16_t)(1u << (cpu_affinity() & 0xf));
}

void gic_send_sgi(unsigned int id, uint16_t targets)
{
	if (version == 2)
		gicv2_send_sgi(id, (uint8_t)targets);
	else
		gicv3_send_sgi(id, targets);
}
