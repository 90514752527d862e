// SPDX-License-Identifier: Apache-2.0
/*
 * Unit tests of zonegen's parse/validate library on trees built in memory
 * with libfdt, so every case states exactly the tree it needs. The corpus
 * (run.py) covers the dtc/fdtoverlay pipeline end to end.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>
#include <libfdt.h>

#include "zonegen.h"

#define TREE_SIZE 0x10000
#define PH_GIC 1
#define PH_CPU0 10 /* cpu N has phandle PH_CPU0 + N */
#define PH_VIRTIO0 20
#define PH_VIRTIO1 21
#define PH_BUSDEV 22
#define PH_CLK 23

struct fixture {
	char fdt[TREE_SIZE];
	struct zg_layout layout;
	struct zg_diag diag;
	struct zg_options opt;
	int bulkhead;
};

static int image_found(void *ctx, const char *name, struct zg_image *img)
{
	(void)ctx;
	if (!strcmp(name, "missing.bin"))
		return -1;
	img->path = malloc(strlen(name) + 6);
	assert_non_null(img->path);
	sprintf(img->path, "/img/%s", name);
	img->size = !strcmp(name, "rd.img") ? 0x10001 : 0x1000;
	/* "Image" is an arm64 Image whose header claims 3 MiB. */
	img->mem_size = !strcmp(name, "Image") ? 0x300000 : 0;
	return 0;
}

static int add_node(void *fdt, int parent, const char *name)
{
	int node = fdt_add_subnode(fdt, parent, name);

	assert_true(node >= 0);
	return node;
}

static void set_reg64(void *fdt, int node, const char *prop, u64 base, u64 size)
{
	assert_int_equal(fdt_setprop_u64(fdt, node, prop, base), 0);
	assert_int_equal(fdt_appendprop_u64(fdt, node, prop, size), 0);
}

static void add_cpus(void *fdt)
{
	int cpus = add_node(fdt, 0, "cpus"), cpu, i;
	char name[16];

	fdt_setprop_u32(fdt, cpus, "#address-cells", 1);
	fdt_setprop_u32(fdt, cpus, "#size-cells", 0);
	for (i = 3; i >= 0; i--) { /* reverse order: zonegen sorts by reg */
		snprintf(name, sizeof(name), "cpu@%d", i);
		cpu = add_node(fdt, cpus, name);
		fdt_setprop_string(fdt, cpu, "device_type", "cpu");
		fdt_setprop_string(fdt, cpu, "compatible", "arm,cortex-a72");
		fdt_setprop_string(fdt, cpu, "enable-method", "psci");
		fdt_setprop_u32(fdt, cpu, "reg", i);
		fdt_setprop_u32(fdt, cpu, "phandle", PH_CPU0 + i);
	}
}

/* interrupts = <type number 4>: one GIC interrupt specifier. */
static void set_irq(void *fdt, int node, u32 type, u32 num)
{
	assert_int_equal(fdt_setprop_u32(fdt, node, "interrupts", type), 0);
	assert_int_equal(fdt_appendprop_u32(fdt, node, "interrupts", num), 0);
	assert_int_equal(fdt_appendprop_u32(fdt, node, "interrupts", 4), 0);
}

static void add_virtio(void *fdt, const char *name, u64 base, u32 phandle,
		       u32 spi)
{
	int node = add_node(fdt, 0, name);

	fdt_setprop_string(fdt, node, "compatible", "virtio,mmio");
	set_reg64(fdt, node, "reg", base, 0x200);
	set_irq(fdt, node, 0, spi);
	fdt_setprop_u32(fdt, node, "phandle", phandle);
}

/* Offsets move as properties grow: finish each node before the next. */
static void add_devices(void *fdt)
{
	int node;

	node = add_node(fdt, 0, "intc@8000000");
	fdt_setprop_string(fdt, node, "compatible", "arm,gic-v3");
	set_reg64(fdt, node, "reg", 0x8000000, 0x10000);
	fdt_appendprop_u64(fdt, node, "reg", 0x80a0000);
	fdt_appendprop_u64(fdt, node, "reg", 0xf60000);
	fdt_setprop_empty(fdt, node, "interrupt-controller");
	fdt_setprop_u32(fdt, node, "#interrupt-cells", 3);
	fdt_setprop_u32(fdt, node, "phandle", PH_GIC);
	node = add_node(fdt, 0, "uart@9000000");
	fdt_setprop_string(fdt, node, "compatible", "arm,pl011");
	set_reg64(fdt, node, "reg", 0x9000000, 0x1000);
	add_virtio(fdt, "virtio@a000000", 0xa000000, PH_VIRTIO0, 16);
	add_virtio(fdt, "virtio@a000200", 0xa000200, PH_VIRTIO1, 17);
}

