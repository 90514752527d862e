// SPDX-License-Identifier: Apache-2.0
// fuzz-sources: src/mmio.c src/driver.c drivers/misc/hvinfo.c tests/unit/fakes.c src/mm/page_alloc.c arch/aarch64/pgtable_format.c
// fuzz-cflags: -Iinclude -Itests/unit/include -Iarch/aarch64/include -include tests/unit/config-host.h -mllvm -asan-globals=0
// fuzz-libs: -Wl,-L,src -Wl,-T,tests/unit/drivers.ld
/*
 * A guest chooses the address, width and direction of every trapped
 * access. The input describes a zone's emulated-device windows (sorted,
 * as zonegen emits them) and then a series of accesses; each outcome of
 * mmio_dispatch() is checked against a linear scan of the windows, and
 * hvinfo's answers against its register map.
 *
 * .drivers is walked as an array, so ASan must not pad its entries
 * apart with redzones: hence -asan-globals=0.
 */
#include <stdlib.h>
#include <string.h>

#include "fuzz_input.h"

#include <bulkhead/hvinfo_regs.h>
#include <bulkhead/mmio.h>
#include <bulkhead/percpu.h>
#include <bulkhead/zone.h>

/* The recording model: remembers its last access, refuses on request. */
static struct {
	unsigned int calls;
	const struct vdev *dev;
	struct mmio_access acc;
	bool refuse;
} rec;

#define RECORDER_VALUE 0x0123456789abcdefull

static int recorder_access(struct vdev *dev, struct mmio_access *acc)
{
	rec.calls++;
	rec.dev = dev;
	rec.acc = *acc;
	if (!acc->write)
		acc->value = RECORDER_VALUE ^ acc->offset;
	return rec.refuse ? -1 : 0;
}

DECLARE_DRIVER(recorder_type, DRIVER_VDEV, struct vdev_type,
	       "test,recorder") = {
	.access = recorder_access,
};

static struct vdev_config windows[ZONE_MAX_VDEVS];
static struct zone_config zone_cfg = { .id = 6,
				       .name = "fuzz",
				       .vdevs = windows };
static struct zone zone;
static struct percpu cpu = { .zone = &zone };

/* Up to ZONE_MAX_VDEVS windows at increasing bases; one may be hvinfo. */
static void build_zone(struct input *in)
{
	u32 want = 1 + take(in, 1) % ZONE_MAX_VDEVS;
	u32 hvinfo = take(in, 1) % (want + 1); /* == want: no hvinfo */
	u64 next = take(in, 8);
	u32 n;

	memset(&zone, 0, sizeof(zone));
	for (n = 0; n < want; n++) {
		u64 base = next + take(in, 4);
		u64 size = take(in, 3);

		if (base < next || base + size < base)
			break; /* past the top of the address space */
		windows[n] =
			(struct vdev_config){ n == hvinfo ? "bulkhead,hvinfo" :
							    "test,recorder",
					      base, size, 0, NULL };
		zone.vdevs[n] = (struct vdev){ .cfg = &windows[n],
					       .zone = &zone,
					       .type = vdev_type_find(
						       windows[n].compatible) };
		if (!zone.vdevs[n].type)
			abort();
		next = base + size;
	}
	zone_cfg.nr_vdevs = n;
	zone.cfg = &zone_cfg;
	zone.nr_vdevs = n;
	zone.nr_vcpus = 1 + take(in, 1) % CONFIG_MAX_CPUS;
	cpu.vcpu_index = take(in, 1) % zone.nr_vcpus;
	arch_set_this_cpu(&cpu);
}

/* Reference: the window holding ipa, by linear scan. */
static const struct vdev *window_of(ipa_t ipa)
{
	for (u32 i = 0; i < zone.nr_vdevs; i++)
		if (ipa >= windows[i].base &&
		    ipa - windows[i].base < windows[i].size)
			return &zone.vdevs[i];
	return NULL;
}

static u32 hvinfo_register(u64 offset)
{
	switch (offset) {
	case HVINFO_MAGIC:
		return 0x484b4c42;
	case HVINFO_VERSION:
		return 0x00000001;
	case HVINFO_ZONE_ID:
		return 6;
	case HVINFO_NR_CPUS:
		return zone.nr_vcpus;
	case HVINFO_VCPU_ID:
		return cpu.vcpu_index;
	default:
		return 0;
	}
}

static void check_hvinfo(const struct mmio_access *before,
			 const struct mmio_access *after, int ret)
{
	bool valid = before->width == 4 && after->offset % 4 == 0;

	if (ret != (valid ? 0 : MMIO_BAD_ACCESS))
		abort();
	if (valid && !before->write &&
	    after->value != hvinfo_register(after->offset))
		abort();
	if ((!valid || before->write) && after->value != before->value)
		abort();
}

static void check_recorder(const struct vdev *dev,
			   const struct mmio_access *before,
			   const struct mmio_access *after, int ret)
{
	if (rec.calls != 1 || rec.dev != dev ||
	    rec.acc.offset != after->offset || rec.acc.width != before->width ||
	    rec.acc.write != before->write || rec.acc.value != before->value)
		abort();
	if (ret != (rec.refuse ? MMIO_BAD_ACCESS : 0))
		abort();
	if (!before->write && after->value != (RECORDER_VALUE ^ after->offset))
		abort();
}

/* An address near a window's start or end, or anywhere at all. */
static ipa_t pick_ipa(struct input *in)
{
	u8 how = take(in, 1);
	const struct vdev_config *w;
	s64 delta = (int8_t)take(in, 1);

	if (!zone.nr_vdevs || how % 4 == 3)
		return take(in, 8);
	w = &windows[(how >> 2) % zone.nr_vdevs];
	return (how % 4 == 0 ? w->base : w->base + w->size) + (u64)delta;
}

static unsigned int pick_width(struct input *in)
{
	u8 w = take(in, 1);

	return w < 0xf0 ? 1u << (w & 3) : (unsigned int)take(in, 4);
}

static void one_access(struct input *in)
{
	struct mmio_access before, after;
	ipa_t ipa = pick_ipa(in);
	const struct vdev *dev = window_of(ipa);
	u8 flags = take(in, 1);
	int ret;

	before = (struct mmio_access){ .offset = 0xdeadbeef,
				       .width = pick_width(in),
				       .write = flags & 1,
				       .value = take(in, 8) };
	after = before;
	rec.calls = 0;
	rec.refuse = flags & 2;
	ret = mmio_dispatch(&zone, ipa, &after);
	if (!dev) {
		if (ret != MMIO_UNHANDLED || rec.calls)
			abort();
		return;
	}
	if (after.offset != ipa - dev->cfg->base)
		abort();
	if (before.width > dev->cfg->size - after.offset) {
		if (ret != MMIO_BAD_ACCESS || rec.calls)
			abort();
		return;
	}
	if (dev->type == &recorder_type)
		check_recorder(dev, &before, &after, ret);
	else if (rec.calls)
		abort();
	else
		check_hvinfo(&before, &after, ret);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct input in = { data, size };

	build_zone(&in);
	do
		one_access(&in);
	while (in.size);
	return 0;
}
