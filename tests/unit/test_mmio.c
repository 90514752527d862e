// SPDX-License-Identifier: Apache-2.0
/*
 * Host tests of MMIO routing (src/mmio.c) and of the hvinfo device model
 * (drivers/misc/hvinfo.c). A recording model, registered in the driver registry like a
 * real one, shows which device saw which access.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include <bulkhead/hvinfo_regs.h>
#include <bulkhead/mmio.h>
#include <bulkhead/percpu.h>
#include <bulkhead/zone.h>

#include "fakes.h"

struct recording {
	unsigned int calls;
	struct vdev *dev;
	struct mmio_access acc; /* as the model received it */
	int refuse; /* what the model returns */
};

static struct recording rec;

#define RECORDER_READ_VALUE(offset) (0xfeed000000000000ull | (offset))

static int recorder_access(struct vdev *dev, struct mmio_access *acc)
{
	rec.calls++;
	rec.dev = dev;
	rec.acc = *acc;
	if (!acc->write)
		acc->value = RECORDER_READ_VALUE(acc->offset);
	return rec.refuse;
}

DECLARE_DRIVER(recorder_type, DRIVER_VDEV, struct vdev_type,
	       "test,recorder") = {
	.access = recorder_access,
};

/* Three windows, sorted by base, with gaps between them. */
static const struct vdev_config three_windows[] = {
	{ "test,recorder", 0x09000000, 0x1000, 0, NULL },
	{ "test,recorder", 0x09002000, 0x100, 0, NULL },
	{ "bulkhead,hvinfo", 0x0a000000, HVINFO_SIZE, 0, NULL },
};

static const struct zone_config zone_cfg = {
	.id = 3,
	.name = "mmio-test",
	.cpu_mask = 0x6,
	.nr_vdevs = ARRAY_SIZE(three_windows),
	.vdevs = three_windows,
};

static struct zone zone;
static struct percpu cpu;

/* What zone_create() does for the devices, without the rest. */
static void zone_with_vdevs(struct zone *z, const struct zone_config *cfg,
			    const struct vdev_config *vdevs, u32 nr)
{
	memset(z, 0, sizeof(*z));
	z->cfg = cfg;
	z->nr_vcpus = 2;
	for (u32 i = 0; i < nr; i++) {
		z->vdevs[i].cfg = &vdevs[i];
		z->vdevs[i].zone = z;
		z->vdevs[i].type = vdev_type_find(vdevs[i].compatible);
		assert_non_null(z->vdevs[i].type);
	}
	z->nr_vdevs = nr;
}

static int mmio_setup(void **state)
{
	(void)state;
	memset(&rec, 0, sizeof(rec));
	zone_with_vdevs(&zone, &zone_cfg, three_windows,
			ARRAY_SIZE(three_windows));
	cpu = (struct percpu){ .id = 2, .zone = &zone, .vcpu_index = 1 };
	arch_set_this_cpu(&cpu);
	return 0;
}

static int dispatch(ipa_t ipa, unsigned int width, bool write, u64 value,
		    struct mmio_access *out)
{
	struct mmio_access acc = {
		.offset = 0xdead, .width = width, .write = write, .value = value
	};
	int ret = mmio_dispatch(&zone, ipa, &acc);

	if (out)
		*out = acc;
	return ret;
}

static u32 hvinfo_read32(u64 offset)
{
	struct mmio_access acc;

	assert_int_equal(dispatch(0x0a000000 + offset, 4, false, 0xbad, &acc),
			 0);
	assert_int_equal(acc.offset, offset);
	return (u32)acc.value;
}

static void test_type_lookup(void **state)
{
	const struct vdev_type *t = vdev_type_find("bulkhead,hvinfo");
	const struct driver *d = driver_find(DRIVER_VDEV, "bulkhead,hvinfo");

	(void)state;
	assert_non_null(t);
	assert_non_null(d);
	assert_string_equal(d->compatible, "bulkhead,hvinfo");
	assert_ptr_equal(d->ops, t);
	/* Other classes do not answer for a model's compatible. */
	assert_null(driver_find(DRIVER_UART, "bulkhead,hvinfo"));
	assert_non_null(t->access);
	assert_ptr_equal(vdev_type_find("test,recorder"), &recorder_type);
	assert_null(vdev_type_find("bulkhead,hvinf"));
	assert_null(vdev_type_find("bulkhead,hvinfo2"));
	assert_null(vdev_type_find(""));
}

