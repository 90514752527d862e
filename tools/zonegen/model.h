/* SPDX-License-Identifier: Apache-2.0 */
/*
 * The device models zonegen knows, one file each in models/: what a node
 * of the model looks like (its key, compatible, properties, register
 * window and interrupt rule) and the hooks the passes call for it. The
 * core passes never name a compatible string or branch on a model.
 */
#ifndef ZG_MODEL_H
#define ZG_MODEL_H

#include "zg_internal.h"

/* Whether a model's node may, must or must not have interrupts. */
enum zg_irq_rule {
	ZG_IRQ_NONE,
	ZG_IRQ_OPTIONAL,
	ZG_IRQ_REQUIRED,
};

/* What a model's devices bring besides a trapped window (zg_vdev union). */
#define ZG_CAP_DISK (1u << 0) /* a file loaded into the image store */
#define ZG_CAP_PORT (1u << 1) /* a port on a virtual switch */
#define ZG_CAP_CHANNEL (1u << 2) /* a zone's end of an inter-zone channel */
#define ZG_CAP_ONE_PER_ZONE (1u << 3) /* at most one in a zone */
#define ZG_CAP_CONSOLE (1u << 4) /* the zone's console (stdout-path) */
#define ZG_CAP_DMA_COHERENT (1u << 5) /* guest DTB: dma-coherent */

struct gdtb;

/* An emulated device model a zone node (or zonegen itself) instantiates. */
struct zg_model {
	/* models.txt key, "vdev:<compatible>[:<variant>]" */
	const char *key;
	/* Another key the model needs too (the transport of a virtio device). */
	const char *needs_key;
	const char *compatible; /* the node's first compatible string */
	const char *variant; /* its bulkhead,virtio, NULL if it has none */
	/* A transport: the property whose value picks the variant model. */
	const char *variant_prop;
	const char *config_compatible; /* vdev_config.compatible in zones.c */
	const char *what; /* for messages, e.g. virtio block device */
	u64 size; /* the exact size of the register window */
	enum zg_irq_rule irq;
	unsigned int caps; /* ZG_CAP_* */
	/* Properties it takes beyond compatible, reg, interrupts, phandle. */
	const struct zg_prop *props;
	/* Reads what the node says beyond window and interrupt. */
	void (*parse)(const void *fdt, const struct zg_options *opt,
		      const struct zg_platform *plat, struct zg_vdev *v,
		      struct zg_diag *diag);
	/* Writes "<params decl>" after "/\* <node path>" in zones.c; NULL: none. */
	void (*emit_params)(FILE *out, const struct zg_vdev *v, u32 zone,
			    u32 index);
	/* Adds its own properties to the node in the guest DTB. */
	void (*dtb_props)(struct gdtb *g, const struct zg_vdev *v);
	/* Writes the whole guest DTB node instead of the generic writer. */
	void (*write_dtb)(struct gdtb *g, const struct zg_vdev *v);
	/* Per zone with such a device, before the board's clocks are copied. */
	void (*dtb_plan)(struct gdtb *g);
	/* Per zone with such a device: root nodes of its own (a clock). */
	void (*dtb_nodes)(struct gdtb *g);
	/* Once every zone is read: joins devices across zones (switches). */
	void (*link)(struct zg_layout *l, struct zg_diag *diag);
};

/*
 * A board interrupt controller model: how its specifiers decode, what a
 * zone's virtual one looks like (windows, guest DTB node) and what zones.c
 * says of its interrupts. The passes call these hooks only.
 */
