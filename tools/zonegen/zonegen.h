/* SPDX-License-Identifier: Apache-2.0 */
/*
 * zonegen, the zone layout compiler: its IR and API. zonegen_parse() reads
 * a merged (board + overlay) tree held in memory into a struct zg_layout,
 * collecting every problem in a struct zg_diag; it does no file I/O (images
 * are looked up through a callback), so a fuzz target can drive it.
 */
#ifndef ZONEGEN_H
#define ZONEGEN_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

typedef uint32_t u32;
typedef uint64_t u64;

/* Limits the image, the masks or the MAC scheme set. */
#define ZG_MAX_ZONES 64
#define ZG_MAX_CPUS 64 /* cpu_mask is a u64 */
#define ZG_MAX_RAM 16
#define ZG_MAX_MEM 16 /* memory ranges per zone */
#define ZG_MAX_DEVS 32 /* passthrough devices per zone */
#define ZG_MAX_DEV_REGS 8 /* reg ranges per passthrough device */
#define ZG_MAX_DEV_REGIONS 64 /* page-rounded device regions per zone */
#define ZG_MAX_VDEVS 16 /* emulated devices per zone, the vGIC's included */
#define ZG_MAX_IRQCHIP_REGS 4
#define ZG_MAX_CHANNELS 64 /* inter-zone channels (bulkhead,ivc) */
#define ZG_MAX_SWITCHES 64 /* virtual switches of virtio-net ports */
#define ZG_LABEL_MAX 31
#define ZG_MAX_DEPTH 32 /* device tree nesting zonegen accepts */

#define ZG_PAGE_SIZE 0x1000ull
#define ZG_DTB_SLOT 0x200000ull /* the guest DTB lives in the top 2 MiB */
#define ZG_MIN_FIRST_MEM 0x400000ull /* first memory range: >= 4 MiB */
#define ZG_INITRD_ALIGN 0x200000ull /* default initrd: 2 MiB after the kernel */

struct zg_range {
	u64 base;
	u64 size;
};

struct zg_image {
	char *path; /* absolute, malloc'ed: the layout owns it */
	u64 size;
	u64 mem_size; /* an arm64 Image header's image_size, else 0 */
};

/* 0 and @img filled (path malloc'ed) if image @name exists, else < 0. */
typedef int (*zg_find_image_fn)(void *ctx, const char *name,
				struct zg_image *img);

enum zg_key_state {
	ZG_KEY_ON,
	ZG_KEY_OFF, /* *symbol and *menu say which option is n, and where */
	ZG_KEY_UNKNOWN, /* no Kconfig option provides the key */
};

/* What the build's models.txt says of key @key ("vdev:bulkhead,ivc"). */
typedef enum zg_key_state (*zg_model_key_fn)(void *ctx, const char *key,
					     const char **symbol,
					     const char **menu);

struct zg_options {
	u32 max_cpus; /* CONFIG_MAX_CPUS, 1..ZG_MAX_CPUS */
	u32 max_zones; /* 1..ZG_MAX_ZONES */
	zg_find_image_fn find_image; /* NULL: skip every image check */
	void *find_image_ctx;
	/* NULL: no model table given, every device model is assumed. */
	zg_model_key_fn model_key;
	void *model_key_ctx;
};

enum zg_role {
	ZG_ROLE_ROOT,
	ZG_ROLE_USER,
	ZG_ROLE_RT,
};

struct zg_cpu {
	int node;
	u64 hwid; /* reg: MPIDR affinity / hart id */
};

struct zg_device { /* passed through */
	int node;
	u32 nr_regs;
	struct zg_range regs[ZG_MAX_DEV_REGS]; /* CPU physical addresses */
};

/* Stage 2 maps pages: a zone's device ranges, rounded out and merged. */
struct zg_dev_region {
	struct zg_range range;
	u32 dev_mask; /* bit n: zone devs[n] lies (partly) in this region */
};

struct zg_model;
struct zg_irqchip;

