/* SPDX-License-Identifier: Apache-2.0 */
/*
 * What of a zone's console output may reach the operator's terminal, as a
 * pure state machine over output bytes. Printable ASCII, tab and newline
 * pass; every other C0 control, DEL and the C1 controls are dropped, in
 * their 8-bit form (0x80-0x9f) and UTF-8-encoded (U+0080-U+009F); so are
 * ESC sequences whole, and UTF-8 that is malformed, overlong or incomplete
 * (a terminal may read those as C1 controls). Well-formed UTF-8 for other
 * characters passes a whole character at a time.
 */
#ifndef BULKHEAD_CONSOLE_FILTER_H
#define BULKHEAD_CONSOLE_FILTER_H

#include <bulkhead/types.h>

/* The longest character the filter passes at once (UTF-8: 4 bytes). */
#define CONSOLE_FILTER_MAX 4

struct console_filter {
	u8 esc; /* position in an escape sequence being dropped */
	u8 seq[CONSOLE_FILTER_MAX]; /* the UTF-8 character being collected */
	u8 seq_len; /* bytes of it collected so far */
	u8 seq_need; /* bytes it has in all (0: none being collected) */
};

/*
 * Feeds one output byte; returns how many bytes (0..CONSOLE_FILTER_MAX)
 * the terminal gets, stored in out. A newline comes back as '\n'.
 */
u32 console_filter_feed(struct console_filter *f, u8 c,
			u8 out[CONSOLE_FILTER_MAX]);

#endif
