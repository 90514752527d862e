/* SPDX-License-Identifier: Apache-2.0 */
/*
 * The build-time description of the machine and its zones.
 *
 * tools/zonegen writes one C file defining `platform` and `zone_configs[]`
 * from the merged board + product device tree; the hypervisor links it in
 * and never parses a device tree itself. Everything here is const: the
 * layout is fixed when the image is built.
 */
#ifndef BULKHEAD_ZONE_CONFIG_H
#define BULKHEAD_ZONE_CONFIG_H

#include <bulkhead/types.h>

#define ZONE_NAME_LEN 32

/* A physical MMIO or memory window described by the board device tree. */
struct dev_region {
	paddr_t base;
	u64 size;
};

enum zone_role {
	ZONE_ROLE_ROOT, /* zone0: the management zone */
	ZONE_ROLE_USER, /* zoneU */
	ZONE_ROLE_RT, /* zoneR: real-time */
};

/* Stage-2 permissions of a memory region. */
#define MEM_READ (1u << 0)
#define MEM_WRITE (1u << 1)
#define MEM_EXEC (1u << 2)
#define MEM_DEVICE (1u << 3) /* device memory (passthrough MMIO) */

/* Guest-physical window of a zone, backed by host-physical memory. */
struct mem_region_config {
	paddr_t phys;
	ipa_t ipa;
	u64 size;
	u32 flags; /* MEM_* */
};

/* An emulated device: which model (by compatible) and where it sits. */
struct vdev_config {
	const char *compatible;
	ipa_t base;
	u64 size;
	u32 irq; /* interrupt id the model raises in the zone; 0: none */
	/* Model-specific settings (bulkhead/vdev_params.h); NULL: none. */
	const void *params;
};

/*
 * An image the hypervisor copies into the zone each time the zone starts:
 * the loader put a pristine copy in the image store (platform.image_store),
 * so a zone can be restarted without the loader.
 */
struct zone_image_config {
	paddr_t src; /* in the image store */
	paddr_t dst; /* host-physical, inside the zone's memory */
	u64 size;
};

/* SYSTEM_OFF / SYSTEM_RESET from this zone act on the whole machine. */
#define ZONE_MAY_POWER_OFF (1u << 0)
/* bulkhead,boot = "manual": the zone waits for the management zone. */
#define ZONE_BOOT_MANUAL (1u << 1)

struct zone_config {
	u32 id;
	char name[ZONE_NAME_LEN];
	enum zone_role role;
	u64 cpu_mask; /* bit n = logical CPU n (index into platform.cpus) */
	u32 nr_mem;
	const struct mem_region_config *mem;
	u32 nr_vdevs;
	const struct vdev_config *vdevs; /* sorted by base */
	ipa_t entry; /* first guest instruction of the boot CPU */
	ipa_t dtb; /* guest DTB, passed in x0 / a1; 0 if none */
	/* Physical interrupts of passthrough devices, sorted ascending. The
	 * zone sees each under the same id. */
	u32 nr_irqs;
	const u32 *irqs;
	/* Empty when the loader puts images straight into the zone: such a
	 * zone cannot be restarted. */
	u32 nr_images;
	const struct zone_image_config *images;
	u32 flags; /* ZONE_MAY_POWER_OFF, ZONE_BOOT_MANUAL */
	/* Paths of the passthrough devices that may DMA anywhere
	 * (bulkhead,dma = "unconfined"), NULL-ended; NULL: none. */
	const char *const *dma_unconfined;
};

struct platform_config {
	struct dev_region hyp; /* memory the hypervisor image owns */
	/* Pristine zone images (struct zone_image_config); size 0: none. */
	struct dev_region image_store;
	u32 nr_cpus;
	u64 cpu_hwid
		[CONFIG_MAX_CPUS]; /* MPIDR affinity / hart id per logical CPU */
	struct {
		const char *compatible;
		struct dev_region reg;
		/* Its interrupt as the DT says it, for the irqchip to decode. */
		u32 nr_irq_cells; /* 0: no interrupt, console input is off */
		u32 irq_cells[3];
	} console;
	struct {
		const char *compatible;
		/* Its register windows, in the order its binding lists them. */
		u32 nr_regs;
		const struct dev_region *regs;
	} irqchip;
};

extern const struct platform_config platform;
extern const struct zone_config zone_configs[];
extern const u32 nr_zone_configs;

#endif
