#!/usr/bin/python3
# SPDX-License-Identifier: Apache-2.0
"""Reproduction loop for a riscv64 boot that printed its banner twice.

OpenSBI before v1.3 (QEMU 7.2's -bios default is v1.1) marks a hart
START_PENDING before it stores the start address of SBI HSM hart_start;
a started hart that polls in that window jumps to the stale address, the
image's entry, and enters _start a second time. It needs the starting
hart's vCPU thread to lose the host CPU in that window, so it shows under
host load only (about 1 run in 40 on 2 loaded cores). This runs the
rv-hello-zones-pass test again and again and counts the runs that failed
or printed the banner more than once. Not part of `make check`: it is a
loop, not a verdict.

    tests/qemu/repro_rv_double_entry.py BUILD [RUNS] [-- QEMU ARGS...]

BUILD is a built riscv64 product (e.g. make O=/tmp/rv qemu-virt-riscv64_defconfig
build). Load the host meanwhile (a parallel build, busy loops) to provoke it.
"""

import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import harness  # noqa: E402
import test_riscv64  # noqa: E402


def with_extra_qemu_args(extra):
    """Every QEMU command the tests build gets extra (e.g. -icount)."""
    product_cmd = harness.product_qemu_cmd
    harness.product_qemu_cmd = lambda build, more=(): product_cmd(
        build, tuple(more) + tuple(extra))


def one_run(build):
    """None when the run passed with one banner, else why not."""
    got = test_riscv64.test_hello_passes(build)
    banners = sum(1 for line in got.lines if "bulkhead: Bulkhead " in line)
    if got.ok and banners == 1:
        return None
    return "%s; banner printed %d times" % (got.reason or "passed", banners)


def main(argv):
    extra = argv[argv.index("--") + 1:] if "--" in argv else []
    args = argv[:argv.index("--")] if "--" in argv else argv
    if not args:
        sys.exit(__doc__)
    build, runs = args[0], int(args[1]) if len(args) > 1 else 40
    with_extra_qemu_args(extra)
    bad = 0
    for i in range(runs):
        why = one_run(build)
        print("run %d: %s" % (i, why or "ok"), flush=True)
        bad += why is not None
    print("%d of %d runs bad" % (bad, runs))
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
