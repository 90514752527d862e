// SPDX-License-Identifier: Apache-2.0
/*
 * Model: system-control devices (power-off, reboot, SiFive test finisher,
 * syscon blocks). Passing one through lets a zone stop the machine, which
 * is the bulkhead,may-power-off right: not passthrough material without it.
 */
#include <string.h>

#include "../model.h"

static bool ends_with(const char *s, size_t len, const char *tail)
{
	size_t n = strlen(tail);

	return len >= n && !memcmp(s + len - n, tail, n);
}

static bool is_system_control(const char *c, size_t len)
{
	static const char *const exact[] = { "syscon", "sifive,test0",
					     "sifive,test1", NULL };
	size_t i;

	for (i = 0; exact[i]; i++)
		if (!strcmp(c, exact[i]))
			return true;
	return ends_with(c, len, "-poweroff") || ends_with(c, len, "-reboot");
}

const char *zg_system_control(const void *fdt, int node)
{
	const char *list, *c;
	int len;

	list = fdt_getprop(fdt, node, "compatible", &len);
	if (!list || len < 1 || list[len - 1])
		return NULL;
	for (c = list; c < list + len; c += strlen(c) + 1)
		if (is_system_control(c, strlen(c)))
			return c;
	return NULL;
}
