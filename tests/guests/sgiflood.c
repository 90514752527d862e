// SPDX-License-Identifier: Apache-2.0
/*
 * sgiflood: more interrupts pending at once than the CPU interface has
 * list registers (QEMU's has 4). With interrupts masked the guest sends
 * itself SGIs 0..7, SGI n at priority 0x80 - 0x10 * n (SGI 7 the most
 * urgent), then unmasks: all eight must arrive, most urgent first. In a
 * zone this needs the vGIC's eviction and underflow refill; natively,
 * QEMU's own GIC does the same. On a GICv3 or a GICv2 (arch/gic.h).
 */
#include <arch/cpu.h>
#include <arch/gic.h>
#include <guest/console.h>
#include <guest/fdt.h>
#include <guest/runtime.h>

#define NR_SGIS 8

const char guest_name[] = "sgiflood";

static volatile unsigned int taken[NR_SGIS + 1], nr_taken;

void guest_irq(void)
{
	uint32_t intid = gic_ack();

	if (intid == GIC_INTID_SPURIOUS)
		return;
	if (nr_taken <= NR_SGIS)
		taken[nr_taken] = intid;
	nr_taken++;
	gic_eoi(intid);
}

static void check_order(void)
{
	printf("sgiflood: taken");
	for (unsigned int i = 0; i < NR_SGIS; i++)
		printf(" %u", taken[i]);
	printf("\n");
	if (nr_taken != NR_SGIS)
		guest_fail("%u interrupts taken, expected %u", nr_taken,
			   NR_SGIS);
	for (unsigned int i = 0; i < NR_SGIS; i++)
		if (taken[i] != NR_SGIS - 1 - i)
			guest_fail("SGI %u taken in place %u", taken[i], i);
}

void guest_main(const void *dtb)
{
	struct fdt fdt;
	const char *err;
	uint64_t end;

	if (fdt_open(&fdt, dtb))
		guest_fail("bad DTB");
	err = gic_init(&fdt);
	if (err)
		guest_fail("gic: %s", err);
	for (unsigned int id = 0; id < NR_SGIS; id++)
		gic_enable_private(id, (uint8_t)(0x80 - 0x10 * id));
	irq_disable();
	for (unsigned int id = 0; id < NR_SGIS; id++)
		gic_send_sgi(id, gic_self_target());
	irq_enable();
	end = counter_read() + counter_freq() / 10;
	while (nr_taken < NR_SGIS && counter_read() < end)
		cpu_relax();
	irq_disable();
	check_order();
	printf("sgiflood: PASS\n");
}
