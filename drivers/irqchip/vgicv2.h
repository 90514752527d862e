/* SPDX-License-Identifier: Apache-2.0 */
/*
 * The virtual GICv2 of one zone: the state is the virtual GICv3's
 * (vgicv3.h, version independent); this adds where the GICv2's frames are
 * in the board's reg list and the GICv2-only register views.
 */
#ifndef VGICV2_H
#define VGICV2_H

#include "vgicv3.h"

/* platform.irqchip.regs: GICD, GICC, GICH, GICV (models/gicv2.c). */
#define VGICV2_REG_GICH 2
#define VGICV2_REG_GICV 3
#define VGICV2_NR_REGS 4

/*
 * A GIC-400 with its frames 64 KiB apart (ZynqMP: GICC and GICV 128 KiB
 * each) repeats each 4 KiB page over 64 KiB, so the second page (GICC_DIR)
 * is at 0x10000. From the first page's last alias, at 0xf000, the two
 * pages are adjacent: the offset to use into a frame of @frame_size.
 */
#define GIC_64K_FRAMES_SIZE 0x20000ull
#define GIC_64K_ALIAS_OFFSET 0xf000ull

static inline u64 gicv2_frame_offset(u64 frame_size)
{
	return frame_size >= GIC_64K_FRAMES_SIZE ? GIC_64K_ALIAS_OFFSET : 0;
}

#endif
