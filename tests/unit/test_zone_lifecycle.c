// SPDX-License-Identifier: Apache-2.0
/*
 * Host tests of src/zone_lifecycle.c with the zone code of src/zone.c:
 * manual and automatic boot, commanded stop, start and restart, the
 * refusals, images copied again on a restart, and the counters. The
 * vCPUs of the fake zones are already off, as they are once a stop has
 * taken them out of the guest (the waiting itself needs real CPUs).
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include <bulkhead/zone.h>

#include "fakes.h"

static struct zone_config cfgs[2];
static struct zone root, rt;
static u8 store[64], ram[64];
static struct zone_image_config image;

static int setup(void **state)
{
	(void)state;
	fake_reset();
	memset(&root, 0, sizeof(root));
	memset(&rt, 0, sizeof(rt));
	memset(cfgs, 0, sizeof(cfgs));
	cfgs[0] = (struct zone_config){ .id = 0,
					.name = "linux",
					.role = ZONE_ROLE_ROOT,
					.cpu_mask = 0x1 };
	cfgs[1] = (struct zone_config){
		.id = 1, .name = "rt", .role = ZONE_ROLE_RT, .cpu_mask = 0x6
	};
	root.cfg = &cfgs[0];
	rt.cfg = &cfgs[1];
	root.nr_vcpus = 1;
	rt.nr_vcpus = 2;
	root.lock = rt.lock = (spinlock_t)SPINLOCK_INIT;
	memset(store, 0x11, sizeof(store));
	memset(ram, 0, sizeof(ram));
	image = (struct zone_image_config){ (uintptr_t)store, (uintptr_t)ram,
					    sizeof(store) };
	return 0;
}

static void boot_both(void)
{
	root.state = rt.state = ZONE_RUNNING;
	zone_boot(&root);
	zone_boot(&rt);
}

static void test_auto_and_manual_boot(void **state)
{
	(void)state;
	cfgs[1].flags = ZONE_BOOT_MANUAL;
	boot_both();
	assert_int_equal(zone_life_state(&root), ZONE_LIFE_RUNNING);
	assert_int_equal(root.life.starts, 1);
	assert_int_equal(zone_life_state(&rt), ZONE_LIFE_STOPPED);
	assert_int_equal(rt.life.starts, 0);
	assert_int_equal(rt.life.last_stop, ZONE_STOP_NONE);
	assert_non_null(strstr(fake_printk_log,
			       "zone 1 (rt) waits for a start command"));
	/* Its first start needs no image store: the loader put them. */
	assert_int_equal(zone_cmd_start(&rt, &root), ZONE_CMD_OK);
	assert_int_equal(zone_life_state(&rt), ZONE_LIFE_RUNNING);
	assert_int_equal(rt.life.starts, 1);
	assert_int_equal(ram[0], 0);
}

static void test_stop_then_start(void **state)
{
	(void)state;
	cfgs[1].nr_images = 1;
	cfgs[1].images = &image;
	boot_both();
	assert_int_equal(zone_cmd_stop(&rt, &root, true), ZONE_CMD_OK);
	assert_int_equal(zone_life_state(&rt), ZONE_LIFE_STOPPED);
	assert_false(rt.life.stopping);
	/* Every CPU of the zone was kicked out of its guest, no other. */
	assert_int_equal(fake_ipi_mask, 0x6);
	assert_int_equal(rt.life.stops, 1);
	assert_int_equal(rt.life.crashes, 0);
	assert_int_equal(rt.life.last_stop, ZONE_STOP_COMMAND);
	assert_string_equal(rt.life.last_reason, "stopped by zone 0 (forced)");
	assert_non_null(strstr(fake_printk_log, "zone 1 (rt) stopped: stopped "
						"by zone 0 (forced)"));
	/* Started again: its image is copied in afresh. */
	assert_int_equal(zone_cmd_start(&rt, &root), ZONE_CMD_OK);
	assert_int_equal(ram[0], 0x11);
	assert_int_equal(ram[sizeof(ram) - 1], 0x11);
	assert_int_equal(rt.life.starts, 2);
	assert_int_equal(zone_life_state(&rt), ZONE_LIFE_RUNNING);
}

static void test_refusals(void **state)
{
	(void)state;
	boot_both();
	assert_int_equal(zone_cmd_stop(&root, &root, true), ZONE_CMD_ESELF);
	assert_int_equal(zone_cmd_start(&rt, &root), ZONE_CMD_ERUNNING);
	assert_int_equal(zone_cmd_stop(&rt, &root, false), ZONE_CMD_OK);
	assert_string_equal(
		rt.life.last_reason,
		"stopped by zone 0 (graceful not supported, forced)");
	assert_int_equal(zone_cmd_stop(&rt, &root, true), ZONE_CMD_ESTOPPED);
	/* Without an image store a second run has nothing to start from. */
	assert_int_equal(zone_cmd_start(&rt, &root), ZONE_CMD_ENOIMAGE);
	assert_int_equal(rt.life.stops, 1);
	assert_int_equal(rt.life.starts, 1);
}