struct zg_irqchip {
	const char *key; /* "irqchip:<compatible>" */
	const char *vkey; /* the virtual one zones get; NULL: none */
	const char *vwhat; /* e.g. "virtual GIC", for messages */
	const char *const *compatibles; /* board node compatibles, NULL-ended */
	/* Reads the board node; false (after an error) if unusable. */
	bool (*parse)(const void *fdt, int node, struct zg_platform *plat,
		      struct zg_diag *diag);
	/* The console's interrupt id from its raw cells, 0: none usable. */
	u32 (*console_irq)(const struct zg_platform *plat);
	/* Adds the passthrough interrupts (@cells, @len bytes) of @dev. */
	void (*dev_irqs)(const void *fdt, const struct zg_platform *plat,
			 struct zg_zone *zone, int dev, const fdt32_t *cells,
			 int len, const char *path, struct zg_diag *diag);
	/* The interrupt id an emulated device's interrupts property names. */
	bool (*vdev_irq)(const void *fdt, const struct zg_platform *plat,
			 int node, const fdt32_t *cells, int len, u32 *irq,
			 struct zg_diag *diag);
	/* Adds the zone's virtual interrupt controller windows. */
	void (*add_virtual)(const struct zg_platform *plat,
			    struct zg_zone *zone);
	/* The guest's interrupt controller node; NULL: the board's, copied. */
	void (*write_dtb)(struct gdtb *g);
	/* cpu node properties guests of this architecture need too. */
	const char *const *cpu_props;
	/* A cpu's child the guest needs (a hart's local irqchip), or NULL. */
	void (*write_cpu_child)(struct gdtb *g, int cpu);
	/* Root nodes that go with it (the timer that raises its PPIs). */
	void (*write_root_extra)(struct gdtb *g);
	/* Guest addresses are below 2^ipa_bits (the stage-2 input range). */
	u32 ipa_bits;
	/* "SPI 16", "source 5": how messages and zones.c name an id. */
	const char *(*irq_name)(u32 id, char *buf, size_t len);
	/* zones.c: the assertion that the image shows interrupt id @max. */
	void (*emit_irq_limit)(FILE *out, u32 max);
};

/* A board UART model the hypervisor's console may be. */
struct zg_uart {
	const char *key; /* "uart:<compatible>" */
	const char *compatible;
	/* Optional: refuses a node the driver cannot drive (its layout). */
	void (*check)(const void *fdt, int node, struct zg_diag *diag);
};

/*
 * Each model file registers what it defines, e.g. ZG_MODEL(hvinfo_model):
 * a pointer in a linker section the passes walk, so adding a model is its
 * file and its line in meson.build (the library is linked whole).
 */
#define ZG_REGISTER(sect, type, name)                         \
	static const type *const name##_entry __attribute__(( \
		used, section(sect), aligned(sizeof(void *)))) = &(name)
#define ZG_MODEL(name) ZG_REGISTER("zg_models", struct zg_model, name)
#define ZG_IRQCHIP(name) ZG_REGISTER("zg_irqchips", struct zg_irqchip, name)
#define ZG_UART(name) ZG_REGISTER("zg_uarts", struct zg_uart, name)

/* The sections' bounds, from the linker (link order: meson.build's). */
extern const struct zg_model *const __start_zg_models[],
	*const __stop_zg_models[];
extern const struct zg_irqchip *const __start_zg_irqchips[],
	*const __stop_zg_irqchips[];
extern const struct zg_uart *const __start_zg_uarts[], *const __stop_zg_uarts[];

#define for_each_zg_model(m) \
	for ((m) = __start_zg_models; (m) < __stop_zg_models; (m)++)
#define for_each_zg_irqchip(m) \
	for ((m) = __start_zg_irqchips; (m) < __stop_zg_irqchips; (m)++)
#define for_each_zg_uart(m) \
	for ((m) = __start_zg_uarts; (m) < __stop_zg_uarts; (m)++)

/*
 * The compatible that makes @node a system-control device (power-off,
 * reboot, syscon), or NULL (models/syscon.c).
 */
const char *zg_system_control(const void *fdt, int node);

/* Adds passthrough interrupt @id of @dev to @zone (once per id). */
void zg_add_irq(const void *fdt, struct zg_zone *zone, int dev, u32 id,
		struct zg_diag *diag);
/* Adds an emulated window zonegen makes (a virtual irqchip's). */
void zg_add_auto_vdev(struct zg_zone *zone, const char *what,
		      const char *compatible, u64 base, u64 size);

/* The model of a zone child node by compatible (and variant), or NULL. */
const struct zg_model *zg_model_find(const char *compatible,
				     const char *variant);

/* The model of an inter-zone channel's ends (ZG_CAP_CHANNEL). */
const struct zg_model *zg_channel_model(void);

/* Capability test for the passes: a device's model has @cap. */
static inline bool zg_vdev_has(const struct zg_vdev *v, unsigned int cap)
{
	return v->model && (v->model->caps & cap);
}

/*
 * With a model table (--models) a model the build lacks fails on @node:
 * "<what> needs CONFIG_X=y in the configuration (make menuconfig: menu)".
 */
void zg_check_key(const void *fdt, int node, const struct zg_options *opt,
		  const char *key, const char *what, struct zg_diag *diag);

#include "gdtb.h"

#endif
