// SPDX-License-Identifier: Apache-2.0
/*
 * hello: the smallest useful zone. Checks the hypercall ABI and, if the
 * zone has them, the emulated hvinfo device and console UART (a PL011 or
 * an NS16550A, arch/uart.h), then shows it keeps running (heartbeats on
 * the counter) and powers its own zone off.
 */
#include <arch/cpu.h>
#include <arch/uart.h>
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

/* Writes one line through the zone's emulated UART, as a driver would. */
static void check_uart(const struct fdt *fdt)
{
	static const char line[] = "hello: " UART_NAME " ok\n";
	struct fdt_node node;
	struct fdt_range reg;
	const char *c;
	uint32_t id;
	int err;

	err = fdt_find_compatible(fdt, UART_COMPAT, &node);
	if (err == FDT_ERR_NOTFOUND)
		return;
	if (!err)
		err = fdt_node_reg(fdt, &node, &reg);
	if (err)
		guest_fail(UART_NAME " node: %s", fdt_strerror(err));
	id = uart_identify(reg.base);
	if (id != UART_ID_VALUE)
		guest_fail(UART_ID_WHAT " 0x%x", id);
	console_end_line();
	for (c = line; *c; c++)
		uart_putc(reg.base, *c);
}

static void heartbeats(void)
{
	int k;

	if (!counter_freq())
		guest_fail(COUNTER_FREQ_SOURCE " is 0");
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
	check_uart(&fdt);

	heartbeats();
	printf("hello: PASS\n");
	guest_exit();
}
