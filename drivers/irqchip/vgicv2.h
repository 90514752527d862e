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

#endif