/* A device behind a bus whose ranges move it: 0x1000 -> 0x1c001000. */
static void add_bus(void *fdt)
{
	int bus = add_node(fdt, 0, "soc"), dev, clk;

	fdt_setprop_u32(fdt, bus, "#address-cells", 1);
	fdt_setprop_u32(fdt, bus, "#size-cells", 1);
	fdt_setprop_u32(fdt, bus, "ranges", 0);
	fdt_appendprop_u64(fdt, bus, "ranges", 0x1c000000);
	fdt_appendprop_u32(fdt, bus, "ranges", 0x100000);
	dev = add_node(fdt, bus, "serial@1000");
	fdt_setprop_string(fdt, dev, "compatible", "ns16550a");
	fdt_setprop_u32(fdt, dev, "reg", 0x1000);
	fdt_appendprop_u32(fdt, dev, "reg", 0x100);
	fdt_setprop_u32(fdt, dev, "clocks", PH_CLK);
	fdt_setprop_u32(fdt, dev, "phandle", PH_BUSDEV);
	clk = add_node(fdt, 0, "osc");
	fdt_setprop_string(fdt, clk, "compatible", "fixed-clock");
	fdt_setprop_u32(fdt, clk, "#clock-cells", 0);
	fdt_setprop_u32(fdt, clk, "clock-frequency", 1843200);
	fdt_setprop_u32(fdt, clk, "phandle", PH_CLK);
}

static void build_board(void *fdt)
{
	int node;

	assert_int_equal(fdt_create_empty_tree(fdt, TREE_SIZE), 0);
	fdt_setprop_string(fdt, 0, "compatible", "test,board");
	fdt_setprop_u32(fdt, 0, "#address-cells", 2);
	fdt_setprop_u32(fdt, 0, "#size-cells", 2);
	fdt_setprop_u32(fdt, 0, "interrupt-parent", PH_GIC);
	node = add_node(fdt, 0, "chosen");
	fdt_setprop_string(fdt, node, "stdout-path", "/uart@9000000:115200n8");
	add_cpus(fdt);
	node = add_node(fdt, 0, "memory@40000000");
	fdt_setprop_string(fdt, node, "device_type", "memory");
	set_reg64(fdt, node, "reg", 0x40000000, 0x40000000);
	add_devices(fdt);
	add_bus(fdt);
}

static int add_zone(struct fixture *f, u32 id, const char *label, u32 cpu_first,
		    u32 nr_cpus, u64 mem_base)
{
	char name[16];
	int zone;
	u32 i;

	snprintf(name, sizeof(name), "zone@%x", id);
	zone = add_node(f->fdt, f->bulkhead, name);
	fdt_setprop_string(f->fdt, zone, "compatible", "bulkhead,zone");
	fdt_setprop_u32(f->fdt, zone, "reg", id);
	fdt_setprop_string(f->fdt, zone, "label", label);
	fdt_setprop_string(f->fdt, zone, "bulkhead,role", "user");
	for (i = 0; i < nr_cpus; i++)
		fdt_appendprop_u32(f->fdt, zone, "cpus",
				   PH_CPU0 + cpu_first + i);
	set_reg64(f->fdt, zone, "bulkhead,memory", mem_base, 0x1000000);
	fdt_setprop_string(f->fdt, zone, "bulkhead,kernel", "k.bin");
	return zone;
}

static int setup(void **state)
{
	struct fixture *f = calloc(1, sizeof(*f));

	assert_non_null(f);
	build_board(f->fdt);
	f->bulkhead = add_node(f->fdt, 0, "bulkhead");
	fdt_setprop_string(f->fdt, f->bulkhead, "compatible",
			   "bulkhead,hypervisor");
	set_reg64(f->fdt, f->bulkhead, "bulkhead,memory", 0x40000000,
		  0x1000000);
	fdt_setprop_u32(f->fdt, f->bulkhead, "#address-cells", 1);
	fdt_setprop_u32(f->fdt, f->bulkhead, "#size-cells", 0);
	f->opt.max_cpus = 4;
	f->opt.max_zones = 4;
	f->opt.find_image = image_found;
	zg_diag_init(&f->diag);
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	struct fixture *f = *state;

	zg_diag_free(&f->diag);
	zg_layout_free(&f->layout);
	free(f);
	return 0;
}

static int parse(struct fixture *f)
{
	/* Zone offsets shift as nodes are added: look them up afresh. */
	return zonegen_parse(f->fdt, fdt_totalsize(f->fdt), &f->opt, &f->layout,
			     &f->diag);
}

static void assert_error(struct fixture *f, const char *text)
{
	assert_int_equal(parse(f), -1);
	assert_non_null(f->diag.text);
	if (!strstr(f->diag.text, text))
		fail_msg("missing \"%s\" in:\n%s", text, f->diag.text);
}

