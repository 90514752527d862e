// SPDX-License-Identifier: Apache-2.0
/*
 * Host tests of hypercall dispatch (src/hypercall.c) and of the zone code
 * it relies on (src/zone.c: zone_create, zone_ipa_to_hyp). Zones are
 * built by zone_create() from configurations whose RAM is host memory;
 * console output lands in the fake console_zone_putc() (fakes.c).
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include <bulkhead/hypercall.h>
#include <bulkhead/zone.h>
#include <asm/pgtable_format.h>

#include "fakes.h"

#define RAM_IPA 0x40000000ull
#define RAM_PAGES 16
#define RAM_END (RAM_IPA + RAM_PAGES * PAGE_SIZE)
/* A second RAM region right after the first in IPA space, not in host memory. */
#define RAM2_IPA RAM_END
#define RAM2_PAGES 2
#define DEV_IPA 0x09000000ull
#define HVINFO_IPA 0x0a000000ull

#define HC_ERR(e) ((u64)(s64)(e))

struct hc_fixture {
	u8 *ram;
	u8 *ram2;
	struct mem_region_config mem[3];
	struct zone_config cfg;
	struct zone zone;
	bool created;
};

static const struct vdev_config hvinfo_only[] = {
	{ "bulkhead,hvinfo", HVINFO_IPA, 0x1000, 0, NULL },
};

static void fill_config(struct hc_fixture *f)
{
	f->mem[0] = (struct mem_region_config){
		.phys = (uintptr_t)f->ram,
		.ipa = RAM_IPA,
		.size = RAM_PAGES * PAGE_SIZE,
		.flags = MEM_READ | MEM_WRITE | MEM_EXEC,
	};
	f->mem[1] = (struct mem_region_config){
		.phys = (uintptr_t)f->ram2,
		.ipa = RAM2_IPA,
		.size = RAM2_PAGES * PAGE_SIZE,
		.flags = MEM_READ | MEM_WRITE,
	};
	f->mem[2] = (struct mem_region_config){
		.phys = 0x09000000,
		.ipa = DEV_IPA,
		.size = PAGE_SIZE,
		.flags = MEM_READ | MEM_WRITE | MEM_DEVICE,
	};
	f->cfg = (struct zone_config){
		.id = 5,
		.name = "guest",
		.role = ZONE_ROLE_USER,
		.cpu_mask = 0xa,
		.nr_mem = ARRAY_SIZE(f->mem),
		.mem = f->mem,
		.nr_vdevs = ARRAY_SIZE(hvinfo_only),
		.vdevs = hvinfo_only,
	};
}

static int hc_setup(void **state)
{
	struct hc_fixture *f = calloc(1, sizeof(*f));

	assert_non_null(f);
	fake_reset();
	fake_hyp_pool_setup(32);
	f->ram = fake_alloc_pages(RAM_PAGES);
	f->ram2 = fake_alloc_pages(RAM2_PAGES);
	memset(f->ram, '.', RAM_PAGES * PAGE_SIZE);
	memset(f->ram2, ',', RAM2_PAGES * PAGE_SIZE);
	fill_config(f);
	*state = f;
	return 0;
}

static int hc_teardown(void **state)
{
	struct hc_fixture *f = *state;

	pt_destroy(&f->zone.s2);
	/* zone_create() took nothing from the pool it did not give back. */
	assert_int_equal(hyp_pool.nr_free, hyp_pool.nr_pages);
	fake_hyp_pool_release();
	free(f->ram);
	free(f->ram2);
	free(f);
	return 0;
}

/* Setup, then the zone as the hypervisor builds it at boot. */
static int zone_setup(void **state)
{
	struct hc_fixture *f;

	hc_setup(state);
	f = *state;
	assert_int_equal(zone_create(&f->zone, &f->cfg), 0);
	return 0;
}

static struct hypercall call(struct zone *zone, u64 fn, u64 a0, u64 a1)
{
	struct hypercall hc = { .fn = fn,
				.arg = { a0, a1, 0x33, 0x44, 0x55 },
				.ret = { 0xaa, 0xbb, 0xcc },
				.nr_ret = 99 };

	hypercall_dispatch(zone, 1, &hc);
	return hc;
}

static void assert_status(const struct hypercall *hc, u64 status)
{
	assert_int_equal(hc->ret[0], status);
	assert_int_equal(hc->nr_ret, 1);
}

