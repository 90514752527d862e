# SPDX-License-Identifier: Apache-2.0
"""What the benchmark drivers share: QEMU command lines, reading a run's
serial output up to a line, and the results file.

Benchmarks never judge: a figure that cannot be had is reported as
"<figure>: not available: <why>" and left out, and the drivers go on.
"""

import json
import os
import re
import selectors
import shlex
import subprocess
import time

SRC = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

# Options the drivers set themselves; a board's or loader's copies are
# dropped so QEMU does not see two serial or monitor configurations.
# -nographic would also claim stdio for a multiplexed monitor.
OWN_OPTIONS_WITH_VALUE = {"-serial", "-monitor", "-icount", "-kernel", "-display"}
OWN_OPTIONS = {"-nographic"}
SERIAL_ON_STDOUT = ["-display", "none", "-serial", "stdio", "-monitor", "none"]

# Lines after which a run cannot produce its figure.
FATAL = [re.compile(r".*bulkhead: PANIC.*"),
         re.compile(r".*bulkhead: zone \d+ \(.*\) (stopped|not started).*"),
         re.compile(r".*Kernel panic.*"),
         re.compile(r".*: FAIL\b.*")]


def strip_own_options(args):
    out, skip = [], False
    for arg in args:
        if skip:
            skip = False
        elif arg in OWN_OPTIONS_WITH_VALUE:
            skip = True
        elif arg not in OWN_OPTIONS:
            out.append(arg)
    return out


def read_args(path):
    with open(path) as f:
        return shlex.split(f.read(), comments=True)


def product_command(build, icount=None):
    """QEMU command of a built product: board args, the hypervisor,
    the loader arguments zonegen wrote; serial on stdout."""
    config = {}
    with open(os.path.join(build, ".config")) as f:
        for line in f:
            m = re.match(r'^(CONFIG_\w+)="?(.*?)"?$', line.strip())
            if m:
                config[m.group(1)] = m.group(2)
    board = read_args(os.path.join(SRC, "boards", config["CONFIG_BOARD"], "qemu.args"))
    loader = read_args(os.path.join(build, "meson", "dts", "qemu.args"))
    return (["qemu-system-" + config["CONFIG_ARCH"]] + strip_own_options(board) +
            (["-icount", icount] if icount else []) +
            ["-kernel", os.path.join(build, "bulkhead.elf")] +
            strip_own_options(loader) + SERIAL_ON_STDOUT)


def stop(proc):
    if proc.poll() is None:
        proc.terminate()
        try:
            proc.wait(timeout=5)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


class Run:
    """One QEMU run read up to a line.

    lines: the serial lines so far; why: None if the line came, else why
    the run ended first; seconds: wall time from start to that line."""

    def __init__(self, cmd, done, timeout, fatal=FATAL):
        self.lines, self.why, self.seconds = [], None, None
        start = time.monotonic()
        proc = subprocess.Popen(cmd, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                                stderr=subprocess.STDOUT)
        try:
            self._read(proc, done, fatal, start + timeout, timeout)
        finally:
            stop(proc)
        if self.why is None:
            self.seconds = self.done_at - start

    def _read(self, proc, done, fatal, deadline, timeout):
        sel = selectors.DefaultSelector()
        sel.register(proc.stdout, selectors.EVENT_READ)
        partial = b""
        while True:
            left = deadline - time.monotonic()
            if left <= 0:
                self.why = "no %r after %d s" % (done.pattern, timeout)
                return
            if not sel.select(left):
                continue
            chunk = os.read(proc.stdout.fileno(), 4096)
            if not chunk:
                self.why = "QEMU exited (status %s) before %r" % (proc.wait(), done.pattern)
                return
            *complete, partial = (partial + chunk).split(b"\n")
            for raw in complete:
                line = raw.decode(errors="replace").rstrip("\r")
                self.lines.append(line)
                if done.search(line):
                    self.done_at = time.monotonic()
                    return
                if any(p.fullmatch(line) for p in fatal):
                    self.why = "stopped at: " + line.strip()
                    return

    def tail(self, n=10):
        return "\n".join("    | " + line for line in self.lines[-n:])


def not_available(label, why):
    print("%s: not available: %s" % (label, why))


def merge_json(path, key, value):
    """Puts value under key in the results file, keeping other keys."""
    result = {}
    if os.path.exists(path):
        with open(path) as f:
            result = json.load(f)
    result[key] = value
    os.makedirs(os.path.dirname(os.path.abspath(path)), exist_ok=True)
    with open(path, "w") as f:
        json.dump(result, f, indent=2)
        f.write("\n")


def ratio(zone, native):
    return zone / native if zone is not None and native else None
