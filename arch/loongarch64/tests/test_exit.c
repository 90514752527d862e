// SPDX-License-Identifier: Apache-2.0
/*
 * Host tests of LVZ exit decoding (arch/loongarch64/exit.c): instruction
 * words assembled by hand from the LoongArch manual's formats (and
 * checked against clang-19's LoongArch assembler when written).
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <asm/exit.h>
#include <asm/traps.h>

#define ESTAT(ecode, sub) (((u64)(sub) << 22) | ((u64)(ecode) << 16))

/* 2RI12: opcode 31:22, imm 21:10, rj 9:5, rd 4:0. */
static u32 ri12(u32 op, u32 rd, u32 rj, u32 imm)
{
	return op << 22 | (imm & 0xfff) << 10 | rj << 5 | rd;
}

static void test_loads_and_stores(void **state)
{
	struct la_exit e;

	(void)state;
	/* ld.h $a0, $a1, 8 at a GPA the table does not map */
	assert_int_equal(la_decode_exit(ESTAT(ECODE_PIL, 0),
					ri12(0x0a1, 4, 5, 8), 0x1fe001e8, &e),
			 LA_EXIT_MMIO);
	assert_int_equal(e.width, 2);
	assert_false(e.write);
	assert_true(e.sign_extend);
	assert_int_equal(e.rd, 4);
	assert_int_equal(e.addr, 0x1fe001e8);
	/* st.w $t0, $a0, 0 */
	assert_int_equal(la_decode_exit(ESTAT(ECODE_PIS, 0),
					ri12(0x0a6, 12, 4, 0), 0x1000, &e),
			 LA_EXIT_MMIO);
	assert_int_equal(e.width, 4);
	assert_true(e.write);
	assert_int_equal(e.rd, 12);
	/* ldx.bu $a2, $a0, $a1: 0x38200000 | rk 5 << 10 | rj 4 << 5 | rd 6 */
	assert_true(la_decode_mmio(0x38200000 | 5 << 10 | 4 << 5 | 6, &e));
	assert_int_equal(e.width, 1);
	assert_false(e.sign_extend);
	/* stptr.d $s0, $a0, 0 */
	assert_true(la_decode_mmio(0x27000000 | 4 << 5 | 23, &e));
	assert_int_equal(e.width, 8);
	assert_true(e.write);
}

static void test_direction_must_match(void **state)
{
	struct la_exit e;

	(void)state;
	/* A store reported as a load fault is not emulated. */
	assert_int_equal(la_decode_exit(ESTAT(ECODE_PIL, 0),
					ri12(0x0a7, 4, 5, 0), 0, &e),
			 LA_EXIT_UNKNOWN);
	/* Neither is something that is not a load or store. */
	assert_int_equal(la_decode_exit(ESTAT(ECODE_PIS, 0), 0x002b8000, 0, &e),
			 LA_EXIT_UNKNOWN);
}

static void test_load_result(void **state)
{
	struct la_exit e = { .width = 1, .sign_extend = true };

	(void)state;
	assert_int_equal(la_load_result(&e, 0x1ff), 0xffffffffffffffffull);
	e.sign_extend = false;
	assert_int_equal(la_load_result(&e, 0x1ff), 0xff);
	e.width = 4;
	e.sign_extend = true;
	assert_int_equal(la_load_result(&e, 0x80000000), 0xffffffff80000000ull);
	e.width = 8;
	assert_int_equal(la_load_result(&e, 0x8000000000000000ull),
			 0x8000000000000000ull);
}

static void test_privileged(void **state)
{
	struct la_exit e;

	(void)state;
	/* csrrd $a2, 0x5 (ESTAT): 0x04001406 */
	assert_int_equal(
		la_decode_exit(ESTAT(ECODE_GSPR, 0), 0x04001406, 0, &e),
		LA_EXIT_CSR);
	assert_int_equal(e.csr_op, LA_CSR_READ);
	assert_int_equal(e.num, 5);
	assert_int_equal(e.rd, 6);
	/* csrwr $a1, 0x180 (DMW0): 0x04060025 */
	la_decode_exit(ESTAT(ECODE_GSPR, 0), 0x04060025, 0, &e);
	assert_int_equal(e.csr_op, LA_CSR_WRITE);
	assert_int_equal(e.num, 0x180);
	/* csrxchg $a0, $a2, 0x0: 0x040000c4 */
	la_decode_exit(ESTAT(ECODE_GSPR, 0), 0x040000c4, 0, &e);
	assert_int_equal(e.csr_op, LA_CSR_XCHG);
	assert_int_equal(e.rj, 6);
	/* cpucfg $a3, $a3: 0x00006ce7 */
	assert_int_equal(
		la_decode_exit(ESTAT(ECODE_GSPR, 0), 0x00006ce7, 0, &e),
		LA_EXIT_CPUCFG);
	/* iocsrwr.d $a3, $a2: 0x06481cc7; iocsrrd.w: 0x064808a5 */
	assert_int_equal(
		la_decode_exit(ESTAT(ECODE_GSPR, 0), 0x06481cc7, 0, &e),
		LA_EXIT_IOCSR);
	assert_int_equal(e.width, 8);
	assert_true(e.write);
	la_decode_exit(ESTAT(ECODE_GSPR, 0), 0x064808a5, 0, &e);
	assert_int_equal(e.width, 4);
	assert_false(e.write);
	/* idle 0: 0x06488000 */
	assert_int_equal(
		la_decode_exit(ESTAT(ECODE_GSPR, 0), 0x06488000, 0, &e),
		LA_EXIT_IDLE);
}

static void test_hvc_gcm_interrupt(void **state)
{
	struct la_exit e;

	(void)state;
	assert_int_equal(
		la_decode_exit(ESTAT(ECODE_HVC, 0), 0x002b8000 | 0x42, 0, &e),
		LA_EXIT_HVC);
	assert_int_equal(e.num, 0x42);
	/* A syscall word in BADI is not a hypercall. */
	assert_int_equal(la_decode_exit(ESTAT(ECODE_HVC, 0), 0x002b0000, 0, &e),
			 LA_EXIT_UNKNOWN);
	assert_int_equal(la_decode_exit(ESTAT(ECODE_GCM, 1), 0, 0, &e),
			 LA_EXIT_GCSR_CHANGED);
	assert_int_equal(e.num, 1);
	assert_int_equal(la_decode_exit(ESTAT(ECODE_INT, 0), 0, 0, &e),
			 LA_EXIT_INTERRUPT);
	assert_int_equal(la_decode_exit(ESTAT(ECODE_BRK, 0), 0, 0, &e),
			 LA_EXIT_UNKNOWN);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_loads_and_stores),
		cmocka_unit_test(test_direction_must_match),
		cmocka_unit_test(test_load_result),
		cmocka_unit_test(test_privileged),
		cmocka_unit_test(test_hvc_gcm_interrupt),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
