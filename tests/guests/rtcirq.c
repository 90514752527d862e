// SPDX-License-Identifier: Apache-2.0
/*
 * rtcirq (riscv64): takes a passed-through device's interrupt. The zone
 * owns QEMU's Goldfish RTC; its alarm, armed a millisecond ahead, must
 * raise the RTC's PLIC source in the zone ALARMS times, each within
 * ALARM_WAIT_MS. Lost passthrough interrupts (a hart whose PLIC enables
 * the firmware reset) show as "rtcirq: FAIL no alarm interrupt ...".
 *
 * Lines: "rtcirq: alarm <n> taken" for each, then "rtcirq: PASS".
 */
#include <stdbool.h>

#include <arch/cpu.h>
#include <arch/devirq.h>
#include <guest/console.h>
#include <guest/fdt.h>
#include <guest/runtime.h>
#include <guest/time.h>

const char guest_name[] = "rtcirq";

#define ALARMS 3
#define ALARM_AHEAD_NS 1000000u
#define ALARM_WAIT_MS 2000

/* Goldfish RTC registers (QEMU hw/rtc/goldfish_rtc.c). */
#define RTC_TIME_LOW 0x00 /* reading it latches TIME_HIGH */
#define RTC_TIME_HIGH 0x04
#define RTC_ALARM_LOW 0x08 /* writing it arms the alarm */
#define RTC_ALARM_HIGH 0x0c
#define RTC_IRQ_ENABLED 0x10
#define RTC_CLEAR_INTERRUPT 0x1c

static uintptr_t rtc;
static unsigned int rtc_irq;
static volatile unsigned int alarms_taken;

void guest_irq(void)
{
	unsigned int irq = devirq_claim();

	if (irq == DEVIRQ_NONE)
		return;
	if (irq == rtc_irq) {
		mmio_write32(rtc + RTC_CLEAR_INTERRUPT, 1);
		alarms_taken = alarms_taken + 1;
	}
	devirq_complete(irq);
}

static void arm_alarm(void)
{
	uint64_t now = mmio_read32(rtc + RTC_TIME_LOW);

	now |= (uint64_t)mmio_read32(rtc + RTC_TIME_HIGH) << 32;
	now += ALARM_AHEAD_NS;
	mmio_write32(rtc + RTC_ALARM_HIGH, (uint32_t)(now >> 32));
	mmio_write32(rtc + RTC_ALARM_LOW, (uint32_t)now);
}

/* Waits, bounded, for alarm number @n; false if it never came. */
static bool wait_alarm(unsigned int n)
{
	uint64_t end = counter_read() + ticks_from_ms(ALARM_WAIT_MS);

	while (alarms_taken < n && counter_read() < end)
		cpu_relax(); /* interrupts are on: the handler counts */
	return alarms_taken >= n;
}

static void find_rtc(const struct fdt *fdt)
{
	struct fdt_node node;
	struct fdt_range reg;
	const char *err;

	if (fdt_find_compatible(fdt, "google,goldfish-rtc", &node) ||
	    fdt_node_reg(fdt, &node, &reg))
		guest_fail("no google,goldfish-rtc with a reg in the DTB");
	rtc = reg.base;
	err = devirq_init(fdt, &node, 0, &rtc_irq);
	if (err)
		guest_fail(DEVIRQ_CHIP ": %s", err);
}

void guest_main(const void *dtb)
{
	struct fdt fdt;
	int err = fdt_open(&fdt, dtb);

	if (err)
		guest_fail("DTB at %p: %s", dtb, fdt_strerror(err));
	if (!counter_freq())
		guest_fail(COUNTER_FREQ_SOURCE " is 0");
	find_rtc(&fdt);
	mmio_write32(rtc + RTC_IRQ_ENABLED, 1);
	irq_enable();
	for (unsigned int n = 1; n <= ALARMS; n++) {
		arm_alarm();
		if (!wait_alarm(n))
			guest_fail(
				"no alarm interrupt %u (source %u) within %u ms",
				n, rtc_irq, ALARM_WAIT_MS);
		printf("rtcirq: alarm %u taken\n", n);
	}
	printf("rtcirq: PASS\n");
}
