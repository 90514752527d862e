/* SPDX-License-Identifier: Apache-2.0 */
/* What the core asks of an architecture port. */
#ifndef BULKHEAD_ARCH_H
#define BULKHEAD_ARCH_H

#include <bulkhead/compiler.h>
#include <bulkhead/types.h>

struct zone;
struct pgtable;

/* Enables the hypervisor's own MMU on the calling CPU. */
int arch_mmu_init(void);
void arch_mmu_enable_this_cpu(void);
/* Writes a range the hypervisor filled back to memory (point of coherency). */
void arch_clean_dcache(paddr_t pa, u64 size);
/* The machine, not a zone: only for a zone with ZONE_MAY_POWER_OFF. */
void __noreturn arch_system_off(void);
/* Starts logical CPU `cpu` at the secondary entry point. */
int arch_cpu_start(u32 cpu);
/* Architecture part of building a zone (stage-2 format). */
const struct pt_format *arch_stage2_format(void);
u64 arch_stage2_attrs(u32 mem_flags);
/* Enters the zone on this CPU; does not return. */
void __noreturn arch_vcpu_enter(struct zone *zone, u32 vcpu, u64 entry,
				u64 arg0);
void __noreturn arch_cpu_park(void);
/* Idles the calling vCPU until an interrupt for it or for the hypervisor. */
void arch_vcpu_idle(void);
u64 arch_counter(void);

#endif
