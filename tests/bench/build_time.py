#!/usr/bin/python3
# SPDX-License-Identifier: Apache-2.0
"""Build times of one product, wall clock (reported, never judged).

    build_time.py --product P --builddir DIR --out bench.json

build_product_s  a clean `make` of the product after its defconfig: meson
                 setup, then everything `make` builds (the image, zonegen,
                 the guest images the overlay names).
build_ninja_s    the same build's ninja part (first start to last end in
                 .ninja_log), i.e. without meson setup.
build_image_s    the image with zonegen, guest images apart: the same
                 build directory with the image's, zonegen's, config.h's
                 and the zone layout's outputs deleted, then
                 `ninja bulkhead.bin` (the guests are already there).
build_setup_s    meson setup alone (`meson setup --wipe` of that directory).
*_cpu_s          CPU time (user + system) of the product build and of the
                 image build: on a loaded machine, half of it is what two
                 free cores would take at best.
The machine's load average when each started goes with the figures: on a
shared machine it explains more than the code does.
"""

import argparse
import os
import resource
import shutil
import subprocess
import sys
import time

import common

# Outputs of the image's own chain (the rest of meson/ is guest images).
IMAGE_OUTPUTS = ["bulkhead.elf.p", "bulkhead.elf", "bulkhead.bin",
                 "bulkhead.size", "config.h", "models.txt", "dts", "tools"]


CPU_S = {}  # command's first word -> CPU seconds of its last run


def timed(cmd, cwd=None):
    """(seconds, returncode, output) of one command; its CPU time (user +
    system, all its processes) goes to CPU_S."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.monotonic()
    proc = subprocess.run(cmd, cwd=cwd, stdout=subprocess.PIPE,
                          stderr=subprocess.STDOUT, text=True)
    wall = time.monotonic() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    CPU_S[cmd[0]] = (after.ru_utime - before.ru_utime +
                     after.ru_stime - before.ru_stime)
    return wall, proc.returncode, proc.stdout


def ninja_wall_s(meson_dir):
    """First start to last end of the newest build in .ninja_log."""
    starts, ends = [], []
    with open(os.path.join(meson_dir, ".ninja_log")) as f:
        for line in f:
            if line.startswith("#"):
                continue
            fields = line.split("\t")
            starts.append(int(fields[0]))
            ends.append(int(fields[1]))
    return (max(ends) - min(starts)) / 1000 if starts else None


def load():
    return round(os.getloadavg()[0], 2)


def measure(product, out):
    """The four figures, or raises RuntimeError with make's last lines."""
    shutil.rmtree(out, ignore_errors=True)
    make = ["make", "--no-print-directory", "-C", common.SRC, "O=" + out]
    _, rc, text = timed(make + [product + "_defconfig"])
    if rc != 0:
        raise RuntimeError(text.strip().splitlines()[-1:])
    figures = {"product": product, "load_before_product": load()}
    figures["build_product_s"], rc, text = timed(make + ["build"])
    figures["build_product_cpu_s"] = CPU_S["make"]
    if rc != 0:
        raise RuntimeError(text.strip().splitlines()[-1:])
    meson = os.path.join(out, "meson")
    figures["build_ninja_s"] = ninja_wall_s(meson)

    for name in IMAGE_OUTPUTS:
        path = os.path.join(meson, name)
        if os.path.isdir(path):
            shutil.rmtree(path)
        elif os.path.exists(path):
            os.remove(path)
    figures["load_before_image"] = load()
    figures["build_image_s"], rc, text = timed(["ninja", "-C", meson,
                                                "bulkhead.bin"])
    figures["build_image_cpu_s"] = CPU_S["ninja"]
    if rc != 0:
        raise RuntimeError(text.strip().splitlines()[-1:])
    figures["build_setup_s"], rc, text = timed(["meson", "setup", "--wipe", meson],
                                                cwd=common.SRC)
    if rc != 0:
        raise RuntimeError(text.strip().splitlines()[-1:])
    return {k: round(v, 2) if isinstance(v, float) else v
            for k, v in figures.items()}


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--product", required=True)
    ap.add_argument("--builddir", required=True)
    ap.add_argument("--out", required=True)
    opt = ap.parse_args()
    print("build times of %s (%d CPUs):" % (opt.product, os.cpu_count()))
    try:
        figures = measure(opt.product, opt.builddir)
    except RuntimeError as err:
        common.not_available("build times", "%s does not build: %s"
                             % (opt.product, err))
        return 1
    for key in ("build_product_s", "build_product_cpu_s", "build_ninja_s",
                "build_image_s", "build_image_cpu_s", "build_setup_s"):
        print("  %-16s %6.2f s" % (key, figures[key]))
    print("  load average before: %.2f (product), %.2f (image)"
          % (figures["load_before_product"], figures["load_before_image"]))
    for key in ("build_product_s", "build_image_s"):
        common.merge_json(opt.out, key, figures[key])
    common.merge_json(opt.out, "build_times", figures)
    return 0


if __name__ == "__main__":
    sys.exit(main())
