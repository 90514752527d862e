/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Emulated devices. A model registers a const vdev_type as a DRIVER_VDEV
 * driver (driver.h); zones instantiate it from a vdev_config (compatible +
 * window).
 * Accesses to the window trap and reach the model through mmio_dispatch().
 */
#ifndef BULKHEAD_VDEV_H
#define BULKHEAD_VDEV_H

#include <bulkhead/compiler.h>
#include <bulkhead/driver.h>
#include <bulkhead/zone_config.h>

struct zone;
struct vdev;

struct mmio_access {
	u64 offset; /* from the start of the device window */
	unsigned int width; /* bytes: 1, 2, 4 or 8 */
	bool write;
	u64 value; /* written value, or the read result */
};

struct vdev_type {
	int (*init)(struct vdev *dev);
	/* Returns 0, or a negative value to make the access a zone fault. */
	int (*access)(struct vdev *dev, struct mmio_access *acc);
	/* Console input for the zone, if the model is a console; optional. */
	bool (*input)(struct vdev *dev, char c);
	/* Of a zone's consoles, the one with the highest rank gets input. */
	int input_rank;
	/* The zone (re)starts: back to the power-on state; optional. */
	void (*reset)(struct vdev *dev);
};

struct vdev {
	const struct vdev_type *type;
	const struct vdev_config *cfg;
	struct zone *zone;
	void *priv;
};

/* The model for @compatible (driver_find of a DRIVER_VDEV), or NULL. */
const struct vdev_type *vdev_type_find(const char *compatible);

#endif
