// SPDX-License-Identifier: Apache-2.0
// fuzz-sources: tests/unit/zone_fixture.c src/mmio.c src/driver.c src/mm/pgtable.c drivers/irqchip/vgicv3.c drivers/irqchip/vgicv2_mmio.c tests/unit/fakes.c src/mm/page_alloc.c arch/aarch64/pgtable_format.c
// fuzz-cflags: -Iinclude -Itests/unit/include -Iarch/aarch64/include -include tests/unit/config-host.h -mllvm -asan-globals=0
// fuzz-libs: -Wl,-L,src -Wl,-T,tests/unit/drivers.ld
/*
 * A zone's guest drives its virtual GICv2's distributor
 * (drivers/irqchip/vgicv2_mmio.c on the state of vgicv3.c) with any access
 * from any of its vCPUs, while its devices' lines move and its
 * passthrough interrupts arrive. The input describes the zone (CPUs,
 * passthrough SPIs, device lines), then a series of steps.
 *
 * After every step: the access faulted exactly when the register map says
 * it must; a read shows nothing of an SPI the zone does not own; the
 * physical interrupt controller was only told about the zone's
 * passthrough SPIs; only the zone's CPUs were kicked; vCPUs the zone
 * lacks have nothing pending; every shared interrupt targets one of the
 * zone's vCPUs. GICD_SGIR can name any CPU: that is the foreign-SGI
 * attack.
 *
 * .drivers is walked as an array, so ASan must not pad its entries
 * apart with redzones: hence -asan-globals=0.
 */
#include <stdlib.h>
#include <string.h>

#include "fuzz_input.h"

#include <bulkhead/mmio.h>
#include <bulkhead/percpu.h>
#include <bulkhead/zone.h>

#include "../../drivers/irqchip/vgicv2.h"
#include "../unit/fakes.h"
#include "../unit/zone_fixture.h"

#define GICD_BASE 0x08000000ull
#define GICD_SIZE 0x1000ull
#define MAX_IRQS 4
#define MAX_LINES 2
#define ID_SPACE 1024

struct zone zones[CONFIG_MAX_ZONES];

static struct vdev_config vdevs[1 + MAX_LINES];
static u32 irqs[MAX_IRQS];
static struct zone_config zcfg = { .name = "fuzz",
				   .vdevs = vdevs,
				   .irqs = irqs };
static struct zone *const zone = &zones[0];
static struct percpu cpu;
static struct vgic *g;
static bool owned[ID_SPACE], owned_hw[ID_SPACE];

static void on_vcpu(u32 vcpu)
{
	fixture_on_vcpu(&cpu, zone, vcpu);
}

static void add_vdev(u32 i, const char *compatible, u64 base, u64 size, u32 irq)
{
	vdevs[i] = (struct vdev_config){ compatible, base, size, irq, NULL };
	if (fixture_vdev_init(zone, i))
		abort();
}

/* An SPI the distributor shows, of the few the zone may be given. */
static u32 spi_id(struct input *in)
{
	return 32 + (u32)take(in, 1) % 64;
}

static void build_zone(struct input *in)
{
	u32 nr_irqs = take(in, 1) % (MAX_IRQS + 1);
	u32 nr_lines = take(in, 1) % (MAX_LINES + 1);

	memset(zone, 0, sizeof(*zone));
	memset(owned, 0, sizeof(owned));
	memset(owned_hw, 0, sizeof(owned_hw));
	zcfg.cpu_mask = take(in, 1);
	if (!zcfg.cpu_mask)
		zcfg.cpu_mask = 1;
	zone->cfg = &zcfg;
	zone->nr_vcpus = (u32)__builtin_popcountll(zcfg.cpu_mask);
	for (u32 i = 0; i < nr_irqs; i++) {
		irqs[i] = spi_id(in);
		owned[irqs[i]] = owned_hw[irqs[i]] = true;
	}
	zcfg.nr_irqs = nr_irqs;
	add_vdev(0, "bulkhead,vgic-v2-dist", GICD_BASE, GICD_SIZE, 0);
	for (u32 i = 0; i < nr_lines; i++) {
		u32 irq = spi_id(in);

		add_vdev(1 + i, "test,line", 0x09000000 + i * 0x1000ull, 0x1000,
			 irq);
		owned[irq] = true;
	}
	zcfg.nr_vdevs = zone->nr_vdevs = 1 + nr_lines;
	g = vgic_of(zone);
	if (!g)
		abort();
	vgic_zone_reset(zone);
	fake_reset();
	on_vcpu(0);
}

