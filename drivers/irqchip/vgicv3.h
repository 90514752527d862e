/* SPDX-License-Identifier: Apache-2.0 */
/*
 * The virtual GICv3 of one zone: interrupt state for the emulated
 * distributor (SPIs) and redistributors (SGIs and PPIs of each vCPU), and
 * which list registers of each vCPU's CPU hold what.
 *
 * An interrupt is "pending" here until it is put in a list register; from
 * then on the list register holds its pending/active state and the guest
 * drives it through the virtual CPU interface without trapping.
 */
#ifndef VGICV3_H
#define VGICV3_H

#include <bulkhead/spinlock.h>
#include <bulkhead/types.h>
#include <bulkhead/vdev.h>

#define VGIC_NR_IRQS (32 + CONFIG_VGIC_NR_SPIS)
#define VGIC_WORDS ((VGIC_NR_IRQS + 63) / 64)
#define VGIC_MAX_LRS 16
#define VGIC_PRIO_MASK 0xf8 /* five priority bits, as the hardware's */

/* The EL1 virtual timer's PPI (the Arm BSA's choice, and QEMU virt's). */
#define VTIMER_PPI 27
#define MAINTENANCE_PPI 25

#define VIRQ_VALID BIT(0) /* exists in this zone */
#define VIRQ_ENABLED BIT(1)
#define VIRQ_PENDING BIT(2) /* latched, waiting for a list register */
#define VIRQ_EDGE BIT(3)
#define VIRQ_HW BIT(4) /* a physical interrupt of the same id backs it */
#define VIRQ_LINE BIT(5) /* an emulated device holds its line high */
#define VIRQ_ANY_CPU BIT(6) /* IROUTER.IRM: routed to vCPU 0 here */

#define GICD_CTLR_EN_GRP1 BIT(0)
#define GICD_CTLR_EN_GRP1A BIT(1)
#define GICD_CTLR_ARE_NS BIT(4)

struct vgic_irq {
	u8 flags; /* VIRQ_* */
	u8 prio;
	u8 target; /* the vCPU a shared interrupt goes to */
	s8 lr; /* list register holding it on its vCPU's CPU, or -1 */
};

struct vgic_cpu {
	struct vgic_irq priv[32]; /* SGIs and PPIs */
	u64 pending[VGIC_WORDS]; /* ids that may be waiting for a list reg */
	u32 lr_irq[VGIC_MAX_LRS]; /* the id each used list register holds */
	u32 lr_used; /* bit n: list register n holds something */
	u32 hcr; /* last HCR value written (VGIC_HCR_*) */
	u32 pcpu; /* the physical CPU this vCPU runs on */
	bool asleep; /* GICR_WAKER.ProcessorSleep */
};

struct vgic {
	spinlock_t lock;
	struct zone *zone;
	u32 ctlr;
	struct vgic_irq spi[CONFIG_VGIC_NR_SPIS];
	struct vgic_cpu cpu[CONFIG_MAX_CPUS];
};

/* Kinds of one-bit-per-interrupt registers, same in GICD and GICR. */
enum vgic_bitreg {
	VGIC_GROUP,
	VGIC_SET_ENABLE,
	VGIC_CLEAR_ENABLE,
	VGIC_SET_PENDING,
	VGIC_CLEAR_PENDING,
	VGIC_SET_ACTIVE,
	VGIC_CLEAR_ACTIVE,
};

/* State changes shared by the CPU interface side and the models. */
u32 vgic_vcpu_of(struct vgic *g, u32 id, u32 vcpu);
bool vgic_deliverable(const struct vgic *g, const struct vgic_irq *vi);
/* Caller holds g->lock. */
void vgic_make_pending(struct vgic *g, u32 vcpu, u32 id, struct vgic_irq *vi);
void vgic_inject_hw(struct zone *zone, u32 id);
/*
 * On the vCPU's own CPU with nothing else waiting: list the interrupt at
 * once. False: make it pending the usual way. Locked. Set by the CPU
 * interface side (vgic_lrs.c) when the chip starts; NULL (host tests):
 * always the usual way.
 */
