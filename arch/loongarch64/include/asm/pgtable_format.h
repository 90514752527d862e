/* SPDX-License-Identifier: Apache-2.0 */
/*
 * The GPA (stage-2) page table of an LVZ zone: the LoongArch page-table
 * entry format that the TLB refill path loads with LDDIR/LDPTE, 4 KiB
 * pages, three levels of 512 entries (a 39-bit guest physical space),
 * 2 MiB and 1 GiB huge pages. A directory entry holds the next table's
 * physical address and nothing else; a huge leaf carries PTE_HUGE.
 */
#ifndef ASM_PGTABLE_FORMAT_H
#define ASM_PGTABLE_FORMAT_H

#include <bulkhead/pgtable.h>

#define PTE_V BIT(0) /* valid: the TLB may hold it */
#define PTE_D BIT(1) /* dirty: stores allowed */
#define PTE_PLV_SHIFT 2
#define PTE_MAT_SHIFT 4
#define PTE_MAT_SUC (0ull << PTE_MAT_SHIFT) /* strongly-ordered uncached */
#define PTE_MAT_CC (1ull << PTE_MAT_SHIFT) /* coherent cached */
#define PTE_MAT_WUC (2ull << PTE_MAT_SHIFT) /* weakly-ordered uncached */
#define PTE_HUGE BIT(6) /* in a directory level: this is a leaf */
#define PTE_P BIT(7) /* present (software) */
#define PTE_W BIT(8) /* writable (software; D follows it here) */
#define PTE_HGLOBAL BIT(12) /* G of a huge leaf */
#define PTE_NR BIT(61) /* not readable */
#define PTE_NX BIT(62) /* not executable */
#define PTE_PA_BITS 48

extern const struct pt_format loongarch_gpa_format;

/* GPA leaf bits for the MEM_* flags of a zone memory region. */
u64 stage2_attrs(u32 mem_flags);

#endif
