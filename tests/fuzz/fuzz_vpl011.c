// SPDX-License-Identifier: Apache-2.0
// fuzz-sources: tests/unit/zone_fixture.c src/mmio.c src/driver.c drivers/uart/vpl011.c tests/unit/fakes.c src/mm/page_alloc.c arch/aarch64/pgtable_format.c
// fuzz-cflags: -Iinclude -Itests/unit/include -Iarch/aarch64/include -include tests/unit/config-host.h -mllvm -asan-globals=0
// fuzz-libs: -Wl,-L,src -Wl,-T,tests/unit/drivers.ld
/*
 * A guest drives its emulated PL011 with any access it likes while input
 * arrives. The model must refuse what a PL011 would not accept, never
 * lose or reorder a received character, and keep FR and RIS consistent
 * with its FIFO. A reference queue tracks what the guest should read.
 */
#include <stdlib.h>
#include <string.h>

#include <bulkhead/mmio.h>
#include <bulkhead/vpl011.h>
#include <bulkhead/zone.h>

#include "../unit/fakes.h"
#include "../unit/zone_fixture.h"

#define BASE 0x9000000ull
#define FIFO 256

static const struct vdev_config cfg[] = { { "arm,pl011", BASE, 0x1000, 33,
					    NULL } };
static const struct zone_config zcfg = { .name = "f",
					 .nr_vdevs = 1,
					 .vdevs = cfg };

struct ref {
	u8 q[FIFO];
	unsigned int head, count;
};

static void ref_push(struct ref *r, u8 c)
{
	r->q[(r->head + r->count++) % FIFO] = c;
}

static u8 ref_pop(struct ref *r)
{
	u8 c = r->q[r->head];

	r->head = (r->head + 1) % FIFO;
	r->count--;
	return c;
}

static void check_status(struct zone *z, const struct ref *r)
{
	struct mmio_access acc = { .width = 4 };

	if (mmio_dispatch(z, BASE + 0x18, &acc) || !(acc.value & 0x80) ||
	    !!(acc.value & 0x10) != (r->count == 0))
		abort(); /* FR disagrees with the FIFO */
	acc = (struct mmio_access){ .width = 4 };
	if (mmio_dispatch(z, BASE + 0x3c, &acc) || !(acc.value & 0x20))
		abort(); /* TX interrupt status must stay raised */
}

static void one_access(struct zone *z, struct ref *r, const u8 *in)
{
	u64 off = (in[0] | (in[1] << 8)) & 0x1fff;
	unsigned int width = 1u << (in[2] & 3);
	bool write = in[2] & 4;
	struct mmio_access acc = { .width = width,
				   .write = write,
				   .value = in[3] };
	bool legal = off % 4 == 0 && off < 0x1000 && width <= 4;
	int ret = mmio_dispatch(z, BASE + off, &acc);

	if (legal != (ret == 0))
		abort(); /* accepted an access a PL011 refuses, or vice versa */
	if (ret == 0 && !write && off == 0)
		if (acc.value != (r->count ? ref_pop(r) : 0))
			abort(); /* lost or reordered input */
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct zone zone;
	struct ref ref = { 0 };

	fake_reset();
	fake_hyp_pool_setup(4);
	if (fixture_zone_init(&zone, &zcfg))
		abort();
	for (; size >= 4; data += 4, size -= 4) {
		if (data[2] & 0x80) {
			bool ok = vpl011_push_input(&zone.vdevs[0],
						    (char)data[3]);

			if (ok != (ref.count < FIFO))
				abort();
			if (ok)
				ref_push(&ref, data[3]);
		} else {
			one_access(&zone, &ref, data);
		}
		check_status(&zone, &ref);
	}
	fake_hyp_pool_release();
	return 0;
}