static void test_one_zone(void **state)
{
	struct fixture *f = *state;
	const struct zg_zone *z;

	add_zone(f, 0, "solo", 1, 2, 0x42000000);
	assert_int_equal(parse(f), 0);
	assert_int_equal(f->layout.nr_zones, 1);
	z = &f->layout.zones[0];
	assert_string_equal(z->label, "solo");
	assert_int_equal(z->cpu_mask, 0x6);
	assert_int_equal(z->kernel_addr, 0x42000000);
	assert_int_equal(z->dtb_addr, 0x42e00000);
	assert_int_equal(f->layout.plat.nr_cpus, 4);
	assert_int_equal(f->layout.plat.cpus[3].hwid, 3);
	assert_string_equal(f->layout.plat.console_compatible, "arm,pl011");
	assert_int_equal(f->layout.plat.nr_irqchip_regs, 2);
	assert_int_equal(f->layout.plat.irqchip_regs[1].base, 0x80a0000);
	assert_int_equal(f->layout.plat.hyp.size, 0x1000000);
}

static void test_zones_sorted_by_id(void **state)
{
	struct fixture *f = *state;

	add_zone(f, 2, "two", 2, 1, 0x44000000);
	add_zone(f, 0, "zero", 0, 1, 0x42000000);
	assert_int_equal(parse(f), 0);
	assert_int_equal(f->layout.zones[0].id, 0);
	assert_int_equal(f->layout.zones[1].id, 2);
}

static void test_cpu_in_two_zones(void **state)
{
	struct fixture *f = *state;

	add_zone(f, 0, "a", 0, 2, 0x42000000);
	add_zone(f, 1, "b", 1, 1, 0x44000000);
	assert_error(
		f,
		"error: /bulkhead/zone@1: cpu /cpus/cpu@1 is already in zone /bulkhead/zone@0");
}

static void test_memory_overlap(void **state)
{
	struct fixture *f = *state;

	add_zone(f, 0, "a", 0, 1, 0x42000000);
	add_zone(f, 1, "b", 1, 1, 0x42800000);
	assert_error(
		f,
		"memory [0x42800000, 0x43800000) overlaps memory [0x42000000, 0x43000000) of zone /bulkhead/zone@0");
}

static void test_all_errors_reported(void **state)
{
	struct fixture *f = *state;
	int zone = add_zone(f, 0, "Bad", 0, 1, 0x40000000);

	fdt_setprop_string(f->fdt, zone, "bulkhead,colour", "red");
	assert_error(f, "unknown property \"bulkhead,colour\"");
	assert_error(f, "may only contain");
	assert_error(f, "overlaps the hypervisor's memory");
}

static void test_max_cpus(void **state)
{
	struct fixture *f = *state;

	f->opt.max_cpus = 2;
	add_zone(f, 0, "a", 1, 2, 0x42000000);
	assert_error(f, "cpu /cpus/cpu@2 has logical index 2");
	assert_int_equal(f->layout.plat.nr_cpus, 2);
}

static void test_kernel_missing(void **state)
{
	struct fixture *f = *state;
	int zone = add_zone(f, 0, "a", 0, 1, 0x42000000);

	fdt_setprop_string(f->fdt, zone, "bulkhead,kernel", "missing.bin");
	assert_error(f, "kernel image \"missing.bin\" not found");
}

static void test_not_a_dtb(void **state)
{
	struct fixture *f = *state;

	memset(f->fdt, 0x5a, 256);
	assert_int_equal(
		zonegen_parse(f->fdt, 256, &f->opt, &f->layout, &f->diag), -1);
	assert_non_null(strstr(f->diag.text, "not a valid device tree blob"));
}

static void test_truncated_dtb(void **state)
{
	struct fixture *f = *state;

	add_zone(f, 0, "a", 0, 1, 0x42000000);
	assert_int_equal(zonegen_parse(f->fdt, fdt_totalsize(f->fdt) - 1,
				       &f->opt, &f->layout, &f->diag),
			 -1);
}

/* libfdt 1.6.1's fdt_check_full() crashes on some pre-v16 blobs. */
static void test_old_dtb_version(void **state)
{
	struct fixture *f = *state;

	add_zone(f, 0, "a", 0, 1, 0x42000000);
	fdt_set_version(f->fdt, 16);
	assert_error(f, "device tree blob version 16 is not supported");
}

static void test_device_pages(void **state)
{
	struct fixture *f = *state;
	int a = add_zone(f, 0, "a", 0, 1, 0x42000000);

	fdt_setprop_u32(f->fdt, a, "bulkhead,devices", PH_VIRTIO0);
	a = add_zone(f, 1, "b", 1, 1, 0x44000000);
	fdt_setprop_u32(f->fdt, a, "bulkhead,devices", PH_VIRTIO1);
	assert_error(
		f,
		"device /virtio@a000200 shares the 4 KiB pages [0xa000000, 0xa001000) with device /virtio@a000000");
}

