#!/usr/bin/python3
# SPDX-License-Identifier: Apache-2.0
"""Inter-zone channel doorbell round trip.

    ivc.py [--arch aarch64|riscv64] (--zone-build DIR | --zone-missing WHY)
           --out bench.json [--timeout 60]

The ivc product (DIR, e.g. qemu-virt-aarch64-ivc) has two zones running
tests/guests/ivc.c on one channel: the initiator writes a sequence number
to the shared memory and rings the other zone's doorbell, the responder,
woken by the doorbell interrupt, acknowledges it, answers in the shared
memory and rings back, and the initiator, woken by its own interrupt,
checks the answer. It times 1000 such round trips with the counter and
prints min/avg/max in ticks.

Two runs:

- under -icount shift=4,align=off,sleep=off, where both vCPUs take turns
  on one host thread and every instruction is 16 ns of virtual time: the
  round trip in ticks converts to ns of virtual time with the counter's
  frequency, and to instructions (both CPUs' on the way there and back,
  the guests' and the hypervisor's). It repeats exactly. (Not shift=0 as
  bench.py: there the riscv64 hypervisor's second hart does not start
  while the first spins.)
- in real time (TCG, one host thread per vCPU): ns of wall-clock time,
  which follow the load of the host; its load average is recorded.
"""

import argparse
import os
import re
import sys

import common

ICOUNT_SHIFT = 4
ICOUNT = "shift=%d,align=off,sleep=off" % ICOUNT_SHIFT
COUNTER_HZ = {"aarch64": 62500000, "riscv64": 10000000}

RESULT_RE = re.compile(r"ivc: rounds=(\d+) min=(\d+) avg=([\d.]+) max=(\d+) ticks\s*$")
STATS = ("min", "avg", "max")
# Not common.FATAL: the responder powers its zone off before the
# initiator reports.
FATAL = [re.compile(r".*bulkhead: PANIC.*"), re.compile(r".*: FAIL\b.*")]


def figures(m, hz, shift):
    """Ticks, ns and (under -icount) instructions of a rounds line."""
    ticks = {"min": int(m.group(2)), "avg": float(m.group(3)), "max": int(m.group(4))}
    ns = {k: v * 1e9 / hz for k, v in ticks.items()}
    fig = {"rounds": int(m.group(1)), "ticks": ticks, "ns": ns}
    if shift is not None:
        fig["instructions"] = {k: v / (1 << shift) for k, v in ns.items()}
    return fig


def measure(build, hz, icount, timeout):
    """(figures, None) or (None, why)."""
    cmd = common.product_command(build, icount)
    run = common.Run(cmd, RESULT_RE, timeout, fatal=FATAL)
    if run.why:
        return None, run.why
    fig = figures(RESULT_RE.search(run.lines[-1]), hz, ICOUNT_SHIFT if icount else None)
    fig["qemu_command"] = cmd
    return fig, None


def row(label, fig, key, scale, fmt):
    vals = ["-"] * 3 if fig is None else [fmt % (fig[key][k] * scale) for k in STATS]
    print("%-40s %12s %12s %12s" % (label, *vals))


def print_table(icounted, real):
    print("%-40s %12s %12s %12s" % ("IVC doorbell round trip", *STATS))
    row("  -icount: instructions", icounted, "instructions", 1, "%.0f")
    row("  -icount: virtual time (us)", icounted, "ns", 1e-3, "%.2f")
    row("  real time (us)", real, "ns", 1e-3, "%.1f")
    print("(-icount %s: one instruction = %d ns of virtual time; real time "
          "follows the host's load)" % (ICOUNT, 1 << ICOUNT_SHIFT))


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--zone-build", help="build directory of the ivc product")
    ap.add_argument("--zone-missing", help="why there is no such build")
    ap.add_argument("--out", required=True, help="JSON file to add the figures to")
    ap.add_argument("--timeout", type=float, default=60)
    ap.add_argument("--arch", default="aarch64", choices=sorted(COUNTER_HZ))
    opt = ap.parse_args()
    hz = COUNTER_HZ[opt.arch]

    runs = {}
    for key, icount in (("icount", ICOUNT), ("real_time", None)):
        fig, why = None, opt.zone_missing or "no product build given"
        if opt.zone_build:
            try:
                fig, why = measure(opt.zone_build, hz, icount, opt.timeout)
            except OSError as e:
                why = str(e)
        if why:
            common.not_available("ivc round trip (%s)" % key.replace("_", " "), why)
        runs[key] = fig

    print_table(runs["icount"], runs["real_time"])
    common.merge_json(opt.out, "ivc_round_trip", {
        "icount": ICOUNT, "counter_hz": hz, "icount_run": runs["icount"],
        "real_time_run": runs["real_time"], "host_load_average": os.getloadavg()})
    return 0


if __name__ == "__main__":
    sys.exit(main())
