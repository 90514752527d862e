// SPDX-License-Identifier: Apache-2.0
/*
 * isolation: reads memory the zone does not own. By default the 8 bytes
 * just below its own memory (in the test layouts: the hypervisor or the
 * neighbouring zone); with "target=0x<hex>" in /chosen/bootargs, that
 * address instead (device windows, firmware). With "write" in the
 * bootargs it stores there instead of loading. The hypervisor must stop
 * the zone at the access: an access that returns is a failure.
 *
 * Where the firmware interface is the SBI, the zone first names a hart
 * it does not have in the calls that take one: each must be refused.
 */
#include <stdbool.h>

#include <arch/cpu.h>
#include <guest/console.h>
#include <guest/fdt.h>
#include <guest/runtime.h>
#include <guest/string.h>

#define TARGET_KEY "target=0x"
#define WRITE_KEY "write"
/*
 * What a sifive,test device (riscv virt) takes as "power off": should
 * the store reach the one no zone owns, the whole machine stops.
 */
#define WRITE_VALUE 0x5555

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

/* Is @word a whole word of @args? */
static bool has_word(const char *args, const char *word)
{
	size_t len = strlen(word);
	const char *p;

	for (p = args; *p; p++) {
		if ((p == args || p[-1] == ' ') && !strncmp(p, word, len) &&
		    (!p[len] || p[len] == ' '))
			return true;
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

#ifdef GUEST_ARCH_SBI
/*
 * SBI hart ids are the zone's vCPU indices: @hart, one past the zone's
 * last, is another zone's hart if the hypervisor passed ids through.
 */
static void expect_refused(const char *call, unsigned int hart, long err)
{
	if (err != SBI_ERR_INVALID_PARAM)
		guest_fail("%s naming hart %u returned %ld, expected %d", call,
			   hart, err, SBI_ERR_INVALID_PARAM);
	printf("isolation: %s naming hart %u (not ours) refused (%ld)\n", call,
	       hart, err);
}

/* An SBI call with one argument (for IPI and RFENCE: hart_mask, base 0). */
static long sbi_error(unsigned long ext, unsigned long fid, unsigned long arg)
{
	return sbi_call(ext, fid, arg, 0, 0).error;
}

static void foreign_hart_calls(const struct fdt *fdt)
{
	int harts = fdt_cpu_count(fdt);
	unsigned int h;
	unsigned long mask;

	if (harts <= 0 || harts >= 64)
		guest_fail("/cpus: %d harts", harts);
	h = (unsigned int)harts;
	mask = 1ul << h;
	/* A wrong yes would start it with no stack: it would trap at once. */
	expect_refused("hart_start", h,
		       guest_cpu_on(h, (uintptr_t)secondary_start, 0));
	expect_refused("hart_get_status", h,
		       sbi_error(SBI_EXT_HSM, SBI_HSM_HART_STATUS, h));
	expect_refused("send_ipi", h,
		       sbi_error(SBI_EXT_IPI, SBI_IPI_SEND, mask));
	expect_refused("remote_fence_i", h,
		       sbi_error(SBI_EXT_RFENCE, SBI_RFENCE_FENCE_I, mask));
}
#else
static void foreign_hart_calls(const struct fdt *fdt)
{
	(void)fdt;
}
#endif

/* The line must be out before the access: the zone stops there. */
static void attack(uint64_t target, bool write)
{
	uint64_t value;

	if (write) {
		printf("isolation: writing 0x%lx\n", target);
		mem_write32(target, WRITE_VALUE);
		printf("isolation: FAIL write to 0x%lx returned\n", target);
		return;
	}
	printf("isolation: reading 0x%lx\n", target);
	value = mem_read64(target);
	printf("isolation: FAIL read 0x%lx returned 0x%lx\n", target, value);
}

void guest_main(const void *dtb)
{
	const char *args;
	struct fdt fdt;
	uint64_t target;
	int err;

	err = fdt_open(&fdt, dtb);
	if (err)
		guest_fail("DTB at %p: %s", dtb, fdt_strerror(err));
	args = fdt_bootargs(&fdt);
	if (!args || !find_target(args, &target))
		target = default_target(&fdt);

	foreign_hart_calls(&fdt);
	attack(target, args && has_word(args, WRITE_KEY));
	guest_exit();
}