/* HC_CONSOLE_WRITE of [ipa, ipa + len): returns the status. */
static u64 console_write(struct zone *zone, u64 ipa, u64 len)
{
	struct hypercall hc = call(zone, HC_CONSOLE_WRITE, ipa, len);

	assert_int_equal(hc.nr_ret, 1);
	return hc.ret[0];
}

static void assert_console(const char *expect, size_t len)
{
	assert_int_equal(fake_console_len, len);
	assert_memory_equal(fake_console_out, expect, len);
}

/* ---- zone_create ---- */

static void test_zone_create(void **state)
{
	struct hc_fixture *f = *state;
	struct zone *z = &f->zone;
	unsigned int level;

	assert_ptr_equal(z->cfg, &f->cfg);
	assert_int_equal(z->vmid, 6);
	assert_int_equal(z->nr_vcpus, 2);
	assert_int_equal(z->state, ZONE_OFF);
	assert_int_equal(z->nr_vdevs, 1);
	assert_non_null(z->vdevs[0].type);
	assert_ptr_equal(z->vdevs[0].type, vdev_type_find("bulkhead,hvinfo"));
	assert_ptr_equal(z->vdevs[0].cfg, &hvinfo_only[0]);
	assert_ptr_equal(z->vdevs[0].zone, z);
	/* Stage 2 maps each region to its host pages with its permissions. */
	assert_int_equal(pt_lookup(&z->s2, RAM_IPA + 0x3000, &level),
			 ((uintptr_t)f->ram + 0x3000) |
				 stage2_attrs(f->mem[0].flags) | 3);
	assert_int_equal(level, 2);
	assert_int_equal(pt_lookup(&z->s2, RAM2_IPA, NULL),
			 (uintptr_t)f->ram2 |
				 stage2_attrs(MEM_READ | MEM_WRITE) | 3);
	assert_int_equal(pt_lookup(&z->s2, DEV_IPA, NULL),
			 0x09000000 | stage2_attrs(f->mem[2].flags) | 3);
	/* Emulated windows stay unmapped: accesses must trap. */
	assert_int_equal(pt_lookup(&z->s2, HVINFO_IPA, NULL), 0);
	assert_int_equal(
		pt_lookup(&z->s2, RAM2_IPA + RAM2_PAGES * PAGE_SIZE, NULL), 0);
	assert_string_equal(fake_printk_log, "");
}

static void test_zone_create_unknown_device(void **state)
{
	struct hc_fixture *f = *state;
	static const struct vdev_config unknown[] = {
		{ "bulkhead,hvinfo", HVINFO_IPA, 0x1000, 0, NULL },
		{ "vendor,nonexistent", 0x0b000000, 0x1000, 0, NULL },
	};

	f->cfg.nr_vdevs = ARRAY_SIZE(unknown);
	f->cfg.vdevs = unknown;
	assert_int_equal(zone_create(&f->zone, &f->cfg), -1);
	assert_string_equal(fake_printk_log,
			    "bulkhead: zone guest: no model for "
			    "vendor,nonexistent (not configured?)\n");
}

static void test_zone_create_too_many_devices(void **state)
{
	struct hc_fixture *f = *state;

	f->cfg.nr_vdevs = ZONE_MAX_VDEVS + 1;
	assert_int_equal(zone_create(&f->zone, &f->cfg), -1);
}

static void test_zone_create_bad_region(void **state)
{
	struct hc_fixture *f = *state;

	f->mem[1].ipa = RAM2_IPA + 0x800;
	assert_int_equal(zone_create(&f->zone, &f->cfg), -1);
	assert_string_equal(
		fake_printk_log,
		"bulkhead: zone guest: cannot map 0x40010800+0x2000 (-3)\n");
}

static void test_zone_create_overlapping_regions(void **state)
{
	struct hc_fixture *f = *state;

	f->mem[1].ipa = RAM_END - PAGE_SIZE;
	assert_int_equal(zone_create(&f->zone, &f->cfg), -1);
	assert_string_equal(
		fake_printk_log,
		"bulkhead: zone guest: cannot map 0x4000f000+0x2000 (-2)\n");
}

static void test_zone_create_pool_exhausted(void **state)
{
	struct hc_fixture *f = *state;

	fake_hyp_pool_setup(2);
	assert_int_equal(zone_create(&f->zone, &f->cfg), -1);
	assert_string_equal(
		fake_printk_log,
		"bulkhead: zone guest: cannot map 0x40000000+0x10000 (-1)\n");
}

