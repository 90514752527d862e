// SPDX-License-Identifier: Apache-2.0
/*
 * Host tests of the data-abort decoding in arch/aarch64/dabt.c. Syndromes
 * are built from the Arm ARM bit positions written out here, not from the
 * header's macros, so a wrong macro shows up as a failure.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <asm/traps.h>

#define ESR_DABT_LOWER (0x24ull << 26)
#define ESR_IL_32 (1ull << 25)
#define ISV (1ull << 24)
#define SAS(n) ((u64)(n) << 22)
#define SSE (1ull << 21)
#define SRT(n) ((u64)(n) << 16)
#define SF (1ull << 15)
#define S1PTW (1ull << 7)
#define WNR (1ull << 6)
#define DFSC_TRANS_L3 0x07ull

/* A data abort from a lower EL with a valid syndrome. */
#define DABT(iss) (ESR_DABT_LOWER | ESR_IL_32 | ISV | DFSC_TRANS_L3 | (iss))

/* Syndromes as the CPU reports them for some guest instructions. */
#define ESR_STR_W1 0x93810046ull /* str w1, [x0]: 4 bytes, write, x1 */
#define ESR_LDRB_W3 0x93030006ull /* ldrb w3: 1 byte, read, x3 */
#define ESR_LDRSH_X5 0x93658006ull /* ldrsh x5: 2 bytes, SSE, SF */
#define ESR_LDR_X30 0x93de8006ull /* ldr x30: 8 bytes, SF */

struct decoded {
	int ret;
	struct mmio_access acc;
	unsigned int reg;
};

static struct decoded decode(u64 esr)
{
	struct decoded d = {
		.acc = { .offset = 0x1234,
			 .width = 77,
			 .write = false,
			 .value = 0x5555 },
		.reg = 99,
	};

	d.ret = decode_mmio_abort(esr, &d.acc, &d.reg);
	return d;
}

static void test_real_syndromes(void **state)
{
	struct decoded d;

	(void)state;
	d = decode(ESR_STR_W1);
	assert_int_equal(d.ret, 0);
	assert_int_equal(d.acc.width, 4);
	assert_true(d.acc.write);
	assert_int_equal(d.reg, 1);

	d = decode(ESR_LDRB_W3);
	assert_int_equal(d.ret, 0);
	assert_int_equal(d.acc.width, 1);
	assert_false(d.acc.write);
	assert_int_equal(d.reg, 3);

	d = decode(ESR_LDRSH_X5);
	assert_int_equal(d.ret, 0);
	assert_int_equal(d.acc.width, 2);
	assert_int_equal(d.reg, 5);

	d = decode(ESR_LDR_X30);
	assert_int_equal(d.ret, 0);
	assert_int_equal(d.acc.width, 8);
	assert_int_equal(d.reg, 30);
}

static void test_widths(void **state)
{
	static const unsigned int width[4] = { 1, 2, 4, 8 };

	(void)state;
	for (unsigned int sas = 0; sas < 4; sas++) {
		struct decoded d = decode(DABT(SAS(sas)));

		assert_int_equal(d.ret, 0);
		assert_int_equal(d.acc.width, width[sas]);
	}
}

static void test_every_register(void **state)
{
	(void)state;
	for (unsigned int r = 0; r < 32; r++) {
		struct decoded d = decode(DABT(SRT(r) | SAS(3) | SF | WNR));

		assert_int_equal(d.ret, 0);
		assert_int_equal(d.reg, r);
		assert_true(d.acc.write);
		assert_int_equal(d.acc.width, 8);
	}
}

static void test_decode_leaves_offset_and_value(void **state)
{
	struct decoded d = decode(ESR_STR_W1);

	(void)state;
	assert_int_equal(d.acc.offset, 0x1234);
	assert_int_equal(d.acc.value, 0x5555);
}

