// SPDX-License-Identifier: Apache-2.0
/*
 * Diagnostics are collected rather than printed so that the library part
 * stays free of I/O and every error of a run can be reported together.
 */
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "../model.h"

/* Hostile input could produce errors without end; a cap keeps memory sane. */
#define ZG_DIAG_MAX_TEXT (256 * 1024)

void zg_diag_init(struct zg_diag *diag)
{
	memset(diag, 0, sizeof(*diag));
}

void zg_diag_free(struct zg_diag *diag)
{
	free(diag->text);
	zg_diag_init(diag);
}

static bool diag_reserve(struct zg_diag *diag, size_t more)
{
	size_t cap = diag->cap ? diag->cap : 1024;
	char *text;

	if (diag->len + more + 1 <= diag->cap)
		return true;
	if (diag->len + more + 1 > ZG_DIAG_MAX_TEXT)
		return false;
	while (cap < diag->len + more + 1)
		cap *= 2;
	text = realloc(diag->text, cap);
	if (!text)
		return false;
	diag->text = text;
	diag->cap = cap;
	return true;
}

/*
 * Names and strings come from the tree and may hold any byte: a message
 * stays one printable line, other bytes written as \xNN.
 */
static size_t escape_line(const char *in, char *out, size_t len)
{
	const unsigned char *p = (const unsigned char *)in;
	size_t n = 0;

	for (; *p && n + 5 < len; p++) {
		if (*p >= 0x20 && *p < 0x7f)
			out[n++] = *p;
		else
			n += snprintf(out + n, len - n, "\\x%02x", *p);
	}
	out[n++] = '\n';
	out[n] = '\0';
	return n;
}

static void diag_add(struct zg_diag *diag, const char *level, const void *fdt,
		     int node, const char *fmt, va_list ap)
{
	char msg[1024], line[1400], esc[4 * 1400 + 2];
	size_t n;

	vsnprintf(msg, sizeof(msg), fmt, ap);
	if (node >= 0)
		snprintf(line, sizeof(line), "%s: %s: %s", level,
			 zg_path(fdt, node), msg);
	else
		snprintf(line, sizeof(line), "%s: %s", level, msg);
	n = escape_line(line, esc, sizeof(esc));
	if (!diag_reserve(diag, n))
		return;
	memcpy(diag->text + diag->len, esc, n + 1);
	diag->len += n;
}

void zg_error(struct zg_diag *diag, const void *fdt, int node, const char *fmt,
	      ...)
{
	va_list ap;

	diag->nr_errors++;
	va_start(ap, fmt);
	diag_add(diag, "error", fdt, node, fmt, ap);
	va_end(ap);
}

void zg_warn(struct zg_diag *diag, const void *fdt, int node, const char *fmt,
	     ...)
{
	va_list ap;

	diag->nr_warnings++;
	va_start(ap, fmt);
	diag_add(diag, "warning", fdt, node, fmt, ap);
	va_end(ap);
}

void zg_diag_print(const struct zg_diag *diag, FILE *out, const char *prog)
{
	const char *line = diag->text;
	const char *nl;

	if (!line)
		return;
	while (*line) {
		nl = strchr(line, '\n');
		if (!nl)
			nl = line + strlen(line);
		fprintf(out, "%s: %.*s\n", prog, (int)(nl - line), line);
		line = *nl ? nl + 1 : nl;
	}
}
