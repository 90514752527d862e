// SPDX-License-Identifier: Apache-2.0
/*
 * rtlat: timer interrupt latency, the figure a real-time zone lives by.
 * The guest arms its timer every PERIOD_US on a fixed grid of deadlines
 * (arch/timer.h). On aarch64 that is the EL1 virtual timer, whose
 * interrupt comes through a GICv3 the guest sets up itself: natively
 * QEMU's, in a zone the hypervisor's virtual GIC, which offers the same
 * registers. On riscv64 it is the supervisor timer (stimecmp, or SBI
 * set_timer), whose interrupt needs no controller. Latency = the counter
 * read in the handler (just after acknowledging) - the deadline
 * programmed, in counter ticks.
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
#include <arch/timer.h>
#include <guest/console.h>
#include <guest/fdt.h>
#include <guest/runtime.h>

#ifndef LAT_SAMPLES
#define LAT_SAMPLES 0 /* 0: rtlat, report every second forever */
#endif

/* A variable, not the macro, so "n >= 0" draws no warning in rtlat. */
static const uint64_t samples = LAT_SAMPLES;

#define PERIOD_US 1000

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
	timer_arm(deadline);
}

static void timer_tick(uint64_t now)
{
	if (!done) {
		/* The timer fires at deadline <= counter: "early" is a bug. */
		stats_add(&window, now >= deadline ? now - deadline : 0);
		done = samples && window.n >= samples;
	}
	timer_rearm(now);
}

void guest_irq(void)
{
	unsigned int irq = irq_ack();
	uint64_t now = counter_read();

	if (irq == IRQ_SPURIOUS)
		return;
	if (irq_is_timer(irq))
		timer_tick(now);
	irq_eoi(irq);
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
	err = timer_irq_init(&fdt);
	if (err)
		guest_fail(TIMER_IRQ_CHIP ": %s", err);
}

static void start_timer(void)
{
	stats_reset(&window);
	deadline = counter_read() + period;
	timer_arm(deadline);
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
	timer_stop();
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
