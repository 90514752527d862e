# SPDX-License-Identifier: Apache-2.0
"""QEMU tests of the attack run's fixes (issue 15): the exact bytes a
hostile zone's terminal controls leave on QEMU's serial output, and the
HVC/SMC immediates and PSCI ids that must be refused."""

import os
import re
import select
import subprocess
import time

import harness

# The hostile guest's injection (tests/guests/hostile.c) as the terminal
# must get it: the letters and text between the controls, nothing else.
CLEAN = b"AB2JC0;tD2JE0;tFGH\xc3\xa9>\r\n"
INJECTED = [b"[hostile] hostile: inject write <" + CLEAN,
            b"[hostile] hostile: inject putc <" + CLEAN]
# The hostile zone's last line: everything it printed came before.
LAST = b"[hostile] hostile: 8-byte read of a 32-bit register next\r\n"


def raw_serial(build, until, timeout=30):
    """QEMU's serial output, byte for byte, up to and with @until (or all
    of it when the time bound expires first)."""
    proc = subprocess.Popen(harness.product_qemu_cmd(build),
                            stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                            stderr=subprocess.STDOUT)
    out, deadline = b"", time.monotonic() + timeout
    try:
        while until not in out:
            left = deadline - time.monotonic()
            if left <= 0:
                break
            ready, _, _ = select.select([proc.stdout], [], [], min(left, 0.5))
            if ready:
                chunk = os.read(proc.stdout.fileno(), 4096)
                if not chunk:
                    break
                out += chunk
    finally:
        proc.kill()
        proc.wait()
        proc.stdin.close()
        proc.stdout.close()
    return out


def terminal_controls(out):
    """Offsets of ESC, 8-bit C1 bytes and UTF-8 C1 controls in @out."""
    return [m.start() for m in re.finditer(
        rb"\x1b|(?<![\xc0-\xff])[\x80-\x9f]|\xc2[\x80-\x9f]", out)]


def check_injection(out, extra=()):
    """Judges the raw output: each injected line exact, no control left
    anywhere, and every @extra line present."""
    lines = out.decode("utf-8", "replace").split("\r\n")
    if LAST not in out:
        return harness.Verdict(False, "the hostile zone did not finish", lines)
    for want in INJECTED + [l.encode() + b"\r\n" for l in extra]:
        if want not in out:
            return harness.Verdict(False, "missing bytes %r" % want, lines)
    bad = terminal_controls(out)
    if bad:
        at = bad[0]
        return harness.Verdict(False, "terminal control reached the serial "
                               "port at %d: %r" % (at, out[at - 20:at + 8]),
                               lines)
    return harness.Verdict(True, "", lines)


def test_console_injection_aarch64(build):
    """HC_CONSOLE_WRITE and HC_CONSOLE_PUTC never pass C0 controls, C1
    controls (8-bit or UTF-8) or escape sequences to the serial port;
    HVC #1, SMC #1 and SMC64 SYSTEM_OFF (0xc4000008) are refused."""
    refused = ["HVC #1 refused (-1)", "SMC #1 refused (-1)",
               "SMC64 SYSTEM_OFF refused (-1)"]
    return check_injection(raw_serial(build, LAST),
                           ["[hostile] hostile: " + r for r in refused])


def test_console_injection_riscv64(build):
    """The same injection on riscv64 leaves the same exact bytes."""
    return check_injection(raw_serial(build, LAST))


def unconfined_devices(build):
    """Paths of the nodes the merged tree marks bulkhead,dma = "unconfined",
    in tree order (the order the shipped overlays list them in)."""
    dts = subprocess.run(["dtc", "-q", "-I", "dtb", "-O", "dts",
                          os.path.join(build, "meson", "dts", "merged.dtb")],
                         check=True, capture_output=True, text=True).stdout
    stack, paths = [], []
    for line in dts.splitlines():
        line = line.strip()
        if line.endswith("{"):
            stack.append(line[:-1].strip().split(":")[-1].strip())
        elif line.startswith("};"):
            stack.pop()
        elif line == 'bulkhead,dma = "unconfined";':
            paths.append("/" + "/".join(stack[1:]))
    return paths


def test_dma_unconfined_boot_log(build):
    """A product that passes a DMA master through unconfined (its overlay
    says bulkhead,dma = "unconfined") says so in the boot log, naming the
    zone and every such device."""
    devs = unconfined_devices(build)
    if not devs:
        return harness.Verdict(False, "the product marks no device", [])
    zone = harness.fdtget(os.path.join(build, "meson", "dts", "merged.dtb"),
                          "/bulkhead/zone@0", "label", "s")[0]
    return harness.run(harness.product_qemu_cmd(build), [
        "bulkhead: zone 0 (%s): DMA unconfined: %s can read and write all "
        'memory (bulkhead,dma = "unconfined")' % (zone, d) for d in devs])


BOOT_HART = re.compile(r"Domain0 Boot HART\s*: (\d+)")
# The rtcirq zone's hart (dts/products/qemu-virt-riscv64/rtcirq.dtso).
ZONE_HART = "1"
BOOT_HART_TRIES = 10


def test_passthrough_irq_hsm_started_hart(build):
    """The rtcirq zone takes its passed-through RTC's interrupt on a hart
    that OpenSBI did not boot on (the hypervisor starts it through SBI HSM
    after enabling the zone's PLIC source there). Boots until OpenSBI's
    boot hart was not the zone's (almost always the first boot); each
    boot is time-bounded and must pass: a failure is never retried."""
    harts = []
    for _ in range(BOOT_HART_TRIES):
        v = harness.run(harness.product_qemu_cmd(build),
                        [BOOT_HART, "[rtcirq] rtcirq: alarm 1 taken",
                         "[rtcirq] rtcirq: PASS"], timeout=30)
        hart = next((m.group(1) for m in map(BOOT_HART.fullmatch, v.lines)
                     if m), "?")
        if not v.ok:
            return harness.Verdict(False, "boot hart %s: %s" % (hart, v.reason),
                                   v.lines)
        harts.append(hart)
        if hart != ZONE_HART:
            return harness.Verdict(True, "boot harts %s" % " ".join(harts),
                                   v.lines)
    return harness.Verdict(False, "OpenSBI booted on the zone's hart %s in "
                           "all %d boots" % (ZONE_HART, BOOT_HART_TRIES), [])


TESTS = [
    ("rv-passthrough-irq-hsm-started-hart", "qemu-virt-riscv64-rtcirq",
     test_passthrough_irq_hsm_started_hart),
    ("dma-unconfined-boot-log", "qemu-virt-aarch64-demo",
     test_dma_unconfined_boot_log),
    ("rv-dma-unconfined-boot-log", "qemu-virt-riscv64-uboot",
     test_dma_unconfined_boot_log),
    ("dma-console-injection", "qemu-virt-aarch64-isolation",
     test_console_injection_aarch64),
    ("rv-dma-console-injection", "qemu-virt-riscv64-isolation-dev",
     test_console_injection_riscv64),
]


if __name__ == "__main__":
    import sys
    for name, product, fn in TESTS:
        if len(sys.argv) > 1 and name not in sys.argv[1:]:
            continue
        v = fn(os.path.join(os.path.dirname(__file__), "..", "..", "build", product))
        print(name, "PASS " + v.reason if v.ok else "FAIL: " + v.reason)
