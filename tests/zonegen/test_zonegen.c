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
	snprintf(img->path, sizeof(img->path), "/img/%s", name);
	img->size = 0x1000;
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

static void add_virtio(void *fdt, const char *name, u64 base, u32 phandle)
{
	int node = add_node(fdt, 0, name);

	fdt_setprop_string(fdt, node, "compatible", "virtio,mmio");
	set_reg64(fdt, node, "reg", base, 0x200);
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
	add_virtio(fdt, "virtio@a000000", 0xa000000, PH_VIRTIO0);
	add_virtio(fdt, "virtio@a000200", 0xa000200, PH_VIRTIO1);
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
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
