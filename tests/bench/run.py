#!/usr/bin/python3
# SPDX-License-Identifier: Apache-2.0
"""make bench: build the benchmark products and measure them.

Figures are reported, never judged: benchmarks are not tests. In order:

1. image size of every product (a product that does not build is listed
   as not available);
2. hypervisor round trips in qemu-virt-aarch64-bench (bench.py, -icount);
3. timer interrupt latency on bare QEMU and in qemu-virt-aarch64-irqlat
   (irqlat.py, -icount), and their ratio;
4. Linux boot time to a shell on bare QEMU and in qemu-virt-aarch64-demo
   (linux_boot.py, wall time, median of 3), and their ratio;
5. the inter-zone doorbell round trip in qemu-virt-aarch64-ivc (ivc.py,
   -icount and real time);
6. virtio-blk MB/s and the virtio-net round trip inside Linux in
   qemu-virt-aarch64-virtio-bench (virtio.py, -icount shift=0);
7. build times of qemu-virt-aarch64-irqlat: a clean `make` of the product
   and the image with zonegen alone (build_time.py, wall clock);
8. steps 2 and 3 (in a zone only) on QEMU's ZCU102 model, GIC-400, in
   xlnx-zcu102-bench and xlnx-zcu102-irqlat.

Everything lands in build/bench/qemu-virt-aarch64-bench/bench.json; steps
2, 3 and 5 on riscv64 in build/bench/qemu-virt-riscv64-bench/bench.json;
the device and channel figures are drawn in build/bench/bench.svg
(plot.py). The exit status is that of step 2; a figure of steps 3-6 that cannot be had
says "not available: <why>" and the run goes on.
"""

import argparse
import glob
import os
import subprocess
import sys

from common import SRC

BENCH = "qemu-virt-aarch64-bench"
IRQLAT = "qemu-virt-aarch64-irqlat"
DEMO = "qemu-virt-aarch64-demo"
LINUX = "qemu-virt-aarch64-linux"
BENCH_RV = "qemu-virt-riscv64-bench"
IRQLAT_RV = "qemu-virt-riscv64-irqlat"
IVC = "qemu-virt-aarch64-ivc"
IVC_RV = "qemu-virt-riscv64-ivc"
VIRTIO = "qemu-virt-aarch64-virtio-bench"
BENCH_ZCU102 = "xlnx-zcu102-bench"
IRQLAT_ZCU102 = "xlnx-zcu102-irqlat"


