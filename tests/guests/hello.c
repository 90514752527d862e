// SPDX-License-Identifier: Apache-2.0
/*
 * hello: the smallest useful zone. Checks the hypercall ABI and, if the
 * zone has them, the emulated hvinfo device and PL011 console (the one
 * /chosen/stdout-path names), then shows it keeps running
 * (heartbeats on the counter) and powers its own zone off.
 */
#include <arch/cpu.h>
#include <bulkhead/hvinfo_regs.h>
#include <bulkhead/hypercall_abi.h>
#include <guest/console.h>
#include <guest/fdt.h>
#include <guest/runtime.h>
#include <guest/time.h>

#define HEARTBEATS 5
#define HEARTBEAT_MS 100

const char guest_name[] = "hello";

static void check_version(void)
{
	struct hc_result res = hypercall(HC_VERSION, 0, 0);

	if (res.ret < 0)
		guest_fail("HC_VERSION returned %ld", res.ret);
	if ((unsigned long)res.ret >> 16 != BULKHEAD_VERSION_MAJOR)
		guest_fail("HC_VERSION major %lu, expected %d",
			   (unsigned long)res.ret >> 16,
			   BULKHEAD_VERSION_MAJOR);
}

/* The hvinfo device, if the zone has one, must agree with HC_ZONE_SELF. */
static void check_hvinfo(const struct fdt *fdt, unsigned long zone_id)
{
	struct fdt_node node;
	struct fdt_range reg;
	uint32_t magic, id;
	int err;

	err = fdt_find_compatible(fdt, "bulkhead,hvinfo", &node);
	if (err == FDT_ERR_NOTFOUND)
		return;
	if (!err)
		err = fdt_node_reg(fdt, &node, &reg);
	if (err)
		guest_fail("hvinfo node: %s", fdt_strerror(err));
	if (reg.size < HVINFO_SIZE)
		guest_fail("hvinfo window of 0x%lx bytes", reg.size);

	magic = mmio_read32(reg.base + HVINFO_MAGIC);
	if (magic != HVINFO_MAGIC_VALUE)
		guest_fail("hvinfo magic 0x%x", magic);
	id = mmio_read32(reg.base + HVINFO_ZONE_ID);
	if (id != zone_id)
		guest_fail("hvinfo zone id %u, HC_ZONE_SELF says %lu", id,
			   zone_id);
	printf("hello: hvinfo ok\n");
}

#define PL011_DR 0x000
#define PL011_FR 0x018
#define PL011_FR_TXFF (1u << 5)
#define PL011_PERIPHID0 0xfe0

/* Writes one line through the zone's emulated PL011, as a driver would. */
static void check_pl011(const struct fdt *fdt)
{
	static const char line[] = "hello: pl011 ok\n";
	struct fdt_node node;
	struct fdt_range reg;
	const char *c;
	int err;

	err = fdt_find_compatible(fdt, "arm,pl011", &node);
	if (err == FDT_ERR_NOTFOUND)
		return;
	if (!err)
		err = fdt_node_reg(fdt, &node, &reg);
	if (err)
		guest_fail("pl011 node: %s", fdt_strerror(err));
	if (mmio_read32(reg.base + PL011_PERIPHID0) != 0x11)
		guest_fail("pl011 peripheral id 0x%x",
			   mmio_read32(reg.base + PL011_PERIPHID0));
	console_end_line();
	for (c = line; *c; c++) {
		while (mmio_read32(reg.base + PL011_FR) & PL011_FR_TXFF)
			;
		mmio_write32(reg.base + PL011_DR, (uint8_t)*c);
	}
}

static void heartbeats(void)
{
	int k;

	if (!counter_freq())
		guest_fail("CNTFRQ_EL0 is 0");
	for (k = 1; k <= HEARTBEATS; k++) {
		if (k > 1)
			delay_ms(HEARTBEAT_MS);
		printf("hello: heartbeat %d\n", k);
	}
}

void guest_main(const void *dtb)
{
	struct hc_result self = hypercall(HC_ZONE_SELF, 0, 0);
	struct fdt fdt;
	int err;

	if (self.ret != HC_OK)
		guest_fail("HC_ZONE_SELF returned %ld", self.ret);
	printf("hello: zone %lu vcpu %lu up\n", self.val1, self.val2);
	check_version();

	err = fdt_open(&fdt, dtb);
	if (err)
		guest_fail("DTB at %p: %s", dtb, fdt_strerror(err));
	check_hvinfo(&fdt, self.val1);
	check_pl011(&fdt);

	heartbeats();
	printf("hello: PASS\n");
	guest_exit();
}
