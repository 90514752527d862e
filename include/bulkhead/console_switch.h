/* SPDX-License-Identifier: Apache-2.0 */
/*
 * The console's focus switch, as a pure state machine over input
 * characters: Ctrl-] then a zone id in decimal moves the focus. The id
 * ends as soon as it can name no longer zone id (so `Ctrl-] 1` switches at
 * once unless a zone 10..19 exists), or at Enter (swallowed) or any other
 * non-digit (then handled as ordinary input). Ctrl-] twice sends one.
 */
#ifndef BULKHEAD_CONSOLE_SWITCH_H
#define BULKHEAD_CONSOLE_SWITCH_H

#include <bulkhead/types.h>

#define CONSOLE_ESCAPE 0x1d /* Ctrl-] */

struct console_switch {
	u8 state; /* CSW_IDLE, CSW_ESCAPE or CSW_NUMBER */
	u64 id; /* the digits typed so far */
	const u32 *ids; /* the zone ids that may take the focus */
	u32 nr_ids;
};

enum console_switch_action {
	CSW_PASS, /* give the character to the focused zone */
	CSW_TAKEN, /* the character was part of a switch */
	CSW_FOCUS, /* focus zone ->id; the character is used up */
	CSW_FOCUS_AND_REFEED, /* focus zone ->id, then feed the character again */
};

void console_switch_init(struct console_switch *sw, const u32 *ids, u32 nr_ids);
enum console_switch_action console_switch_feed(struct console_switch *sw,
					       char c);

#endif
