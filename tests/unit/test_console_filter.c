// SPDX-License-Identifier: Apache-2.0
/*
 * Host tests of the zone console output filter (src/console_filter.c):
 * C0 and C1 controls in 7-bit, 8-bit and UTF-8 form never pass.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include <bulkhead/console_filter.h>

/* What the terminal gets for @in (of @len bytes), as a C string. */
static const char *filtered(const char *in, size_t len)
{
	static char buf[256];
	struct console_filter f = { 0 };
	u8 out[CONSOLE_FILTER_MAX];
	size_t n = 0;

	for (size_t i = 0; i < len; i++) {
		u32 got = console_filter_feed(&f, (u8)in[i], out);

		memcpy(&buf[n], out, got);
		n += got;
	}
	buf[n] = 0;
	return buf;
}

#define FILTERED(s) filtered(s, sizeof(s) - 1)

static void test_printable_tab_newline_pass(void **state)
{
	(void)state;
	assert_string_equal(FILTERED("a b\t~\n"), "a b\t~\n");
}

static void test_c0_and_del_dropped(void **state)
{
	(void)state;
	assert_string_equal(FILTERED("a\x07\x08\r\x7f\x01z"), "az");
}

static void test_escape_sequences_dropped_whole(void **state)
{
	(void)state;
	assert_string_equal(FILTERED("a\x1b[2Jb\x1b"
				     "cd"),
			    "abd");
}

static void test_8bit_c1_dropped(void **state)
{
	(void)state;
	/* CSI, OSC, NEL and the rest of 0x80-0x9f */
	assert_string_equal(FILTERED("a\x9b"
				     "2Jb\x9d"
				     "0;x\x9c\x85\x80\x9f"
				     "c"),
			    "a2Jb0;xc");
}

static void test_utf8_c1_dropped(void **state)
{
	(void)state;
	assert_string_equal(FILTERED("a\xc2\x9b"
				     "2J\xc2\x80\xc2\x9f"
				     "b"),
			    "a2Jb");
	/* The overlong forms of a C1 control or of ESC. */
	assert_string_equal(FILTERED("a\xe0\x82\x9b\xc1\x9b\xc0\x9b"
				     "b"),
			    "ab");
}

static void test_utf8_text_passes(void **state)
{
	(void)state;
	/* U+00A0, e acute, the euro sign (0x82 inside it), an emoji */
	assert_string_equal(
		FILTERED("\xc2\xa0\xc3\xa9\xe2\x82\xac\xf0\x9f\x98\x80"),
		"\xc2\xa0\xc3\xa9\xe2\x82\xac\xf0\x9f\x98\x80");
}

static void test_bad_utf8_dropped(void **state)
{
	(void)state;
	/* Unfinished, surrogate, beyond U+10FFFF, an impossible lead. */
	assert_string_equal(FILTERED("a\xe2\x82"
				     "b\xed\xa0\x80\xf4\x90\x80\x80\xff"
				     "c"),
			    "abc");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_printable_tab_newline_pass),
		cmocka_unit_test(test_c0_and_del_dropped),
		cmocka_unit_test(test_escape_sequences_dropped_whole),
		cmocka_unit_test(test_8bit_c1_dropped),
		cmocka_unit_test(test_utf8_c1_dropped),
		cmocka_unit_test(test_utf8_text_passes),
		cmocka_unit_test(test_bad_utf8_dropped),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
