// SPDX-License-Identifier: Apache-2.0
/* The zone + device setup shared by unit tests and fuzzers (zone_fixture.h). */
#include <string.h>

#include <bulkhead/mmio.h>

#include "zone_fixture.h"

static int line_access(struct vdev *dev, struct mmio_access *acc)
{
	(void)dev;
	(void)acc;
	return -1;
}

DECLARE_DRIVER(line_type, DRIVER_VDEV, struct vdev_type,
	       FIXTURE_LINE_COMPATIBLE) = {
	.access = line_access,
};

int fixture_vdev_init(struct zone *zone, u32 i)
{
	struct vdev *d = &zone->vdevs[i];
	const struct vdev_config *c = &zone->cfg->vdevs[i];

	*d = (struct vdev){ vdev_type_find(c->compatible), c, zone, NULL };
	if (!d->type)
		return -1;
	return d->type->init ? d->type->init(d) : 0;
}

int fixture_zone_init(struct zone *zone, const struct zone_config *cfg)
{
	memset(zone, 0, sizeof(*zone));
	zone->cfg = cfg;
	zone->nr_vcpus = (u32)__builtin_popcountll(cfg->cpu_mask);
	for (u32 i = 0; i < cfg->nr_vdevs; i++)
		if (fixture_vdev_init(zone, i))
			return -1;
	zone->nr_vdevs = cfg->nr_vdevs;
	return 0;
}

void fixture_on_vcpu(struct percpu *cpu, struct zone *zone, u32 vcpu)
{
	cpu->id = zone_vcpu_cpu(zone, vcpu);
	cpu->hwid = platform.cpu_hwid[cpu->id];
	cpu->zone = zone;
	cpu->vcpu_index = vcpu;
	arch_set_this_cpu(cpu);
}

int fixture_mmio(struct zone *zone, u64 ipa, unsigned int width, bool write,
		 u64 *val)
{
	struct mmio_access acc = { .width = width,
				   .write = write,
				   .value = write ? *val : 0 };
	int ret = mmio_dispatch(zone, ipa, &acc);

	if (!write)
		*val = acc.value;
	return ret;
}
