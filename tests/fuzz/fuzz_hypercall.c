// SPDX-License-Identifier: Apache-2.0
// fuzz-sources: src/hypercall.c src/zone.c src/mmio.c src/driver.c src/mm/pgtable.c tests/unit/fakes.c src/mm/page_alloc.c arch/aarch64/pgtable_format.c
// fuzz-cflags: -Iinclude -Itests/unit/include -Iarch/aarch64/include -include tests/unit/config-host.h
// fuzz-libs: -Wl,-L,src -Wl,-T,tests/unit/drivers.ld
/*
 * Hypercalls arrive with raw guest registers. The input describes a
 * zone's memory regions (anywhere in the 64-bit IPA space, RAM or device,
 * each backed by its own exactly sized host buffer so ASan sees any read
 * past it) and then a series of calls. Every result is checked against a
 * model of the ABI in docs/hypercall-abi.md, and what HC_CONSOLE_WRITE
 * prints against the guest buffer it named.
 */
#include <stdlib.h>
#include <string.h>

#include "fuzz_input.h"

#include <bulkhead/hypercall.h>
#include <bulkhead/zone.h>

#include "../unit/fakes.h"

#define NR_REGIONS 3
#define MAX_REGION_SIZE (3 * HC_CONSOLE_WRITE_MAX)

static struct mem_region_config mem[NR_REGIONS];
static u8 *backing[NR_REGIONS];
static struct zone_config zone_cfg = { .name = "fuzz", .mem = mem };
static struct zone zone;

static void free_regions(void)
{
	for (u32 i = 0; i < NR_REGIONS; i++) {
		free(backing[i]);
		backing[i] = NULL;
	}
}

/* Regions anywhere, possibly overlapping or ending at 2^64; contents vary. */
static void build_zone(struct input *in)
{
	zone_cfg.id = take(in, 1);
	zone_cfg.nr_mem = 1 + take(in, 1) % NR_REGIONS;
	for (u32 i = 0; i < zone_cfg.nr_mem; i++) {
		u64 size = 1 + take(in, 2) % MAX_REGION_SIZE;
		u8 kind = take(in, 1);
		u64 ipa = kind & 0x80 ? take(in, 8) : -size - take(in, 1);

		backing[i] = malloc(size);
		if (!backing[i])
			abort();
		for (u64 b = 0; b < size; b++)
			backing[i][b] = (u8)(b * 7 + i);
		mem[i] = (struct mem_region_config){
			.phys = (uintptr_t)backing[i],
			.ipa = ipa,
			.size = size,
			.flags = kind & 1 ? MEM_DEVICE | MEM_READ :
					    MEM_READ | MEM_WRITE,
		};
	}
	memset(&zone, 0, sizeof(zone));
	zone.cfg = &zone_cfg;
}

/* Reference: the RAM region wholly holding [ipa, ipa + len), 128-bit sums. */
static const struct mem_region_config *ram_holding(u64 ipa, u64 len)
{
	for (u32 i = 0; i < zone_cfg.nr_mem; i++) {
		const struct mem_region_config *m = &mem[i];

		if (!(m->flags & MEM_DEVICE) && ipa >= m->ipa &&
		    (unsigned __int128)ipa + len <=
			    (unsigned __int128)m->ipa + m->size)
			return m;
	}
	return NULL;
}

static void check_console_write(const struct hypercall *hc)
{
	u64 ipa = hc->arg[0], len = hc->arg[1];
	const struct mem_region_config *m =
		len <= HC_CONSOLE_WRITE_MAX ? ram_holding(ipa, len ? len : 1) :
					      NULL;

	if (!m) {
		if (hc->ret[0] != (u64)HC_INVALID || fake_console_len)
			abort();
		return;
	}
	if (hc->ret[0] != HC_OK || fake_console_len != len ||
	    memcmp(fake_console_out, (u8 *)(uintptr_t)m->phys + (ipa - m->ipa),
		   len))
		abort();
}

static void check_result(const struct hypercall *hc, u32 vcpu)
{
	u32 fn = hc->fn == (u32)hc->fn ? (u32)hc->fn : 0;

	switch (fn) {
	case HC_VERSION:
		if (hc->ret[0] != 1 || fake_console_len)
			abort();
		break;
	case HC_CONSOLE_PUTC:
		if (hc->ret[0] != HC_OK || fake_console_len != 1 ||
		    fake_console_out[0] != (char)hc->arg[0])
			abort();
		break;
	case HC_CONSOLE_WRITE:
		check_console_write(hc);
		break;
	case HC_ZONE_SELF:
		if (hc->nr_ret != 3 || hc->ret[0] != HC_OK ||
		    hc->ret[1] != zone_cfg.id || hc->ret[2] != vcpu)
			abort();
		return;
	default:
		if (hc->ret[0] != (u64)HC_NOT_SUPPORTED || fake_console_len)
			abort();
		break;
	}
	if (hc->nr_ret != 1)
		abort();
}

/* Mostly the ABI's ids (so the fuzzer need not guess them), else anything. */
static u64 pick_fn(struct input *in)
{
	u8 how = take(in, 1);

	return how < 0xc0 ? HC_FN(how % 5) : take(in, 8);
}

/* Addresses near the regions' edges, or anywhere at all. */
static u64 pick_ipa(struct input *in)
{
	u8 how = take(in, 1);
	const struct mem_region_config *m = &mem[(how >> 2) % zone_cfg.nr_mem];
	s64 delta = (int16_t)take(in, 2);

	if (how % 4 == 3)
		return take(in, 8);
	return (how % 4 == 0 ? m->ipa : m->ipa + m->size) + (u64)delta;
}

static u64 pick_len(struct input *in)
{
	u16 len = take(in, 2);

	return len < 0xff00 ? len % (HC_CONSOLE_WRITE_MAX + 2) : take(in, 8);
}

static void one_call(struct input *in)
{
	struct hypercall hc = { .fn = pick_fn(in),
				.ret = { 0xaa, 0xbb, 0xcc } };
	u32 vcpu = take(in, 1) % CONFIG_MAX_CPUS;

	hc.arg[0] = pick_ipa(in);
	hc.arg[1] = pick_len(in);
	for (u32 i = 2; i < HC_NR_ARGS; i++)
		hc.arg[i] = take(in, 8);
	fake_reset();
	hypercall_dispatch(&zone, vcpu, &hc);
	check_result(&hc, vcpu);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct input in = { data, size };

	build_zone(&in);
	do
		one_call(&in);
	while (in.size);
	free_regions();
	return 0;
}
