# SPDX-License-Identifier: Apache-2.0
"""QEMU system tests of the Xilinx ZCU102 products, in QEMU's model of the
board (-M xlnx-zcu102,virtualization=on): a real SoC's device tree (the
vendor's DTB plus boards/xlnx-zcu102/corrections.dtsi), its GIC-400 and
its Cadence UARTs.

The generic aarch64 and GICv2 tests apply as they are (what they expect
comes from the product's device tree) and are imported, not copied; this
file adds what is the board's own: Debian's Linux as zone0 beside the
real-time zone, with the second Cadence UART passed through to it.
"""

import os
import re
import tempfile
import time

import harness
import test_aarch64 as common
import test_gicv2

# QEMU's second serial port is UART1 (0xff010000), the one passed through.
UART1_WAIT_S = 10


def _line(text):
    """A line that may start with another zone's unfinished output."""
    return re.compile(r".*" + re.escape(text))


def _uart1_has(path, text):
    """A Call: the file QEMU writes UART1 to holds @text as a line. The
    shell wrote it before the line the test waited for; the wait only
    covers the host's file write."""
    def check():
        end = time.monotonic() + UART1_WAIT_S
        while True:
            try:
                with open(path, "rb") as f:
                    got = f.read().decode("utf-8", "replace")
            except OSError:
                got = ""
            if text in got.replace("\r", "").split("\n"):
                return None
            if time.monotonic() > end:
                return "UART1 output %r lacks the line %r" % (got[-200:], text)
            time.sleep(0.2)
    return harness.Call(check)


def test_linux_rt_uart1(build):
    """Debian's unmodified Linux boots in zone0 on two CPUs, its console on
    the hypervisor's mux, while the real-time zone's heartbeat goes on;
    Linux binds the second Cadence UART passed through to it (ttyPS0, with
    the fixed clocks zonegen put in place of the firmware's) and a line
    written to it comes out of the board's UART1; the real-time zone is
    still beating after that, and after Linux powers its own zone off."""
    rt_beat = re.compile(r"\[rt\] rtlat: n=\d+ min=\d+ avg=\d+ max=\d+ ticks")
    with tempfile.TemporaryDirectory(prefix="bulkhead-zcu102-") as tmp:
        out = os.path.join(tmp, "uart1.txt")
        serials = ["-serial", "mon:stdio", "-serial", "file:" + out]
        return harness.run(harness.product_qemu_cmd(build, serials), [
            "[rt] rtlat: start",
            re.compile(r"\[linux\] \[ +0\.0+\] Booting Linux on physical "
                       r"CPU 0x0+ .*"),
            harness.After(),  # the heartbeat goes on while Linux boots
            rt_beat,
            re.compile(r"\[linux\] \[ *[\d.]+\] ff010000\.serial: ttyPS0 at "
                       r"MMIO 0xff010000 \(irq = \d+, base_baud = 6250000\) "
                       r"is a xuartps"),
            _line("[linux] bulkhead-linux: cpus=2"),
            _line("[linux] bulkhead-linux: shell"),
            harness.Prompt("[linux] # "),
            harness.Send(b"echo zcu102-uart1-$((6*7)) >/dev/ttyPS0; "
                         b"echo sent-$((1+1))\r"),
            _line("[linux] sent-2"),
            _uart1_has(out, "zcu102-uart1-42"),
            harness.After(), rt_beat,
            # Linux powers its zone off; the real-time zone beats on.
            harness.Send(b"poweroff -f\r"),
            re.compile(r"bulkhead: zone \d+ \(linux\) stopped on cpu \d+: "
                       r"powered off \(PSCI SYSTEM_OFF\)"),
            harness.After(), rt_beat, harness.After(), rt_beat], timeout=300)


# (name, product, function)
TESTS = [
    ("zcu102-banner-and-vgic", "xlnx-zcu102", test_gicv2.test_banner_and_vgic),
    ("zcu102-hello-zones-pass", "xlnx-zcu102", common.test_hello_passes),
    ("zcu102-linux-rt-uart1", "xlnx-zcu102-linux", test_linux_rt_uart1),
    ("zcu102-isolation", "xlnx-zcu102-isolation", common.test_isolation),
    ("zcu102-hostile-guest", "xlnx-zcu102-isolation",
     test_gicv2.test_hostile_guest),
]

# Tests that boot Linux: make check runs each on one toolchain's image,
# alternating (tests/check.py qemu_runs); the rest run on both.
LINUX_BOOTS = {
    "zcu102-linux-rt-uart1",
}