/* ---- simple calls ---- */

static void test_version(void **state)
{
	struct hc_fixture *f = *state;
	struct hypercall hc = call(&f->zone, HC_VERSION, 0, 0);

	assert_int_equal(HC_VERSION, 0x86000000u);
	assert_status(&hc, 0x00000001);
	assert_int_equal(hc.ret[1], 0xbb);
}

static void test_console_putc(void **state)
{
	struct hc_fixture *f = *state;
	struct hypercall hc = call(&f->zone, HC_CONSOLE_PUTC, 'x', 0);

	assert_status(&hc, HC_OK);
	/* Only the low byte of x1 is a character. */
	hc = call(&f->zone, HC_CONSOLE_PUTC, 0x4100 | 'y', 0);
	assert_status(&hc, HC_OK);
	assert_console("xy", 2);
	assert_ptr_equal(fake_console_zone, &f->zone);
}

static void test_zone_self(void **state)
{
	struct hc_fixture *f = *state;
	struct hypercall hc = call(&f->zone, HC_ZONE_SELF, 0, 0);

	assert_int_equal(hc.nr_ret, 3);
	assert_int_equal(hc.ret[0], HC_OK);
	assert_int_equal(hc.ret[1], 5);
	assert_int_equal(hc.ret[2], 1);
}

static void test_unknown_calls_not_supported(void **state)
{
	struct hc_fixture *f = *state;
	static const u64 fns[] = {
		0,
		HC_FN(0x04),
		HC_FN(0xffff),
		0x84000000,
		0xc6000002,
		/* A known id with stray upper bits is not that call. */
		0x100000000ull | HC_CONSOLE_PUTC,
		~0ull,
	};

	for (size_t i = 0; i < ARRAY_SIZE(fns); i++) {
		struct hypercall hc = call(&f->zone, fns[i], 'z', 1);

		assert_status(&hc, HC_ERR(HC_NOT_SUPPORTED));
		assert_int_equal(hc.ret[0], 0xffffffffffffffffull);
	}
	assert_int_equal(fake_console_len, 0);
}

/* ---- HC_CONSOLE_WRITE ---- */

static void test_console_write(void **state)
{
	struct hc_fixture *f = *state;

	memcpy(f->ram + 0x100, "hello\n", 6);
	assert_int_equal(console_write(&f->zone, RAM_IPA + 0x100, 6), HC_OK);
	assert_console("hello\n", 6);
	assert_ptr_equal(fake_console_zone, &f->zone);
}

static void test_console_write_passes_raw_bytes(void **state)
{
	struct hc_fixture *f = *state;

	/* Filtering control characters is the console's job, not this call's. */
	memcpy(f->ram, "a\0\x1b[2J\xff", 7);
	assert_int_equal(console_write(&f->zone, RAM_IPA, 7), HC_OK);
	assert_console("a\0\x1b[2J\xff", 7);
}

static void test_console_write_length_limits(void **state)
{
	struct hc_fixture *f = *state;

	for (size_t i = 0; i < HC_CONSOLE_WRITE_MAX + 1; i++)
		f->ram[i] = (u8)('a' + i % 26);
	assert_int_equal(HC_CONSOLE_WRITE_MAX, 256);
	assert_int_equal(console_write(&f->zone, RAM_IPA, 257),
			 HC_ERR(HC_INVALID));
	assert_int_equal(console_write(&f->zone, RAM_IPA, ~0ull),
			 HC_ERR(HC_INVALID));
	assert_int_equal(console_write(&f->zone, RAM_IPA, (1ull << 32) | 1),
			 HC_ERR(HC_INVALID));
	assert_int_equal(console_write(&f->zone, RAM_IPA, 1ull << 63),
			 HC_ERR(HC_INVALID));
	assert_int_equal(fake_console_len, 0);
	assert_int_equal(console_write(&f->zone, RAM_IPA, 256), HC_OK);
	assert_console((const char *)f->ram, 256);
}