static void test_no_isv_rejected(void **state)
{
	struct decoded d = decode(ESR_STR_W1 & ~ISV);

	(void)state;
	assert_int_equal(d.ret, -1);
	assert_int_equal(d.acc.width, 77);
	assert_int_equal(d.reg, 99);
	/* A load pair: ISV clear, everything else zero. */
	assert_int_equal(decode(ESR_DABT_LOWER | ESR_IL_32 | DFSC_TRANS_L3).ret,
			 -1);
	assert_int_equal(decode(0).ret, -1);
}

static void test_stage1_walk_rejected(void **state)
{
	(void)state;
	assert_int_equal(decode(ESR_STR_W1 | S1PTW).ret, -1);
	assert_int_equal(decode(DABT(S1PTW | SAS(2))).ret, -1);
}

static void test_bits_outside_iss_ignored(void **state)
{
	struct decoded d = decode(ESR_LDRB_W3 | (0xffull << 32));

	(void)state;
	assert_int_equal(d.ret, 0);
	assert_int_equal(d.acc.width, 1);
	assert_int_equal(d.reg, 3);
	/* Another exception class with the same ISS decodes the same way. */
	d = decode((ESR_STR_W1 & 0x1ffffffull) | (0x25ull << 26));
	assert_int_equal(d.ret, 0);
	assert_int_equal(d.acc.width, 4);
}

static void test_load_zero_extends(void **state)
{
	(void)state;
	/* ldrb w: only the low byte, upper bits of the device value dropped. */
	assert_int_equal(load_result(0xffffffffffffff80ull, DABT(SAS(0)), 1),
			 0x80);
	assert_int_equal(load_result(0x123456789abcdef0ull, DABT(SAS(1)), 2),
			 0xdef0);
	/* ldr w: 32 bits, zero-extended into x. */
	assert_int_equal(load_result(0x1ffffffffull, DABT(SAS(2)), 4),
			 0xffffffff);
	assert_int_equal(
		load_result(0xdeadbeefcafef00dull, DABT(SAS(2) | SF), 4),
		0xcafef00d);
	/* ldr x: all 64 bits. */
	assert_int_equal(load_result(0xdeadbeefcafef00dull, ESR_LDR_X30, 8),
			 0xdeadbeefcafef00dull);
}

static void test_load_sign_extends(void **state)
{
	(void)state;
	/* ldrsb w: into 32 bits, the upper half of x stays zero. */
	assert_int_equal(load_result(0x80, DABT(SAS(0) | SSE), 1), 0xffffff80);
	/* ldrsb x */
	assert_int_equal(load_result(0x80, DABT(SAS(0) | SSE | SF), 1),
			 0xffffffffffffff80ull);
	assert_int_equal(load_result(0x7f, DABT(SAS(0) | SSE | SF), 1), 0x7f);
	/* ldrsh x, with garbage above the halfword. */
	assert_int_equal(load_result(0xabcd00000000f00dull, ESR_LDRSH_X5, 2),
			 0xfffffffffffff00dull);
	assert_int_equal(load_result(0xffffffff00007ffdull, ESR_LDRSH_X5, 2),
			 0x7ffd);
	/* ldrsh w */
	assert_int_equal(load_result(0x8000, DABT(SAS(1) | SSE), 2),
			 0xffff8000);
	/* ldrsw x */
	assert_int_equal(load_result(0x80000000, DABT(SAS(2) | SSE | SF), 4),
			 0xffffffff80000000ull);
	assert_int_equal(load_result(0x7fffffff, DABT(SAS(2) | SSE | SF), 4),
			 0x7fffffff);
	/* A 64-bit load has nothing to extend. */
	assert_int_equal(
		load_result(0x8000000000000000ull, DABT(SAS(3) | SSE | SF), 8),
		0x8000000000000000ull);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_real_syndromes),
		cmocka_unit_test(test_widths),
		cmocka_unit_test(test_every_register),
		cmocka_unit_test(test_decode_leaves_offset_and_value),
		cmocka_unit_test(test_no_isv_rejected),
		cmocka_unit_test(test_stage1_walk_rejected),
		cmocka_unit_test(test_bits_outside_iss_ignored),
		cmocka_unit_test(test_load_zero_extends),
		cmocka_unit_test(test_load_sign_extends),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