/* A device behind a bus: translated reg, and a guest DTB node at /. */
static void test_translated_device(void **state)
{
	struct fixture *f = *state;
	const fdt32_t *reg;
	void *dtb;
	size_t size;
	int zone, node, len;

	zone = add_zone(f, 0, "a", 0, 2, 0x42000000);
	fdt_setprop_u32(f->fdt, zone, "bulkhead,devices", PH_BUSDEV);
	assert_int_equal(parse(f), 0);
	assert_int_equal(f->layout.zones[0].devs[0].regs[0].base, 0x1c001000);
	assert_int_equal(f->layout.zones[0].dev_regions[0].range.size, 0x1000);
	size = zg_build_guest_dtb(&f->layout, &f->layout.zones[0], &dtb,
				  &f->diag);
	assert_true(size > 0);
	assert_int_equal(fdt_check_full(dtb, size), 0);
	node = fdt_path_offset(dtb, "/serial@1c001000");
	assert_true(node >= 0);
	reg = fdt_getprop(dtb, node, "reg", &len);
	assert_int_equal(len, 16);
	assert_int_equal(fdt32_to_cpu(reg[1]), 0x1c001000);
	assert_true(fdt_path_offset(dtb, "/osc") >= 0);
	assert_true(fdt_path_offset(dtb, "/cpus/cpu@1") >= 0);
	assert_true(fdt_path_offset(dtb, "/cpus/cpu@2") < 0);
	assert_true(fdt_path_offset(dtb, "/memory@42000000") >= 0);
	free(dtb);
}

static void test_zones_c(void **state)
{
	struct fixture *f = *state;
	char *text = NULL;
	size_t len = 0;
	FILE *out;

	add_zone(f, 0, "a", 0, 1, 0x42000000);
	assert_int_equal(parse(f), 0);
	out = open_memstream(&text, &len);
	assert_non_null(out);
	assert_int_equal(zg_write_zones_c(&f->layout, out), 0);
	fclose(out);
	assert_non_null(strstr(text, "const u32 nr_zone_configs = 1;"));
	assert_non_null(strstr(text, ".cpu_mask = 0x1, /* /cpus/cpu@0 */"));
	assert_non_null(strstr(text, ".dtb = 0x42e00000,"));
	free(text);
}

static char *write_to_string(int (*fn)(const struct zg_layout *, FILE *),
			     const struct zg_layout *l)
{
	char *text = NULL;
	size_t len = 0;
	FILE *out = open_memstream(&text, &len);

	assert_non_null(out);
	assert_int_equal(fn(l, out), 0);
	fclose(out);
	return text;
}

static void *guest_dtb(struct fixture *f, u32 zone)
{
	void *dtb;
	size_t size;

	size = zg_build_guest_dtb(&f->layout, &f->layout.zones[zone], &dtb,
				  &f->diag);
	assert_true(size > 0);
	assert_int_equal(fdt_check_full(dtb, size), 0);
	return dtb;
}

/* Reads cell @i of property @prop of node @path in @dtb. */
static u32 dtb_cell(const void *dtb, const char *path, const char *prop, int i)
{
	int node = fdt_path_offset(dtb, path), len;
	const fdt32_t *val;

	assert_true(node >= 0);
	val = fdt_getprop(dtb, node, prop, &len);
	assert_non_null(val);
	assert_true(len >= (i + 1) * 4);
	return fdt32_to_cpu(val[i]);
}

static int add_vuart(struct fixture *f, int zone, bool irq)
{
	int node;

	fdt_setprop_u32(f->fdt, zone, "#address-cells", 2);
	fdt_setprop_u32(f->fdt, zone, "#size-cells", 2);
	node = add_node(f->fdt, zone, "serial@9000000");
	fdt_setprop(f->fdt, node, "compatible", "arm,pl011\0arm,primecell",
		    sizeof("arm,pl011\0arm,primecell"));
	set_reg64(f->fdt, node, "reg", 0x9000000, 0x1000);
	if (irq)
		set_irq(f->fdt, node, 0, 1);
	return node;
}