/* The register map, as vgicv2_mmio.c documents it. */
static bool gicd_legal(u64 off, unsigned int width)
{
	if (off % width || width == 2 || width == 8)
		return false;
	return width == 4 || (off >= 0x400 && off < 0xc00);
}

/* The ids a read of per-interrupt register @off covers, @bits each. */
static void check_ids(u64 off, u64 base, unsigned int bits, unsigned int n,
		      u64 val)
{
	u32 first = (u32)((off - base) * 8 / bits);

	for (u32 i = 0; i < n; i++)
		if (first + i >= 32 && !owned[first + i] &&
		    ((val >> (bits * i)) & ((1ull << bits) - 1)))
			abort();
}

static void check_read(u64 off, unsigned int width, u64 val)
{
	if (off >= 0x100 && off < 0x400)
		check_ids(off, off - off % 0x80, 1, 32, val);
	else if (off >= 0x400 && off < 0x800)
		check_ids(off, 0x400, 8, width, val);
	else if (off >= 0x800 && off < 0xc00)
		check_ids(off, 0x800, 8, width, val);
	else if (off >= 0xc00 && off < 0xd00)
		check_ids(off, 0xc00, 2, 16, val);
	else if (off == 0x080 || off == 0xf00)
		if (val)
			abort(); /* Group 0 only; SGIR is write-only */
}

static void do_access(struct input *in)
{
	static const unsigned int widths[] = { 1, 2, 4, 8 };
	u32 vcpu = (u32)take(in, 1) % zone->nr_vcpus;
	u64 off = take(in, 2) % GICD_SIZE;
	unsigned int width = widths[take(in, 1) % 4];
	bool write = take(in, 1) & 1;
	u64 val = take(in, 4);
	int ret;

	on_vcpu(vcpu);
	ret = fixture_mmio(zone, GICD_BASE + off, width, write, &val);
	if (off + width > GICD_SIZE)
		return; /* straddles the window: the core refuses it */
	if ((ret == 0) != gicd_legal(off, width))
		abort();
	if (!ret && !write)
		check_read(off, width, val);
}

static void check_state(void)
{
	u64 zone_cpus = zcfg.cpu_mask;

	for (unsigned int i = 0; i < fake_chip_nr_calls && i < FAKE_CHIP_CALLS;
	     i++)
		if (fake_chip_calls[i].irq >= ID_SPACE ||
		    !owned_hw[fake_chip_calls[i].irq])
			abort();
	if (fake_ipi_mask & ~zone_cpus)
		abort();
	for (u32 v = zone->nr_vcpus; v < CONFIG_MAX_CPUS; v++)
		for (u32 w = 0; w < VGIC_WORDS; w++)
			if (g->cpu[v].pending[w])
				abort();
	for (u32 i = 0; i < CONFIG_VGIC_NR_SPIS; i++)
		if ((g->spi[i].flags & VIRQ_VALID) &&
		    g->spi[i].target >= zone->nr_vcpus)
			abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct input in = { data, size };

	build_zone(&in);
	while (in.size) {
		u32 op = (u32)take(&in, 1) % 8;

		if (op == 0 && zcfg.nr_vdevs > 1)
			vgic_set_level(zone, vdevs[1].irq, take(&in, 1) & 1);
		else if (op == 1 && zcfg.nr_irqs)
			vgic_inject_hw(zone, irqs[take(&in, 1) % zcfg.nr_irqs]);
		else
			do_access(&in);
		check_state();
	}
	return 0;
}
