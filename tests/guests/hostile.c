// SPDX-License-Identifier: Apache-2.0
/*
 * hostile: a zone that abuses the hypervisor's interfaces. Every bad
 * request must be refused with the documented error while the zone keeps
 * running; the last one (an access the hvinfo model cannot accept) must
 * stop the zone, and nothing else. The firmware calls are PSCI and the
 * GIC (distributor and SGIs, a GICv3 or a GICv2) on aarch64, SBI on
 * riscv64.
 */
#include <arch/cpu.h>
#ifndef GUEST_ARCH_SBI
#include <arch/gic.h>
#endif
#include <bulkhead/hvinfo_regs.h>
#include <bulkhead/hypercall_abi.h>
#include <guest/console.h>
#include <guest/fdt.h>
#include <guest/runtime.h>

const char guest_name[] = "hostile";

static void expect(const char *what, long got, long want)
{
	if (got != want)
		guest_fail("%s returned %ld, expected %ld", what, got, want);
	printf("hostile: %s refused (%ld)\n", what, got);
}

#ifdef GUEST_ARCH_SBI
/* In the SBI's experimental range, which the hypervisor does not serve. */
#define SBI_EXT_UNKNOWN 0x08000000

/*
 * The hart ids are the zone's, the entry must be in its memory, and the
 * debug console reads the zone's memory only.
 */
static void firmware_calls(const struct fdt *fdt, unsigned long base)
{
	(void)fdt;
	expect("hart_start of a hart the zone does not have",
	       guest_cpu_on(5, base, 0), GUEST_CPU_ON_INVALID);
	expect("hart_start with an entry outside the zone",
	       guest_cpu_on(0, base - 4096, 0), GUEST_CPU_ON_BAD_ENTRY);
	expect("unknown SBI extension",
	       sbi_call(SBI_EXT_UNKNOWN, 0, 0, 0, 0).error,
	       SBI_ERR_NOT_SUPPORTED);
	expect("debug console write outside the zone",
	       sbi_call(SBI_EXT_DBCN, SBI_DBCN_WRITE, 16, base - 4096, 0).error,
	       SBI_ERR_INVALID_PARAM);
}
#else
#define PSCI_NOT_SUPPORTED (-1)
#define PSCI_VERSION_ID 0x84000000ul
#define PSCI_SYSTEM_OFF_SMC64 0xc4000008ul /* PSCI defines no such call */

/* HC_VERSION by HVC #1: only HVC #0 is a hypercall. */
static long hvc_imm1_version(void)
{
	register unsigned long x0 __asm__("x0") = HC_VERSION;

	__asm__ volatile("hvc #1" : "+r"(x0) : : "x1", "x2", "x3", "memory");
	return (long)x0;
}

/* PSCI_VERSION by SMC #1: only SMC #0 is PSCI. */
static long smc_imm1_version(void)
{
	register unsigned long x0 __asm__("x0") = PSCI_VERSION_ID;

	__asm__ volatile("smc #1" : "+r"(x0) : : "x1", "x2", "x3", "memory");
	return (long)x0;
}

#define GICD_ISENABLER 0x100
#define GICD_ISPENDR 0x200
#define GICD_IPRIORITYR 0x400
#define GICD_ITARGETSR 0x800 /* GICv2 */
#define GICD_ICFGR 0xc00
#define GICD_IROUTER 0x6000 /* GICv3 */

/* The SGI the zone sends; the wait for one that must not come. */
#define HOSTILE_SGI 5
#define SGI_WAIT_MS 20

/*
 * Programs interrupts the zone does not own in its distributor: the
 * hypervisor console's receive interrupt (SPI 1, id 33) and the RTC's
 * (SPI 2, id 34), which the isolation product passes to the hello zone.
 * Every register must still read as zero.
 */
static void attack_foreign_spi(unsigned long d, unsigned int id)
{
	unsigned int bit = 1u << (id % 32), word = id / 32 * 4;

	mmio_write32(d + GICD_ISENABLER + word, bit);
	mmio_write32(d + GICD_ISPENDR + word, bit);
	mmio_write32(d + GICD_IPRIORITYR + (id & ~3u), 0x10101010);
	mmio_write32(d + GICD_ICFGR + id / 16 * 4, 0xffffffff);
	if (gic_version() == 2)
		mmio_write32(d + GICD_ITARGETSR + (id & ~3u), 0xffffffff);
	else
		mmio_write32(d + GICD_IROUTER + id * 8, 0);
	if (mmio_read32(d + GICD_ISENABLER + word) & bit ||
	    mmio_read32(d + GICD_ISPENDR + word) & bit ||
	    mmio_read32(d + GICD_IPRIORITYR + (id & ~3u)) ||
	    mmio_read32(d + GICD_ICFGR + id / 16 * 4) ||
	    (gic_version() == 2 &&
	     mmio_read32(d + GICD_ITARGETSR + (id & ~3u))))
		guest_fail(
			"SPI id %u of another owner changed in our distributor",
			id);
	printf("hostile: SPI id %u of another owner reads as zero after writes\n",
	       id);
}

static void attack_foreign_spis(void)
{
	attack_foreign_spi(gic_dist_base(), 33);
	attack_foreign_spi(gic_dist_base(), 34);
}

static volatile unsigned int sgis_taken;

void guest_irq(void)
{
	uint32_t intid = gic_ack();

	if (intid == GIC_INTID_SPURIOUS)
		return;
	if (intid == HOSTILE_SGI)
		sgis_taken++;
	gic_eoi(intid);
}