static void test_crashed_zone_is_parked(void **state)
{
	(void)state;
	boot_both();
	rt.state = ZONE_STOPPED;
	zone_note_stop(&rt, ZONE_STOP_FAULT, "data abort");
	assert_int_equal(zone_life_state(&rt), ZONE_LIFE_CRASHED);
	assert_int_equal(rt.life.crashes, 1);
	assert_int_equal(zone_cmd_start(&rt, &root), ZONE_CMD_EPARKED);
	assert_int_equal(zone_cmd_restart(&rt, &root), ZONE_CMD_EPARKED);
	/* Powering itself off is a clean stop, not a crash. */
	zone_note_stop(&rt, ZONE_STOP_POWER_OFF, "powered off");
	assert_int_equal(zone_life_state(&rt), ZONE_LIFE_STOPPED);
	assert_int_equal(rt.life.crashes, 1);
	assert_int_equal(rt.life.stops, 2);
}

static void test_restart_and_long_reason(void **state)
{
	char longer[3 * ZONE_REASON_LEN];

	(void)state;
	cfgs[1].nr_images = 1;
	cfgs[1].images = &image;
	boot_both();
	assert_int_equal(zone_cmd_restart(&rt, &root), ZONE_CMD_OK);
	assert_int_equal(rt.life.starts, 2);
	assert_int_equal(rt.life.stops, 1);
	assert_int_equal(zone_life_state(&rt), ZONE_LIFE_RUNNING);
	/* A stopped zone restarts too: the stop is skipped. */
	assert_int_equal(zone_cmd_stop(&rt, &root, true), ZONE_CMD_OK);
	assert_int_equal(zone_cmd_restart(&rt, &root), ZONE_CMD_OK);
	assert_int_equal(rt.life.starts, 3);
	memset(longer, 'y', sizeof(longer) - 1);
	longer[sizeof(longer) - 1] = 0;
	zone_note_stop(&rt, ZONE_STOP_RESET, longer);
	assert_int_equal(strlen(rt.life.last_reason), ZONE_REASON_LEN - 1);
	assert_string_equal(zone_stop_kind_name(rt.life.last_stop), "reset");
	assert_string_equal(zone_life_state_name(ZONE_LIFE_CRASHED), "crashed");
	assert_string_equal(zone_cmd_error(ZONE_CMD_ERUNNING),
			    "it is running: stop it first");
}

static void test_event_log(void **state)
{
	struct zone_event ev[ZONE_EVENTS + 1];
	u32 base, n;

	(void)state;
	/* The log outlives the test cases: start from where it is now. */
	n = zone_events_after(0, ev, ZONE_EVENTS);
	base = n ? ev[n - 1].seq : 0;
	boot_both();
	assert_int_equal(zone_cmd_stop(&rt, &root, true), ZONE_CMD_OK);
	assert_int_equal(zone_events_after(base, ev, ZONE_EVENTS), 3);
	assert_int_equal(ev[0].seq, base + 1);
	assert_int_equal(ev[0].zone, 0);
	assert_int_equal(ev[0].kind, ZONE_STOP_NONE); /* a start */
	assert_int_equal(ev[1].zone, 1);
	assert_int_equal(ev[2].kind, ZONE_STOP_COMMAND);
	assert_string_equal(ev[2].reason, "stopped by zone 0 (forced)");
	/* @max bounds the copy; past the newest there is nothing. */
	assert_int_equal(zone_events_after(base, ev, 1), 1);
	assert_int_equal(zone_events_after(base + 3, ev, ZONE_EVENTS), 0);
	/* Only the last ZONE_EVENTS are kept, oldest first. */
	for (u32 i = 0; i < ZONE_EVENTS; i++)
		zone_note_stop(&rt, ZONE_STOP_FAULT, "again");
	assert_int_equal(zone_events_after(base, ev, ZONE_EVENTS + 1),
			 ZONE_EVENTS);
	assert_int_equal(ev[0].seq, base + 4);
	assert_int_equal(ev[ZONE_EVENTS - 1].seq, base + 3 + ZONE_EVENTS);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup(test_auto_and_manual_boot, setup),
		cmocka_unit_test_setup(test_stop_then_start, setup),
		cmocka_unit_test_setup(test_refusals, setup),
		cmocka_unit_test_setup(test_crashed_zone_is_parked, setup),
		cmocka_unit_test_setup(test_restart_and_long_reason, setup),
		cmocka_unit_test_setup(test_event_log, setup),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
