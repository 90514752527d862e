/* SPDX-License-Identifier: Apache-2.0 */
/*
 * The virtual PLIC of one zone (vplic.c): the state behind its register
 * window, shared with the host tests. Context v is vCPU v's supervisor
 * external interrupt; there are no M-mode contexts.
 *
 * A source is pending from the time its gateway forwards a request until
 * a claim returns it; it is then in service until its completion. A
 * source is never pending and in service at once.
 */
#ifndef VPLIC_H
#define VPLIC_H

#include <bulkhead/spinlock.h>
#include <bulkhead/types.h>

struct zone;

#define VPLIC_NR_SOURCES CONFIG_VPLIC_NR_SOURCES /* ids 1 .. this - 1 */
#define VPLIC_WORDS ((VPLIC_NR_SOURCES + 31) / 32)
#define VPLIC_PRIO_MASK 7 /* priorities and thresholds: three bits */

/* The register map of the window, as the PLIC specification's. */
#define VPLIC_PRIORITY 0x0000 /* 4 bytes per source */
#define VPLIC_PENDING 0x1000 /* one bit per source */
#define VPLIC_ENABLE 0x2000 /* one bit per source, per context */
#define VPLIC_ENABLE_STRIDE 0x80
#define VPLIC_CONTEXT 0x200000 /* threshold, claim/complete per context */
#define VPLIC_CONTEXT_STRIDE 0x1000
#define VPLIC_THRESHOLD 0x0
#define VPLIC_CLAIM 0x4

struct vplic_ctx {
	u32 enable[VPLIC_WORDS];
	u32 threshold;
	u32 pcpu; /* the physical CPU of this context's vCPU */
	/* The line the vCPU is to see (hvip.VSEIP): a claim would return
	 * something. A change kicks the vCPU's CPU, whose flush applies it. */
	bool eip;
};

struct vplic {
	spinlock_t lock;
	struct zone *zone;
	u8 prio[VPLIC_NR_SOURCES];
	u32 pending[VPLIC_WORDS];
	u32 in_service[VPLIC_WORDS]; /* claimed, not completed yet */
	/* Passthrough: completing it completes the physical source. */
	u32 hw[VPLIC_WORDS];
	u32 emul[VPLIC_WORDS]; /* an emulated device's line */
	u32 line[VPLIC_WORDS]; /* which of those are high */
	struct vplic_ctx ctx[CONFIG_MAX_CPUS];
};

struct vplic *vplic_of(struct zone *zone);
/* What a claim by context v would return now; 0: nothing. Locked. */
u32 vplic_best(const struct vplic *p, u32 v);

/* The virq_chip operations. */
void vplic_zone_reset(struct zone *zone);
void vplic_vcpu_reset(struct zone *zone, u32 vcpu);
void vplic_inject_hw(struct zone *zone, u32 id);
void vplic_set_level(struct zone *zone, u32 id, bool level);
void vplic_flush(struct zone *zone, u32 vcpu);
bool vplic_wakeup_pending(struct zone *zone, u32 vcpu);

#endif