/* Sorted ids, each with the device it comes from. */
static void test_passthrough_irqs(void **state)
{
	struct fixture *f = *state;
	int zone = add_zone(f, 0, "a", 0, 1, 0x42000000);
	const struct zg_zone *z;

	fdt_setprop_u32(f->fdt, zone, "bulkhead,devices", PH_VIRTIO1);
	fdt_appendprop_u32(f->fdt, zone, "bulkhead,devices", PH_VIRTIO0);
	/* virtio-mmio masters DMA: passed through only when marked so. */
	fdt_setprop_string(f->fdt,
			   fdt_node_offset_by_phandle(f->fdt, PH_VIRTIO0),
			   "bulkhead,dma", "unconfined");
	fdt_setprop_string(f->fdt,
			   fdt_node_offset_by_phandle(f->fdt, PH_VIRTIO1),
			   "bulkhead,dma", "unconfined");
	assert_int_equal(parse(f), 0);
	z = &f->layout.zones[0];
	assert_int_equal(z->nr_irqs, 2);
	assert_int_equal(z->irqs[0].id, 48);
	assert_int_equal(z->irqs[1].id, 49);
	assert_int_equal(z->irqs[0].dev,
			 fdt_node_offset_by_phandle(f->fdt, PH_VIRTIO0));
}

static void test_irq_in_two_zones(void **state)
{
	struct fixture *f = *state;
	int zone = add_zone(f, 0, "a", 0, 1, 0x42000000), dev;

	fdt_setprop_u32(f->fdt, zone, "bulkhead,devices", PH_VIRTIO0);
	zone = add_zone(f, 1, "b", 1, 1, 0x44000000);
	fdt_setprop_u32(f->fdt, zone, "bulkhead,devices", PH_BUSDEV);
	dev = fdt_node_offset_by_phandle(f->fdt, PH_BUSDEV);
	set_irq(f->fdt, dev, 0, 16);
	assert_error(
		f,
		"error: /bulkhead/zone@1: device /soc/serial@1000: interrupt id 48 (SPI 16) is already passed through to zone /bulkhead/zone@0 with device /virtio@a000000");
}

static void test_irq_ppi(void **state)
{
	struct fixture *f = *state;
	int zone = add_zone(f, 0, "a", 0, 1, 0x42000000);

	fdt_setprop_u32(f->fdt, zone, "bulkhead,devices", PH_BUSDEV);
	set_irq(f->fdt, fdt_node_offset_by_phandle(f->fdt, PH_BUSDEV), 1, 9);
	assert_error(
		f,
		"device /soc/serial@1000: interrupt 0 (PPI 9) is a per-CPU interrupt");
}

/* Without an interrupt, the console may be passed through. */
static void test_console_passthrough(void **state)
{
	struct fixture *f = *state;
	int zone = add_zone(f, 0, "a", 0, 1, 0x42000000), uart, node;
	void *dtb;

	uart = fdt_path_offset(f->fdt, "/uart@9000000");
	fdt_setprop_u32(f->fdt, uart, "phandle", 30);
	fdt_setprop_u32(f->fdt, zone, "bulkhead,devices", 30);
	assert_int_equal(parse(f), 0);
	assert_int_equal(f->layout.zones[0].nr_irqs, 0);
	dtb = guest_dtb(f, 0);
	node = fdt_path_offset(dtb, "/chosen");
	assert_string_equal(fdt_getprop(dtb, node, "stdout-path", NULL),
			    "/uart@9000000");
	free(dtb);
}

/* The console passed through takes its interrupt with it. */
static void test_console_irq_goes_with_it(void **state)
{
	struct fixture *f = *state;
	int zone = add_zone(f, 0, "a", 0, 1, 0x42000000), uart;

	uart = fdt_path_offset(f->fdt, "/uart@9000000");
	set_irq(f->fdt, uart, 0, 1);
	fdt_setprop_u32(f->fdt, uart, "phandle", 30);
	fdt_setprop_u32(f->fdt, zone, "bulkhead,devices", 30);
	assert_int_equal(parse(f), 0);
	assert_int_equal(f->layout.zones[0].nr_irqs, 1);
	assert_int_equal(f->layout.zones[0].irqs[0].id, 33);
}

/* Any other device on the console's interrupt line is refused. */
static void test_console_irq_refused(void **state)
{
	struct fixture *f = *state;
	int zone = add_zone(f, 0, "a", 0, 1, 0x42000000), dev;

	set_irq(f->fdt, fdt_path_offset(f->fdt, "/uart@9000000"), 0, 1);
	dev = fdt_path_offset(f->fdt, "/virtio@a000000");
	fdt_setprop_u32(f->fdt, dev, "interrupts", 0);
	fdt_appendprop_u32(f->fdt, dev, "interrupts", 1);
	fdt_appendprop_u32(f->fdt, dev, "interrupts", 4);
	fdt_setprop_u32(f->fdt, zone, "bulkhead,devices", PH_VIRTIO0);
	assert_error(
		f,
		"device /virtio@a000000: interrupt 0 (SPI 1, id 33) is the interrupt of the hypervisor's console");
}

