/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Emulated devices. A model registers a const vdev_type in the .vdev_types
 * section; zones instantiate it from a vdev_config (compatible + window).
 * Accesses to the window trap and reach the model through mmio_dispatch().
 */
#ifndef BULKHEAD_VDEV_H
#define BULKHEAD_VDEV_H

#include <bulkhead/compiler.h>
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
	const char *compatible;
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

#define DECLARE_VDEV_TYPE(name)                                             \
	static const struct vdev_type name __used __aligned(sizeof(void *)) \
		__section(".vdev_types")

extern const struct vdev_type __vdev_types_start[], __vdev_types_end[];

const struct vdev_type *vdev_type_find(const char *compatible);

#endif