/* A virtio-blk disk: an image file the loader puts in the image store. */
struct zg_virtio_blk {
	const char *file; /* bulkhead,disk as written */
	struct zg_image image; /* resolved; size 0 if not looked up */
	u64 size; /* of the disk, bytes, a multiple of 512 */
	bool read_only;
	u64 store; /* its image store address; set by zg_place_images() */
};

/* A virtio-net port on a virtual switch between zones. */
struct zg_virtio_net {
	const char *sw_name; /* bulkhead,switch */
	u32 sw; /* switch index (zg_layout.switches) */
	unsigned char mac[6];
	bool mac_given; /* local-mac-address; else derived from sw and zone */
};

/* A zone's end of channel @channel (zg_platform.channels). */
struct zg_ivc_end {
	u32 channel;
	int peer_node; /* the zone node at the other end */
	u32 peer_zone; /* its id; set once every zone is read */
	struct zg_range shm; /* host physical = guest physical */
};

struct zg_vdev {
	int node; /* -1: added by zonegen (the virtual GIC), see @what */
	const char *what; /* e.g. "virtual GIC distributor"; NULL for nodes */
	const char *compatible; /* the model, as zones.c names it */
	struct zg_range range; /* guest physical */
	u32 irq; /* interrupt id it raises (32 + SPI), 0: none */
	const struct zg_model *model; /* NULL: the virtual irqchip */
	union {
		struct zg_virtio_blk blk;
		struct zg_virtio_net net;
		struct zg_ivc_end ivc; /* @node is the channel node */
	};
};

struct zg_irq { /* passthrough */
	u32 id;
	int dev;
};

/* A zone's images, in image store order. */
enum zg_image_kind {
	ZG_IMG_KERNEL,
	ZG_IMG_INITRD,
	ZG_IMG_DTB,
	ZG_NR_IMG_KINDS,
};

struct zg_zone {
	int node;
	bool id_valid; /* reg was readable; id is meaningless otherwise */
	u32 id;
	const char *label;
	enum zg_role role;
	u64 cpu_mask; /* bit n: logical CPU n */
	u32 nr_cpus;
	u32 nr_mem;
	struct zg_range mem[ZG_MAX_MEM]; /* physical */
	u64 ipa_delta; /* guest address = physical + ipa_delta (mod 2^64) */
	u32 nr_devs, cap_devs; /* at most ZG_MAX_DEVS: dev_mask is a u32 */
	struct zg_device *devs;
	u32 nr_dev_regions, cap_dev_regions;
	struct zg_dev_region *dev_regions;
	u32 nr_irqs, cap_irqs;
	struct zg_irq *irqs; /* sorted by id, unique */
	u32 nr_vdevs, cap_vdevs;
	struct zg_vdev *vdevs; /* sorted by base */
	const char *kernel; /* file name as written in the overlay */
	struct zg_image image; /* resolved; size 0 if not looked up */
	u64 kernel_addr; /* also the entry point */
	u64 dtb_addr;
	const char *initrd; /* file name as written, NULL if none */
	struct zg_image initrd_image; /* resolved; size 0 if not looked up */
	u64 initrd_addr; /* guest address */
	const char *bootargs; /* NULL if none */
	bool has_console; /* the console device is passed through */
	bool may_power_off; /* bulkhead,may-power-off */
	bool boot_manual; /* bulkhead,boot = "manual" */
	u64 dtb_size; /* of the built guest DTB; set by zg_place_images() */
	/* Image store addresses by enum zg_image_kind; 0: not stored. */
	u64 store[ZG_NR_IMG_KINDS];
};

/* A bulkhead,ivc child of /bulkhead: shared memory and a doorbell. */
struct zg_channel {
	int node;
	const char *name; /* the node name */
	bool ok; /* well formed: its zones get their ends */
	int zones[2]; /* the zone nodes */
	struct zg_range shm; /* host physical */
	u64 doorbell; /* guest physical, in both zones */
	u32 irq; /* the interrupt each end raises, 0: unknown */
};

