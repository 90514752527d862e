#!/usr/bin/python3
# SPDX-License-Identifier: Apache-2.0
"""make bench: build the benchmark products and measure them.

Figures are reported, never judged: benchmarks are not tests. Runs under
QEMU -icount shift=0,align=off so virtual time repeats exactly.
"""

import argparse
import glob
import os
import subprocess
import sys

SRC = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def make(args):
    subprocess.run(["make", "--no-print-directory", "-C", SRC] + args, check=True,
                   stdout=subprocess.DEVNULL)


def image_sizes(root):
    """text/data/bss of every defconfig's image (GCC build)."""
    rows = []
    for path in sorted(glob.glob(os.path.join(SRC, "configs", "*_defconfig"))):
        product = os.path.basename(path)[:-len("_defconfig")]
        out = os.path.join(root, product)
        make(["O=" + out, product + "_defconfig"])
        make(["O=" + out, "build"])
        with open(os.path.join(out, "meson", "bulkhead.size")) as f:
            text, data, bss = f.read().splitlines()[1].split()[:3]
        rows.append((product, int(text), int(data), int(bss)))
    return rows


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--python", default="/usr/bin/python3")
    ap.add_argument("--timeout", type=int, default=120)
    ap.add_argument("--builddir", default=os.path.join(SRC, "build", "bench"))
    opt = ap.parse_args()

    sizes = image_sizes(opt.builddir)
    print("%-32s %8s %8s %8s" % ("image size (bytes)", "text", "data", "bss"))
    for row in sizes:
        print("%-32s %8d %8d %8d" % row)
    print()

    build = os.path.join(opt.builddir, "qemu-virt-aarch64-bench")
    with open(os.path.join(SRC, "boards", "qemu-virt-aarch64", "qemu.args")) as f:
        qemu_args = f.read().strip()
    rc = subprocess.run([opt.python, os.path.join(SRC, "tests", "bench", "bench.py"),
                         "--qemu-args", qemu_args,
                         "--elf", os.path.join(build, "bulkhead.elf"),
                         "--loader-args", os.path.join(build, "meson", "dts", "qemu.args"),
                         "--out", os.path.join(build, "bench.json"),
                         "--timeout", str(opt.timeout)]).returncode
    return rc


if __name__ == "__main__":
    sys.exit(main())
