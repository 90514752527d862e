/* SPDX-License-Identifier: Apache-2.0 */
/*
 * zonegen's insides: the device model interface (one file per model in
 * models/, registered in linker sections), the helpers of lib/ that passes
 * and models share, and the passes' entry points. The core passes never
 * name a compatible string or branch on a model.
 */
#ifndef ZG_MODEL_H
#define ZG_MODEL_H

#include <libfdt.h>

#include "zonegen.h"

#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))

/* Makes room for element @nr of growable array @arr (zeroed when new). */
void *zg_vec_grow(void *arr, u32 nr, u32 *cap, size_t size);
/* Appends a zeroed element to growable array @arr; returns its address. */
#define zg_vec_push(arr, nr, cap)                                  \
	((arr) = zg_vec_grow((arr), (nr), &(cap), sizeof(*(arr))), \
	 &(arr)[(nr)++])

/* lib/dt.c: device tree reading; every length is checked (hostile input). */
enum dt_reg_err {
	DT_REG_NONE = -1, /* no reg property */
	DT_REG_MALFORMED = -2,
	DT_REG_CELLS = -3, /* #address-cells/#size-cells unusable */
	DT_REG_TOO_MANY = -4,
	DT_REG_UNMAPPED = -5, /* a parent bus has no usable ranges */
};
const char *dt_reg_strerror(int err);
/* Reads 1 or 2 big-endian cells; false for other counts. */
bool dt_read_cells(const void *cells, int nr, u64 *val);
/* A #...-cells property: 0..4, @def if absent, -1 if malformed. */
int dt_cells(const void *fdt, int node, const char *name, int def);
int dt_addr_cells(const void *fdt, int node);
int dt_size_cells(const void *fdt, int node);
/* One address in root cells: 0, DT_REG_NONE if absent, -1 if malformed. */
int dt_get_root_addr(const void *fdt, int node, const char *prop, u64 *addr);
/* reg as CPU physical ranges (through the buses' ranges), or dt_reg_err. */
int dt_get_reg(const void *fdt, int node, struct zg_range *out, int max);
/* reg in the parent's cells, untranslated (emulated devices). */
int dt_get_raw_reg(const void *fdt, int node, struct zg_range *out, int max);
/* An (address, size) list in root cells, e.g. bulkhead,memory. */
int dt_get_root_ranges(const void *fdt, int node, const char *prop,
		       struct zg_range *out, int max);
/* A NUL-terminated string property, or NULL. */
const char *dt_get_string(const void *fdt, int node, const char *prop);
/* The same, only if it is one string (not a list). */
const char *dt_get_one_string(const void *fdt, int node, const char *prop);
bool dt_is_cpu_node(const void *fdt, int node);
bool dt_node_enabled(const void *fdt, int node);
int dt_interrupt_parent(const void *fdt, int node);
bool zg_is_compatible(const void *fdt, int node, const char *compat);

/*
 * For messages: a buffer of ZG_MSG_BUF bytes, the path of @node and
 * "[0x.., 0x..)" of @r, each in one of eight rotating buffers (a message
 * uses at most four, diag.c one more).
 */
#define ZG_MSG_BUF 512
char *zg_msg_buf(void);
/* Appends @s (quoted if @quote) to message buffer @buf, after @sep if not first. */
void zg_append(char *buf, const char *sep, const char *s, bool quote);
const char *zg_path(const void *fdt, int node);
const char *zg_range(const struct zg_range *r);

/* Valid ranges are not empty and end below the last page (no wrap). */
bool range_valid(const struct zg_range *r);
u64 range_end(const struct zg_range *r);
bool ranges_overlap(const struct zg_range *a, const struct zg_range *b);
bool range_inside(const struct zg_range *in, const struct zg_range *out);
bool range_page_aligned(const struct zg_range *r);
struct zg_range range_to_pages(const struct zg_range *r);

