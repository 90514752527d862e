// SPDX-License-Identifier: Apache-2.0
/* The "bulkhead,hvinfo" device: read-only identification registers. */
#include <bulkhead/hvinfo_regs.h>
#include <bulkhead/hypercall_abi.h>
#include <bulkhead/percpu.h>
#include <bulkhead/vdev.h>
#include <bulkhead/zone.h>

static u32 hvinfo_read(const struct vdev *dev, u64 offset)
{
	switch (offset) {
	case HVINFO_MAGIC:
		return HVINFO_MAGIC_VALUE;
	case HVINFO_VERSION:
		return (BULKHEAD_VERSION_MAJOR << 16) | BULKHEAD_VERSION_MINOR;
	case HVINFO_ZONE_ID:
		return dev->zone->cfg->id;
	case HVINFO_NR_CPUS:
		return dev->zone->nr_vcpus;
	case HVINFO_VCPU_ID:
		return this_cpu()->vcpu_index;
	default:
		return 0;
	}
}

/* Registers are 32-bit and aligned; anything else is a guest bug. */
static int hvinfo_access(struct vdev *dev, struct mmio_access *acc)
{
	if (acc->width != 4 || acc->offset % 4)
		return -1;
	if (!acc->write)
		acc->value = hvinfo_read(dev, acc->offset);
	return 0;
}

DECLARE_DRIVER(hvinfo_type, DRIVER_VDEV, struct vdev_type,
	       "bulkhead,hvinfo") = {
	.access = hvinfo_access,
};
