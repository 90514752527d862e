// SPDX-License-Identifier: Apache-2.0
/* Routes a zone's trapped MMIO access to the emulated device it hits. */
#include <bulkhead/mmio.h>
#include <bulkhead/string.h>
#include <bulkhead/zone.h>

/* The zone's vdevs are sorted by base (zonegen sorts them): binary search. */
static struct vdev *find_vdev(struct zone *zone, ipa_t ipa)
{
	u32 lo = 0, hi = zone->nr_vdevs;

	while (lo < hi) {
		u32 mid = lo + (hi - lo) / 2;
		const struct vdev_config *c = zone->vdevs[mid].cfg;

		if (ipa < c->base)
			hi = mid;
		else if (ipa - c->base >= c->size)
			lo = mid + 1;
		else
			return &zone->vdevs[mid];
	}
	return NULL;
}

/*
 * A guest mostly hits the device it hit last (a UART polled a character
 * at a time): try that one before searching. The vCPUs of a zone share
 * the hint; any value they race to leave in it is one of the zone's own
 * devices, and the range check decides.
 */
static struct vdev *lookup_vdev(struct zone *zone, ipa_t ipa)
{
	struct vdev *dev = READ_ONCE(zone->mmio_hint);

	if (dev && ipa - dev->cfg->base < dev->cfg->size)
		return dev; /* below base, the difference wraps: no match */
	dev = find_vdev(zone, ipa);
	if (dev)
		WRITE_ONCE(zone->mmio_hint, dev);
	return dev;
}

int mmio_dispatch(struct zone *zone, ipa_t ipa, struct mmio_access *acc)
{
	struct vdev *dev = lookup_vdev(zone, ipa);

	if (!dev)
		return MMIO_UNHANDLED;
	acc->offset = ipa - dev->cfg->base;
	/* An access must not straddle the end of the window. */
	if (acc->width > dev->cfg->size - acc->offset)
		return MMIO_BAD_ACCESS;
	return dev->type->access(dev, acc) ? MMIO_BAD_ACCESS : 0;
}

const struct vdev_type *vdev_type_find(const char *compatible)
{
	const struct driver *drv = driver_find(DRIVER_VDEV, compatible);

	return drv ? drv->ops : NULL;
}