static void test_read_reaches_the_right_device(void **state)
{
	struct mmio_access acc;

	(void)state;
	assert_int_equal(dispatch(0x09002010, 4, false, 0, &acc), 0);
	assert_int_equal(rec.calls, 1);
	assert_ptr_equal(rec.dev, &zone.vdevs[1]);
	assert_int_equal(rec.acc.offset, 0x10);
	assert_int_equal(rec.acc.width, 4);
	assert_false(rec.acc.write);
	assert_int_equal(acc.value, RECORDER_READ_VALUE(0x10));
}

static void test_write_passes_value(void **state)
{
	(void)state;
	assert_int_equal(
		dispatch(0x09000ff8, 8, true, 0x0123456789abcdefull, NULL), 0);
	assert_ptr_equal(rec.dev, &zone.vdevs[0]);
	assert_int_equal(rec.acc.offset, 0xff8);
	assert_true(rec.acc.write);
	assert_int_equal(rec.acc.value, 0x0123456789abcdefull);
}

static void test_first_and_last_byte_of_windows(void **state)
{
	(void)state;
	assert_int_equal(dispatch(0x09000000, 1, false, 0, NULL), 0);
	assert_int_equal(rec.acc.offset, 0);
	assert_int_equal(dispatch(0x09000fff, 1, false, 0, NULL), 0);
	assert_int_equal(rec.acc.offset, 0xfff);
	assert_int_equal(dispatch(0x090020ff, 1, false, 0, NULL), 0);
	assert_ptr_equal(rec.dev, &zone.vdevs[1]);
	assert_int_equal(rec.acc.offset, 0xff);
	assert_int_equal(rec.calls, 3);
}

static void test_outside_every_window(void **state)
{
	(void)state;
	assert_int_equal(dispatch(0, 4, false, 0, NULL), MMIO_UNHANDLED);
	assert_int_equal(dispatch(0x08fffffc, 4, false, 0, NULL),
			 MMIO_UNHANDLED);
	/* Exactly at the end of a window. */
	assert_int_equal(dispatch(0x09001000, 4, false, 0, NULL),
			 MMIO_UNHANDLED);
	/* Between two windows. */
	assert_int_equal(dispatch(0x09001800, 4, true, 0, NULL),
			 MMIO_UNHANDLED);
	assert_int_equal(dispatch(0x09001fff, 1, false, 0, NULL),
			 MMIO_UNHANDLED);
	assert_int_equal(dispatch(0x09002100, 1, false, 0, NULL),
			 MMIO_UNHANDLED);
	assert_int_equal(dispatch(0x0a001000, 4, false, 0, NULL),
			 MMIO_UNHANDLED);
	assert_int_equal(dispatch(~0ull, 1, false, 0, NULL), MMIO_UNHANDLED);
	assert_int_equal(rec.calls, 0);
}

/* The last device hit is tried first, but only inside its window. */
static void test_last_device_hint(void **state)
{
	(void)state;
	assert_int_equal(dispatch(0x09002000, 4, false, 0, NULL), 0);
	assert_ptr_equal(rec.dev, &zone.vdevs[1]);
	assert_int_equal(dispatch(0x09001ffc, 4, false, 0, NULL),
			 MMIO_UNHANDLED);
	assert_int_equal(dispatch(0x09002100, 4, false, 0, NULL),
			 MMIO_UNHANDLED);
	assert_int_equal(dispatch(0x09000004, 4, false, 0, NULL), 0);
	assert_ptr_equal(rec.dev, &zone.vdevs[0]);
	assert_int_equal(dispatch(0x090020fc, 4, false, 0, NULL), 0);
	assert_ptr_equal(rec.dev, &zone.vdevs[1]);
	assert_int_equal(rec.calls, 3);
}

static void test_access_straddling_window_end(void **state)
{
	(void)state;
	/* 8 bytes at size - 4: the model must never see it. */
	assert_int_equal(dispatch(0x09000ffc, 8, false, 0, NULL),
			 MMIO_BAD_ACCESS);
	assert_int_equal(dispatch(0x090020fe, 4, true, 0, NULL),
			 MMIO_BAD_ACCESS);
	assert_int_equal(dispatch(0x090020ff, 2, false, 0, NULL),
			 MMIO_BAD_ACCESS);
	assert_int_equal(dispatch(0x09000000, 0xffffffffu, false, 0, NULL),
			 MMIO_BAD_ACCESS);
	assert_int_equal(rec.calls, 0);
	/* The same width, fitting exactly, is fine. */
	assert_int_equal(dispatch(0x09000ffc, 4, false, 0, NULL), 0);
	assert_int_equal(dispatch(0x090020f8, 8, false, 0, NULL), 0);
	assert_int_equal(rec.calls, 2);
}

