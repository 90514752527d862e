// SPDX-License-Identifier: Apache-2.0
/*
 * rtlat: timer interrupt latency, the figure a real-time zone lives by.
 * The guest arms the EL1 virtual timer every PERIOD_US on a fixed grid of
 * deadlines and takes its interrupt through a GICv3 it sets up itself:
 * natively QEMU's, in a zone the hypervisor's virtual GIC, which offers
 * the same registers. Latency = CNTVCT_EL0 read in the handler (just
 * after acknowledging) - the deadline programmed, in counter ticks.
 *
 * rtlat.bin runs forever: "rtlat: start", then once per second of
 * counter time
 *   rtlat: n=<samples> min=<ticks> avg=<ticks> max=<ticks> ticks
 * for the samples of that second.
 *
 * irqlat.bin is this file built with LAT_SAMPLES = N, for benchmarks
 * (tests/bench): it takes N samples, prints
 *   irqlat: n=<N> min=<ticks> avg=<ticks, 3 decimals> max=<ticks>
 * then "irqlat: PASS" (or "irqlat: FAIL <why>") and powers off.
 */
#include <stdbool.h>

#include <arch/cpu.h>
#include <arch/gicv3.h>
#include <guest/console.h>
#include <guest/fdt.h>
#include <guest/runtime.h>

#ifndef LAT_SAMPLES
#define LAT_SAMPLES 0 /* 0: rtlat, report every second forever */
#endif

/* A variable, not the macro, so "n >= 0" draws no warning in rtlat. */
static const uint64_t samples = LAT_SAMPLES;

#define PERIOD_US 1000
#define TIMER_PRIORITY 0x80
/* The EL1 virtual timer's PPI on SBSA-style machines, QEMU virt's too. */
#define VTIMER_PPI_DEFAULT 27

#define CNTV_CTL_ENABLE 1u

#if LAT_SAMPLES
const char guest_name[] = "irqlat";
#else
const char guest_name[] = "rtlat";
#endif

struct lat_stats {
	uint64_t n, sum, min, max;
};

/*
 * Changed by the IRQ handler, and by the main program only with IRQs
 * masked. cpu_wait() and irq_disable() are compiler barriers, so the
 * main program's reads are never stale.
 */
static struct lat_stats window;
static uint64_t deadline;
static uint64_t missed; /* deadlines already past when re-arming */
static bool done;

static uint64_t period;
static unsigned int timer_intid;

static void vtimer_arm(uint64_t cval)
{
	asm volatile("msr cntv_cval_el0, %0\n\t"
		     "msr cntv_ctl_el0, %1\n\t"
		     "isb"
		     :
		     : "r"(cval), "r"((uint64_t)CNTV_CTL_ENABLE)
		     : "memory");
}

static void vtimer_stop(void)
{
	asm volatile("msr cntv_ctl_el0, xzr\n\tisb" : : : "memory");
}

static void stats_reset(struct lat_stats *s)
{
	s->n = 0;
	s->sum = 0;
	s->min = UINT64_MAX;
	s->max = 0;
}

static void stats_add(struct lat_stats *s, uint64_t ticks)
{
	s->n++;
	s->sum += ticks;
	if (ticks < s->min)
		s->min = ticks;
	if (ticks > s->max)
		s->max = ticks;
}

/* The next deadline on the grid; one already past is skipped and counted. */
static void timer_rearm(uint64_t now)
{
	deadline += period;
	if ((int64_t)(deadline - now) <= 0) {
		missed++;
		deadline = now + period;
	}
	vtimer_arm(deadline);
}

static void timer_tick(uint64_t now)
{
	if (!done) {
		/* The timer fires at CVAL <= CNTVCT: "early" would be a bug. */
		stats_add(&window, now >= deadline ? now - deadline : 0);
		done = samples && window.n >= samples;
	}
	timer_rearm(now);
}

