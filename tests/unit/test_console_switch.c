// SPDX-License-Identifier: Apache-2.0
/*
 * Host tests of the console focus switch (src/console_switch.c): Ctrl-]
 * and a zone id, with ids of one and of several digits.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <bulkhead/console_switch.h>

#define ESC ((char)CONSOLE_ESCAPE)

static struct console_switch sw;

static enum console_switch_action feed(char c)
{
	return console_switch_feed(&sw, c);
}

static void test_plain_input_passes(void **state)
{
	static const u32 ids[] = { 0, 1 };

	(void)state;
	console_switch_init(&sw, ids, 2);
	assert_int_equal(feed('a'), CSW_PASS);
	assert_int_equal(feed('1'), CSW_PASS);
	assert_int_equal(feed('\r'), CSW_PASS);
}

/* With only single-digit ids, one digit switches at once, as always. */
static void test_single_digit_switches_at_once(void **state)
{
	static const u32 ids[] = { 0, 1, 2 };

	(void)state;
	console_switch_init(&sw, ids, 3);
	assert_int_equal(feed(ESC), CSW_TAKEN);
	assert_int_equal(feed('1'), CSW_FOCUS);
	assert_int_equal(sw.id, 1);
	/* The next digit is input again. */
	assert_int_equal(feed('2'), CSW_PASS);
	/* An id nobody has still ends at once (the caller reports it). */
	assert_int_equal(feed(ESC), CSW_TAKEN);
	assert_int_equal(feed('7'), CSW_FOCUS);
	assert_int_equal(sw.id, 7);
}

static void test_escape_twice_sends_one(void **state)
{
	static const u32 ids[] = { 0, 1 };

	(void)state;
	console_switch_init(&sw, ids, 2);
	assert_int_equal(feed(ESC), CSW_TAKEN);
	assert_int_equal(feed(ESC), CSW_PASS);
	assert_int_equal(feed('x'), CSW_PASS);
	assert_int_equal(feed(ESC), CSW_TAKEN);
	assert_int_equal(feed('x'), CSW_PASS); /* not a digit: sent */
}

/* Ctrl-] 1 2 reaches zone 12, not zone 1 followed by a typed '2'. */
static void test_two_digit_id(void **state)
{
	static const u32 ids[] = { 0, 1, 12 };

	(void)state;
	console_switch_init(&sw, ids, 3);
	assert_int_equal(feed(ESC), CSW_TAKEN);
	assert_int_equal(feed('1'), CSW_TAKEN); /* could be 1 or 12 */
	assert_int_equal(feed('2'), CSW_FOCUS);
	assert_int_equal(sw.id, 12);
	assert_int_equal(feed('2'), CSW_PASS);
	/* Unambiguous single digits are unaffected by zone 12. */
	assert_int_equal(feed(ESC), CSW_TAKEN);
	assert_int_equal(feed('0'), CSW_FOCUS);
	assert_int_equal(sw.id, 0);
	/* A digit that leaves no longer id ends the number: 13 is nobody's. */
	assert_int_equal(feed(ESC), CSW_TAKEN);
	assert_int_equal(feed('1'), CSW_TAKEN);
	assert_int_equal(feed('3'), CSW_FOCUS);
	assert_int_equal(sw.id, 13);
}

/* Enter ends an ambiguous number and is used up; another key is kept. */
static void test_prefix_ended_by_enter_or_other_key(void **state)
{
	static const u32 ids[] = { 1, 10, 100 };

	(void)state;
	console_switch_init(&sw, ids, 3);
	assert_int_equal(feed(ESC), CSW_TAKEN);
	assert_int_equal(feed('1'), CSW_TAKEN);
	assert_int_equal(feed('\r'), CSW_FOCUS);
	assert_int_equal(sw.id, 1);
	assert_int_equal(feed('\r'), CSW_PASS);

	assert_int_equal(feed(ESC), CSW_TAKEN);
	assert_int_equal(feed('1'), CSW_TAKEN);
	assert_int_equal(feed('0'), CSW_TAKEN); /* 10 or 100 */
	assert_int_equal(feed('x'), CSW_FOCUS_AND_REFEED);
	assert_int_equal(sw.id, 10);
	assert_int_equal(feed('x'), CSW_PASS); /* the refeed: input */

	assert_int_equal(feed(ESC), CSW_TAKEN);
	assert_int_equal(feed('1'), CSW_TAKEN);
	assert_int_equal(feed('0'), CSW_TAKEN);
	assert_int_equal(feed('0'), CSW_FOCUS);
	assert_int_equal(sw.id, 100);

	/* A Ctrl-] ending a number starts the next switch on its refeed. */
	assert_int_equal(feed(ESC), CSW_TAKEN);
	assert_int_equal(feed('1'), CSW_TAKEN);
	assert_int_equal(feed(ESC), CSW_FOCUS_AND_REFEED);
	assert_int_equal(feed(ESC), CSW_TAKEN);
	assert_int_equal(feed('1'), CSW_TAKEN);
	assert_int_equal(feed('\n'), CSW_FOCUS);
}

/* "0" is nobody's prefix; the largest ids do not overflow the number. */
static void test_zero_and_large_ids(void **state)
{
	static const u32 ids[] = { 0, 4294967295u };

	(void)state;
	console_switch_init(&sw, ids, 2);
	assert_int_equal(feed(ESC), CSW_TAKEN);
	assert_int_equal(feed('0'), CSW_FOCUS);
	assert_int_equal(sw.id, 0);
	assert_int_equal(feed(ESC), CSW_TAKEN);
	for (const char *d = "429496729"; *d; d++)
		assert_int_equal(feed(*d), CSW_TAKEN);
	assert_int_equal(feed('5'), CSW_FOCUS);
	assert_int_equal(sw.id, 4294967295u);
	assert_int_equal(feed(ESC), CSW_TAKEN);
	for (const char *d = "429496729"; *d; d++)
		assert_int_equal(feed(*d), CSW_TAKEN);
	assert_int_equal(feed('9'), CSW_FOCUS);
	assert_int_equal(sw.id, 4294967299ull); /* reported as no such zone */
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_plain_input_passes),
		cmocka_unit_test(test_single_digit_switches_at_once),
		cmocka_unit_test(test_escape_twice_sends_one),
		cmocka_unit_test(test_two_digit_id),
		cmocka_unit_test(test_prefix_ended_by_enter_or_other_key),
		cmocka_unit_test(test_zero_and_large_ids),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