static void test_model_refusal_is_bad_access(void **state)
{
	(void)state;
	rec.refuse = -1;
	assert_int_equal(dispatch(0x09000010, 4, false, 0, NULL),
			 MMIO_BAD_ACCESS);
	rec.refuse = -22;
	assert_int_equal(dispatch(0x09000010, 4, false, 0, NULL),
			 MMIO_BAD_ACCESS);
	assert_int_equal(rec.calls, 2);
}

static void test_zone_without_devices(void **state)
{
	struct mmio_access acc = { .width = 4 };

	(void)state;
	zone.nr_vdevs = 0;
	assert_int_equal(mmio_dispatch(&zone, 0x09000000, &acc),
			 MMIO_UNHANDLED);
	assert_int_equal(rec.calls, 0);
}

/* Binary search over a full table: every window's edges and gaps. */
static void test_many_windows(void **state)
{
	static struct vdev_config many[ZONE_MAX_VDEVS];

	(void)state;
	for (u32 i = 0; i < ZONE_MAX_VDEVS; i++)
		many[i] = (struct vdev_config){ "test,recorder",
						0x10000000 + i * 0x3000,
						0x1000 + i * 0x100, 0, NULL };
	zone_with_vdevs(&zone, &zone_cfg, many, ZONE_MAX_VDEVS);
	for (u32 i = 0; i < ZONE_MAX_VDEVS; i++) {
		ipa_t base = many[i].base, end = base + many[i].size;

		assert_int_equal(dispatch(base, 1, false, 0, NULL), 0);
		assert_ptr_equal(rec.dev, &zone.vdevs[i]);
		assert_int_equal(dispatch(end - 1, 1, false, 0, NULL), 0);
		assert_ptr_equal(rec.dev, &zone.vdevs[i]);
		assert_int_equal(rec.acc.offset, many[i].size - 1);
		assert_int_equal(dispatch(end, 1, false, 0, NULL),
				 MMIO_UNHANDLED);
		assert_int_equal(dispatch(base - 1, 1, false, 0, NULL),
				 MMIO_UNHANDLED);
	}
	assert_int_equal(rec.calls, 2 * ZONE_MAX_VDEVS);
}

static void test_window_at_top_of_address_space(void **state)
{
	static const struct vdev_config top[] = {
		{ "test,recorder", 0x1000, 0x1000, 0, NULL },
		{ "test,recorder", 0xffffffffffff0000ull, 0x10000, 0, NULL },
	};

	(void)state;
	zone_with_vdevs(&zone, &zone_cfg, top, ARRAY_SIZE(top));
	assert_int_equal(dispatch(~0ull, 1, false, 0, NULL), 0);
	assert_ptr_equal(rec.dev, &zone.vdevs[1]);
	assert_int_equal(rec.acc.offset, 0xffff);
	assert_int_equal(dispatch(0xfffffffffffffffcull, 8, false, 0, NULL),
			 MMIO_BAD_ACCESS);
	assert_int_equal(dispatch(0xfffffffffffefffcull, 4, false, 0, NULL),
			 MMIO_UNHANDLED);
}

static void test_hvinfo_registers(void **state)
{
	(void)state;
	assert_int_equal(hvinfo_read32(HVINFO_MAGIC), 0x484b4c42);
	assert_int_equal(hvinfo_read32(HVINFO_VERSION), 0x00000001);
	assert_int_equal(hvinfo_read32(HVINFO_ZONE_ID), 3);
	assert_int_equal(hvinfo_read32(HVINFO_NR_CPUS), 2);
	assert_int_equal(hvinfo_read32(HVINFO_VCPU_ID), 1);
	/* The vCPU index is the reading CPU's, not the zone's. */
	cpu.vcpu_index = 0;
	assert_int_equal(hvinfo_read32(HVINFO_VCPU_ID), 0);
	assert_int_equal(rec.calls, 0);
}