/* Waits up to @ms for sgis_taken to reach @n (no sooner: it may pass). */
static void wait_sgis(unsigned int n, unsigned int ms)
{
	uint64_t end = counter_read() + counter_freq() * ms / 1000;

	while (sgis_taken < n && counter_read() < end)
		cpu_relax();
}

/*
 * SGIs to every CPU but this one, which are CPUs the one-vCPU zone does
 * not have: nobody may take them, this CPU neither. Then one to itself,
 * which must arrive once (the attack was not merely lost).
 */
static void attack_foreign_sgis(void)
{
	uint16_t self = gic_self_target();

	gic_enable_private(HOSTILE_SGI, 0x80);
	irq_enable();
	gic_send_sgi(HOSTILE_SGI, (uint16_t)~self);
	wait_sgis(1, SGI_WAIT_MS);
	if (sgis_taken)
		guest_fail("an SGI to CPUs the zone does not have was taken");
	printf("hostile: SGI to CPUs the zone does not have delivered to none\n");
	gic_send_sgi(HOSTILE_SGI, self);
	wait_sgis(2, SGI_WAIT_MS);
	irq_disable();
	if (sgis_taken != 1)
		guest_fail("SGI to itself taken %u times", sgis_taken);
	printf("hostile: SGI to itself taken once\n");
}

static void firmware_calls(const struct fdt *fdt, unsigned long base)
{
	const char *err;

	expect("CPU_ON of a CPU the zone does not have",
	       guest_cpu_on(5, base, 0), GUEST_CPU_ON_INVALID);
	expect("CPU_ON with an entry outside the zone",
	       guest_cpu_on(0, base - 4096, 0), GUEST_CPU_ON_BAD_ENTRY);
	expect("unknown SMC", psci_call(0xc2000000, 0, 0, 0),
	       PSCI_NOT_SUPPORTED);
	expect("HVC #1", hvc_imm1_version(), HC_NOT_SUPPORTED);
	expect("SMC #1", smc_imm1_version(), PSCI_NOT_SUPPORTED);
	expect("SMC64 SYSTEM_OFF", psci_call(PSCI_SYSTEM_OFF_SMC64, 0, 0, 0),
	       PSCI_NOT_SUPPORTED);
	err = gic_init(fdt);
	if (err)
		guest_fail("gic: %s", err);
	attack_foreign_spis();
	attack_foreign_sgis();
}
#endif

/*
 * Terminal controls in every form, with letters between them: only the
 * letters, "2J", "0;t", the e acute and ">" may reach the terminal.
 */
static const char injection[] = "A\x1b[2JB\x9b"
				"2JC\x9d"
				"0;t\x07"
				"D\xc2\x9b"
				"2JE\xc2\x9d"
				"0;t\xc2\x9c"
				"F\x08\r\x7f\x0e"
				"G\xe0\x82\x9b"
				"H\xc3\xa9\x85>\n";

/* The injection through HC_CONSOLE_WRITE, then byte by byte through PUTC. */
static void inject_terminal_controls(void)
{
	static const char write_tag[] = "hostile: inject write <";
	static char line[sizeof(write_tag) + sizeof(injection)];
	size_t n = 0;

	console_end_line();
	for (size_t i = 0; i < sizeof(write_tag) - 1; i++)
		line[n++] = write_tag[i];
	for (size_t i = 0; i < sizeof(injection) - 1; i++)
		line[n++] = injection[i];
	cache_clean_inval_range((uintptr_t)line, n);
	if (hypercall(HC_CONSOLE_WRITE, (uintptr_t)line, n).ret != HC_OK)
		guest_fail("console write of the injection failed");
	for (const char *p = "hostile: inject putc <"; *p; p++)
		hypercall(HC_CONSOLE_PUTC, (unsigned char)*p, 0);
	for (size_t i = 0; i < sizeof(injection) - 1; i++)
		hypercall(HC_CONSOLE_PUTC, (unsigned char)injection[i], 0);
}

static unsigned long zone_base(const struct fdt *fdt)
{
	struct fdt_range mem;

	if (fdt_memory_reg(fdt, &mem))
		guest_fail("no /memory in the DTB");
	return mem.base;
}

void guest_main(const void *dtb)
{
	struct fdt fdt;
	struct fdt_node node;
	struct fdt_range reg;
	unsigned long base;

	if (fdt_open(&fdt, dtb) ||
	    fdt_find_compatible(&fdt, "bulkhead,hvinfo", &node) ||
	    fdt_node_reg(&fdt, &node, &reg))
		guest_fail("no bulkhead,hvinfo device in the DTB");
	base = zone_base(&fdt);
	inject_terminal_controls();
	expect("console write outside the zone",
	       hypercall(HC_CONSOLE_WRITE, base - 4096, 16).ret, HC_INVALID);
	expect("console write of 4096 bytes",
	       hypercall(HC_CONSOLE_WRITE, base, 4096).ret, HC_INVALID);
	expect("console write wrapping the address space",
	       hypercall(HC_CONSOLE_WRITE, ~0ul - 7, 16).ret, HC_INVALID);
	expect("unknown hypercall", hypercall(HC_FN(0x7ff), 1, 2).ret,
	       HC_NOT_SUPPORTED);
	firmware_calls(&fdt, base);
	mmio_write32(reg.base + HVINFO_MAGIC, 0);
	if (mmio_read32(reg.base + HVINFO_MAGIC) != HVINFO_MAGIC_VALUE)
		guest_fail("a write changed a read-only hvinfo register");
	printf("hostile: write to a read-only register ignored\n");
	printf("hostile: 8-byte read of a 32-bit register next\n");
	console_end_line();
	mem_read64(reg.base + HVINFO_MAGIC);
	guest_fail("the 8-byte read of hvinfo returned");
}