def make(args):
    """None, or the last lines make printed when it failed."""
    proc = subprocess.run(["make", "--no-print-directory", "-C", SRC] + args,
                          stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    if proc.returncode == 0:
        return None
    errors = [l for l in proc.stdout.splitlines() if "error" in l.lower()]
    return (errors or proc.stdout.splitlines() or ["make failed"])[-1].strip()


def build_all(root):
    """{product: (build dir, None) or (None, why)} for every defconfig."""
    builds = {}
    for path in sorted(glob.glob(os.path.join(SRC, "configs", "*_defconfig"))):
        product = os.path.basename(path)[:-len("_defconfig")]
        out = os.path.join(root, product)
        why = make(["O=" + out, product + "_defconfig"]) or make(["O=" + out, "build"])
        builds[product] = (None, "does not build: " + why) if why else (out, None)
    return builds


def print_sizes(builds):
    """text/data/bss of every product's image (GCC build)."""
    print("%-32s %8s %8s %8s" % ("image size (bytes)", "text", "data", "bss"))
    for product, (out, why) in builds.items():
        if why:
            print("%-32s not available: %s" % (product, why))
            continue
        with open(os.path.join(out, "meson", "bulkhead.size")) as f:
            text, data, bss = f.read().splitlines()[1].split()[:3]
        print("%-32s %8d %8d %8d" % (product, int(text), int(data), int(bss)))
    print()


def script(opt, name, args):
    print(flush=True)
    return subprocess.run([opt.python, os.path.join(SRC, "tests", "bench", name)] +
                          args).returncode


def guest_image(builds, product, name):
    """A guest image of product's build (a missing one: the step that reads
    it says not available)."""
    out = builds[product][0] or os.path.join(SRC, "build", "bench", "not-built")
    return os.path.join(out, "meson", "tests", "guests", name)


def product_args(builds, product, flag):
    out, why = builds[product]
    return ["--%s-build" % flag, out] if out else ["--%s-missing" % flag,
                                                    "%s %s" % (product, why)]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--python", default="/usr/bin/python3")
    ap.add_argument("--timeout", type=int, default=120)
    ap.add_argument("--guest-cache", default=os.path.expanduser("~/.cache/bulkhead"))
    ap.add_argument("--builddir", default=os.path.join(SRC, "build", "bench"))
    opt = ap.parse_args()

    builds = build_all(opt.builddir)
    print_sizes(builds)

    out, rc = round_trips(opt, builds, BENCH)
    if out is None:
        return 1

    # A product's build holds the guest images its overlay names only.
    script(opt, "irqlat.py", ["--image", guest_image(builds, IRQLAT, "irqlat.bin"),
                              "--out", out, "--timeout", str(opt.timeout)] +
           product_args(builds, IRQLAT, "zone"))
    script(opt, "linux_boot.py", [
        "--kernel", os.path.join(opt.guest_cache, "arm64", "vmlinuz"),
        "--image-dir", os.path.dirname(guest_image(builds, LINUX, "disk.img")),
        "--out", out, "--timeout", str(opt.timeout)] +
        product_args(builds, LINUX, "zone") + product_args(builds, DEMO, "demo"))
    script(opt, "ivc.py", ["--out", out, "--timeout", str(opt.timeout)] +
           product_args(builds, IVC, "zone"))
    # Two Linux zones under -icount take about 15 minutes: its own bound.
    script(opt, "virtio.py", ["--out", out] +
           product_args(builds, VIRTIO, "zone"))
    script(opt, "build_time.py", ["--product", IRQLAT, "--out", out, "--builddir",
                                  os.path.join(opt.builddir, "build-time")])
    print("\nwrote %s" % out)
    rc |= bench_riscv64(opt, builds)
    rc |= bench_zcu102(opt, builds)
    script(opt, "plot.py", ["--aarch64", out, "--riscv64",
                            os.path.join(builds[BENCH_RV][0] or "", "bench.json"),
                            "--out", os.path.join(opt.builddir, "bench.svg")])
    return rc


def round_trips(opt, builds, product, arch="aarch64"):
    """bench.py on a bench product, into a fresh <build>/bench.json (no
    figure of an earlier run may survive); (that file, status), or
    (None, 1) when the product did not build."""
    build, why = builds[product]
    if why:
        print("bench: %s %s" % (product, why), file=sys.stderr)
        return None, 1
    out = os.path.join(build, "bench.json")
    if os.path.exists(out):
        os.remove(out)
    board = board_of(build)
    with open(os.path.join(SRC, "boards", board, "qemu.args")) as f:
        qemu_args = f.read().strip()
    return out, script(opt, "bench.py", [
        "--arch", arch, "--qemu", "qemu-system-" + arch,
        "--qemu-args", qemu_args, "--elf", os.path.join(build, "bulkhead.elf"),
        "--loader-args", os.path.join(build, "meson", "dts", "qemu.args"),
        "--out", out, "--timeout", str(opt.timeout)])


def board_of(build):
    """CONFIG_BOARD of a build."""
    with open(os.path.join(build, ".config")) as f:
        for line in f:
            if line.startswith("CONFIG_BOARD="):
                return line.split("=", 1)[1].strip().strip('"')
    raise OSError("no CONFIG_BOARD in %s/.config" % build)


def bench_riscv64(opt, builds):
    """The same round trips on riscv64, in their own JSON file."""
    print("\nriscv64 (%s):" % BENCH_RV, flush=True)
    out, rc = round_trips(opt, builds, BENCH_RV, "riscv64")
    if out is None:
        return 1
    script(opt, "irqlat.py", ["--arch", "riscv64", "--qemu", "qemu-system-riscv64",
                              "--image", guest_image(builds, IRQLAT_RV, "irqlat.bin"),
                              "--out", out, "--timeout", str(opt.timeout)] +
           product_args(builds, IRQLAT_RV, "zone"))
    script(opt, "ivc.py", ["--arch", "riscv64", "--out", out,
                           "--timeout", str(opt.timeout)] +
           product_args(builds, IVC_RV, "zone"))
    print("\nwrote %s" % out)
    return rc


def bench_zcu102(opt, builds):
    """The round trips and the timer latency on QEMU's ZCU102 model
    (GIC-400, the virtual GICv2), beside QEMU virt's, in their own JSON.
    No native latency: the bare irqlat.bin boots from QEMU virt's DTB and
    QEMU's ZCU102 gives a bare -kernel image none."""
    print("\nxlnx-zcu102 (%s):" % BENCH_ZCU102, flush=True)
    out, rc = round_trips(opt, builds, BENCH_ZCU102)
    if out is None:
        return 1
    script(opt, "irqlat.py", ["--image", guest_image(builds, IRQLAT_ZCU102, "irqlat.bin"),
                              "--native-missing", "no bare-metal boot on QEMU's ZCU102 "
                              "(the native figure is QEMU virt's, above)",
                              "--out", out, "--timeout", str(opt.timeout)] +
           product_args(builds, IRQLAT_ZCU102, "zone"))
    print("\nwrote %s" % out)
    return rc


if __name__ == "__main__":
    sys.exit(main())