static void test_console_write_length_zero(void **state)
{
	struct hc_fixture *f = *state;

	assert_int_equal(console_write(&f->zone, RAM_IPA + 0x10, 0), HC_OK);
	assert_int_equal(console_write(&f->zone, RAM_END - 1, 0), HC_OK);
	assert_int_equal(fake_console_len, 0);
	/* The address is still checked. */
	assert_int_equal(console_write(&f->zone, 0x1000, 0),
			 HC_ERR(HC_INVALID));
	assert_int_equal(console_write(&f->zone, DEV_IPA, 0),
			 HC_ERR(HC_INVALID));
}

static void test_console_write_at_region_end(void **state)
{
	struct hc_fixture *f = *state;
	u8 *ram2_end = f->ram2 + RAM2_PAGES * PAGE_SIZE;

	memcpy(ram2_end - 16, "end of the zone!", 16);
	assert_int_equal(console_write(&f->zone, RAM2_IPA + 0x2000 - 16, 16),
			 HC_OK);
	assert_console("end of the zone!", 16);
	assert_int_equal(console_write(&f->zone, RAM2_IPA + 0x2000 - 1, 1),
			 HC_OK);
	assert_console("end of the zone!!", 17);
	/* One byte past the end, and starting at the end. */
	assert_int_equal(console_write(&f->zone, RAM2_IPA + 0x2000 - 15, 16),
			 HC_ERR(HC_INVALID));
	assert_int_equal(console_write(&f->zone, RAM2_IPA + 0x2000, 1),
			 HC_ERR(HC_INVALID));
	assert_int_equal(console_write(&f->zone, RAM_IPA - 1, 2),
			 HC_ERR(HC_INVALID));
	assert_int_equal(fake_console_len, 17);
}

static void test_console_write_across_two_regions(void **state)
{
	struct hc_fixture *f = *state;

	/* Contiguous in IPA space, but backed by unrelated host memory. */
	assert_int_equal(f->mem[0].ipa + f->mem[0].size, f->mem[1].ipa);
	assert_int_equal(console_write(&f->zone, RAM_END - 8, 16),
			 HC_ERR(HC_INVALID));
	assert_int_equal(console_write(&f->zone, RAM_END - 8, 8), HC_OK);
	assert_int_equal(console_write(&f->zone, RAM_END, 8), HC_OK);
	assert_console("........,,,,,,,,", 16);
}

static void test_console_write_device_memory_refused(void **state)
{
	struct hc_fixture *f = *state;

	/* Mapped into the zone, but device memory is not a buffer. */
	assert_int_equal(console_write(&f->zone, DEV_IPA, 4),
			 HC_ERR(HC_INVALID));
	assert_int_equal(console_write(&f->zone, HVINFO_IPA, 4),
			 HC_ERR(HC_INVALID));
	assert_int_equal(fake_console_len, 0);
}

static void test_console_write_address_wrap(void **state)
{
	struct hc_fixture *f = *state;

	/* ipa >= region start, and ipa + len wraps to below the region end. */
	assert_int_equal(console_write(&f->zone, 0xfffffffffffffff0ull, 0x20),
			 HC_ERR(HC_INVALID));
	assert_int_equal(console_write(&f->zone, ~0ull, 1), HC_ERR(HC_INVALID));
	assert_int_equal(console_write(&f->zone, ~0ull, 0), HC_ERR(HC_INVALID));
	assert_int_equal(fake_console_len, 0);
}

/* ---- zone_ipa_to_hyp on a hand-made zone at the top of the IPA space ---- */

#define TOP_IPA 0xffffffffffff0000ull

static void top_zone(struct zone *z, struct zone_config *cfg,
		     struct mem_region_config *m, void *ram)
{
	*m = (struct mem_region_config){ .phys = (uintptr_t)ram,
					 .ipa = TOP_IPA,
					 .size = 0x10000,
					 .flags = MEM_READ };
	*cfg = (struct zone_config){
		.id = 1, .name = "top", .nr_mem = 1, .mem = m
	};
	memset(z, 0, sizeof(*z));
	z->cfg = cfg;
}