/* A distributor and one redistributor per vCPU, in vdevs and the DTB. */
static void test_vgic(void **state)
{
	struct fixture *f = *state;
	const struct zg_zone *z;
	void *dtb;
	int node;

	add_zone(f, 0, "a", 1, 2, 0x42000000);
	assert_int_equal(parse(f), 0);
	z = &f->layout.zones[0];
	assert_int_equal(z->nr_vdevs, 2);
	assert_string_equal(z->vdevs[0].compatible, "bulkhead,vgic-v3-dist");
	assert_int_equal(z->vdevs[0].range.base, 0x8000000);
	assert_int_equal(z->vdevs[0].range.size, 0x10000);
	assert_string_equal(z->vdevs[1].compatible, "bulkhead,vgic-v3-redist");
	assert_int_equal(z->vdevs[1].range.base, 0x80a0000);
	assert_int_equal(z->vdevs[1].range.size, 0x40000);
	dtb = guest_dtb(f, 0);
	node = fdt_path_offset(dtb, "/intc@8000000");
	assert_true(node >= 0);
	assert_int_equal(dtb_cell(dtb, "/intc@8000000", "reg", 7), 0x40000);
	assert_int_equal(fdt_get_phandle(dtb, node), PH_GIC);
	assert_null(fdt_getprop(dtb, node, "interrupts", NULL));
	assert_int_equal(fdt_first_subnode(dtb, node), -FDT_ERR_NOTFOUND);
	free(dtb);
}

/* A vUART with an interrupt, and the clock zonegen makes up for it. */
static void test_vuart(void **state)
{
	struct fixture *f = *state;
	int zone = add_zone(f, 0, "a", 0, 1, 0x42000000);
	void *dtb;
	int node;

	add_vuart(f, zone, true);
	assert_int_equal(parse(f), 0);
	assert_int_equal(f->layout.zones[0].nr_vdevs, 3);
	assert_int_equal(f->layout.zones[0].vdevs[2].irq, 33);
	dtb = guest_dtb(f, 0);
	assert_int_equal(dtb_cell(dtb, "/serial@9000000", "interrupts", 1), 1);
	assert_int_equal(
		dtb_cell(dtb, "/serial@9000000", "interrupt-parent", 0),
		PH_GIC);
	/* The board's highest phandle is PH_CLK. */
	assert_int_equal(dtb_cell(dtb, "/serial@9000000", "clocks", 1),
			 PH_CLK + 1);
	node = fdt_path_offset(dtb, "/apb-pclk");
	assert_int_equal(fdt_get_phandle(dtb, node), PH_CLK + 1);
	assert_int_equal(dtb_cell(dtb, "/apb-pclk", "clock-frequency", 0),
			 24000000);
	free(dtb);
}

static void test_vuart_irq_collision(void **state)
{
	struct fixture *f = *state;
	int zone = add_zone(f, 0, "a", 0, 1, 0x42000000), uart;

	uart = add_vuart(f, zone, false);
	set_irq(f->fdt, uart, 0, 17);
	fdt_setprop_u32(f->fdt, zone, "bulkhead,devices", PH_VIRTIO1);
	assert_error(
		f,
		"/bulkhead/zone@0/serial@9000000: interrupt id 49 is already the zone's passthrough interrupt of device /virtio@a000200");
}

/* Default initrd: 2 MiB aligned after the 3 MiB the Image header claims. */
static void test_initrd(void **state)
{
	struct fixture *f = *state;
	int zone = add_zone(f, 0, "a", 0, 1, 0x42000000);
	void *dtb;

	fdt_setprop_string(f->fdt, zone, "bulkhead,kernel", "Image");
	fdt_setprop_string(f->fdt, zone, "bulkhead,initrd", "rd.img");
	assert_int_equal(parse(f), 0);
	assert_int_equal(f->layout.zones[0].initrd_addr, 0x42400000);
	dtb = guest_dtb(f, 0);
	assert_int_equal(dtb_cell(dtb, "/chosen", "linux,initrd-start", 1),
			 0x42400000);
	assert_int_equal(dtb_cell(dtb, "/chosen", "linux,initrd-end", 1),
			 0x42410001);
	free(dtb);
}

static void test_initrd_over_kernel(void **state)
{
	struct fixture *f = *state;
	int zone = add_zone(f, 0, "a", 0, 1, 0x42000000);

	fdt_setprop_string(f->fdt, zone, "bulkhead,kernel", "Image");
	fdt_setprop_string(f->fdt, zone, "bulkhead,initrd", "rd.img");
	fdt_setprop_u64(f->fdt, zone, "bulkhead,initrd-addr", 0x42200000);
	assert_error(
		f,
		"initrd image [0x42200000, 0x42210001) overlaps the kernel image [0x42000000, 0x42300000)");
}

static void set_store(struct fixture *f, u64 base, u64 size)
{
	set_reg64(f->fdt, fdt_path_offset(f->fdt, "/bulkhead"),
		  "bulkhead,image-store", base, size);
}