static void test_hvinfo_register_offsets(void **state)
{
	(void)state;
	assert_int_equal(HVINFO_MAGIC, 0x00);
	assert_int_equal(HVINFO_VERSION, 0x04);
	assert_int_equal(HVINFO_ZONE_ID, 0x08);
	assert_int_equal(HVINFO_NR_CPUS, 0x0c);
	assert_int_equal(HVINFO_VCPU_ID, 0x10);
	assert_int_equal(HVINFO_SIZE, 0x1000);
}

static void test_hvinfo_unknown_offsets_read_zero(void **state)
{
	(void)state;
	assert_int_equal(hvinfo_read32(0x14), 0);
	assert_int_equal(hvinfo_read32(0x800), 0);
	assert_int_equal(hvinfo_read32(HVINFO_SIZE - 4), 0);
}

static void test_hvinfo_writes_ignored(void **state)
{
	struct mmio_access acc;

	(void)state;
	assert_int_equal(
		dispatch(0x0a000000 + HVINFO_MAGIC, 4, true, 0x11223344, &acc),
		0);
	assert_int_equal(acc.value, 0x11223344);
	assert_int_equal(
		dispatch(0x0a000000 + HVINFO_ZONE_ID, 4, true, 7, NULL), 0);
	assert_int_equal(hvinfo_read32(HVINFO_MAGIC), 0x484b4c42);
	assert_int_equal(hvinfo_read32(HVINFO_ZONE_ID), 3);
}

static void test_hvinfo_refuses_other_widths(void **state)
{
	struct mmio_access acc;

	(void)state;
	assert_int_equal(dispatch(0x0a000000, 1, false, 0xbad, &acc),
			 MMIO_BAD_ACCESS);
	assert_int_equal(acc.value, 0xbad);
	assert_int_equal(dispatch(0x0a000000, 2, false, 0, NULL),
			 MMIO_BAD_ACCESS);
	assert_int_equal(dispatch(0x0a000000, 8, false, 0, NULL),
			 MMIO_BAD_ACCESS);
	assert_int_equal(dispatch(0x0a000008, 8, true, 0, NULL),
			 MMIO_BAD_ACCESS);
}

static void test_hvinfo_refuses_unaligned(void **state)
{
	(void)state;
	assert_int_equal(dispatch(0x0a000002, 4, false, 0, NULL),
			 MMIO_BAD_ACCESS);
	assert_int_equal(dispatch(0x0a000001, 4, true, 0, NULL),
			 MMIO_BAD_ACCESS);
	assert_int_equal(dispatch(0x0a000ffd, 4, false, 0, NULL),
			 MMIO_BAD_ACCESS);
}

static void test_hvinfo_straddling_end(void **state)
{
	(void)state;
	/* 8 bytes at size - 4 straddles the window before the model sees it. */
	assert_int_equal(dispatch(0x0a000ffc, 8, false, 0, NULL),
			 MMIO_BAD_ACCESS);
	assert_int_equal(dispatch(0x0a001000, 4, false, 0, NULL),
			 MMIO_UNHANDLED);
}

#define MMIO_TEST(fn) cmocka_unit_test_setup(fn, mmio_setup)

int main(void)
{
	const struct CMUnitTest tests[] = {
		MMIO_TEST(test_type_lookup),
		MMIO_TEST(test_read_reaches_the_right_device),
		MMIO_TEST(test_write_passes_value),
		MMIO_TEST(test_first_and_last_byte_of_windows),
		MMIO_TEST(test_last_device_hint),
		MMIO_TEST(test_outside_every_window),
		MMIO_TEST(test_access_straddling_window_end),
		MMIO_TEST(test_model_refusal_is_bad_access),
		MMIO_TEST(test_zone_without_devices),
		MMIO_TEST(test_many_windows),
		MMIO_TEST(test_window_at_top_of_address_space),
		MMIO_TEST(test_hvinfo_registers),
		MMIO_TEST(test_hvinfo_register_offsets),
		MMIO_TEST(test_hvinfo_unknown_offsets_read_zero),
		MMIO_TEST(test_hvinfo_writes_ignored),
		MMIO_TEST(test_hvinfo_refuses_other_widths),
		MMIO_TEST(test_hvinfo_refuses_unaligned),
		MMIO_TEST(test_hvinfo_straddling_end),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
