# SPDX-License-Identifier: Apache-2.0
"""QEMU system tests of Debian's riscv64 Linux in a zone.

The kernel is Debian 13's unmodified linux-image-riscv64 with the
project's busybox initramfs (tests/guests/linux/init prints the
"bulkhead-linux:" lines matched here). Linux takes about a minute to
reach its shell under QEMU's TCG on a loaded host, so each run is bounded
at a few minutes.
"""

import os
import re

import harness
import test_riscv64 as rv

BOOT_TIMEOUT = 150


def line(text):
    """A line that ends with @text (another zone's unfinished line or the
    shell's echo may stand before it)."""
    return re.compile(r".*" + re.escape(text))


def zone_ids(build):
    return {z["name"]: z["id"] for z in rv.zones_of(build)}


def linux_boots(z="linux", early=()):
    """Linux boots on both harts (the second started with SBI HSM), loads
    the virtio-mmio modules, reads the passed-through disk (its interrupt
    comes through the vPLIC) and its shell on the emulated NS16550A
    answers (the 8250 driver runs on its interrupt). @early: the zone's
    boot lines expected between the banner and the shell, in order."""
    return [
        re.compile(r"\[%s\] \[ +0\.0+\] Linux version \S+-riscv64 .*" % z),
    ] + list(early) + [
        line("[%s] bulkhead-linux: cpus=2" % z),
        line("[%s] bulkhead-linux: vda=BULKHEAD-DISK-OK" % z),
        line("[%s] bulkhead-linux: shell" % z),
        harness.Prompt("[%s] # " % z),
        harness.Send(b"echo linux-$((6*7))\r"), line("[%s] linux-42" % z),
        harness.Prompt("[%s] # " % z),
    ]


def test_linux_shell_smp(build):
    """The Linux product: SBI base reports the extensions Linux uses, two
    CPUs come online, the 8250 console has its PLIC interrupt, and the
    shell answers."""
    early = [
        # In the order Linux probes them.
        line("[linux] [    0.000000] SBI IPI extension detected"),
        line("[linux] [    0.000000] SBI RFENCE extension detected"),
        line("[linux] [    0.000000] SBI SRST extension detected"),
        line("[linux] [    0.000000] SBI HSM extension detected"),
        re.compile(r".*\[linux\] .* ttyS0 at MMIO 0x10000000 \(irq = \d+, .*"),
    ]
    return harness.run(harness.product_qemu_cmd(build), [
        rv.banner(build)] + linux_boots(early=early) + [
        harness.Send(b"cat /sys/devices/system/cpu/online\r"),
        line("[linux] 0-1"),
    ], timeout=BOOT_TIMEOUT)


def test_linux_reboot(build):
    """`reboot -f` (SBI SRST cold reboot) restarts the zone from its image
    store, and Linux boots to its shell again."""
    zid = zone_ids(build)["linux"]
    boot = linux_boots()
    return harness.run(harness.product_qemu_cmd(build), boot + [
        harness.Send(b"reboot -f\r"),
        line("bulkhead: zone %d (linux) restarting: reset (SBI system reset)"
             % zid),
        harness.After()] + boot, timeout=2 * BOOT_TIMEOUT)


def test_linux_powers_machine_off(build):
    """Alone and with bulkhead,may-power-off, the root zone's `poweroff`
    (SBI SRST shutdown) ends the machine: QEMU exits by itself."""
    zid = zone_ids(build)["linux"]
    return harness.run(harness.product_qemu_cmd(build), linux_boots() + [
        harness.Send(b"poweroff -f\r"),
        line("bulkhead: zone %d (linux) powers the machine off" % zid),
        harness.Exit(0)], timeout=BOOT_TIMEOUT)


RT_BEAT = re.compile(r".*\[rt\] rtlat: n=\d+ min=\d+ avg=\d+ max=\d+ ticks")


def demo_three_zones(build):
    """The demo up to Linux's shell: U-Boot (console input's first zone)
    answers and reads its disk, the real-time zone beats, then the console
    goes to Linux, whose shell answers."""
    zid = zone_ids(build)["linux"]
    return (rv._uboot_prompt() + rv._uboot_commands() + [
        RT_BEAT,
        harness.Send(b"\x1d%d" % zid),
        line("bulkhead: console input: zone %d (linux)" % zid),
    ] + linux_boots())


def test_demo_three_zones(build):
    """The riscv64 demo: Linux, U-Boot and the real-time zone side by side;
    Linux's `poweroff` stops its zone only, and the rt zone beats on."""
    zid = zone_ids(build)["linux"]
    return harness.run(harness.product_qemu_cmd(build), demo_three_zones(build) + [
        harness.Send(b"poweroff -f\r"),
        re.compile(r".*bulkhead: zone %d \(linux\) stopped on cpu \d+: "
                   r"powered off \(SBI system reset: shutdown\)" % zid),
        harness.After(), RT_BEAT, RT_BEAT], timeout=BOOT_TIMEOUT + 30)


def test_demo_linux_reboot(build):
    """In the demo, Linux's `reboot` restarts its zone only: it boots to
    its shell again while the real-time zone beats on."""
    zid = zone_ids(build)["linux"]
    return harness.run(harness.product_qemu_cmd(build), demo_three_zones(build) + [
        harness.Send(b"reboot -f\r"),
        line("bulkhead: zone %d (linux) restarting: reset (SBI system reset)"
             % zid),
        harness.After(), RT_BEAT] + linux_boots(), timeout=2 * BOOT_TIMEOUT + 30)


TESTS = [
    ("rv-linux-shell-smp", "qemu-virt-riscv64-linux", test_linux_shell_smp),
    ("rv-linux-reboot", "qemu-virt-riscv64-linux", test_linux_reboot),
    ("rv-linux-powers-machine-off", "qemu-virt-riscv64-linux",
     test_linux_powers_machine_off),
    ("rv-demo-three-zones", "qemu-virt-riscv64-demo", test_demo_three_zones),
]

# Tests that boot Linux: make check runs each on one toolchain's image,
# alternating (tests/check.py qemu_runs); the rest run on both.
LINUX_BOOTS = {
    "rv-linux-shell-smp",
    "rv-linux-reboot",
    "rv-linux-powers-machine-off",
    "rv-demo-three-zones",
}

# Not in make check (rv-linux-reboot covers a Linux zone's reboot, and
# this one boots Linux twice beside two other zones); run it by hand:
#   tests/qemu/test_rvlinux.py build/qemu-virt-riscv64-demo rv-demo-linux-reboot
BY_HAND = [
    ("rv-demo-linux-reboot", "qemu-virt-riscv64-demo", test_demo_linux_reboot),
]

if __name__ == "__main__":
    import sys

    # tests/qemu/test_rvlinux.py BUILD_DIR [TEST_NAME...]: one build's tests.
    wanted = sys.argv[2:]
    failed = 0
    for name, _, fn in TESTS + BY_HAND:
        if wanted and name not in wanted:
            continue
        v = fn(sys.argv[1])
        print("%s: %s %s" % (name, "PASS" if v.ok else "FAIL", v.reason))
        if not v.ok:
            failed += 1
            print(v.tail(int(os.environ.get("TAIL", "25"))))
    sys.exit(1 if failed else 0)
