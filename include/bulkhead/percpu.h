/* SPDX-License-Identifier: Apache-2.0 */
/* Per-CPU state: one physical CPU and the vCPU it runs. */
#ifndef BULKHEAD_PERCPU_H
#define BULKHEAD_PERCPU_H

#include <bulkhead/regs.h>
#include <bulkhead/types.h>

struct zone;

/* One physical CPU, which is also the one vCPU it runs (no scheduler). */
struct percpu {
	u32 id; /* logical index into platform.cpu_hwid */
	u64 hwid;
	struct zone *zone; /* NULL while idle */
	u32 vcpu_index; /* position of this CPU within its zone */
	/* Set by the virtual interrupt controller when something is pending
	 * for this CPU's vCPU: checked on every way back into the guest. */
	u32 virq_work;
};

extern struct percpu percpu[CONFIG_MAX_CPUS];

#include <asm/percpu.h> /* this_cpu(), arch_set_this_cpu() */

#endif