/* Builds every guest DTB and places the images; returns the result. */
static int place(struct fixture *f)
{
	size_t sizes[ZG_MAX_ZONES];
	void *dtb;
	u32 i;

	for (i = 0; i < f->layout.nr_zones; i++) {
		sizes[i] = zg_build_guest_dtb(&f->layout, &f->layout.zones[i],
					      &dtb, &f->diag);
		assert_true(sizes[i] > 0);
		free(dtb);
	}
	return zg_place_images(&f->layout, sizes, &f->diag);
}

static void test_image_store(void **state)
{
	struct fixture *f = *state;
	int zone = add_zone(f, 0, "a", 0, 1, 0x42000000);
	const struct zg_zone *z;
	char *text;

	fdt_setprop_string(f->fdt, zone, "bulkhead,initrd", "rd.img");
	add_zone(f, 1, "b", 1, 1, 0x44000000);
	set_store(f, 0x78000000, 0x100000);
	assert_int_equal(parse(f), 0);
	assert_int_equal(place(f), 0);
	z = &f->layout.zones[0];
	assert_int_equal(z->store[ZG_IMG_KERNEL], 0x78000000);
	assert_int_equal(z->store[ZG_IMG_INITRD], 0x78001000);
	assert_int_equal(z->store[ZG_IMG_DTB], 0x78012000);
	assert_int_equal(f->layout.zones[1].store[ZG_IMG_KERNEL] % 0x1000, 0);
	text = write_to_string(zg_write_zones_c, &f->layout);
	assert_non_null(strstr(
		text,
		".image_store = { .base = 0x78000000, .size = 0x100000 },"));
	assert_non_null(strstr(
		text,
		"{ .src = 0x78001000, .dst = 0x42200000, .size = 0x10001 },"));
	assert_non_null(strstr(text, ".nr_images = 3,"));
	assert_non_null(strstr(text, ".nr_images = 2,"));
	free(text);
}

static void test_image_store_too_small(void **state)
{
	struct fixture *f = *state;

	add_zone(f, 0, "a", 0, 1, 0x42000000);
	set_store(f, 0x78000000, 0x1000);
	assert_int_equal(parse(f), 0);
	assert_int_equal(place(f), -1);
	assert_non_null(strstr(f->diag.text,
			       "error: /bulkhead: the zones' images need "));
	assert_non_null(strstr(f->diag.text, "has only 4096 (0x1000)"));
}

static void test_image_store_over_zone(void **state)
{
	struct fixture *f = *state;

	add_zone(f, 0, "a", 0, 1, 0x42000000);
	set_store(f, 0x42f00000, 0x200000);
	assert_error(
		f,
		"/bulkhead: image store [0x42f00000, 0x43100000) overlaps memory [0x42000000, 0x43000000) of zone /bulkhead/zone@0");
}

static void test_may_power_off(void **state)
{
	struct fixture *f = *state;
	int zone = add_zone(f, 0, "a", 0, 1, 0x42000000);
	char *text;

	fdt_setprop_string(f->fdt, zone, "bulkhead,role", "root");
	fdt_setprop_empty(f->fdt, zone, "bulkhead,may-power-off");
	zone = add_zone(f, 1, "b", 1, 1, 0x44000000);
	assert_int_equal(parse(f), 0);
	text = write_to_string(zg_write_zones_c, &f->layout);
	assert_non_null(strstr(text, ".flags = ZONE_MAY_POWER_OFF,"));
	assert_non_null(strstr(text, ".flags = 0,"));
	free(text);
	fdt_setprop_empty(f->fdt, zone, "bulkhead,may-power-off");
	zg_diag_free(&f->diag);
	assert_error(
		f,
		"/bulkhead/zone@1: bulkhead,may-power-off is only allowed in the root zone");
}

/* A virtio,mmio child of @zone: SPI @spi, bulkhead,virtio = @type. */
static int add_vdev_virtio(struct fixture *f, int zone, u64 base, u32 spi,
			   const char *type)
{
	char name[32];
	int node;

	fdt_setprop_u32(f->fdt, zone, "#address-cells", 2);
	fdt_setprop_u32(f->fdt, zone, "#size-cells", 2);
	snprintf(name, sizeof(name), "virtio@%llx", (unsigned long long)base);
	node = add_node(f->fdt, zone, name);
	fdt_setprop_string(f->fdt, node, "compatible", "virtio,mmio");
	set_reg64(f->fdt, node, "reg", base, 0x200);
	set_irq(f->fdt, node, 0, spi);
	fdt_setprop_string(f->fdt, node, "bulkhead,virtio", type);
	return node;
}

