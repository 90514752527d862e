// SPDX-License-Identifier: Apache-2.0
/*
 * A small vsnprintf: %c %s %d %i %u %x %X %p %%, flags '0', '-' and '#', a
 * field width, and the l, ll, z length modifiers. Always NUL-terminates
 * (when size > 0) and returns the length the full output would have had.
 */
#include <bulkhead/printk.h>
#include <bulkhead/string.h>

struct outbuf {
	char *buf;
	size_t size;
	size_t len;
};

struct spec {
	bool zero_pad;
	bool left;
	bool alt; /* '#': 0x prefix on hex */
	unsigned int width;
	unsigned int lng; /* 0: int, 1: long, 2: long long / size_t */
};

static void out_char(struct outbuf *o, char c)
{
	if (o->len + 1 < o->size)
		o->buf[o->len] = c;
	o->len++;
}

static void out_padded(struct outbuf *o, const char *s, size_t n,
		       const struct spec *sp, char pad)
{
	size_t fill = sp->width > n ? sp->width - n : 0;

	if (!sp->left)
		while (fill--)
			out_char(o, pad);
	while (n--)
		out_char(o, *s++);
	if (sp->left)
		while (fill--)
			out_char(o, ' ');
}

/*
 * The prefix ("-", "0x" or "0X") counts towards the field width and goes
 * before zero padding but after space padding, as in C.
 */
static void out_number(struct outbuf *o, u64 v, const char *prefix,
		       unsigned int base, bool upper, const struct spec *sp)
{
	const char *digits = upper ? "0123456789ABCDEF" : "0123456789abcdef";
	size_t plen = strlen(prefix);
	char tmp[24];
	int i = sizeof(tmp);

	do {
		tmp[--i] = digits[v % base];
		v /= base;
	} while (v);
	if (sp->zero_pad && !sp->left) {
		struct spec rest = *sp;

		while (*prefix)
			out_char(o, *prefix++);
		rest.width = sp->width > plen ? sp->width - plen : 0;
		out_padded(o, tmp + i, sizeof(tmp) - i, &rest, '0');
		return;
	}
	while (plen)
		tmp[--i] = prefix[--plen];
	out_padded(o, tmp + i, sizeof(tmp) - i, sp, ' ');
}

static const char *parse_spec(const char *fmt, struct spec *sp)
{
	*sp = (struct spec){ 0 };
	for (;; fmt++) {
		if (*fmt == '0')
			sp->zero_pad = true;
		else if (*fmt == '-')
			sp->left = true;
		else if (*fmt == '#')
			sp->alt = true;
		else
			break;
	}
	while (*fmt >= '0' && *fmt <= '9')
		sp->width = sp->width * 10 + (*fmt++ - '0');
	while (*fmt == 'l' || *fmt == 'z') {
		sp->lng += *fmt == 'z' ? 2 : 1;
		fmt++;
	}
	return fmt;
}

static u64 arg_unsigned(va_list *ap, unsigned int lng)
{
	if (lng >= 2)
		return va_arg(*ap, unsigned long long);
	if (lng == 1)
		return va_arg(*ap, unsigned long);
	return va_arg(*ap, unsigned int);
}

static s64 arg_signed(va_list *ap, unsigned int lng)
{
	if (lng >= 2)
		return va_arg(*ap, long long);
	if (lng == 1)
		return va_arg(*ap, long);
	return va_arg(*ap, int);
}

static void format_one(struct outbuf *o, char conv, struct spec *sp,
		       va_list *ap)
{
	const char *s;
	s64 sv;
	char c;

	switch (conv) {
	case 'c':
		c = (char)va_arg(*ap, int);
		out_padded(o, &c, 1, sp, ' ');
		break;
	case 's':
		s = va_arg(*ap, const char *);
		if (!s)
			s = "(null)";
		out_padded(o, s, strlen(s), sp, ' ');
		break;
	case 'd':
	case 'i':
		sv = arg_signed(ap, sp->lng);
		out_number(o, sv < 0 ? -(u64)sv : (u64)sv, sv < 0 ? "-" : "",
			   10, false, sp);
		break;
	case 'u':
		out_number(o, arg_unsigned(ap, sp->lng), "", 10, false, sp);
		break;
	case 'x':
	case 'X':
		out_number(o, arg_unsigned(ap, sp->lng),
			   sp->alt ? (conv == 'X' ? "0X" : "0x") : "", 16,
			   conv == 'X', sp);
		break;
	case 'p':
		out_number(o, (u64)(uintptr_t)va_arg(*ap, void *), "0x", 16,
			   false, sp);
		break;
	default: /* '%' and unknown conversions print themselves */
		out_char(o, conv);
		break;
	}
}

int vsnprintf(char *buf, size_t size, const char *fmt, va_list ap)
{
	struct outbuf o = { buf, size, 0 };
	struct spec sp;
	va_list aq;

	va_copy(aq, ap);
	while (*fmt) {
		if (*fmt != '%') {
			out_char(&o, *fmt++);
			continue;
		}
		fmt = parse_spec(fmt + 1, &sp);
		if (!*fmt)
			break;
		format_one(&o, *fmt++, &sp, &aq);
	}
	va_end(aq);
	if (size)
		buf[o.len < size ? o.len : size - 1] = '\0';
	return (int)o.len;
}

int snprintf(char *buf, size_t size, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(buf, size, fmt, ap);
	va_end(ap);
	return n;
}