/* lib/ir.c: queries on the IR. */
struct zg_range zone_guest_mem(const struct zg_zone *zone, u32 i);
bool zone_in_guest_mem(const struct zg_zone *zone, const struct zg_range *r);
/* Guest memory the kernel claims: its file or its image_size, if larger. */
struct zg_range zone_kernel_range(const struct zg_zone *zone);
/* Where image @kind of @zone goes (physical) and its size; false: none. */
bool zone_image(const struct zg_zone *zone, enum zg_image_kind kind,
		struct zg_range *dst);
const struct zg_zone *zg_zone_by_node(const struct zg_layout *l, int node);
int zg_find_dev(const struct zg_zone *zone, int node);
int zg_cpu_index(const struct zg_platform *plat, int node);
/* Writes @text into a C comment: no comment end, printable only. */
void zg_put_comment_text(FILE *out, const char *text);
/* Adds passthrough interrupt @id of @dev to @zone (once per id). */
void zg_add_irq(const void *fdt, struct zg_zone *zone, int dev, u32 id,
		struct zg_diag *diag);
/* Adds an emulated window zonegen makes (a virtual irqchip's). */
void zg_add_auto_vdev(struct zg_zone *zone, const char *what,
		      const char *compatible, u64 base, u64 size);

/*
 * lib/props.c: the schema reader. A node's properties are checked against
 * a {NULL}-ended list of struct zg_prop: unknown ones, missing required
 * ones and malformed ones are reported with one wording each, so the
 * parsers only read values that are well formed.
 */
enum zg_prop_type {
	ZG_PROP_ANY, /* checked where it is read */
	ZG_PROP_STRING, /* one NUL-terminated string, not a list */
	ZG_PROP_FLAG, /* no value */
	ZG_PROP_BYTES, /* exactly @len bytes */
	ZG_PROP_SIZE, /* one size in the root's #size-cells */
	ZG_PROP_CELLS, /* @len cells; 0: one or more */
	ZG_PROP_ADDR, /* one address in root cells */
	ZG_PROP_RANGES, /* 1..@len (address, size) pairs in root cells */
};
#define ZG_PROP_REQUIRED (1u << 0)
#define ZG_PROP_ALIGNED (1u << 1) /* an ADDR, 4 KiB aligned */

struct zg_prop {
	const char *name;
	enum zg_prop_type type;
	u32 len;
	const char *expect; /* overrides the type's wording */
	unsigned int flags;
	const char *why; /* "missing required property \"x\" (why)" */
};
#define ZG_PROP(n, t, l, e, f, w)                                    \
	{                                                            \
		.name = (n), .type = (t), .len = (l), .expect = (e), \
		.flags = (f), .why = (w)                             \
	}
#define ZG_PROP_ANY_NAMED(n) \
	{                    \
		.name = (n)  \
	}
const struct zg_prop *zg_schema_find(const struct zg_prop *schema,
				     const char *name);
bool zg_check_prop(const void *fdt, int node, const struct zg_prop *p,
		   struct zg_diag *diag);
/* Every property of @node against @schema; false if one is wrong. */
bool zg_check_props(const void *fdt, int node, const struct zg_prop *schema,
		    struct zg_diag *diag);
void zg_malformed(struct zg_diag *diag, const void *fdt, int node,
		  const char *prop, const char *expected);
void zg_missing(struct zg_diag *diag, const void *fdt, int node,
		const char *prop);
/* A property meant as one string but a list: reported, true. */
bool zg_refuse_string_list(const void *fdt, int node, const char *prop,
			   struct zg_diag *diag);
/* A zone label, switch or channel name: 1..ZG_LABEL_MAX of [a-z0-9_-]. */
bool zg_check_name(const void *fdt, int node, const char *what,
		   const char *name, struct zg_diag *diag);
/* Size, wrap, alignment, firmware memory and "inside RAM"; false: unusable. */
bool zg_check_ram_range(const void *fdt, int node, const char *what,
			const struct zg_range *r,
			const struct zg_platform *plat, struct zg_diag *diag);
/* An image file name property, relative to the image dirs, or NULL. */
const char *zg_image_prop(const void *fdt, int node, const char *prop,
			  struct zg_diag *diag);
