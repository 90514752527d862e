// SPDX-License-Identifier: Apache-2.0
// fuzz-sources: arch/aarch64/dabt.c
// fuzz-cflags: -Iinclude -Itests/unit/include -Iarch/aarch64/include -include tests/unit/config-host.h
// fuzz-libs:
/*
 * The syndrome of a stage-2 data abort is produced by the CPU, but what it
 * describes (width, register, sign extension) is chosen by the guest's
 * instruction. Every ESR and every device value must decode safely, and
 * the results are checked against a model written from the Arm ARM.
 */
#include <stdlib.h>
#include <string.h>

#include <asm/traps.h>

static u64 take_u64(const uint8_t **data, size_t *size)
{
	u64 v = 0;
	size_t n = *size < sizeof(v) ? *size : sizeof(v);

	memcpy(&v, *data, n);
	*data += n;
	*size -= n;
	return v;
}

/* ISS fields at their architectural positions. */
static bool esr_bit(u64 esr, unsigned int bit)
{
	return (esr >> bit) & 1;
}

static void check_decode(u64 esr, int ret, const struct mmio_access *acc,
			 unsigned int reg)
{
	bool emulatable = esr_bit(esr, 24) && !esr_bit(esr, 7); /* ISV, S1PTW */

	if (emulatable != (ret == 0))
		abort();
	if (ret)
		return;
	if (acc->width != 1u << ((esr >> 22) & 3) ||
	    acc->write != esr_bit(esr, 6) || reg != ((esr >> 16) & 0x1f))
		abort();
}

/* What the destination register holds after a load of `width` bytes. */
static u64 expected_load(u64 val, u64 esr, unsigned int width)
{
	unsigned int bits = width * 8;

	if (bits < 64) {
		val &= (1ull << bits) - 1;
		if (esr_bit(esr, 21)) /* SSE */
			val = (u64)((s64)(val << (64 - bits)) >> (64 - bits));
	}
	if (!esr_bit(esr, 15)) /* SF: 0 is a W register */
		val &= 0xffffffffull;
	return val;
}

static void check_loads(u64 esr, u64 val)
{
	static const unsigned int widths[] = { 1, 2, 4, 8 };

	for (size_t i = 0; i < sizeof(widths) / sizeof(widths[0]); i++)
		if (load_result(val, esr, widths[i]) !=
		    expected_load(val, esr, widths[i]))
			abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	while (size) {
		u64 esr = take_u64(&data, &size);
		u64 val = take_u64(&data, &size);
		struct mmio_access acc = { .offset = 0x5a5a, .value = val };
		unsigned int reg = 99;
		int ret = decode_mmio_abort(esr, &acc, &reg);

		check_decode(esr, ret, &acc, reg);
		/* Decoding describes the access; it never touches the data. */
		if (acc.offset != 0x5a5a || acc.value != val)
			abort();
		check_loads(esr, val);
	}
	return 0;
}