static void test_ipa_to_hyp_top_of_address_space(void **state)
{
	struct hc_fixture *f = *state;
	struct mem_region_config m;
	struct zone_config cfg;
	struct zone z;
	u8 *ram = f->ram;

	top_zone(&z, &cfg, &m, ram);
	assert_ptr_equal(zone_ipa_to_hyp(&z, TOP_IPA, 0x10000), ram);
	assert_ptr_equal(zone_ipa_to_hyp(&z, 0xfffffffffffffff0ull, 0x10),
			 ram + 0xfff0);
	assert_ptr_equal(zone_ipa_to_hyp(&z, ~0ull, 1), ram + 0xffff);
	assert_null(zone_ipa_to_hyp(&z, TOP_IPA, 0x10001));
	assert_null(zone_ipa_to_hyp(&z, 0xfffffffffffffff0ull, 0x11));
	assert_null(zone_ipa_to_hyp(&z, ~0ull, 2));
	assert_null(zone_ipa_to_hyp(&z, ~0ull, ~0ull));
	assert_null(zone_ipa_to_hyp(&z, TOP_IPA - 1, 2));
	assert_null(zone_ipa_to_hyp(&z, 0, 0x10));
	assert_null(zone_ipa_to_hyp(&z, 0x10, ~0ull - 0xf));
}

static void test_console_write_at_top_of_address_space(void **state)
{
	struct hc_fixture *f = *state;
	struct mem_region_config m;
	struct zone_config cfg;
	struct zone z;

	top_zone(&z, &cfg, &m, f->ram);
	memcpy(f->ram + 0xff00, "top", 3);
	assert_int_equal(console_write(&z, 0xffffffffffffff00ull, 256), HC_OK);
	assert_int_equal(fake_console_len, 256);
	assert_memory_equal(fake_console_out, "top...", 6);
	assert_int_equal(console_write(&z, 0xffffffffffffff01ull, 256),
			 HC_ERR(HC_INVALID));
	assert_int_equal(console_write(&z, 0xfffffffffffffffeull, 3),
			 HC_ERR(HC_INVALID));
	assert_int_equal(fake_console_len, 256);
}

static void test_ipa_is_ram(void **state)
{
	struct hc_fixture *f = *state;

	assert_true(zone_ipa_is_ram(&f->zone, RAM_IPA, RAM_PAGES * PAGE_SIZE));
	assert_true(zone_ipa_is_ram(&f->zone, RAM2_IPA + 0x1000, 0x1000));
	assert_false(
		zone_ipa_is_ram(&f->zone, RAM_IPA, RAM_PAGES * PAGE_SIZE + 1));
	assert_false(zone_ipa_is_ram(&f->zone, DEV_IPA, 1));
	assert_false(zone_ipa_is_ram(&f->zone, HVINFO_IPA, 4));
	/* A CPU may start only where the zone may execute: not in RAM2. */
	assert_true(zone_ipa_is_exec(&f->zone, RAM_IPA, 4));
	assert_false(zone_ipa_is_exec(&f->zone, RAM2_IPA, 4));
	assert_false(zone_ipa_is_exec(&f->zone, DEV_IPA, 4));
	assert_ptr_equal(zone_ipa_to_hyp(&f->zone, RAM2_IPA + 0x10, 4),
			 f->ram2 + 0x10);
	assert_null(zone_ipa_to_hyp(&f->zone, DEV_IPA, 4));
}

#define HC_TEST(fn) cmocka_unit_test_setup_teardown(fn, hc_setup, hc_teardown)
#define ZONE_TEST(fn) \
	cmocka_unit_test_setup_teardown(fn, zone_setup, hc_teardown)

int main(void)
{
	const struct CMUnitTest tests[] = {
		ZONE_TEST(test_zone_create),
		HC_TEST(test_zone_create_unknown_device),
		HC_TEST(test_zone_create_too_many_devices),
		HC_TEST(test_zone_create_bad_region),
		HC_TEST(test_zone_create_overlapping_regions),
		HC_TEST(test_zone_create_pool_exhausted),
		ZONE_TEST(test_version),
		ZONE_TEST(test_console_putc),
		ZONE_TEST(test_zone_self),
		ZONE_TEST(test_unknown_calls_not_supported),
		ZONE_TEST(test_console_write),
		ZONE_TEST(test_console_write_passes_raw_bytes),
		ZONE_TEST(test_console_write_length_limits),
		ZONE_TEST(test_console_write_length_zero),
		ZONE_TEST(test_console_write_at_region_end),
		ZONE_TEST(test_console_write_across_two_regions),
		ZONE_TEST(test_console_write_device_memory_refused),
		ZONE_TEST(test_console_write_address_wrap),
		HC_TEST(test_ipa_to_hyp_top_of_address_space),
		HC_TEST(test_console_write_at_top_of_address_space),
		ZONE_TEST(test_ipa_is_ram),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
