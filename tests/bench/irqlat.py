#!/usr/bin/python3
# SPDX-License-Identifier: Apache-2.0
"""Virtual timer interrupt latency, natively and in a zone.

    irqlat.py --image irqlat.bin [--zone-build DIR | --zone-missing WHY]
              --out bench.json [--timeout 60]

irqlat.bin (tests/guests/rtlat.c) arms the EL1 virtual timer 1000 times
and reports min/avg/max of (counter read in its IRQ handler - deadline).
It runs once on bare QEMU (EL1, QEMU's own GICv3, no EL2) and once in the
zone of a built product (DIR, e.g. qemu-virt-aarch64-irqlat), where the
interrupt goes through the hypervisor and its virtual GIC. The ratio
zone/native is what the hypervisor adds.

Both runs use -icount shift=4,align=off,sleep=off: every instruction
takes 16 ns of virtual time, which is one tick of the 62.5 MHz counter,
so a latency in ticks is a latency in instructions. (At shift=0 a tick
is 16 instructions and the native figure would read 1 tick.) sleep=off:
while the guest waits in WFI, virtual time jumps to the next deadline.
"""

import argparse
import re
import sys

import common

ICOUNT = "shift=4,align=off,sleep=off"
INSTRUCTIONS_PER_TICK = 1  # 62.5 MHz counter, 2^4 ns per instruction
NATIVE_MACHINE = ["-M", "virt,gic-version=3", "-cpu", "cortex-a72", "-m", "256M",
                  "-nic", "none"]

# riscv64: a 10 MHz time CSR. At shift=7 an instruction takes 128 ns, so a
# tick (100 ns) is 100/128 of an instruction. Natively the image runs as
# OpenSBI's S-mode payload.
RISCV64 = dict(icount="shift=7,align=off,sleep=off", per_tick=100 / 128,
               machine=["-M", "virt", "-m", "256M", "-nic", "none", "-bios", "default"])


def set_arch(arch):
    global ICOUNT, INSTRUCTIONS_PER_TICK, NATIVE_MACHINE
    if arch == "riscv64":
        ICOUNT = RISCV64["icount"]
        INSTRUCTIONS_PER_TICK = RISCV64["per_tick"]
        NATIVE_MACHINE = RISCV64["machine"]

RESULT_RE = re.compile(r"irqlat: n=(\d+) min=(\d+) avg=([\d.]+) max=(\d+)\s*$")
DONE_RE = re.compile(r"irqlat: (PASS|FAIL\b.*)$")
STATS = ("min", "avg", "max")


def measure(cmd, timeout):
    """(figures, None) or (None, why)."""
    run = common.Run(cmd, DONE_RE, timeout)
    if run.why:
        return None, run.why
    verdict = DONE_RE.search(run.lines[-1]).group(1)
    for line in run.lines:
        m = RESULT_RE.search(line)
        if m:
            fig = {"samples": int(m.group(1)), "min": int(m.group(2)),
                   "avg": float(m.group(3)), "max": int(m.group(4)),
                   "verdict": verdict, "qemu_command": cmd}
            return fig, None
    return None, "no 'irqlat: n=...' line before " + verdict


def print_table(native, zone):
    print("%-36s %10s %10s %8s" % ("timer IRQ latency (instructions)", "native", "zone", "ratio"))
    for key in STATS:
        n = native[key] * INSTRUCTIONS_PER_TICK if native else None
        z = zone[key] * INSTRUCTIONS_PER_TICK if zone else None
        r = common.ratio(z, n)
        print("%-36s %10s %10s %8s" % (
            "  " + key, "-" if n is None else "%g" % n, "-" if z is None else "%g" % z,
            "-" if r is None else "%.1f" % r))
    print("(-icount %s: one counter tick = %g instruction; "
          "deadline to the handler's counter read)" % (ICOUNT, INSTRUCTIONS_PER_TICK))


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--qemu", default="qemu-system-aarch64")
    ap.add_argument("--image", required=True, help="irqlat.bin")
    ap.add_argument("--zone-build", help="build directory of a product running irqlat.bin")
    ap.add_argument("--zone-missing", help="why there is no such product build")
    ap.add_argument("--native-missing",
                    help="why there is no native run on this board (not measured)")
    ap.add_argument("--out", required=True, help="JSON file to add the figures to")
    ap.add_argument("--timeout", type=float, default=60)
    ap.add_argument("--arch", default="aarch64", choices=("aarch64", "riscv64"))
    opt = ap.parse_args()
    set_arch(opt.arch)

    native_cmd = ([opt.qemu] + NATIVE_MACHINE + ["-icount", ICOUNT, "-kernel", opt.image] +
                  common.SERIAL_ON_STDOUT)
    if opt.native_missing:
        native, why = None, opt.native_missing
    else:
        native, why = measure(native_cmd, opt.timeout)
    if why:
        common.not_available("irq latency natively", why)

    zone, why = None, opt.zone_missing or "no product build given"
    if opt.zone_build:
        try:
            zone, why = measure(common.product_command(opt.zone_build, ICOUNT), opt.timeout)
        except OSError as e:
            why = str(e)
    if why:
        common.not_available("irq latency in a zone", why)

    print_table(native, zone)
    ratios = {k: common.ratio(zone[k], native[k]) if zone and native else None for k in STATS}
    common.merge_json(opt.out, "irq_latency", {
        "icount": ICOUNT, "instructions_per_tick": INSTRUCTIONS_PER_TICK,
        "native": native, "zone": zone, "ratio_zone_native": ratios})
    return 0


if __name__ == "__main__":
    sys.exit(main())
