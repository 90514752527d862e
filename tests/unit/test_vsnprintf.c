// SPDX-License-Identifier: Apache-2.0
/*
 * Host tests of the hypervisor's vsnprintf (src/lib/vsnprintf.c). The
 * build renames it to bh_vsnprintf/bh_snprintf (see meson.build), so
 * snprintf() below is the code under test, never the C library's.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <limits.h>
#include <string.h>
#include <cmocka.h>

#include <bulkhead/printk.h>

#define BUF_SIZE 64

/* Formats into a buffer pre-filled with 'X' and checks text and length. */
#define assert_format(expect, ...)                              \
	do {                                                    \
		char buf_[BUF_SIZE];                            \
		int n_;                                         \
		memset(buf_, 'X', sizeof(buf_));                \
		n_ = snprintf(buf_, sizeof(buf_), __VA_ARGS__); \
		assert_string_equal(buf_, expect);              \
		assert_int_equal(n_, strlen(expect));           \
	} while (0)

/* No format checking: for formats the compiler would rightly reject. */
static int format_unchecked(char *buf, size_t size, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(buf, size, fmt, ap);
	va_end(ap);
	return n;
}

static void test_plain_text(void **state)
{
	char buf[BUF_SIZE];

	(void)state;
	assert_format("hello, world", "hello, world");
	assert_format("100%", "100%%");
	assert_format("%%", "%%%%");
	assert_int_equal(format_unchecked(buf, sizeof(buf), ""), 0);
	assert_string_equal(buf, "");
}

static void test_chars_and_strings(void **state)
{
	(void)state;
	assert_format("A", "%c", 'A');
	assert_format("  A|", "%3c|", 'A');
	assert_format("A  |", "%-3c|", 'A');
	assert_format("hello", "%s", "hello");
	assert_format("   hello|", "%8s|", "hello");
	assert_format("hello   |", "%-8s|", "hello");
	assert_format("hello", "%2s", "hello");
	assert_format("[]", "[%s]", "");
}

static void test_null_string(void **state)
{
	char buf[BUF_SIZE];
	const char *null = NULL;

	(void)state;
	assert_int_equal(format_unchecked(buf, sizeof(buf), "<%s>", null), 8);
	assert_string_equal(buf, "<(null)>");
	assert_int_equal(format_unchecked(buf, sizeof(buf), "%8s|", null), 9);
	assert_string_equal(buf, "  (null)|");
}

static void test_signed_decimal(void **state)
{
	(void)state;
	assert_format("0", "%d", 0);
	assert_format("42 -42", "%d %i", 42, -42);
	assert_format("2147483647", "%d", INT_MAX);
	assert_format("-2147483648", "%d", INT_MIN);
	assert_format("-9223372036854775808", "%ld", LONG_MIN);
	assert_format("-9223372036854775808", "%lld", (long long)INT64_MIN);
	assert_format("9223372036854775807", "%lld", (long long)INT64_MAX);
	assert_format("-1", "%zd", (ptrdiff_t)-1);
}

static void test_unsigned_decimal(void **state)
{
	(void)state;
	assert_format("4294967295", "%u", UINT_MAX);
	assert_format("18446744073709551615", "%lu", ULONG_MAX);
	assert_format("18446744073709551615", "%llu",
		      (unsigned long long)UINT64_MAX);
	assert_format("18446744073709551615", "%zu", SIZE_MAX);
	/* An int argument is not widened by a following long long one. */
	assert_format("7|1099511627776|3", "%u|%llu|%u", 7u, 1ull << 40, 3u);
}

static void test_hex(void **state)
{
	(void)state;
	assert_format("deadbeef", "%x", 0xdeadbeefu);
	assert_format("DEADBEEF", "%X", 0xdeadbeefu);
	assert_format("0x1f", "%#x", 0x1fu);
	assert_format("0X1F", "%#X", 0x1fu);
	assert_format("0xffffffffffffffff", "%#llx", 0xffffffffffffffffull);
	assert_format("0x8000000000000000", "%#llx", 1ull << 63);
	assert_format("0x123456789ab", "%#lx", 0x123456789abul);
	assert_format("0x0", "%#llx", 0ull);
	assert_format("0", "%x", 0u);
}

static void test_width_and_zero_pad(void **state)
{
	(void)state;
	assert_format("0000beef", "%08x", 0xbeefu);
	assert_format("    beef", "%8x", 0xbeefu);
	assert_format("beef    |", "%-8x|", 0xbeefu);
	assert_format("00042", "%05d", 42);
	assert_format("   42", "%5d", 42);
	assert_format("00000", "%05u", 0u);
	assert_format("12345678", "%04d", 12345678);
	assert_format("0000000000000000", "%016llx", 0ull);
}

static void test_negative_with_padding(void **state)
{
	char buf[BUF_SIZE];

	(void)state;
	assert_format("-0042", "%05d", -42);
	assert_format("  -42", "%5d", -42);
	assert_format("-42  |", "%-5d|", -42);
	/* '-' wins over '0': no zeros after the number. */
	assert_int_equal(format_unchecked(buf, sizeof(buf), "%-05d|", -42), 6);
	assert_string_equal(buf, "-42  |");
	assert_format("-12345", "%03d", -12345);
	assert_format("-1", "%02d", -1);
	assert_format("-9223372036854775808", "%020lld", (long long)INT64_MIN);
	assert_format("-009223372036854775808", "%022lld",
		      (long long)INT64_MIN);
	assert_format("   -9223372036854775808", "%23lld",
		      (long long)INT64_MIN);
}

