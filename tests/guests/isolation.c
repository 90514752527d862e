// SPDX-License-Identifier: Apache-2.0
/*
 * isolation: reads memory the zone does not own. By default the 8 bytes
 * just below its own memory (in the test layouts: the hypervisor or the
 * neighbouring zone); with "target=0x<hex>" in /chosen/bootargs, that
 * address instead (device windows). The hypervisor must stop the zone at
 * the load: a load that returns is a failure.
 */
#include <stdbool.h>

#include <arch/cpu.h>
#include <guest/console.h>
#include <guest/fdt.h>
#include <guest/runtime.h>
#include <guest/string.h>

#define TARGET_KEY "target=0x"

const char guest_name[] = "isolation";

static int hex_digit(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

/* The value of a "target=0x<hex>" word; fails the guest if malformed. */
static uint64_t parse_target(const char *word)
{
	const char *p = word + strlen(TARGET_KEY);
	uint64_t val = 0;
	int digits = 0, d;

	for (; (d = hex_digit(*p)) >= 0; p++, digits++) {
		if (digits == 16)
			guest_fail("target address too long");
		val = val << 4 | (uint64_t)d;
	}
	if (!digits || (*p && *p != ' '))
		guest_fail("malformed bootargs word at \"%s\"", word);
	return val;
}

/* Finds "target=0x..." as a whole word of @args. */
static bool find_target(const char *args, uint64_t *target)
{
	const char *p;

	for (p = args; *p; p++) {
		if ((p == args || p[-1] == ' ') &&
		    !strncmp(p, TARGET_KEY, strlen(TARGET_KEY))) {
			*target = parse_target(p);
			return true;
		}
	}
	return false;
}

static uint64_t default_target(const struct fdt *fdt)
{
	struct fdt_range mem;
	int err = fdt_memory_reg(fdt, &mem);

	if (err)
		guest_fail("/memory: %s", fdt_strerror(err));
	if (mem.base < 8)
		guest_fail("no address below memory at 0x%lx", mem.base);
	return mem.base - 8;
}

void guest_main(const void *dtb)
{
	const char *args;
	struct fdt fdt;
	uint64_t target, value;
	int err;

	err = fdt_open(&fdt, dtb);
	if (err)
		guest_fail("DTB at %p: %s", dtb, fdt_strerror(err));
	args = fdt_bootargs(&fdt);
	if (!args || !find_target(args, &target))
		target = default_target(&fdt);

	/* The line must be out before the load: the zone stops there. */
	printf("isolation: reading 0x%lx\n", target);
	value = mem_read64(target);
	printf("isolation: FAIL read 0x%lx returned 0x%lx\n", target, value);
	guest_exit();
}
