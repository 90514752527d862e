/* SPDX-License-Identifier: Apache-2.0 */
/* Routing of trapped guest MMIO accesses to emulated devices. */
#ifndef BULKHEAD_MMIO_H
#define BULKHEAD_MMIO_H

#include <bulkhead/vdev.h>

struct zone;

/*
 * Routes a trapped guest access at `ipa` to the emulated device whose
 * window holds it. Returns 0 if a device handled it, MMIO_UNHANDLED if no
 * device covers the address (a zone fault), or a device's error.
 */
#define MMIO_UNHANDLED (-1)
#define MMIO_BAD_ACCESS (-2)

int mmio_dispatch(struct zone *zone, ipa_t ipa, struct mmio_access *acc);

#endif
