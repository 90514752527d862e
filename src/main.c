// SPDX-License-Identifier: Apache-2.0
/*
 * Boot: the primary CPU sets up memory, console, interrupt controller and
 * every zone, then starts the boot CPU of each zone; every CPU ends in its
 * zone (or parked, if it has none). Nothing here runs after boot.
 */
#include <bulkhead/arch.h>
#include <bulkhead/console.h>
#include <bulkhead/hypercall_abi.h>
#include <bulkhead/irq.h>
#include <bulkhead/page_alloc.h>
#include <bulkhead/percpu.h>
#include <bulkhead/printk.h>
#include <bulkhead/vcpu.h>
#include <bulkhead/virq.h>
#include <bulkhead/zone.h>

struct percpu percpu[CONFIG_MAX_CPUS];
struct page_pool hyp_pool;

/* The pool can never exceed the hypervisor's region. */
#define MAX_POOL_PAGES (64ul * 1024 * 1024 / PAGE_SIZE)
static u64 pool_bitmap[PAGE_POOL_BITMAP_WORDS(MAX_POOL_PAGES)];

extern u8 __image_end[];

static const char *const role_names[] = { "root", "user", "rt" };

static void pool_init(void)
{
	u64 start = ALIGN_UP((u64)(uintptr_t)__image_end, PAGE_SIZE);
	u64 end = platform.hyp.base + platform.hyp.size;
	size_t pages = (end - start) / PAGE_SIZE;

	if (pages > MAX_POOL_PAGES)
		pages = MAX_POOL_PAGES;
	page_pool_init(&hyp_pool, (void *)(uintptr_t)start, pages, pool_bitmap);
}

static void print_banner(void)
{
	printk("Bulkhead %u.%u on %s (%s), %u CPUs, %s build\n",
	       BULKHEAD_VERSION_MAJOR, BULKHEAD_VERSION_MINOR, CONFIG_BOARD,
	       CONFIG_ARCH, platform.nr_cpus,
	       IS_ENABLED(CONFIG_TOOLCHAIN_CLANG) ? "clang" : "gcc");
	printk("hypervisor memory %#llx-%#llx, %zu free pages\n",
	       (unsigned long long)platform.hyp.base,
	       (unsigned long long)(platform.hyp.base + platform.hyp.size - 1),
	       hyp_pool.nr_free);
}

static void print_zone(const struct zone_config *cfg)
{
	printk("zone %u (%s): role %s, cpus %#llx, memory %#llx-%#llx%s, %u emulated devices\n",
	       cfg->id, cfg->name, role_names[cfg->role],
	       (unsigned long long)cfg->cpu_mask,
	       (unsigned long long)cfg->mem[0].ipa,
	       (unsigned long long)(cfg->mem[0].ipa + cfg->mem[0].size - 1),
	       cfg->nr_mem > 1 ? " (+more)" : "", cfg->nr_vdevs);
	for (const char *const *dev = cfg->dma_unconfined; dev && *dev; dev++)
		printk("zone %u (%s): DMA unconfined: %s can read and write all memory (bulkhead,dma = \"unconfined\")\n",
		       cfg->id, cfg->name, *dev);
}

static void create_zones(void)
{
	printk("%u zones\n", nr_zone_configs);
	for (u32 i = 0; i < nr_zone_configs && i < CONFIG_MAX_ZONES; i++) {
		struct zone *zone = &zones[nr_zones++];

		print_zone(&zone_configs[i]);
		if (zone_create(zone, &zone_configs[i])) {
			pr_err("zone %u (%s) not started: setup failed\n",
			       zone_configs[i].id, zone_configs[i].name);
			zone->state = ZONE_OFF;
			continue;
		}
		zone->state = ZONE_RUNNING;
	}
}

/*
 * Each running zone's vCPU 0 is switched on at the image's entry point
 * with the DTB as its argument, as a bootloader would; the guest starts
 * its other vCPUs itself (PSCI CPU_ON / SBI HSM).
 */
static void start_zones(void)
{
	for (u32 i = 0; i < nr_zones; i++) {
		struct zone *zone = &zones[i];

		if (zone->state == ZONE_RUNNING)
			zone_boot(zone);
	}
}

/* Called from head.S on the boot stack: which logical CPU are we? */
u64 boot_cpu_setup(u64 hwid)
{
	for (u32 i = 0; i < platform.nr_cpus; i++) {
		if (platform.cpu_hwid[i] == hwid) {
			percpu[i].id = i;
			percpu[i].hwid = hwid;
			return i;
		}
	}
	return ~0ull;
}

void __noreturn primary_main(u32 cpu)
{
	arch_set_this_cpu(&percpu[cpu]);
	pool_init();
	if (arch_mmu_init())
		arch_cpu_park();
	page_pool_enable_locking(&hyp_pool);
	if (console_init())
		arch_cpu_park(); /* nothing to say it on */
	print_banner();
	if (irqchip_init())
		panic("no driver for interrupt controller %s\n",
		      platform.irqchip.compatible);
	irqchip_cpu_init();
	virq_init();
	create_zones();
	console_input_init();
	start_zones();
	vcpu_run();
}

void __noreturn secondary_main(u32 cpu)
{
	percpu[cpu].id = cpu;
	percpu[cpu].hwid = platform.cpu_hwid[cpu];
	arch_set_this_cpu(&percpu[cpu]);
	irqchip_cpu_init();
	vcpu_run();
}
