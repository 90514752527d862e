// SPDX-License-Identifier: Apache-2.0
/* The one driver lookup: the .drivers section, by class and compatible. */
#include <bulkhead/driver.h>
#include <bulkhead/string.h>

const struct driver *driver_find(enum driver_class cls, const char *compatible)
{
	const struct driver *drv;

	for (drv = __drivers_start; drv < __drivers_end; drv++)
		if (drv->cls == cls && !strcmp(drv->compatible, compatible))
			return drv;
	return NULL;
}
