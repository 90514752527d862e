/* SPDX-License-Identifier: Apache-2.0 */
/* Console input into the emulated PL011 (for the console and tests). */
#ifndef BULKHEAD_VPL011_H
#define BULKHEAD_VPL011_H

#include <bulkhead/vdev.h>

/* Queues one received character; false if the guest's FIFO is full. */
bool vpl011_push_input(struct vdev *dev, char c);

#endif
