/* SPDX-License-Identifier: Apache-2.0 */
/* Hypercall dispatch: the call as the architecture decoded it. */
#ifndef BULKHEAD_HYPERCALL_H
#define BULKHEAD_HYPERCALL_H

#include <bulkhead/hypercall_abi.h>
#include <bulkhead/types.h>

struct zone;

#define HC_NR_ARGS 5

struct hypercall {
	u64 fn;
	u64 arg[HC_NR_ARGS];
	u64 ret[3]; /* x0.. on return; ret[0] is the status */
	u32 nr_ret; /* how many of ret[] the call produced */
};

/* Validates and executes one hypercall from `zone` on vCPU `vcpu`. */
void hypercall_dispatch(struct zone *zone, u32 vcpu, struct hypercall *hc);

#endif
