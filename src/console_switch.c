// SPDX-License-Identifier: Apache-2.0
/* Parses `Ctrl-] <zone id>` out of console input (console_switch.h). */
#include <bulkhead/console_switch.h>

enum { CSW_IDLE, CSW_ESCAPE, CSW_NUMBER };

void console_switch_init(struct console_switch *sw, const u32 *ids, u32 nr_ids)
{
	sw->state = CSW_IDLE;
	sw->id = 0;
	sw->ids = ids;
	sw->nr_ids = nr_ids;
}

/* Is the decimal @typed the start of a longer id (never "0...": no id is)? */
static bool starts_longer_id(const struct console_switch *sw, u64 typed)
{
	for (u32 i = 0; typed && i < sw->nr_ids; i++)
		for (u64 id = sw->ids[i] / 10; id >= typed; id /= 10)
			if (id == typed)
				return true;
	return false;
}

static enum console_switch_action add_digit(struct console_switch *sw, char c)
{
	sw->id = sw->id * 10 + (u64)(c - '0');
	if (starts_longer_id(sw, sw->id)) {
		sw->state = CSW_NUMBER;
		return CSW_TAKEN;
	}
	sw->state = CSW_IDLE;
	return CSW_FOCUS;
}

static bool is_digit(char c)
{
	return c >= '0' && c <= '9';
}

enum console_switch_action console_switch_feed(struct console_switch *sw,
					       char c)
{
	switch (sw->state) {
	case CSW_ESCAPE:
		sw->state = CSW_IDLE;
		if (!is_digit(c))
			return CSW_PASS; /* Ctrl-] Ctrl-] sends one */
		sw->id = 0;
		return add_digit(sw, c);
	case CSW_NUMBER:
		if (is_digit(c))
			return add_digit(sw, c);
		sw->state = CSW_IDLE;
		return c == '\r' || c == '\n' ? CSW_FOCUS :
						CSW_FOCUS_AND_REFEED;
	default:
		if (c != CONSOLE_ESCAPE)
			return CSW_PASS;
		sw->state = CSW_ESCAPE;
		return CSW_TAKEN;
	}
}
