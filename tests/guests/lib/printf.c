// SPDX-License-Identifier: Apache-2.0
/*
 * A small printf for the hypercall console: %d %i %u %x %X %p %s %c %%,
 * length modifiers l, ll, z, a field width and the '0' and '-' flags.
 * Unknown conversions are printed as written so a bad format shows up in
 * the log instead of silently eating arguments.
 */
#include <stdbool.h>
#include <stdint.h>

#include <guest/console.h>

enum fmt_length { LEN_INT, LEN_LONG, LEN_LLONG, LEN_SIZE };

struct fmt_spec {
	unsigned int width;
	bool zero_pad;
	bool left_align;
	enum fmt_length length;
};

static void emit_padding(char pad, unsigned int n, int *count)
{
	while (n--) {
		console_putc(pad);
		(*count)++;
	}
}

static void emit_text(const char *s, unsigned int len, int *count)
{
	unsigned int i;

	for (i = 0; i < len; i++)
		console_putc(s[i]);
	*count += len;
}

/* Text of @len chars padded with spaces to the field width. */
static void emit_field(const char *s, unsigned int len,
		       const struct fmt_spec *spec, int *count)
{
	unsigned int pad = spec->width > len ? spec->width - len : 0;

	if (!spec->left_align)
		emit_padding(' ', pad, count);
	emit_text(s, len, count);
	if (spec->left_align)
		emit_padding(' ', pad, count);
}

static void emit_number(unsigned long long val, unsigned int base,
			bool negative, bool upper, const struct fmt_spec *spec,
			int *count)
{
	const char *digits = upper ? "0123456789ABCDEF" : "0123456789abcdef";
	char buf[24];
	unsigned int len = 0, total, pad;

	do {
		buf[sizeof(buf) - ++len] = digits[val % base];
		val /= base;
	} while (val);
	total = len + negative;
	pad = spec->width > total ? spec->width - total : 0;

	if (spec->left_align) {
		emit_text("-", negative, count);
		emit_text(buf + sizeof(buf) - len, len, count);
		emit_padding(' ', pad, count);
	} else if (spec->zero_pad) {
		emit_text("-", negative, count);
		emit_padding('0', pad, count);
		emit_text(buf + sizeof(buf) - len, len, count);
	} else {
		emit_padding(' ', pad, count);
		emit_text("-", negative, count);
		emit_text(buf + sizeof(buf) - len, len, count);
	}
}

static const char *parse_spec(const char *fmt, struct fmt_spec *spec)
{
	*spec = (struct fmt_spec){ 0 };
	for (;; fmt++) {
		if (*fmt == '0')
			spec->zero_pad = true;
		else if (*fmt == '-')
			spec->left_align = true;
		else
			break;
	}
	while (*fmt >= '0' && *fmt <= '9' && spec->width < 1000)
		spec->width = spec->width * 10 + (unsigned int)(*fmt++ - '0');
	if (*fmt == 'z') {
		spec->length = LEN_SIZE;
		fmt++;
	} else if (*fmt == 'l') {
		spec->length = LEN_LONG;
		if (*++fmt == 'l') {
			spec->length = LEN_LLONG;
			fmt++;
		}
	}
	return fmt;
}

static unsigned long long arg_unsigned(enum fmt_length length, va_list *ap)
{
	switch (length) {
	case LEN_LONG:
		return va_arg(*ap, unsigned long);
	case LEN_LLONG:
		return va_arg(*ap, unsigned long long);
	case LEN_SIZE:
		return va_arg(*ap, size_t);
	default:
		return va_arg(*ap, unsigned int);
	}
}

static long long arg_signed(enum fmt_length length, va_list *ap)
{
	switch (length) {
	case LEN_LONG:
		return va_arg(*ap, long);
	case LEN_LLONG:
		return va_arg(*ap, long long);
	case LEN_SIZE:
		return (long long)va_arg(*ap, size_t);
	default:
		return va_arg(*ap, int);
	}
}

static void emit_signed(long long val, const struct fmt_spec *spec, int *count)
{
	/* Negate in unsigned arithmetic: -LLONG_MIN does not exist. */
	unsigned long long mag = val < 0 ? 0ull - (unsigned long long)val :
					   (unsigned long long)val;

	emit_number(mag, 10, val < 0, false, spec, count);
}

static void emit_string(const char *s, const struct fmt_spec *spec, int *count)
{
	unsigned int len = 0;

	if (!s)
		s = "(null)";
	while (s[len])
		len++;
	emit_field(s, len, spec, count);
}

static void emit_pointer(const void *p, int *count)
{
	struct fmt_spec spec = { .width = 16, .zero_pad = true };

	emit_text("0x", 2, count);
	emit_number((uintptr_t)p, 16, false, false, &spec, count);
}

/* Emits conversion @conv; returns false for one it does not know. */
static bool emit_conversion(char conv, const struct fmt_spec *spec, va_list *ap,
			    int *count)
{
	char c;

	switch (conv) {
	case 'd':
	case 'i':
		emit_signed(arg_signed(spec->length, ap), spec, count);
		return true;
	case 'u':
		emit_number(arg_unsigned(spec->length, ap), 10, false, false,
			    spec, count);
		return true;
	case 'x':
	case 'X':
		emit_number(arg_unsigned(spec->length, ap), 16, false,
			    conv == 'X', spec, count);
		return true;
	case 'p':
		emit_pointer(va_arg(*ap, const void *), count);
		return true;
	case 's':
		emit_string(va_arg(*ap, const char *), spec, count);
		return true;
	case 'c':
		c = (char)va_arg(*ap, int);
		emit_field(&c, 1, spec, count);
		return true;
	case '%':
		emit_text("%", 1, count);
		return true;
	default:
		return false;
	}
}

int vprintf(const char *fmt, va_list ap)
{
	struct fmt_spec spec;
	const char *start;
	int count = 0;
	va_list args;

	va_copy(args, ap);
	while (*fmt) {
		if (*fmt != '%') {
			console_putc(*fmt++);
			count++;
			continue;
		}
		start = fmt;
		fmt = parse_spec(fmt + 1, &spec);
		if (*fmt && emit_conversion(*fmt, &spec, &args, &count)) {
			fmt++;
			continue;
		}
		/* Unknown or truncated: print the directive itself. */
		emit_text(start, (unsigned int)(fmt - start), &count);
	}
	va_end(args);
	return count;
}

int printf(const char *fmt, ...)
{
	va_list ap;
	int count;

	va_start(ap, fmt);
	count = vprintf(fmt, ap);
	va_end(ap);
	return count;
}
