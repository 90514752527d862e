/* SPDX-License-Identifier: Apache-2.0 */
/*
 * What an emulated device needs beyond its window and interrupt, written
 * by tools/zonegen from the overlay (struct vdev_config.params). The
 * model named by the config's compatible knows which struct it gets.
 */
#ifndef BULKHEAD_VDEV_PARAMS_H
#define BULKHEAD_VDEV_PARAMS_H

#include <bulkhead/types.h>

/*
 * "bulkhead,virtio-blk": a disk image the build placed in the image store
 * (not copied on zone restart: a disk keeps what was written to it).
 */
struct virtio_blk_params {
	paddr_t disk; /* host physical, mapped by the hypervisor */
	u64 size; /* bytes, a multiple of 512 */
	bool read_only;
};

/* "bulkhead,virtio-net": the zone's port on a virtual switch. */
struct virtio_net_params {
	u32 sw; /* switch index; frames only go between ports of one switch */
	u8 mac[6];
};

/*
 * "bulkhead,ivc": the zone's end of an inter-zone channel. The shared
 * memory is one of the zone's memory regions too, at the same address in
 * both zones (guest physical = host physical).
 */
struct ivc_params {
	u32 channel; /* index among the layout's channels */
	u32 peer_zone; /* zone id of the other end */
	paddr_t shm;
	u64 shm_size;
};

#endif