extern bool (*vgic_cpuif_list_now)(struct vgic *g, u32 vcpu, u32 id,
				   struct vgic_irq *vi);
/* The best deliverable pending interrupt of @vcpu (its id in *@best_id),
 * or NULL; stale pending bits are dropped on the way. Locked. */
struct vgic_irq *vgic_best_pending(struct vgic *g, u32 vcpu, u32 *best_id);
void vgic_set_level(struct zone *zone, u32 id, bool level);
void vgic_send_sgi(struct vgic *g, u32 self, u64 icc_sgi1r);
void vgic_zone_reset(struct zone *zone);

/*
 * The CPU interface's list registers (vgic_lrs.c), in the ICH_LR<n>_EL2
 * layout whatever the chip: a GICv2 translates to and from its GICH_LR.
 */
#define VGIC_LR_ACTIVE BIT(63)
#define VGIC_LR_PENDING BIT(62)
#define VGIC_LR_STATE (VGIC_LR_PENDING | VGIC_LR_ACTIVE)
#define VGIC_LR_HW BIT(61)
#define VGIC_LR_GROUP1 BIT(60)
#define VGIC_LR_PRIO_SHIFT 48
#define VGIC_LR_EOI BIT(41) /* maintenance interrupt on EOI (HW = 0) */
#define VGIC_LR_PINTID_SHIFT 32 /* HW = 1: the physical interrupt */
/* ICH_HCR_EL2 and GICH_HCR agree on these. */
#define VGIC_HCR_EN BIT(0)
#define VGIC_HCR_UIE BIT(1)

struct vgic_lr_ops {
	u64 (*read)(u32 n);
	void (*write)(u32 n, u64 v);
	/* Bit n: list register n is empty or EOI'd (ELRSR | EISR). */
	u64 (*finished)(void);
	void (*write_hcr)(u32 hcr);
	/* Hardware-backed interrupts are listed hardware-linked (HW = 1). */
	bool hw_link;
};

/* Starts the CPU interface side with @ops and @count list registers;
 * the number used, or -1. */
int vgic_lrs_init(const struct vgic_lr_ops *ops, u32 count);
void vgic_flush(struct zone *zone, u32 vcpu);
bool vgic_wakeup_pending(struct zone *zone, u32 vcpu);
void vgic_lrs_clear(struct vgic *g, u32 vcpu);
void vgic_cpu_park(void);

/* Distributor and redistributor models share the zone's state. */
int vgic_attach(struct vdev *dev);
struct vgic *vgic_of(struct zone *zone);
struct vgic_irq *vgic_irq(struct vgic *g, u32 vcpu, u32 id);
/* Register views used by the distributor and redistributor models. The
 * caller holds g->lock. */
u32 vgic_read_bits(struct vgic *g, u32 vcpu, u32 first, enum vgic_bitreg r);
void vgic_write_bits(struct vgic *g, u32 vcpu, u32 first, enum vgic_bitreg r,
		     u32 val);
void vgic_write_prio(struct vgic *g, u32 vcpu, u32 id, u8 prio);
/* @width IPRIORITYR bytes from interrupt @first on (byte or word access). */
u64 vgic_read_prios(struct vgic *g, u32 vcpu, u32 first, unsigned int width);
void vgic_write_prios(struct vgic *g, u32 vcpu, u32 first, unsigned int width,
		      u64 val);
u32 vgic_read_cfg(struct vgic *g, u32 vcpu, u32 first);
void vgic_write_cfg(struct vgic *g, u32 vcpu, u32 first, u32 val);
void vgic_write_route(struct vgic *g, u32 id, u64 val);
u64 vgic_read_route(struct vgic *g, u32 id);
void vgic_write_ctlr(struct vgic *g, u32 val);

#endif
