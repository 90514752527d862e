// SPDX-License-Identifier: Apache-2.0
/*
 * Hypercalls arrive with raw guest registers: every argument is checked
 * before use, and unknown calls fail with HC_NOT_SUPPORTED instead of
 * pretending to succeed.
 */
#include <bulkhead/console.h>
#include <bulkhead/hypercall.h>
#include <bulkhead/zone.h>

static void hc_result(struct hypercall *hc, s64 status)
{
	hc->ret[0] = (u64)status;
	hc->nr_ret = 1;
}

static void hc_console_write(struct zone *zone, struct hypercall *hc)
{
	u64 len = hc->arg[1];
	const char *buf;

	if (len > HC_CONSOLE_WRITE_MAX) {
		hc_result(hc, HC_INVALID);
		return;
	}
	buf = zone_ipa_to_hyp(zone, hc->arg[0], len ? len : 1);
	if (!buf) {
		hc_result(hc, HC_INVALID);
		return;
	}
	for (u64 i = 0; i < len; i++)
		console_zone_putc(zone, buf[i]);
	hc_result(hc, HC_OK);
}

void hypercall_dispatch(struct zone *zone, u32 vcpu, struct hypercall *hc)
{
	switch (hc->fn) {
	case HC_VERSION:
		hc_result(hc, (BULKHEAD_VERSION_MAJOR << 16) |
				      BULKHEAD_VERSION_MINOR);
		break;
	case HC_CONSOLE_PUTC:
		console_zone_putc(zone, (char)hc->arg[0]);
		hc_result(hc, HC_OK);
		break;
	case HC_CONSOLE_WRITE:
		hc_console_write(zone, hc);
		break;
	case HC_ZONE_SELF:
		hc_result(hc, HC_OK);
		hc->ret[1] = zone->cfg->id;
		hc->ret[2] = vcpu;
		hc->nr_ret = 3;
		break;
	default:
		hc_result(hc, HC_NOT_SUPPORTED);
		break;
	}
}
