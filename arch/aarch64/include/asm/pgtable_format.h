/* SPDX-License-Identifier: Apache-2.0 */
/*
 * VMSAv8-64 descriptors, 4 KiB granule, 39-bit input addresses: three
 * levels starting at level 1, 1 GiB and 2 MiB blocks. The hypervisor's
 * EL2 stage-1 tables and the zones' stage-2 tables share this walk and
 * differ only in their attribute bits.
 */
#ifndef ASM_PGTABLE_FORMAT_H
#define ASM_PGTABLE_FORMAT_H

#include <bulkhead/pgtable.h>

#define ARM_VA_BITS 39

#define PTE_AF BIT(10)
#define PTE_SH_INNER (3ull << 8)
#define PTE_XN BIT(54)

/* EL2 stage-1: MAIR_EL2 index 0 normal write-back, index 1 device-nGnRE. */
#define MAIR_EL2_VALUE 0x04ffull
#define S1_ATTR_NORMAL (0ull << 2)
#define S1_ATTR_DEVICE (1ull << 2)
#define S1_AP_RO (2ull << 6)

#define S1_HYP_TEXT (S1_ATTR_NORMAL | PTE_SH_INNER | PTE_AF | S1_AP_RO)
#define S1_HYP_RODATA (S1_HYP_TEXT | PTE_XN)
#define S1_HYP_DATA (S1_ATTR_NORMAL | PTE_SH_INNER | PTE_AF | PTE_XN)
#define S1_HYP_DEVICE (S1_ATTR_DEVICE | PTE_AF | PTE_XN)

/* Stage-2: MemAttr and S2AP. */
#define S2_MEMATTR_NORMAL (0xfull << 2)
#define S2_MEMATTR_DEVICE (0x1ull << 2)
#define S2_AP_READ BIT(6)
#define S2_AP_WRITE BIT(7)

extern const struct pt_format aarch64_pt_format;

/* Stage-2 leaf attributes for MEM_* flags of a zone memory region. */
u64 stage2_attrs(u32 mem_flags);

#endif