void guest_irq(void)
{
	uint32_t intid = gicv3_ack();
	uint64_t now = counter_read();

	if (intid == GIC_INTID_SPURIOUS)
		return;
	if (intid == timer_intid)
		timer_tick(now);
	gicv3_eoi(intid);
}

/* The virtual timer's PPI from the DTB's timer node, else the usual 27. */
static unsigned int find_timer_intid(const struct fdt *fdt)
{
	struct fdt_node node;
	const uint8_t *irqs;
	uint32_t len;

	/* interrupts: secure phys, phys, virt, hyp; <type number flags> each. */
	if (fdt_find_compatible(fdt, "arm,armv8-timer", &node))
		return VTIMER_PPI_DEFAULT;
	irqs = fdt_get_prop(fdt, &node, "interrupts", &len);
	if (!irqs || len < 9 * 4 || fdt_cell(irqs, 6) != 1 /* PPI */ ||
	    fdt_cell(irqs, 7) >= 16)
		return VTIMER_PPI_DEFAULT;
	return 16 + fdt_cell(irqs, 7);
}

static void setup(const void *dtb)
{
	struct fdt fdt;
	const char *err;
	int ret;

	ret = fdt_open(&fdt, dtb);
	if (ret)
		guest_fail("DTB: %s", fdt_strerror(ret));
	period = counter_freq() * PERIOD_US / 1000000;
	if (!period)
		guest_fail(COUNTER_FREQ_SOURCE " is not set");
	err = gicv3_init(&fdt);
	if (err)
		guest_fail("gic: %s", err);
	timer_intid = find_timer_intid(&fdt);
	gicv3_enable_ppi(timer_intid, TIMER_PRIORITY);
}

static void start_timer(void)
{
	stats_reset(&window);
	deadline = counter_read() + period;
	vtimer_arm(deadline);
	irq_enable();
}

/* Copies the statistics so far and starts a new window. */
static void take_window(struct lat_stats *s)
{
	irq_disable();
	*s = window;
	stats_reset(&window);
	irq_enable();
	if (!s->n)
		s->min = 0;
}

static void report_windows(void)
{
	uint64_t second = counter_freq(), end;
	struct lat_stats s;

	printf("rtlat: start\n");
	start_timer();
	end = counter_read() + second;
	for (;;) {
		cpu_wait();
		if ((int64_t)(counter_read() - end) < 0)
			continue;
		end += second;
		take_window(&s);
		printf("rtlat: n=%llu min=%llu avg=%llu max=%llu ticks\n",
		       (unsigned long long)s.n, (unsigned long long)s.min,
		       (unsigned long long)(s.n ? s.sum / s.n : 0),
		       (unsigned long long)s.max);
	}
}

static void report_samples(void)
{
	struct lat_stats s;
	uint64_t avg_milli;

	start_timer();
	/*
	 * The last sample may come between the check and the WFI: the timer
	 * keeps ticking (unrecorded) so that the next tick ends that WFI.
	 * Waiting with IRQs unmasked keeps the path rtlat measures.
	 */
	while (!done)
		cpu_wait();
	irq_disable(); /* for good: the rest needs no interrupt */
	vtimer_stop();
	s = window;
	avg_milli = s.n ? s.sum * 1000 / s.n : 0;
	printf("irqlat: n=%llu min=%llu avg=%llu.%03llu max=%llu\n",
	       (unsigned long long)s.n, (unsigned long long)s.min,
	       (unsigned long long)(avg_milli / 1000),
	       (unsigned long long)(avg_milli % 1000),
	       (unsigned long long)s.max);
	if (missed)
		guest_fail("%llu deadlines passed before re-arming",
			   (unsigned long long)missed);
	if (s.max >= period)
		guest_fail("latency of %llu ticks, over the %llu-tick period",
			   (unsigned long long)s.max,
			   (unsigned long long)period);
	printf("irqlat: PASS\n");
}

void guest_main(const void *dtb)
{
	setup(dtb);
	if (samples)
		report_samples();
	else
		report_windows();
}
