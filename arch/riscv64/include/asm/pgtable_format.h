/* SPDX-License-Identifier: Apache-2.0 */
/*
 * G-stage (stage-2) translation, Sv39x4: three levels, 4 KiB pages,
 * 2 MiB and 1 GiB superpages, a 16 KiB root. Zones are placed below
 * 512 GiB, so only the root's first page is ever filled.
 *
 * HS-mode stage-1 (the hypervisor's own satp), Sv39: the same levels and
 * leaves with a one-page root; it maps physical memory 1:1, so it covers
 * the physical addresses below 256 GiB (Sv39 sign-extends bit 38).
 */
#ifndef ASM_PGTABLE_FORMAT_H
#define ASM_PGTABLE_FORMAT_H

#include <bulkhead/pgtable.h>

#define PTE_V BIT(0)
#define PTE_R BIT(1)
#define PTE_W BIT(2)
#define PTE_X BIT(3)
#define PTE_U BIT(4) /* G-stage leaves are always user pages */
#define PTE_G BIT(5)
#define PTE_A BIT(6)
#define PTE_D BIT(7)

#define HGATP_MODE_SV39X4 (8ull << 60)
#define HGATP_VMID_SHIFT 44
#define SATP_MODE_SV39 (8ull << 60)

/* The hypervisor's own leaves: text R+X, read-only data R, the rest RW. */
#define S1_HYP_TEXT (PTE_R | PTE_X)
#define S1_HYP_RODATA PTE_R
#define S1_HYP_DATA (PTE_R | PTE_W)
#define S1_HYP_DEVICE (PTE_R | PTE_W)

extern const struct pt_format riscv_sv39x4_format;
extern const struct pt_format riscv_sv39_format;

/* G-stage leaf bits for the MEM_* flags of a zone memory region. */
u64 stage2_attrs(u32 mem_flags);

#endif
