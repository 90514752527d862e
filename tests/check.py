#!/usr/bin/python3
# SPDX-License-Identifier: Apache-2.0
"""make check: everything that decides whether a change is good.

1. every configs/*_defconfig builds with GCC and with clang-19/lld; the
   base product of each board also builds every test guest and the unit
   tests (-Dtests=true), which `make` leaves out
2. configuration checks (invalid .config rejected, savedefconfig round trip,
   broken overlay rejected with the node named)
3. the build tells the truth: after a .config or an overlay change one
   `make` gives the image a clean build gives; a checkout path with a
   space builds; a few random configurations of each board build
4. host unit tests (meson test --suite unit) and the zonegen corpus
5. fuzz targets, briefly
6. QEMU system tests
Prints one PASS/FAIL line per check and ends with "N passed, N failed".

check.py --randconfig PRODUCT [--randconfig-n N] [--randconfig-seed S]
runs only the random configurations (make randconfig-check).
"""

import argparse
import concurrent.futures
import glob
import importlib
import json
import os
import re
import shutil
import subprocess
import sys
import threading

SRC = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(SRC, "tests", "qemu"))

import harness  # noqa: E402
import test_aarch64  # noqa: E402
import test_riscv64  # noqa: E402

results = []


def report(name, ok, detail=""):
    results.append(ok)
    print("%s %s%s" % ("PASS" if ok else "FAIL", name,
                       ("\n" + detail) if detail and not ok else ""), flush=True)


def make(args, log=None):
    return make_in(SRC, args, log)


def merge_fragment(python, config, lines):
    """Applies Kconfig lines to a .config (validated); returns (rc, output)."""
    frag = config + ".fragment"
    with open(frag, "w") as f:
        f.write("".join(l + "\n" for l in lines))
    return kconfig(python, config, ["merge", frag])


def kconfig(python, config, args):
    """tools/kconfig/kconfig.py on a build's .config, with the BOARD_ROOT
    that build remembers (<build>/.board-root), as make passes it."""
    cmd = [python, os.path.join(SRC, "tools/kconfig/kconfig.py"), "--config", config]
    root_file = os.path.join(os.path.dirname(config), ".board-root")
    if os.path.exists(root_file):
        with open(root_file) as f:
            cmd += ["--board-root", f.read().strip()]
    proc = subprocess.run(cmd + args, capture_output=True, text=True)
    return proc.returncode, proc.stdout + proc.stderr


def make_in(tree, args, log=None):
    """make in a checkout (this one, or a copy of it); (status, output)."""
    proc = subprocess.run(["make", "--no-print-directory", "-C", tree] + args,
                          stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                          text=True)
    if log:
        with open(log, "w") as f:
            f.write(proc.stdout)
    return proc.returncode, proc.stdout


def tail(text, n=20):
    return "\n".join("    | " + l for l in text.strip().splitlines()[-n:])


def board_selects(product, symbol):
    """Whether the board of configs/<product>_defconfig selects @symbol
    (read from the board's Kconfig entry)."""
    try:
        with open(os.path.join(SRC, "configs", product + "_defconfig")) as f:
            boards = re.findall(r"^CONFIG_(BOARD_\w+)=y", f.read(), re.M)
    except OSError:
        return False
    for kconfig in glob.glob(os.path.join(SRC, "boards", "*", "Kconfig")):
        with open(kconfig) as f:
            text = f.read()
        for board in boards:
            m = re.search(r"^config %s\n(.*?)(?=^config |\Z)" % board, text,
                          re.M | re.S)
            if m and re.search(r"select %s\b" % symbol, m.group(1)):
                return True
    return False


def toolchains_of(product):
    """("clang",) for a loongarch64 product (Debian has no loongarch64 GCC
    cross compiler; Kconfig offers clang only there), else both."""
    if board_selects(product, "ARCH_LOONGARCH64"):
        return ("clang",)
    return ("gcc", "clang")


def build_all(root, python, wanted=None):
    """Builds every product (or those in @wanted) with both toolchains
    (loongarch64: clang only, reported as such); returns
    {(product, tc): dir}."""
    builds = {}
    for path in sorted(glob.glob(os.path.join(SRC, "configs", "*_defconfig"))):
        product = os.path.basename(path)[:-len("_defconfig")]
        if wanted is not None and product not in wanted:
            continue
        if "gcc" not in toolchains_of(product):
            report("build %s (gcc): skipped, loongarch64 builds with clang only"
                   % product, True, "")
        for tc in toolchains_of(product):
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