/* The 0x prefix is part of the field, as in C. */
static void test_alternate_form_with_width(void **state)
{
	(void)state;
	assert_format("      0x1f", "%#10x", 0x1fu);
	assert_format("0x0000001f", "%#010x", 0x1fu);
	assert_format("0x1f      |", "%-#10x|", 0x1fu);
	assert_format("  0X1F", "%#6X", 0x1fu);
	assert_format("0x00000000deadbeef", "%#018llx", 0xdeadbeefull);
	assert_format("0x1f", "%#3x", 0x1fu);
}

static void test_pointer(void **state)
{
	(void)state;
	assert_format("0x1234", "%p", (void *)0x1234);
	assert_format("0x0", "%p", NULL);
	assert_format("0xffff800012345678", "%p",
		      (void *)0xffff800012345678ull);
	assert_format("    0x1234|", "%10p|", (void *)0x1234);
	assert_format("0x1234    |", "%-10p|", (void *)0x1234);
}

static void test_length_modifiers_consume_right_size(void **state)
{
	(void)state;
	assert_format("1|-1099511627776|3", "%d|%lld|%d", 1, -(1ll << 40), 3);
	assert_format("1|ffffffffff|x|3", "%d|%lx|%c|%zu", 1, 0xfffffffffful,
		      'x', (size_t)3);
	assert_format("a b c", "%s %s %s", "a", "b", "c");
}

static void test_unknown_and_incomplete_conversions(void **state)
{
	char buf[BUF_SIZE];

	(void)state;
	/* An unknown conversion prints itself and consumes no argument. */
	assert_int_equal(format_unchecked(buf, sizeof(buf), "%q%d", 5), 2);
	assert_string_equal(buf, "q5");
	/* A lone '%' (with or without flags) at the end ends the output. */
	assert_int_equal(format_unchecked(buf, sizeof(buf), "abc%"), 3);
	assert_string_equal(buf, "abc");
	assert_int_equal(format_unchecked(buf, sizeof(buf), "abc%08l"), 3);
	assert_string_equal(buf, "abc");
}

static void test_truncation_size_0(void **state)
{
	char buf[8];

	(void)state;
	memset(buf, 'X', sizeof(buf));
	assert_int_equal(snprintf(buf, 0, "hello %d", 42), 8);
	assert_memory_equal(buf, "XXXXXXXX", 8);
	assert_int_equal(snprintf(NULL, 0, "%s", "measure me"), 10);
}

static void test_truncation_size_1(void **state)
{
	char buf[8];

	(void)state;
	memset(buf, 'X', sizeof(buf));
	assert_int_equal(snprintf(buf, 1, "hello"), 5);
	assert_memory_equal(buf, "\0XXXXXXX", 8);
}

static void test_truncation_size_n(void **state)
{
	char buf[16];

	(void)state;
	memset(buf, 'X', sizeof(buf));
	assert_int_equal(snprintf(buf, 6, "hello world"), 11);
	assert_memory_equal(buf, "hello\0XXXX", 10);

	/* Exactly one byte short: the last character gives way to the NUL. */
	memset(buf, 'X', sizeof(buf));
	assert_int_equal(snprintf(buf, 5, "%s", "hello"), 5);
	assert_memory_equal(buf, "hell\0XXX", 8);

	memset(buf, 'X', sizeof(buf));
	assert_int_equal(snprintf(buf, 6, "%s", "hello"), 5);
	assert_memory_equal(buf, "hello\0XX", 8);
}

static void test_truncation_inside_conversion(void **state)
{
	char buf[16];

	(void)state;
	memset(buf, 'X', sizeof(buf));
	assert_int_equal(snprintf(buf, 4, "%08x", 0xbeefu), 8);
	assert_memory_equal(buf, "000\0X", 5);

	memset(buf, 'X', sizeof(buf));
	assert_int_equal(snprintf(buf, 3, "%d", -12345), 6);
	assert_memory_equal(buf, "-1\0X", 4);

	memset(buf, 'X', sizeof(buf));
	assert_int_equal(snprintf(buf, 2, "%#llx", 0xabcull), 5);
	assert_memory_equal(buf, "0\0X", 3);

	memset(buf, 'X', sizeof(buf));
	assert_int_equal(snprintf(buf, 5, "%-6s|", "ab"), 7);
	assert_memory_equal(buf, "ab  \0X", 6);
}

static void test_long_output_length(void **state)
{
	char buf[8];

	(void)state;
	/* The returned length counts padding never written. */
	assert_int_equal(snprintf(buf, sizeof(buf), "%200d", 1), 200);
	assert_string_equal(buf, "       ");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_plain_text),
		cmocka_unit_test(test_chars_and_strings),
		cmocka_unit_test(test_null_string),
		cmocka_unit_test(test_signed_decimal),
		cmocka_unit_test(test_unsigned_decimal),
		cmocka_unit_test(test_hex),
		cmocka_unit_test(test_width_and_zero_pad),
		cmocka_unit_test(test_negative_with_padding),
		cmocka_unit_test(test_alternate_form_with_width),
		cmocka_unit_test(test_pointer),
		cmocka_unit_test(test_length_modifiers_consume_right_size),
		cmocka_unit_test(test_unknown_and_incomplete_conversions),
		cmocka_unit_test(test_truncation_size_0),
		cmocka_unit_test(test_truncation_size_1),
		cmocka_unit_test(test_truncation_size_n),
		cmocka_unit_test(test_truncation_inside_conversion),
		cmocka_unit_test(test_long_output_length),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
