#!/usr/bin/python3
# SPDX-License-Identifier: Apache-2.0
"""make check: everything that decides whether a change is good.

1. every configs/*_defconfig builds with GCC and with clang-19/lld
2. configuration checks (invalid .config rejected, savedefconfig round trip,
   broken overlay rejected with the node named)
3. host unit tests (meson test --suite unit) and the zonegen corpus
4. fuzz targets, briefly
5. QEMU system tests
Prints one PASS/FAIL line per check and ends with "N passed, N failed".
"""

import argparse
import glob
import json
import os
import subprocess
import sys

SRC = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(SRC, "tests", "qemu"))

import harness  # noqa: E402
import test_aarch64  # noqa: E402
import test_riscv64  # noqa: E402
import test_virtio  # noqa: E402

results = []


def report(name, ok, detail=""):
    results.append(ok)
    print("%s %s%s" % ("PASS" if ok else "FAIL", name,
                       ("\n" + detail) if detail and not ok else ""), flush=True)


def make(args, log=None):
    proc = subprocess.run(["make", "--no-print-directory", "-C", SRC] + args,
                          stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                          text=True)
    if log:
        with open(log, "w") as f:
            f.write(proc.stdout)
    return proc.returncode, proc.stdout


def merge_fragment(python, config, lines):
    """Applies Kconfig lines to a .config (validated); returns (rc, output)."""
    frag = config + ".fragment"
    with open(frag, "w") as f:
        f.write("".join(l + "\n" for l in lines))
    proc = subprocess.run([python, os.path.join(SRC, "tools/kconfig/kconfig.py"),
                           "--config", config, "merge", frag],
                          capture_output=True, text=True)
    return proc.returncode, proc.stdout + proc.stderr


def tail(text, n=20):
    return "\n".join("    | " + l for l in text.strip().splitlines()[-n:])


def build_all(root, python):
    """Builds every product with both toolchains; returns {(product, tc): dir}."""
    builds = {}
    for path in sorted(glob.glob(os.path.join(SRC, "configs", "*_defconfig"))):
        product = os.path.basename(path)[:-len("_defconfig")]
        for tc in ("gcc", "clang"):
            out = os.path.join(root, "%s-%s" % (product, tc))
            rc, text = make(["O=" + out, product + "_defconfig"])
            if rc == 0 and tc == "clang":
                rc, text = merge_fragment(python, os.path.join(out, ".config"), [
                    "CONFIG_TOOLCHAIN_CLANG=y", "# CONFIG_TOOLCHAIN_GCC is not set"])
            if rc == 0:
                rc, text = make(["O=" + out, "build"], os.path.join(root, out + ".log"))
            report("build %s (%s)" % (product, tc), rc == 0, tail(text))
            if rc == 0:
                builds[(product, tc)] = out
    return builds


def check_config_rejections(root, python):
    out = os.path.join(root, "config-check")
    make(["O=" + out, "qemu-virt-aarch64_defconfig"])
    cfg = os.path.join(out, ".config")
    with open(cfg, "a") as f:
        f.write("CONFIG_MAX_CPUS=1000\n")
    rc, text = make(["O=" + out, "build"])
    report("config: out-of-range value rejected by name", rc != 0 and
           "CONFIG_MAX_CPUS=1000 cannot be used" in text, tail(text))

    rc, text = make(["O=" + out, "qemu-virt-aarch64-bench_defconfig"])
    rc2, text2 = make(["O=" + out, "savedefconfig"])
    saved = open(os.path.join(out, "defconfig")).read() if rc2 == 0 else ""
    want = open(os.path.join(SRC, "configs", "qemu-virt-aarch64-bench_defconfig")).read()
    report("config: savedefconfig reproduces the minimal defconfig",
           rc == 0 and rc2 == 0 and
           sorted(l for l in saved.splitlines() if l.startswith("CONFIG_")) ==
           sorted(l for l in want.splitlines() if l.startswith("CONFIG_")
                  and l != "CONFIG_BOARD_QEMU_VIRT_AARCH64=y"),
           tail(text + text2 + saved))