# Products whose builds also compile every test guest and the unit tests.
TEST_BUILDS = ("qemu-virt-aarch64", "qemu-virt-riscv64")


def build_tests(builds):
    """-Dtests=true on the base products: all guests, unit tests (both
    toolchains, as every guest was before `make` stopped building them)."""
    for product in TEST_BUILDS:
        for tc in ("gcc", "clang"):
            out = builds.get((product, tc))
            name = "build tests and every guest %s (%s)" % (product, tc)
            if not out:
                report(name, False, "product did not build")
                continue
            meson = os.path.join(out, "meson")
            proc = subprocess.run(["meson", "configure", meson, "-Dtests=true"],
                                  stdout=subprocess.PIPE,
                                  stderr=subprocess.STDOUT, text=True)
            text = proc.stdout
            if proc.returncode == 0:
                proc = subprocess.run(["ninja", "-C", meson],
                                      stdout=subprocess.PIPE,
                                      stderr=subprocess.STDOUT, text=True)
                text += proc.stdout
            report(name, proc.returncode == 0, tail(text))


def read_bytes(path):
    try:
        with open(path, "rb") as f:
            return f.read()
    except OSError:
        return None


def same_as_clean_build(root, name, out):
    """Builds out's .config (and board root) afresh in another directory;
    (ok, detail): out's image equals the clean one byte for byte."""
    clean = os.path.join(root, name + "-clean")
    shutil.rmtree(clean, ignore_errors=True)
    os.makedirs(clean)
    shutil.copy(os.path.join(out, ".config"), os.path.join(clean, ".config"))
    rc, text = make(["O=" + clean, "build"])
    if rc != 0:
        return False, "clean build failed:\n" + tail(text)
    a = read_bytes(os.path.join(out, "bulkhead.bin"))
    b = read_bytes(os.path.join(clean, "bulkhead.bin"))
    if a is None or a != b:
        return False, "    | bulkhead.bin differs from a clean build's"
    return True, ""


def check_incremental_config(root, python):
    """Options read by config.h and at meson configure time (MAX_CPUS
    also goes to zonegen): one make after the change must do it all."""
    name = "build: one make after a .config change = a clean build"
    out = os.path.join(root, "incremental-config")
    shutil.rmtree(out, ignore_errors=True)
    rc, text = make(["O=" + out, "qemu-virt-aarch64_defconfig"])
    if rc == 0:
        rc, text = make(["O=" + out, "build"])
    before = read_bytes(os.path.join(out, "bulkhead.bin"))
    if rc == 0:
        rc, text = merge_fragment(python, os.path.join(out, ".config"),
                                  ["CONFIG_MAX_CPUS=4", "CONFIG_STACK_SIZE=0x8000"])
    if rc == 0:
        rc, text = make(["O=" + out, "build"])
    if rc != 0:
        report(name, False, tail(text))
        return
    after = read_bytes(os.path.join(out, "bulkhead.bin"))
    ok, detail = same_as_clean_build(root, "incremental-config", out)
    if ok:
        ok, detail = nothing_to_do(out)
    # The change must show in the image, or the comparison proves nothing.
    report(name, ok and before != after,
           detail or "    | the option change left the image unchanged")


def write_overlay(dirname, label, kernel):
    """A copy of the base aarch64 product whose zone@1 takes its label and
    kernel from an included file (the file the test then changes)."""
    src = os.path.join(SRC, "dts", "products", "qemu-virt-aarch64", "hello.dtso")
    with open(src) as f:
        text = f.read()
    at = text.index('label = "hello2";')
    text = text[:at] + '#include "zone1.dtsi"' + text[at + len('label = "hello2";'):]
    kern = 'bulkhead,kernel = "hello.bin";'
    k = text.index(kern, at)
    text = text[:k] + text[k + len(kern):]
    os.makedirs(dirname, exist_ok=True)
    overlay = os.path.join(dirname, "product.dtso")
    if not os.path.exists(overlay):
        with open(overlay, "w") as f:
            f.write(text)
    with open(os.path.join(dirname, "zone1.dtsi"), "w") as f:
        f.write('label = "%s";\nbulkhead,kernel = "%s";\n' % (label, kernel))
    return overlay


