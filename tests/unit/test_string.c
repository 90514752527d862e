// SPDX-License-Identifier: Apache-2.0
/*
 * Host tests of src/lib/string.c. The build renames its functions to
 * bh_memset() and so on (see meson.build): the calls below reach the code
 * under test, not the C library or a compiler builtin.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <bulkhead/string.h>

static void test_memset(void **state)
{
	u8 buf[16] = { 0 };

	(void)state;
	assert_ptr_equal(memset(buf + 2, 0x1ab, 5), buf + 2);
	/* Only the low byte of c is stored, only n bytes are written. */
	assert_memory_equal(buf, "\0\0\xab\xab\xab\xab\xab\0\0", 9);
	assert_ptr_equal(memset(buf, 0x55, 0), buf);
	assert_int_equal(buf[0], 0);
}

static void test_memcpy(void **state)
{
	u8 dst[12];
	const u8 src[8] = { 1, 2, 3, 4, 5, 6, 7, 8 };

	(void)state;
	for (size_t i = 0; i < sizeof(dst); i++)
		dst[i] = 0xee;
	assert_ptr_equal(memcpy(dst + 1, src, sizeof(src)), dst + 1);
	assert_memory_equal(dst, "\xee\1\2\3\4\5\6\7\x08\xee", 10);
	assert_ptr_equal(memcpy(dst, NULL, 0), dst);
	assert_int_equal(dst[0], 0xee);
}

static void test_memcmp(void **state)
{
	(void)state;
	assert_int_equal(memcmp("abc", "abc", 3), 0);
	assert_int_equal(memcmp("abcx", "abcy", 3), 0);
	assert_int_equal(memcmp("abc", "abd", 0), 0);
	assert_true(memcmp("abc", "abd", 3) < 0);
	assert_true(memcmp("abd", "abc", 3) > 0);
	/* Bytes compare as unsigned: 0x80 is greater than 0x7f. */
	assert_true(memcmp("\x80", "\x7f", 1) > 0);
	assert_true(memcmp("\x01", "\xff", 1) < 0);
	assert_int_equal(memcmp("\x10", "\x01", 1), 0x0f);
}

static void test_strlen(void **state)
{
	const char s[] = "ab\0cd";

	(void)state;
	assert_int_equal(strlen(""), 0);
	assert_int_equal(strlen("a"), 1);
	assert_int_equal(strlen(s), 2);
	assert_int_equal(strlen(s + 3), 2);
	assert_int_equal(strlen("bulkhead,hvinfo"), 15);
}

static void test_strcmp(void **state)
{
	(void)state;
	assert_int_equal(strcmp("", ""), 0);
	assert_int_equal(strcmp("bulkhead,hvinfo", "bulkhead,hvinfo"), 0);
	assert_true(strcmp("abc", "abd") < 0);
	assert_true(strcmp("abd", "abc") > 0);
	/* A prefix sorts first. */
	assert_true(strcmp("abc", "abcd") < 0);
	assert_true(strcmp("abcd", "abc") > 0);
	assert_true(strcmp("", "a") < 0);
	/* Characters compare as unsigned char, as in C. */
	assert_true(strcmp("\xe9", "e") > 0);
	assert_true(strcmp("a", "\xff") < 0);
	assert_int_equal(strcmp("b", "a"), 1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_memset), cmocka_unit_test(test_memcpy),
		cmocka_unit_test(test_memcmp), cmocka_unit_test(test_strlen),
		cmocka_unit_test(test_strcmp),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
