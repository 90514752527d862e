#!/usr/bin/python3
# SPDX-License-Identifier: Apache-2.0
"""Linux boot time to a shell, natively, alone in a zone and in the demo.

    linux_boot.py --kernel vmlinuz --image-dir DIR
                  [--zone-build DIR | --zone-missing WHY]
                  [--demo-build DIR | --demo-missing WHY]
                  --out bench.json [--runs 3] [--timeout 120]

Wall time from starting QEMU to the line "bulkhead-linux: shell" that the
initramfs's /init prints (tests/guests/linux/init), median of --runs
runs (5), the series taking turns. Natively: Debian's kernel on bare QEMU with 2 CPUs, the initramfs
and disk.img from DIR, and the zone's own command line (the same console
output on both sides). In a zone: the same kernel and initramfs in the
Linux zone (2 CPUs, the disk passed through) of qemu-virt-aarch64-linux,
where it is alone (the ratio the target is about), and of the demo, where
U-Boot polls its console and the real-time zone takes 1000 timer
interrupts a second beside it on a 2-core host.

This is wall time under TCG, not -icount: it moves with the host's load
(recorded: the 1-minute load average before each run), hence the median. The kernel brings up secondaries and probes devices on
timers, so an instruction count would not be a fairer measure.
"""

import argparse
import os
import re
import statistics
import sys

import common

# As the Linux zone's bootargs (dts/products/qemu-virt-aarch64/linux-zone.dtsi).
BOOTARGS = "console=ttyAMA0 earlycon rdinit=/init"
SHELL_RE = re.compile(r"^(\[\w+\] )?bulkhead-linux: shell\s*$")
FACT_RE = re.compile(r"^(?:\[\w+\] )?bulkhead-linux: (cpus|vda)=(.*?)\s*$")


def native_command(qemu, kernel, image_dir):
    # Keep in step with tests/guests/linux/run-native.sh.
    return [qemu, "-M", "virt,gic-version=3", "-cpu", "cortex-a72", "-smp", "2",
            "-m", "512M", "-nic", "none", "-kernel", kernel,
            "-initrd", image_dir + "/initramfs.cpio.gz",
            "-append", BOOTARGS,
            "-drive", "file=%s/disk.img,if=none,format=raw,id=d0,readonly=on" % image_dir,
            "-device", "virtio-blk-device,drive=d0"] + common.SERIAL_ON_STDOUT


def one_run(label, i, cmd, fig, timeout):
    """Adds one run's time to fig; False if the run failed."""
    fig["host_load_before"].append(os.getloadavg()[0])
    run = common.Run(cmd, SHELL_RE, timeout)
    if run.why:
        common.not_available("Linux boot %s (run %d)" % (label, i + 1), run.why)
        print(run.tail(5))
        return False
    fig["seconds"].append(run.seconds)
    for line in run.lines:
        m = FACT_RE.match(line)
        if m:
            fig["facts"][m.group(1)] = m.group(2)
    return True


def measure(series, runs, timeout):
    """{label: {"seconds": [...], "median": s, "facts": {...}} or None}.
    The series take turns, run by run, so a drift in the host's speed
    weighs on all of them alike; a failed run ends its series."""
    figs = {label: {"seconds": [], "facts": {}, "host_load_before": [],
                    "qemu_command": cmd} for label, cmd in series}
    for i in range(runs):
        for label, cmd in series:
            if figs[label] and not one_run(label, i, cmd, figs[label], timeout):
                figs[label] = None
    for fig in figs.values():
        if fig:
            fig["median"] = statistics.median(fig["seconds"])
    return figs


def print_table(native, zones):
    def cell(fig):
        return "-" if fig is None else "%.2f" % fig["median"]

    def runs(fig):
        return "-" if fig is None else " ".join("%.2f" % s for s in fig["seconds"])

    print("%-36s %10s %10s %8s" % ("Linux boot to shell (s, median)", "native", "zone", "ratio"))
    for name, fig in zones:
        r = common.ratio(fig and fig["median"], native and native["median"])
        print("%-36s %10s %10s %8s" % ("  " + name, cell(native), cell(fig),
                                       "-" if r is None else "%.2f" % r))
    print("  runs: native %s; %s" % (runs(native), "; ".join(
        "%s %s" % (name, runs(fig)) for name, fig in zones)))
    for name, fig in [("native", native)] + zones:
        if fig:
            print("  %s: %s" % (name, " ".join("%s=%s" % kv for kv in sorted(fig["facts"].items()))))


def product_series(label, build, missing):
    """[(label, command)] for a product build, or [] and why not."""
    if not build:
        common.not_available("Linux boot " + label, missing or "no build given")
        return []
    try:
        return [(label, common.product_command(build))]
    except OSError as e:
        common.not_available("Linux boot " + label, str(e))
        return []


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--qemu", default="qemu-system-aarch64")
    ap.add_argument("--kernel", required=True, help="Debian's arm64 vmlinuz")
    ap.add_argument("--image-dir", required=True,
                    help="directory with initramfs.cpio.gz and disk.img")
    ap.add_argument("--zone-build", help="build directory of qemu-virt-aarch64-linux")
    ap.add_argument("--zone-missing", help="why there is no such build")
    ap.add_argument("--demo-build", help="build directory of qemu-virt-aarch64-demo")
    ap.add_argument("--demo-missing", help="why there is no demo build")
    ap.add_argument("--out", required=True, help="JSON file to add the figures to")
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--timeout", type=float, default=120)
    opt = ap.parse_args()

    series = [("natively", native_command(opt.qemu, opt.kernel, opt.image_dir))]
    series += product_series("alone in a zone", opt.zone_build, opt.zone_missing)
    series += product_series("in the demo", opt.demo_build, opt.demo_missing)
    figs = measure(series, opt.runs, opt.timeout)
    native = figs["natively"]
    alone, demo = figs.get("alone in a zone"), figs.get("in the demo")
    print_table(native, [("alone in a zone", alone), ("in the demo", demo)])
    common.merge_json(opt.out, "linux_boot", {
        "native": native, "zone": alone, "demo": demo,
        "ratio_zone_native": common.ratio(alone and alone["median"],
                                          native and native["median"]),
        "ratio_demo_native": common.ratio(demo and demo["median"],
                                          native and native["median"])})
    return 0


if __name__ == "__main__":
    sys.exit(main())