def check_incremental_overlay(root, python):
    """A change in a file the overlay includes: a new label (zone table)
    and a guest image the build did not make before (echo.bin)."""
    name = "build: one make after an overlay change = a clean build"
    out = os.path.join(root, "incremental-overlay")
    shutil.rmtree(out, ignore_errors=True)
    overlay = write_overlay(os.path.join(out, "overlay"), "hello2", "hello.bin")
    rc, text = make(["O=" + out, "qemu-virt-aarch64_defconfig"])
    if rc == 0:
        rc, text = merge_fragment(python, os.path.join(out, ".config"),
                                  ['CONFIG_PRODUCT_OVERLAY="%s"' % overlay])
    if rc == 0:
        rc, text = make(["O=" + out, "build"])
    before = read_bytes(os.path.join(out, "bulkhead.bin"))
    if rc == 0:
        write_overlay(os.path.join(out, "overlay"), "hello9", "echo.bin")
        rc, text = make(["O=" + out, "build"])
    if rc != 0:
        report(name, False, tail(text))
        return
    after = read_bytes(os.path.join(out, "bulkhead.bin"))
    ok, detail = same_as_clean_build(root, "incremental-overlay", out)
    echo = os.path.join(out, "meson", "tests", "guests", "echo.bin")
    if ok and not os.path.exists(echo):
        ok, detail = False, "    | echo.bin, now named by the overlay, not built"
    report(name, ok and before != after,
           detail or "    | the overlay change left the image unchanged")


def copy_tree(dest):
    """The checkout's files (as git lists them, working-tree contents)."""
    files = subprocess.run(["git", "ls-files", "-z", "--cached", "--others",
                            "--exclude-standard"], cwd=SRC, capture_output=True,
                           check=True).stdout.split(b"\0")
    for rel in files:
        rel = rel.decode()
        if not rel or not os.path.isfile(os.path.join(SRC, rel)):
            continue
        os.makedirs(os.path.dirname(os.path.join(dest, rel)), exist_ok=True)
        shutil.copy2(os.path.join(SRC, rel), os.path.join(dest, rel))


def nothing_to_do(build):
    """(ok, ninja's explanation): a make after a make has nothing to do
    (no output is always out of date)."""
    proc = subprocess.run(["ninja", "-C", os.path.join(build, "meson"), "-n",
                           "-d", "explain"], stdout=subprocess.PIPE,
                          stderr=subprocess.STDOUT, text=True)
    return "no work to do" in proc.stdout, tail(proc.stdout)


def check_path_with_space(root):
    """defconfig and make in a checkout whose path has a space; a second
    make has nothing to do (no dependency lost to the space)."""
    name = "build: a checkout path with a space"
    tree = os.path.join(root, "path with space", "bulk head")
    shutil.rmtree(os.path.dirname(tree), ignore_errors=True)
    copy_tree(tree)
    rc, text = make_in(tree, ["qemu-virt-aarch64_defconfig"])
    if rc == 0:
        rc, text = make_in(tree, [])
    build = os.path.join(tree, "build", "qemu-virt-aarch64")
    if rc == 0:
        ok, text = nothing_to_do(build)
        rc = 0 if ok else 1
    if rc == 0:
        # The loader arguments carry the quoted paths: the image boots.
        v = qemu_test(test_aarch64.test_hello_passes, build)
        rc, text = (0 if v.ok else 1), v.reason + "\n" + v.tail()
    report(name, rc == 0, tail(text))
    if rc == 0:
        shutil.rmtree(os.path.dirname(tree), ignore_errors=True)


TOOLCHAIN_FRAGMENTS = {
    "gcc": ["CONFIG_TOOLCHAIN_GCC=y", "# CONFIG_TOOLCHAIN_CLANG is not set"],
    "clang": ["CONFIG_TOOLCHAIN_CLANG=y", "# CONFIG_TOOLCHAIN_GCC is not set"],
}


def randconfig_one(root, python, product, seed, tc):
    """One random configuration of product (seed), built with tc."""
    name = "randconfig %s seed %d (%s)" % (product, seed, tc)
    out = os.path.join(root, "randconfig", "%s-%d-%s" % (product, seed, tc))
    shutil.rmtree(out, ignore_errors=True)
    cfg = os.path.join(out, ".config")
    rc, text = make(["O=" + out, product + "_defconfig"])
    if rc == 0:
        rc, text = kconfig(python, cfg, ["randconfig", "--seed", str(seed)])
    if rc == 0:
        rc, text = merge_fragment(python, cfg, TOOLCHAIN_FRAGMENTS[tc])
    if rc == 0:
        rc, text = make(["O=" + out, "build"])
    report(name, rc == 0, tail(text) + "\n    (configuration: %s)" % cfg)
    if rc == 0:
        shutil.rmtree(out, ignore_errors=True)
    return rc == 0