/* A disk after the images; qemu.args and disks.txt say where. */
static void test_virtio_disk(void **state)
{
	struct fixture *f = *state;
	int zone = add_zone(f, 0, "a", 0, 1, 0x42000000), node;
	const struct zg_vdev *v;
	char *text;

	node = add_vdev_virtio(f, zone, 0xa000000, 16, "block");
	fdt_setprop_string(f->fdt, node, "bulkhead,disk", "d.img");
	set_store(f, 0x78000000, 0x100000);
	assert_int_equal(parse(f), 0);
	assert_int_equal(place(f), 0);
	v = &f->layout.zones[0].vdevs[2]; /* after the vGIC's two */
	assert_string_equal(v->compatible, "bulkhead,virtio-blk");
	assert_int_equal(v->blk.size, 0x1000);
	assert_int_equal(v->blk.store, 0x78003000);
	text = write_to_string(zg_write_disks, &f->layout);
	assert_string_equal(text,
			    "a virtio@a000000 0x78003000 0x1000 /img/d.img\n");
	free(text);
}

/* A model table: the board drivers, vGIC and emulated PL011 only. */
static enum zg_key_state only_pl011(void *ctx, const char *key,
				    const char **symbol, const char **menu)
{
	(void)ctx;
	if (!strcmp(key, "vdev:arm,pl011") || !strcmp(key, "vdev:arm,gic-v3") ||
	    !strncmp(key, "uart:", 5) || !strncmp(key, "irqchip:", 8))
		return ZG_KEY_ON;
	*symbol = !strcmp(key, "vdev:virtio,mmio:console") ?
			  "CONFIG_VIRTIO_CONSOLE" :
			  "CONFIG_OTHER";
	*menu = "Drivers";
	return ZG_KEY_OFF;
}

static void test_kconfig(void **state)
{
	struct fixture *f = *state;
	int zone = add_zone(f, 0, "a", 0, 1, 0x42000000);

	add_vuart(f, zone, true);
	f->opt.model_key = only_pl011;
	assert_int_equal(parse(f), 0);
	zone = add_zone(f, 1, "b", 1, 1, 0x44000000);
	add_vdev_virtio(f, zone, 0xa000000, 16, "console");
	assert_error(
		f,
		"/bulkhead/zone@1/virtio@a000000: virtio console needs CONFIG_VIRTIO_CONSOLE=y in the configuration");
}

/* A model table that has no line for any key. */
static enum zg_key_state no_keys(void *ctx, const char *key,
				 const char **symbol, const char **menu)
{
	(void)ctx;
	(void)key;
	(void)symbol;
	(void)menu;
	return ZG_KEY_UNKNOWN;
}

static void test_model_key_unknown(void **state)
{
	struct fixture *f = *state;

	add_zone(f, 0, "a", 0, 1, 0x42000000);
	f->opt.model_key = no_keys;
	assert_error(f, "no Kconfig option provides vdev:arm,gic-v3");
	assert_error(f, "no Kconfig option provides irqchip:arm,gic-v3");
}

/* dtc refuses a unit address without reg; zonegen says what it wants. */
static void test_channel_unit_address(void **state)
{
	struct fixture *f = *state;
	int node;

	add_zone(f, 0, "a", 0, 1, 0x42000000);
	node = add_node(f->fdt, f->bulkhead, "ivc@0");
	fdt_setprop_string(f->fdt, node, "compatible", "bulkhead,ivc");
	assert_error(
		f,
		"/bulkhead/ivc@0: a channel's node name is its name and has no unit address");
	assert_int_equal(f->layout.nr_zones, 1);
}

#define TEST(fn) cmocka_unit_test_setup_teardown(fn, setup, teardown)

int main(void)
{
	const struct CMUnitTest tests[] = {
		TEST(test_one_zone),
		TEST(test_zones_sorted_by_id),
		TEST(test_cpu_in_two_zones),
		TEST(test_memory_overlap),
		TEST(test_all_errors_reported),
		TEST(test_max_cpus),
		TEST(test_kernel_missing),
		TEST(test_not_a_dtb),
		TEST(test_truncated_dtb),
		TEST(test_old_dtb_version),
		TEST(test_device_pages),
		TEST(test_translated_device),
		TEST(test_zones_c),
		TEST(test_passthrough_irqs),
		TEST(test_irq_in_two_zones),
		TEST(test_irq_ppi),
		TEST(test_console_passthrough),
		TEST(test_console_irq_goes_with_it),
		TEST(test_console_irq_refused),
		TEST(test_vgic),
		TEST(test_vuart),
		TEST(test_vuart_irq_collision),
		TEST(test_initrd),
		TEST(test_initrd_over_kernel),
		TEST(test_image_store),
		TEST(test_image_store_too_small),
		TEST(test_image_store_over_zone),
		TEST(test_may_power_off),
		TEST(test_virtio_disk),
		TEST(test_kconfig),
		TEST(test_model_key_unknown),
		TEST(test_channel_unit_address),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
