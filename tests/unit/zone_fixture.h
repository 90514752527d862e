/* SPDX-License-Identifier: Apache-2.0 */
/*
 * The zone + device setup shared by the unit tests and the fuzzers of the
 * device models: instantiate a zone's emulated devices from its config as
 * zone.c does, run on one of its vCPUs, and make MMIO accesses. Link
 * zone_fixture.c (with src/mmio.c and src/driver.c); it also registers
 * "test,line", a model that only has an interrupt line.
 */
#ifndef TESTS_ZONE_FIXTURE_H
#define TESTS_ZONE_FIXTURE_H

#include <bulkhead/percpu.h>
#include <bulkhead/zone.h>

#define FIXTURE_LINE_COMPATIBLE "test,line"

/*
 * Clears @zone, gives it @cfg and one vCPU per CPU of cfg->cpu_mask, and
 * instantiates and initialises cfg->vdevs. Returns 0, or -1 if a device
 * has no model or its init fails.
 */
int fixture_zone_init(struct zone *zone, const struct zone_config *cfg);
/* Instantiates and initialises the zone's device @i from cfg->vdevs[i]. */
int fixture_vdev_init(struct zone *zone, u32 i);
/* Makes @cpu the current CPU, the one that runs vCPU @vcpu of @zone. */
void fixture_on_vcpu(struct percpu *cpu, struct zone *zone, u32 vcpu);
/* One guest access at @ipa; *val is written or read. mmio_dispatch's result. */
int fixture_mmio(struct zone *zone, u64 ipa, unsigned int width, bool write,
		 u64 *val);

#endif
