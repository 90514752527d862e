// SPDX-License-Identifier: Apache-2.0
// fuzz-sources: drivers/ivc/ivc.c tests/unit/virtio_guest.c src/zone.c src/mmio.c src/driver.c src/mm/pgtable.c tests/unit/fakes.c src/mm/page_alloc.c arch/aarch64/pgtable_format.c
// fuzz-cflags: -Iinclude -Itests/unit/include -Iarch/aarch64/include -include tests/unit/config-host.h -mllvm -asan-globals=0
// fuzz-libs: -Wl,-L,src -Wl,-T,tests/unit/drivers.ld
/*
 * The guests of three zones use their inter-zone channel doorbells with
 * any access they like while zones stop, restart and run again. A model
 * of every end (its registers, its PENDING flag) says what each read
 * returns, which accesses are refused (all but aligned 32-bit ones), whom
 * a doorbell rings (the other end of its channel, if that zone runs) and
 * what each interrupt line must be (high exactly while PENDING).
 *
 * Zone 10 has channel 0 to zone 11 and channel 1 to zone 12; zone 12
 * also has channel 2 to zone 99, which does not exist.
 */
#include <stdlib.h>

#include <bulkhead/ivc_regs.h>
#include <bulkhead/mmio.h>
#include <bulkhead/vdev_params.h>

#include "../unit/fakes.h"
#include "../unit/virtio_guest.h"
#include "fuzz_input.h"

#define NR_ZONES 3
#define NR_ENDS 5

static const struct ivc_params params[NR_ENDS] = {
	{ 0, 11, 0x123456000ull, 0x10000 }, /* zone 10 */
	{ 1, 12, 0x60000000, 0x2000 }, /* zone 10 */
	{ 0, 10, 0x123456000ull, 0x10000 }, /* zone 11 */
	{ 1, 10, 0x60000000, 0x2000 }, /* zone 12 */
	{ 2, 99, 0x70000000, 0x1000 }, /* zone 12 */
};
/* Each end: its zone, its window, its interrupt, its peer end (or -1). */
static const struct {
	u32 zone;
	ipa_t base;
	u32 irq;
	int peer;
} ends[NR_ENDS] = {
	{ 0, 0x0b000000, 50, 2 },  { 0, 0x0b001000, 51, 3 },
	{ 1, 0x0b000000, 60, 0 },  { 2, 0x0b000000, 70, 1 },
	{ 2, 0x0b001000, 71, -1 },
};

static struct vg_zone vz[NR_ZONES];
static struct vg_dev dev[NR_ENDS];
static bool pending[NR_ENDS];

static void build(void)
{
	static const char *const names[NR_ZONES] = { "fia", "fib", "fic" };

	fake_hyp_pool_setup(16);
	for (u32 z = 0; z < NR_ZONES; z++) {
		vg_zone_init(&vz[z], &zones[z], 10 + z, names[z]);
		vg_zone_add_mem(&vz[z], 0x40000000, 0x1000,
				MEM_READ | MEM_WRITE);
	}
	for (u32 i = 0; i < NR_ENDS; i++)
		vg_zone_add_vdev(&vz[ends[i].zone], "bulkhead,ivc",
				 ends[i].base, IVC_SIZE, ends[i].irq,
				 &params[i]);
	for (u32 z = 0; z < NR_ZONES; z++)
		if (vg_zone_create(&vz[z]))
			abort();
	nr_zones = NR_ZONES;
	for (u32 i = 0; i < NR_ENDS; i++)
		vg_dev_init(&dev[i], &vz[ends[i].zone], ends[i].base,
			    ends[i].irq);
}

static bool running(int end)
{
	return end >= 0 && zones[ends[end].zone].state == ZONE_RUNNING;
}

static u32 expect_read(u32 i, u64 off)
{
	const struct ivc_params *p = &params[i];

	switch (off) {
	case IVC_MAGIC:
		return IVC_MAGIC_VALUE;
	case IVC_CHANNEL:
		return p->channel;
	case IVC_PEER:
		return p->peer_zone;
	case IVC_PEER_STATE:
		return p->peer_zone >= 10 && p->peer_zone < 10 + NR_ZONES &&
		       zones[p->peer_zone - 10].state == ZONE_RUNNING;
	case IVC_SHM_LOW:
		return (u32)p->shm;
	case IVC_SHM_HIGH:
		return (u32)(p->shm >> 32);
	case IVC_SHM_SIZE:
		return (u32)p->shm_size;
	case IVC_PENDING:
		return pending[i];
	default:
		return 0;
	}
}

static void ring_access(u32 i, struct input *in)
{
	u8 how = (u8)take(in, 1);
	u64 off = how & 0x80 ? (how & 0x0f) * 4u : take(in, 2) % IVC_SIZE;
	unsigned int width = how & 0x80 ? 4 : 1u << (how & 3);
	bool write = how & 0x40;
	bool legal = width == 4 && off % 4 == 0;
	u64 value = take(in, 4);
	int ret = vg_access(&dev[i], off, width, write, &value);

	if (ret != (legal ? 0 : MMIO_BAD_ACCESS))
		abort();
	if (ret)
		return;
	if (!write) {
		if (value != expect_read(i, off))
			abort();
	} else if (off == IVC_DOORBELL) {
		if (running(ends[i].peer))
			pending[ends[i].peer] = true;
	} else if (off == IVC_ACK) {
		pending[i] = false;
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct input in = { data, size };
	static bool built;

	if (!built) {
		build();
		built = true;
	}
	fake_reset();
	for (u32 z = 0; z < NR_ZONES; z++)
		zones[z].state = ZONE_RUNNING;
	for (u32 i = 0; i < NR_ENDS; i++) {
		struct vdev *v =
			&zones[ends[i].zone].vdevs[ends[i].base == 0x0b001000];

		v->type->reset(v);
		pending[i] = false;
	}
	while (in.size) {
		u8 op = (u8)take(&in, 1);
		u32 i = (op >> 2) % NR_ENDS;

		if ((op & 3) == 3) {
			/* A zone stops, restarts (its devices reset) or runs. */
			u32 z = ends[i].zone;
			u8 how = (u8)take(&in, 1) % 3;

			zones[z].state = how == 0 ? ZONE_STOPPED :
					 how == 1 ? ZONE_RESTARTING :
						    ZONE_RUNNING;
			if (how == 2) {
				for (u32 k = 0; k < zones[z].nr_vdevs; k++)
					zones[z].vdevs[k].type->reset(
						&zones[z].vdevs[k]);
				for (u32 k = 0; k < NR_ENDS; k++)
					if (ends[k].zone == z)
						pending[k] = false;
			}
		} else {
			ring_access(i, &in);
		}
		for (u32 k = 0; k < NR_ENDS; k++) {
			int line = fake_virq_line(&zones[ends[k].zone],
						  ends[k].irq);

			if ((line == 1) != pending[k])
				abort(); /* the line is not PENDING */
		}
	}
	return 0;
}
