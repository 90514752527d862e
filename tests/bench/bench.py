#!/usr/bin/python3
# SPDX-License-Identifier: Apache-2.0
"""Runs the bench guest under QEMU -icount and reports its figures.

    bench.py --qemu-args "<board args>" --elf bulkhead.elf \\
             --loader-args <file> --out bench.json [--timeout 60]

QEMU runs with -icount shift=0,align=off,sleep=off: every guest (and
hypervisor) instruction advances virtual time by exactly 1 ns, so a
counter tick is worth 1e9 / its frequency instructions: 16 for aarch64's
62.5 MHz generic counter, 100 for riscv64's 10 MHz time CSR (whose
figures are therefore averages over 1000 iterations, to the instruction). sleep=off
makes the figures repeat from run to run: with the default sleep=on the
virtual clock also runs in real time while no CPU executes, which puts a
random offset of some 20k-40k ticks on the counter before the first
instruction and so on the boot figure.

The bench guest (tests/guests/bench.c) prints totals over N iterations;
the figure of an operation is (total - baseline) / N.

Benchmarks are not tests: the targets are shown next to the figures but
never judged. The exit status is 0 when all figures were collected, 1 when
QEMU did not get to "bench: done" in time or a figure is missing.
"""

import argparse
import json
import os
import re
import shlex
import sys

import common

ICOUNT_SHIFT = 0
ICOUNT = "shift=%d,align=off,sleep=off" % ICOUNT_SHIFT
# Per architecture: the guest counter's frequency on QEMU virt and the
# targets (instructions) of the hypercall and MMIO round trips.
ARCHES = {
    "aarch64": dict(counter_hz=62500000, hypercall=100, mmio_read=120),
    "riscv64": dict(counter_hz=10000000, hypercall=120, mmio_read=140),
}
COUNTER_HZ = ARCHES["aarch64"]["counter_hz"]

# The hypervisor tags guest lines ("[bench] bench: ..."): allow any prefix.
BOOT_RE = re.compile(r"bench: boot ticks=(\d+)\s*$")
LOOP_RE = re.compile(r"bench: (\w+) iterations=(\d+) ticks=(\d+)\s*$")
DONE_RE = re.compile(r"bench: done\s*$")

# (metric key, label, target in instructions); set_arch() fills targets.
METRICS = [
    ("hypercall", "null hypercall round trip", 100),
    ("mmio_read", "trapped MMIO read round trip", 120),
    ("boot", "reset to first guest instruction", 100000),
]


def set_arch(arch):
    global COUNTER_HZ, METRICS
    a = ARCHES[arch]
    COUNTER_HZ = a["counter_hz"]
    METRICS = [(k, label, a.get(k, t)) for k, label, t in METRICS]


def instructions_per_tick():
    return 1e9 / COUNTER_HZ / (1 << ICOUNT_SHIFT)


def qemu_command(opt):
    return ([opt.qemu] + common.strip_own_options(shlex.split(opt.qemu_args)) +
            ["-icount", ICOUNT, "-kernel", opt.elf] +
            common.strip_own_options(common.read_args(opt.loader_args)) +
            common.SERIAL_ON_STDOUT)


def parse(lines):
    """{"boot": ticks, "<loop>": (iterations, total ticks), ...}"""
    raw = {}
    for line in lines:
        m = BOOT_RE.search(line)
        if m:
            raw["boot"] = int(m.group(1))
            continue
        m = LOOP_RE.search(line)
        if m:
            raw[m.group(1)] = (int(m.group(2)), int(m.group(3)))
    return raw


def figure(ticks, target):
    return {"ticks": ticks, "instructions": ticks * instructions_per_tick(),
            "target_instructions": target}


def compute(raw):
    """Per-operation figures; a metric whose lines are missing is None."""
    figures = {}
    base = raw.get("baseline")
    for key, _, target in METRICS:
        if key == "boot":
            ticks = raw.get("boot")
            figures[key] = None if ticks is None else figure(ticks, target)
            continue
        loop = raw.get(key)
        if loop is None or base is None:
            figures[key] = None
            continue
        per_op = loop[1] / loop[0] - base[1] / base[0]
        figures[key] = figure(per_op, target)
        figures[key].update(iterations=loop[0], total_ticks=loop[1],
                            baseline_ticks=base[1])
    return figures


def print_table(figures):
    print("%-34s %12s %14s %14s" % ("metric", "ticks", "instructions", "target"))
    for key, label, target in METRICS:
        fig = figures[key]
        if fig is None:
            print("%-34s %12s %14s %14s" % (label, "missing", "-", "<= %d" % target))
        else:
            print("%-34s %12.3f %14.0f %14s" % (label, fig["ticks"], fig["instructions"],
                                                "<= %d" % target))
    print("(-icount %s: %g instructions per counter tick at %g MHz; "
          "targets are shown, not judged)" % (ICOUNT, instructions_per_tick(),
                                             COUNTER_HZ / 1e6))


def write_json(path, cmd, raw, figures, opt_arch):
    result = {
        "qemu_command": cmd,
        "icount": ICOUNT,
        "arch": opt_arch,
        "counter_hz": COUNTER_HZ,
        "instructions_per_tick": instructions_per_tick(),
        "raw": {k: (v if k == "boot" else {"iterations": v[0], "ticks": v[1]})
                for k, v in raw.items()},
        "metrics": figures,
    }
    os.makedirs(os.path.dirname(os.path.abspath(path)), exist_ok=True)
    with open(path, "w") as f:
        json.dump(result, f, indent=2)
        f.write("\n")


def run(opt):
    cmd = qemu_command(opt)
    run = common.Run(cmd, DONE_RE, opt.timeout)
    if run.why:
        print("bench: %s; last lines:" % run.why, file=sys.stderr)
        print(run.tail(20), file=sys.stderr)
        return 1

    raw = parse(run.lines)
    figures = compute(raw)
    print_table(figures)
    write_json(opt.out, cmd, raw, figures, opt.arch)
    print("wrote %s" % opt.out)
    missing = [key for key, _, _ in METRICS if figures[key] is None]
    if missing:
        print("bench: missing figures: %s" % ", ".join(missing), file=sys.stderr)
        return 1
    return 0


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--qemu", default="qemu-system-aarch64")
    ap.add_argument("--qemu-args", required=True,
                    help="machine arguments (the board's qemu.args)")
    ap.add_argument("--elf", required=True, help="bulkhead.elf")
    ap.add_argument("--loader-args", required=True,
                    help="file with the extra QEMU arguments that load the zones")
    ap.add_argument("--out", required=True, help="JSON file to write")
    ap.add_argument("--timeout", type=float, default=60)
    ap.add_argument("--arch", default="aarch64", choices=sorted(ARCHES))
    opt = ap.parse_args()
    set_arch(opt.arch)
    try:
        return run(opt)
    except OSError as e:
        print("bench: %s" % e, file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
