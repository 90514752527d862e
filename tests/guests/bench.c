// SPDX-License-Identifier: Apache-2.0
/*
 * bench: round-trip costs of the hypervisor's exits, in counter ticks over
 * ITERATIONS runs. Each measured loop has the same shape as the baseline
 * loop, so (total - baseline) / ITERATIONS is the cost of one operation.
 * tests/bench/bench.py turns the lines into figures; the lines' format is
 * part of its contract.
 */
#include <arch/cpu.h>
#include <bulkhead/hvinfo_regs.h>
#include <bulkhead/hypercall_abi.h>
#include <guest/console.h>
#include <guest/fdt.h>
#include <guest/runtime.h>

#define ITERATIONS 1000

const char guest_name[] = "bench";

static uint64_t time_baseline(void)
{
	uint64_t start = counter_read();
	int i;

	for (i = 0; i < ITERATIONS; i++)
		asm volatile("" : : : "memory"); /* keeps the loop */
	return counter_read() - start;
}

static uint64_t time_hypercall(void)
{
	uint64_t start = counter_read();
	int i;

	for (i = 0; i < ITERATIONS; i++)
		hypercall(HC_VERSION, 0, 0);
	return counter_read() - start;
}

static uint64_t time_mmio_read(uintptr_t reg)
{
	uint64_t start = counter_read();
	int i;

	for (i = 0; i < ITERATIONS; i++)
		mmio_read32(reg);
	return counter_read() - start;
}

static void report(const char *what, uint64_t ticks)
{
	printf("bench: %s iterations=%d ticks=%llu\n", what, ITERATIONS,
	       (unsigned long long)ticks);
}

/* The hvinfo MAGIC register, or 0 if the zone has no hvinfo device. */
static uintptr_t hvinfo_magic_reg(const void *dtb)
{
	struct fdt fdt;
	struct fdt_node node;
	struct fdt_range reg;
	int err;

	err = fdt_open(&fdt, dtb);
	if (!err)
		err = fdt_find_compatible(&fdt, "bulkhead,hvinfo", &node);
	if (!err)
		err = fdt_node_reg(&fdt, &node, &reg);
	if (err) {
		printf("bench: no hvinfo device (%s), mmio_read skipped\n",
		       fdt_strerror(err));
		return 0;
	}
	return reg.base + HVINFO_MAGIC;
}

void guest_main(const void *dtb)
{
	uintptr_t magic_reg;

	printf("bench: boot ticks=%llu\n",
	       (unsigned long long)guest_boot_ticks);

	/* Decode the DTB first: its cost must not land in a timed loop. */
	magic_reg = hvinfo_magic_reg(dtb);
	if (magic_reg && mmio_read32(magic_reg) != HVINFO_MAGIC_VALUE)
		guest_fail("hvinfo magic 0x%x", mmio_read32(magic_reg));
	if (hypercall(HC_VERSION, 0, 0).ret < 0)
		guest_fail("HC_VERSION not supported");

	report("baseline", time_baseline());
	report("hypercall", time_hypercall());
	if (magic_reg)
		report("mmio_read", time_mmio_read(magic_reg));
	printf("bench: done\n");
	guest_exit();
}
