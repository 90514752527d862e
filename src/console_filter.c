// SPDX-License-Identifier: Apache-2.0
/*
 * The zone console output filter (console_filter.h): a zone must not drive
 * the operator's terminal, in 7-bit, 8-bit or UTF-8 form.
 */
#include <bulkhead/console_filter.h>

#define ESC 0x1b

/*
 * Terminal escape sequences (ESC x, ESC [ params final) are dropped whole:
 * their printable remains (busybox's "[6n" cursor query) are noise.
 */
static bool in_escape(struct console_filter *f, u8 c)
{
	switch (f->esc) {
	case 1: /* after ESC */
		f->esc = c == '[' ? 2 : 0;
		return true;
	case 2: /* inside CSI: ends with a byte 0x40-0x7e */
		if (c >= 0x40 && c <= 0x7e)
			f->esc = 0;
		return true;
	default:
		f->esc = c == ESC;
		return f->esc;
	}
}

/* Bytes in the UTF-8 character a lead byte starts; 0 if it starts none. */
static u8 utf8_length(u8 lead)
{
	if (lead >= 0xc2 && lead <= 0xdf)
		return 2; /* 0xc0 and 0xc1 only start overlong forms */
	if (lead >= 0xe0 && lead <= 0xef)
		return 3;
	if (lead >= 0xf0 && lead <= 0xf4)
		return 4;
	return 0;
}

/*
 * A complete character may pass unless it is a C1 control, overlong, a
 * surrogate or beyond U+10FFFF.
 */
static bool utf8_acceptable(const struct console_filter *f)
{
	static const u32 least[] = { 0, 0, 0x80, 0x800, 0x10000 };
	u32 cp = f->seq[0] & (0x7f >> f->seq_len);

	for (u32 i = 1; i < f->seq_len; i++)
		cp = cp << 6 | (f->seq[i] & 0x3f);
	if (cp < least[f->seq_len] || cp > 0x10ffff)
		return false;
	if (cp >= 0xd800 && cp <= 0xdfff)
		return false;
	return cp > 0x9f; /* U+0080-U+009F are the C1 controls */
}

/* A byte 0x80 or above: part of a UTF-8 character, or dropped. */
static u32 feed_utf8(struct console_filter *f, u8 c, u8 *out)
{
	bool continuation = (c & 0xc0) == 0x80;

	if (f->seq_need && !continuation)
		f->seq_need = 0; /* an unfinished character is dropped */
	if (!f->seq_need) {
		f->seq_need = utf8_length(c);
		f->seq_len = 0;
		if (!f->seq_need)
			return 0; /* a stray continuation: 8-bit C1 among them */
	}
	f->seq[f->seq_len++] = c;
	if (f->seq_len < f->seq_need)
		return 0;
	f->seq_need = 0;
	if (!utf8_acceptable(f))
		return 0;
	for (u32 i = 0; i < f->seq_len; i++)
		out[i] = f->seq[i];
	return f->seq_len;
}

u32 console_filter_feed(struct console_filter *f, u8 c,
			u8 out[CONSOLE_FILTER_MAX])
{
	if (c >= 0x80 && !f->esc)
		return feed_utf8(f, c, out);
	f->seq_need = 0; /* ASCII ends an unfinished character */
	if (in_escape(f, c))
		return 0;
	if (c == '\n' || c == '\t' || (c >= 0x20 && c < 0x7f)) {
		out[0] = c;
		return 1;
	}
	return 0;
}