/* Looks image @name (a @what of @node) up; false after an error. */
bool zg_find_image(const void *fdt, const struct zg_options *opt, int node,
		   const char *what, const char *name, struct zg_image *img,
		   struct zg_diag *diag);
/* The compatible that makes @node a system-control device, or NULL. */
const char *zg_system_control(const void *fdt, int node);

/* lib/gdtb.c: the guest DTB writer's state and the helpers models use. */
#define GDTB_MAX_ROOT_NODES 256
#define GDTB_MAX_CLOCKS 32
#define COPY_NO_REG (1u << 0) /* reg is rewritten in root cells */
#define COPY_NO_CLOCKS (1u << 1) /* a clock provider is not in the guest */
#define COPY_NO_REFS (1u << 2) /* drop links to nodes the guest lacks */

struct gdtb {
	void *buf;
	const void *fdt; /* the merged tree */
	const struct zg_layout *l;
	const struct zg_zone *z;
	struct zg_diag *diag;
	int err; /* first libfdt error */
	u32 nr_names;
	char *names[GDTB_MAX_ROOT_NODES]; /* root children, to refuse twins */
	u32 nr_clocks;
	int clocks[GDTB_MAX_CLOCKS]; /* fixed-clock nodes to copy */
	u32 model_clk; /* phandle of a clock a model's nodes use, 0: none */
	bool model_clk_synth; /* the model writes that clock node itself */
	u32 nr_fixed_rates; /* fixed clocks lib/soc_fixups.c makes up */
	u32 fixed_rates[GDTB_MAX_CLOCKS];
};

/* Keeps the first libfdt error of a sequence of writes. */
void gdtb_sw(struct gdtb *g, int ret);
/* Begins root child @name; two of the same name are an error. */
void gdtb_begin_root_node(struct gdtb *g, const char *name);
/* @n ranges as a reg-like property in the root's cells. */
void gdtb_put_ranges(struct gdtb *g, const char *prop, const struct zg_range *r,
		     u32 n);
/* Copies those of the NULL-ended @names that @node has. */
void gdtb_copy_listed(struct gdtb *g, int node, const char *const *names);
int gdtb_find_clock(const struct gdtb *g, int node);
void gdtb_write_vdev_irq(struct gdtb *g, const struct zg_vdev *v);
/* The name board node @node gets at the guest's root. */
const char *zg_guest_name(const void *fdt, int node, char *buf, size_t len);
void gdtb_copy_props(struct gdtb *g, int node, unsigned int flags,
		     const char *extra);
void gdtb_copy_subtree(struct gdtb *g, int node, int depth);
/* Copies board node @node to the guest root, reg in CPU physical terms. */
void gdtb_copy_node_at_root(struct gdtb *g, int node, unsigned int flags,
			    bool subnodes);
/* "<node name>@<base>" of emulated device @v. */
void gdtb_vdev_node_name(const struct gdtb *g, const struct zg_vdev *v,
			 char *buf, size_t size);
/*
 * lib/soc_fixups.c: writes passthrough device @dev when it links to board
 * nodes the guest lacks (clocks resolved, other links dropped with a
 * note); false when the generic copy will do.
 */
bool zg_soc_write_device(struct gdtb *g, int dev);
/* The fixed clocks zg_soc_write_device() made up for the guest. */
void zg_soc_write_clocks(struct gdtb *g);

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
#define ZG_CAP_ONE_PER_ZONE (1u << 3)
#define ZG_CAP_CONSOLE (1u << 4) /* the zone's console (stdout-path) */
#define ZG_CAP_DMA_COHERENT (1u << 5) /* guest DTB: dma-coherent */

