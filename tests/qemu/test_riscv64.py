# SPDX-License-Identifier: Apache-2.0
"""QEMU system tests for the riscv64 products.

As for aarch64: each test gets the build directory of its product and
returns a Verdict; expected lines are derived from the product's merged
device tree where they depend on the layout.
"""

import os
import re

import harness
import test_aarch64 as common

# OpenSBI builds from Debian's opensbi package: fw_jump enters the image
# at 0x80200000, fw_dynamic (what QEMU's -bios default is) at its entry.
FW_JUMP = "/usr/lib/riscv64-linux-gnu/opensbi/generic/fw_jump.bin"


def zones_of(build):
    """Zone facts; every zone of a PLIC board has one virtual PLIC."""
    zones = common.zones_of(build)
    for z in zones:
        z["nvdevs"] -= 1  # common counts the vGIC's two windows
    return zones


def banner(build):
    cfg = harness.read_config(os.path.join(build, ".config"))
    tc = "clang" if cfg.get("CONFIG_TOOLCHAIN_CLANG") == "y" else "gcc"
    return re.compile(r"bulkhead: Bulkhead \d+\.\d+ on %s \(riscv64\), 4 CPUs, %s build"
                      % (re.escape(cfg["CONFIG_BOARD"]), tc))


def with_firmware(cmd, firmware):
    """The same command with another -bios."""
    cmd = list(cmd)
    cmd[cmd.index("-bios") + 1] = firmware
    return cmd


def zone_line(z):
    """The zone table line; "(+more)" when it has more memory windows."""
    line = common.HELLO_ZONE_LINE.format(**z)
    cut = line.index(", %d emulated" % z["nvdevs"])
    return re.compile(re.escape(line[:cut]) + r"( \(\+more\))?" +
                      re.escape(line[cut:]))


def banner_and_zones(build, firmware=None):
    zones = zones_of(build)
    expect = [banner(build), "bulkhead: %d zones" % len(zones)]
    expect += [zone_line(z) for z in zones]
    cmd = harness.product_qemu_cmd(build)
    if firmware:
        cmd = with_firmware(cmd, firmware)
    return harness.run(cmd, expect)


def test_banner_and_zone_table(build):
    """The boot log shows the banner and every zone of the overlay
    (QEMU's -bios default: OpenSBI fw_dynamic)."""
    return banner_and_zones(build)


def test_fw_jump(build):
    """The same boot under Debian's OpenSBI fw_jump."""
    return banner_and_zones(build, FW_JUMP)


def _uboot_prompt():
    S, P = harness.Send, harness.Prompt
    return [re.compile(r".*\[uboot\] U-Boot 20\d\d\.\d\d.*"),
            "[uboot] DRAM:  65 MiB",
            P(re.compile(r".*\[uboot\] Hit any key to stop autoboot:.*")),
            S(b"\r"), P(re.compile(r".*\[uboot\] => "))]


def _uboot_commands():
    """`version`, `dm tree` and the passed-through virtio disk, typed
    through the console mux. A line may begin with another zone's
    unfinished output, hence ".*"."""
    S, P = harness.Send, harness.Prompt
    return [
        S(b"version\r"), re.compile(r".*\[uboot\] riscv64-linux-gnu-gcc .*"),
        P(re.compile(r".*\[uboot\] => ")),
        S(b"dm tree\r"),
        re.compile(r".*\[uboot\] +serial +0 +\[ \+ \] +ns16550_serial +\|-- serial@10000000"),
        P(re.compile(r".*\[uboot\] => ")),
        S(b"virtio scan; virtio info\r"),
        re.compile(r".*\[uboot\] Device 0: QEMU VirtIO Block Device"),
        P(re.compile(r".*\[uboot\] => ")),
        S(b"virtio read 0x81000000 0 1; md.b 0x81000000 0x10\r"),
        re.compile(r".*\[uboot\] 81000000: 42 55 4c 4b 48 45 41 44 2d 44 49 53 4b 2d 4f 4b  BULKHEAD-DISK-OK"),
        P(re.compile(r".*\[uboot\] => "))]


def test_uboot_virtio(build):
    """Debian's unmodified U-Boot (qemu-riscv64_smode) reaches its prompt
    in a zone, answers through the console mux, and reads the first block
    of the virtio disk passed through to it."""
    return harness.run(harness.product_qemu_cmd(build),
                       _uboot_prompt() + _uboot_commands(), timeout=60)


def test_uboot_reset(build):
    """U-Boot's `reset` (SBI system reset) restarts its zone alone, from
    the pristine image: U-Boot comes back to its prompt."""
    S = harness.Send
    return harness.run(harness.product_qemu_cmd(build),
                       _uboot_prompt() + [
                           S(b"reset\r"),
                           "bulkhead: zone 0 (uboot) restarting: reset (SBI system reset)"]
                       + _uboot_prompt(), timeout=60)


TESTS = [
    ("rv-banner-and-zone-table", "qemu-virt-riscv64-uboot", test_banner_and_zone_table),
    ("rv-uboot-virtio", "qemu-virt-riscv64-uboot", test_uboot_virtio),
    ("rv-uboot-reset", "qemu-virt-riscv64-uboot", test_uboot_reset),
]