struct zg_platform {
	int bulkhead_node;
	struct zg_range hyp;
	u32 nr_ram;
	struct zg_range ram[ZG_MAX_RAM]; /* sorted, merged /memory ranges */
	/* Firmware memory: /reserved-memory children and /memreserve/. */
	u32 nr_reserved;
	struct zg_range reserved[ZG_MAX_RAM];
	int reserved_node[ZG_MAX_RAM]; /* -1: a /memreserve/ entry */
	u32 nr_board_cpus, cap_cpus;
	struct zg_cpu *cpus; /* sorted by hwid */
	u32 nr_cpus; /* the first min(board CPUs, max_cpus) are usable */
	int console_node;
	const char *console_compatible;
	struct zg_range console_reg;
	u32 nr_console_irq_cells; /* 0 if the console has no interrupt */
	u32 console_irq_cells[3];
	u32 console_irq; /* its GIC interrupt id (SPIs only), 0 if none */
	int irqchip_node;
	const char *irqchip_compatible;
	u32 nr_irqchip_regs;
	struct zg_range irqchip_regs[ZG_MAX_IRQCHIP_REGS];
	/* Its model (models/); NULL: no usable interrupt controller. */
	const struct zg_irqchip *irqchip;
	u32 irq_nr_sources; /* of a controller that says (riscv,ndev) */
	struct zg_range image_store; /* size 0: none */
	u32 nr_channels, cap_channels;
	struct zg_channel *channels; /* sorted by name */
};

struct zg_layout {
	const void *fdt; /* the merged tree; must outlive the layout */
	struct zg_platform plat;
	u32 nr_zones, cap_zones;
	struct zg_zone *zones; /* sorted by id */
	u32 nr_switches, cap_switches;
	const char **switches; /* by index: first appearance */
};

struct zg_diag { /* one line each, without the program name */
	u32 nr_errors;
	u32 nr_warnings;
	char *text;
	size_t len;
	size_t cap;
};

void zg_diag_init(struct zg_diag *diag);
void zg_diag_free(struct zg_diag *diag);
void zg_error(struct zg_diag *diag, const void *fdt, int node, const char *fmt,
	      ...) __attribute__((format(printf, 4, 5)));
void zg_warn(struct zg_diag *diag, const void *fdt, int node, const char *fmt,
	     ...) __attribute__((format(printf, 4, 5)));
void zg_diag_print(const struct zg_diag *diag, FILE *out, const char *prog);

/* 0, or -1 if @diag holds an error. @out: zeroed, or a previous result. */
int zonegen_parse(const void *fdt, size_t size, const struct zg_options *opt,
		  struct zg_layout *out, struct zg_diag *diag);

/* With the guest DTB sizes: fills the image store; 0, or -1 on error. */
int zg_place_images(struct zg_layout *layout, const size_t *dtb_sizes,
		    struct zg_diag *diag);

/* Builds @zone's guest DTB (malloc'ed); its size, or 0 after an error. */
size_t zg_build_guest_dtb(const struct zg_layout *layout,
			  const struct zg_zone *zone, void **dtb,
			  struct zg_diag *diag);

/* The writers: 0 or a negative errno. */
int zg_write_zones_c(const struct zg_layout *layout, FILE *out);
int zg_write_layout_ld(const struct zg_layout *layout, FILE *out);
int zg_write_summary(const struct zg_layout *layout, FILE *out);
int zg_write_qemu_args(const struct zg_layout *layout, const char *dtb_dir,
		       FILE *out);
/* disks.txt: "<zone label> <node name> <file> 0x<addr> 0x<size>" lines. */
int zg_write_disks(const struct zg_layout *layout, FILE *out);

const char *zg_role_name(enum zg_role role);

/* Frees what @layout owns; it stays a valid, empty layout. */
void zg_layout_free(struct zg_layout *layout);

#endif