def randconfig_check(root, python, product, n, seed, toolchains_of):
    """Seeds seed..seed+n-1; toolchains_of(i) the toolchains of the i-th."""
    for i in range(n):
        for tc in toolchains_of(i):
            randconfig_one(root, python, product, seed + i, tc)


# make check's fixed-seed batch of random configurations.
RANDCONFIG_BATCH = 20


def board_products():
    """Each board's base product: the defconfig named after a board."""
    boards = set(os.listdir(os.path.join(SRC, "boards")))
    return sorted(os.path.basename(p)[:-len("_defconfig")]
                  for p in glob.glob(os.path.join(SRC, "configs", "*_defconfig"))
                  if os.path.basename(p)[:-len("_defconfig")] in boards)


def randconfig_batch(root, python, n):
    """n random configurations, seeds 1..n, round-robin over the boards'
    base products; the toolchain alternates each round, so every board
    gets both toolchains."""
    products = board_products()
    for i in range(n):
        product = products[i % len(products)]
        tcs = toolchains_of(product)
        tc = tcs[(i // len(products)) % len(tcs)]
        randconfig_one(root, python, product, 1 + i, tc)


# The out-of-tree BSP (tests/bsp): a vendor board kept outside boards/.
BSP_PRODUCT = "acme-virt"
BSP_QEMU_DTB = ["qemu-system-aarch64", "-M", "virt,virtualization=on,gic-version=3",
                "-cpu", "cortex-a72", "-smp", "4", "-m", "1G", "-nographic", "-nic", "none"]


def build_bsp(root, python, builds):
    """A vendor's path from their DTB to a product, out of tree: a copy of
    tests/bsp as BOARD_ROOT, its vendor DTB the one QEMU's virt machine
    generates (dumped into the BSP as the vendor's build would put it),
    built with both toolchains; the builds join @builds for the QEMU tests."""
    bsp = os.path.join(root, "bsp")
    shutil.rmtree(bsp, ignore_errors=True)
    shutil.copytree(os.path.join(SRC, "tests", "bsp"), bsp)
    dtb = os.path.join(bsp, BSP_PRODUCT + ".dtb")
    proc = subprocess.run(BSP_QEMU_DTB[:2] + [BSP_QEMU_DTB[2] + ",dumpdtb=" + dtb] +
                          BSP_QEMU_DTB[3:], capture_output=True, text=True, timeout=60)
    if not os.path.exists(dtb):
        report("bsp: vendor DTB from QEMU", False, tail(proc.stdout + proc.stderr))
        return
    for tc in ("gcc", "clang"):
        out = os.path.join(root, "%s-%s" % (BSP_PRODUCT, tc))
        rc, text = make(["BOARD_ROOT=" + bsp, "O=" + out, BSP_PRODUCT + "_defconfig"])
        if rc == 0:
            rc, text = merge_fragment(python, os.path.join(out, ".config"),
                                      TOOLCHAIN_FRAGMENTS[tc])
        if rc == 0:
            rc, text = make(["O=" + out, "build"])
        report("build out-of-tree board %s (BOARD_ROOT, vendor DTB) (%s)"
               % (BSP_PRODUCT, tc), rc == 0, tail(text))
        if rc == 0:
            builds[(BSP_PRODUCT, tc)] = out


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


def qemu_test(fn, build):
    try:
        return fn(build)
    except Exception as e:  # a broken test is a failed test
        return harness.Verdict(False, "test error: %r" % e, [])


def qemu_tests():
    """Every (name, product, fn, long) of the TESTS lists in
    tests/qemu/test_*.py (the harness's own unit tests apart), in file
    order; long: the module names it in LINUX_BOOTS."""
    tests = []
    for path in sorted(glob.glob(os.path.join(SRC, "tests", "qemu", "test_*.py"))):
        name = os.path.basename(path)[:-3]
        if name == "test_harness":
            continue
        module = importlib.import_module(name)
        long = getattr(module, "LINUX_BOOTS", set())
        tests += [(n, p, fn, n in long) for n, p, fn in getattr(module, "TESTS", [])]
    return tests


def qemu_runs(only=None):
    """(name, product, fn, toolchain) of every QEMU run: a test on every
    toolchain its product builds with, except that the long Linux boots
    split between them (alternating, so each toolchain's image boots
    about half of them). @only: a regular expression a test's name must
    match (a developer's selection; every toolchain then runs it)."""
    runs, n_long = [], 0
    for name, product, fn, long in qemu_tests():
        tcs = toolchains_of(product)
        if long:
            tcs, n_long = (tcs[n_long % len(tcs)],), n_long + 1
        if only is not None:
            if not re.search(only, name):
                continue
            tcs = toolchains_of(product)
        runs += [(name, product, fn, tc) for tc in tcs]
    return runs


def run_qemu_tests(builds, jobs=2, only=None):
    """Every QEMU run (qemu_runs), @jobs at a time; two runs of one build
    never overlap (they would share its disk images, which QEMU locks for
    writing); reported in the order listed."""
    runs, locks = [], {}

    def run_locked(fn, build):
        with locks[build]:
            return qemu_test(fn, build)

    with concurrent.futures.ThreadPoolExecutor(max_workers=jobs) as pool:
        for name, product, fn, tc in qemu_runs(only):
            build = builds.get((product, tc))
            label = "qemu %s (%s)" % (name, tc)
            if build:
                locks.setdefault(build, threading.Lock())
            runs.append((label, build and pool.submit(run_locked, fn, build)))
        for label, future in runs:
            if not future:
                report(label, False, "product did not build")
                continue
            v = future.result()
            report(label, v.ok, "  " + v.reason + "\n" + v.tail())


def run_harness_tests():
    """The harness's own matching rules (tests/qemu/test_harness.py)."""
    proc = subprocess.run([sys.executable, "-m", "unittest", "test_harness"],
                          cwd=os.path.join(SRC, "tests", "qemu"),
                          capture_output=True, text=True)
    report("harness: matching rules", proc.returncode == 0,
           tail(proc.stdout + proc.stderr))


def summary():
    passed = sum(1 for r in results if r)
    failed = len(results) - passed
    print("%d passed, %d failed" % (passed, failed))
    return 0 if failed == 0 else 1


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--python", default="/usr/bin/python3")
    ap.add_argument("--fuzz-seconds", type=int, default=10)
    ap.add_argument("--builddir", default=os.path.join(SRC, "build", "check"))
    ap.add_argument("--randconfig", metavar="PRODUCT",
                    help="only build random configurations of PRODUCT")
    ap.add_argument("--randconfig-n", type=int, default=10)
    ap.add_argument("--randconfig-seed", type=int, default=1)
    ap.add_argument("--only", metavar="REGEX",
                    help="only build the products of the QEMU tests whose "
                    "names match REGEX and run those tests, on both "
                    "toolchains (for development; make check runs all)")
    opt = ap.parse_args()
    os.makedirs(opt.builddir, exist_ok=True)

    if opt.only:
        wanted = {r[1] for r in qemu_runs(opt.only)}
        run_qemu_tests(build_all(opt.builddir, opt.python, wanted), only=opt.only)
        return summary()

    if opt.randconfig:
        randconfig_check(opt.builddir, opt.python, opt.randconfig,
                         opt.randconfig_n, opt.randconfig_seed,
                         lambda i: ("gcc", "clang"))
        return summary()

    check_style()
    builds = build_all(opt.builddir, opt.python)
    build_bsp(opt.builddir, opt.python, builds)
    build_tests(builds)
    check_config_rejections(opt.builddir, opt.python)
    check_bad_overlay_build(opt.builddir, opt.python)
    check_incremental_config(opt.builddir, opt.python)
    check_incremental_overlay(opt.builddir, opt.python)
    check_path_with_space(opt.builddir)
    randconfig_batch(opt.builddir, opt.python, RANDCONFIG_BATCH)
    first = builds.get(("qemu-virt-aarch64", "gcc"))
    if first:
        run_unit_tests(first)
    else:
        report("unit tests", False, "no gcc build of qemu-virt-aarch64")
    run_fuzz(opt.fuzz_seconds)
    run_harness_tests()
    run_qemu_tests(builds)
    return summary()


if __name__ == "__main__":
    sys.exit(main())