/* An emulated device model a zone node (or zonegen itself) instantiates. */
struct zg_model {
	const char *key; /* models.txt: "vdev:<compatible>[:<variant>]" */
	const char *needs_key; /* also needed (a virtio device's transport) */
	const char *compatible; /* the node's first compatible string */
	const char *variant; /* its bulkhead,virtio, NULL if it has none */
	const char *variant_prop; /* a transport: picks the variant model */
	const char *config_compatible; /* vdev_config.compatible in zones.c */
	const char *what; /* for messages, e.g. virtio block device */
	u64 size; /* of the register window, exactly */
	enum zg_irq_rule irq;
	unsigned int caps; /* ZG_CAP_* */
	/* Properties beyond compatible, reg, interrupts, phandle. */
	const struct zg_prop *props;
	/* Reads what the node says beyond window and interrupt. */
	void (*parse)(const void *fdt, const struct zg_options *opt,
		      const struct zg_platform *plat, struct zg_vdev *v,
		      struct zg_diag *diag);
	/* Writes "<params decl>" after "/\* <node path>" in zones.c. */
	void (*emit_params)(FILE *out, const struct zg_vdev *v, u32 zone,
			    u32 index);
	/* Its own properties in the guest DTB node. */
	void (*dtb_props)(struct gdtb *g, const struct zg_vdev *v);
	/* The whole guest DTB node instead of the generic writer. */
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
 * zone's virtual one looks like and what zones.c says of its interrupts.
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
 * a pointer in a linker section the passes walk in link order (the
 * library is linked whole).
 */
#define ZG_REGISTER(sect, type, name)                         \
	static const type *const name##_entry __attribute__(( \
		used, section(sect), aligned(sizeof(void *)))) = &(name)
#define ZG_MODEL(name) ZG_REGISTER("zg_models", struct zg_model, name)
#define ZG_IRQCHIP(name) ZG_REGISTER("zg_irqchips", struct zg_irqchip, name)
#define ZG_UART(name) ZG_REGISTER("zg_uarts", struct zg_uart, name)

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

/* lib/registry.c: lookups over the registry. */
const struct zg_model *zg_model_find(const char *compatible,
				     const char *variant);
const struct zg_model *zg_channel_model(void); /* ZG_CAP_CHANNEL's */

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

/*
 * The passes, in the order zonegen_parse() runs them: parse (DT -> IR,
 * parse*.c), check (IR -> diagnostics), the models' links. zg_parse()
 * returns 0 when there is a layout to check.
 */
int zg_parse(const void *fdt, size_t size, const struct zg_options *opt,
	     struct zg_layout *out, struct zg_diag *diag);
void zg_parse_platform(const void *fdt, const struct zg_options *opt,
		       struct zg_platform *plat, struct zg_diag *diag);
void zg_parse_zone(const void *fdt, int node, const struct zg_options *opt,
		   const struct zg_platform *plat, struct zg_zone *zone,
		   struct zg_diag *diag);
void zg_parse_zone_devices(const void *fdt, const struct zg_platform *plat,
			   struct zg_zone *zone, struct zg_diag *diag);
void zg_parse_zone_vdevs(const void *fdt, const struct zg_options *opt,
			 const struct zg_platform *plat, struct zg_zone *zone,
			 struct zg_diag *diag);
/* The interrupt emulated device or channel @node raises; 0: none. */
bool zg_read_virq(const void *fdt, const struct zg_platform *plat, int node,
		  u32 *irq, struct zg_diag *diag);
void zg_check_model_config(const void *fdt, int node,
			   const struct zg_options *opt,
			   const struct zg_model *model, struct zg_diag *diag);
int zg_cmp_vdev(const void *a, const void *b);
bool zg_is_channel(const void *fdt, int node);
void zg_parse_channels(const void *fdt, int bulkhead,
		       const struct zg_options *opt, struct zg_platform *plat,
		       struct zg_diag *diag);
void zg_add_ivc_ends(const void *fdt, const struct zg_platform *plat,
		     struct zg_zone *zone, struct zg_diag *diag);
void zg_link_channel_peers(struct zg_layout *l);
void zg_check(const struct zg_layout *l, const struct zg_options *opt,
	      struct zg_diag *diag);
void zg_link_models(struct zg_layout *l, struct zg_diag *diag);

#endif