def check_bad_overlay_build(root, python):
    """A product whose overlay puts one CPU in two zones must not build."""
    bad = os.path.join(SRC, "tests", "zonegen", "bad", "cpu-two-zones.dtso")
    if not os.path.exists(bad):
        report("build: broken overlay rejected", False, "missing " + bad)
        return
    out = os.path.join(root, "bad-overlay")
    make(["O=" + out, "qemu-virt-aarch64_defconfig"])
    merge_fragment(python, os.path.join(out, ".config"),
                   ['CONFIG_PRODUCT_OVERLAY="%s"' % os.path.relpath(bad, SRC)])
    rc, text = make(["O=" + out, "build"])
    report("build: overlay with a CPU in two zones fails, naming the node",
           rc != 0 and "/bulkhead/zone@" in text and "error" in text, tail(text))


def check_style():
    """Every C file in the tree is clang-format clean (.clang-format)."""
    files = subprocess.run(["git", "ls-files", "*.c", "*.h"], cwd=SRC,
                           capture_output=True, text=True).stdout.split()
    proc = subprocess.run(["clang-format", "--dry-run", "--Werror"] + files,
                          cwd=SRC, capture_output=True, text=True)
    bad = sorted({l.split(":")[0] for l in proc.stderr.splitlines()
                  if "code should be clang-formatted" in l})
    report("style: clang-format (%d files)" % len(files),
           proc.returncode == 0 and files != [],
           "  not formatted: " + " ".join(bad) + "\n" + tail(proc.stderr, 5))


def run_unit_tests(build):
    proc = subprocess.run(["meson", "test", "-C", os.path.join(build, "meson"),
                           "--suite", "unit", "--print-errorlogs"],
                          capture_output=True, text=True)
    log = os.path.join(build, "meson", "meson-logs", "testlog.json")
    if not os.path.exists(log):
        report("unit tests", False, tail(proc.stdout + proc.stderr))
        return
    with open(log) as f:
        for line in f:
            t = json.loads(line)
            report("unit %s" % t["name"], t["result"] == "OK",
                   tail(t.get("stdout", "") + t.get("stderr", "") or ""))


def run_fuzz(seconds):
    script = os.path.join(SRC, "tests", "fuzz", "run.sh")
    if not os.path.exists(script):
        report("fuzz targets", False, "missing tests/fuzz/run.sh")
        return
    proc = subprocess.run([script, str(seconds)], cwd=SRC, capture_output=True,
                          text=True)
    lines = [l for l in proc.stdout.splitlines() if l.startswith(("PASS ", "FAIL "))]
    for l in lines:
        report("fuzz " + l.split()[1], l.startswith("PASS"),
               tail(proc.stdout + proc.stderr))
    if proc.returncode != 0 and not any(l.startswith("FAIL") for l in lines):
        report("fuzz run", False, tail(proc.stdout + proc.stderr))


def run_qemu_tests(builds):
    for name, product, fn in (test_aarch64.TESTS + test_riscv64.TESTS +
                                test_virtio.TESTS):
        for tc in ("gcc", "clang"):
            build = builds.get((product, tc))
            if not build:
                report("qemu %s (%s)" % (name, tc), False, "product did not build")
                continue
            try:
                v = fn(build)
            except Exception as e:  # a broken test is a failed test
                v = harness.Verdict(False, "test error: %r" % e, [])
            report("qemu %s (%s)" % (name, tc), v.ok, "  " + v.reason + "\n" + v.tail())


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--python", default="/usr/bin/python3")
    ap.add_argument("--fuzz-seconds", type=int, default=10)
    ap.add_argument("--builddir", default=os.path.join(SRC, "build", "check"))
    opt = ap.parse_args()
    os.makedirs(opt.builddir, exist_ok=True)

    check_style()
    builds = build_all(opt.builddir, opt.python)
    check_config_rejections(opt.builddir, opt.python)
    check_bad_overlay_build(opt.builddir, opt.python)
    first = builds.get(("qemu-virt-aarch64", "gcc"))
    if first:
        run_unit_tests(first)
    else:
        report("unit tests", False, "no gcc build of qemu-virt-aarch64")
    run_fuzz(opt.fuzz_seconds)
    run_qemu_tests(builds)

    passed = sum(1 for r in results if r)
    failed = len(results) - passed
    print("%d passed, %d failed" % (passed, failed))
    return 0 if failed == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
