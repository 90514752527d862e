// SPDX-License-Identifier: Apache-2.0
// fuzz-sources: arch/loongarch64/exit.c
// fuzz-cflags: -Iinclude -Iarch/loongarch64/include -include tests/unit/config-host.h
// fuzz-libs:
/*
 * LVZ exit decoding (arch/loongarch64/exit.c): ESTAT comes from the CPU
 * but BADI and BADV are the guest's choice. Every input must decode
 * safely, and what decodes must agree with the instruction word it came
 * from (register fields, width, direction) and with the fault.
 */
#include <stdlib.h>
#include <string.h>

#include <asm/exit.h>
#include <asm/loongarch.h>
#include <asm/traps.h>

static u64 take(const uint8_t **data, size_t *size, size_t n)
{
	u64 v = 0;

	n = *size < n ? *size : n;
	memcpy(&v, *data, n);
	*data += n;
	*size -= n;
	return v;
}

static void check_mmio(u64 estat, u32 badi, u64 badv, const struct la_exit *e)
{
	u32 ecode = ESTAT_ECODE(estat);
	bool store_fault = ecode == ECODE_PIS || ecode == ECODE_PME;

	if (e->width != 1 && e->width != 2 && e->width != 4 && e->width != 8)
		abort();
	if (e->rd != (badi & 0x1f) || e->addr != badv ||
	    e->write != store_fault)
		abort();
}

static void check_load_result(const struct la_exit *e, u64 val)
{
	u64 r = la_load_result(e, val);
	unsigned int bits = e->width * 8;

	if (bits >= 64)
		return;
	if ((r & ((1ull << bits) - 1)) != (val & ((1ull << bits) - 1)))
		abort();
	if (r >> bits && !(e->sign_extend && (r >> 63)))
		abort(); /* high bits only from sign extension */
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	u64 estat = take(&data, &size, 8), badv = take(&data, &size, 8);
	u32 badi = (u32)take(&data, &size, 4);
	u64 val = take(&data, &size, 8);
	struct la_exit e;
	enum la_exit_kind k = la_decode_exit(estat, badi, badv, &e);

	if (k != e.kind || k > LA_EXIT_GCSR_CHANGED)
		abort();
	if (k == LA_EXIT_MMIO) {
		check_mmio(estat, badi, badv, &e);
		check_load_result(&e, val);
	}
	if (k == LA_EXIT_CSR && (e.num > 0x3fff || e.rd > 31 || e.rj > 31))
		abort();
	if (k == LA_EXIT_HVC && e.num > 0x7fff)
		abort();
	return 0;
}
