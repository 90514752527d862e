# SPDX-License-Identifier: Apache-2.0
"""QEMU system tests of the GICv2 board (qemu-virt-aarch64-gicv2).

The products include the GICv3 board's overlays, so the GICv3 tests
(test_aarch64.py) apply as they are: what they expect is derived from the
product's device tree. This file adds what is the GICv2's own: the
virtual GICv2's boot line, the guest's view of its interrupt controller,
and the hostile guest's SGI attack through the trapped GICD_SGIR.
"""

import os
import re
import subprocess

import harness
import test_aarch64 as common

GICV2_COMPATIBLES = ("arm,cortex-a15-gic", "arm,gic-400")


def test_banner_and_vgic(build):
    """The banner, every zone of the overlay, and the virtual GICv2 with
    the list registers GICH_VTR reports."""
    zones = common.zones_of(build)
    expect = [common.banner(build),
              re.compile(r"bulkhead: vgic: GICv2: \d+ list registers, \d+ SPIs per zone"),
              "bulkhead: %d zones" % len(zones)]
    expect += [common.HELLO_ZONE_LINE.format(**z) for z in zones]
    return harness.run(harness.product_qemu_cmd(build), expect)


def _gic_node(dtb):
    """Path of the node the root's interrupt-parent names."""
    gic = harness.fdtget(dtb, "/", "interrupt-parent")
    for node in common.list_subnodes(dtb, "/"):
        try:
            if harness.fdtget(dtb, "/" + node, "phandle") == gic:
                return "/" + node
        except subprocess.CalledProcessError:
            continue  # no phandle
    return None


def _has_prop(dtb, node, prop):
    return subprocess.run(["fdtget", dtb, node, prop], capture_output=True).returncode == 0


def test_guest_gic_nodes(build):
    """Each zone's DTB has a GICv2 with the board's distributor address
    and a CPU interface at the board's GICC (where GICV is mapped), and
    nothing of the virtualization extension (no GICH, GICV, maintenance
    interrupt). No QEMU run: the DTBs are the build's."""
    board = common.merged_dtb(build)
    node = _gic_node(board)
    regs = harness.cells_to_ranges(harness.fdtget(board, node, "reg")) if node else []
    if len(regs) < 4:
        return harness.Verdict(False, "board: no GICv2 node with 4 reg ranges", [])
    want = [(regs[0][0], 0x1000), (regs[1][0], 0x2000)]
    for z in common.zones_of(build):
        dtb = os.path.join(build, "meson", "dts", "zone-%s.dtb" % z["name"])
        gnode = _gic_node(dtb)
        if not gnode:
            return harness.Verdict(False, "zone %s: no interrupt controller" % z["name"], [])
        compat = harness.fdtget(dtb, gnode, "compatible", "s")
        got = harness.cells_to_ranges(harness.fdtget(dtb, gnode, "reg"))
        if compat[0] not in GICV2_COMPATIBLES or got != want:
            return harness.Verdict(False, "zone %s: GIC %r reg %r, expected a GICv2 at %r"
                                   % (z["name"], compat, got, want), [])
        if _has_prop(dtb, gnode, "interrupts"):
            return harness.Verdict(False, "zone %s: the guest's GIC has a maintenance "
                                   "interrupt" % z["name"], [])
    return harness.Verdict(True, "", [])


# What hostile.bin's SGI attack prints, in order, once it passed.
SGI_ATTACK_LINES = [
    "[hostile] hostile: SGI to CPUs the zone does not have delivered to none",
    "[hostile] hostile: SGI to itself taken once",
]


def test_hostile_guest(build):
    """The hostile guest's refusals (test_aarch64's), the foreign-SPI
    attack through the GICv2 distributor's registers, and SGIs through
    GICD_SGIR to CPUs the zone does not have: none arrives, while one to
    itself does."""
    verdict = common.test_hostile_guest(build)
    if not verdict.ok:
        return verdict
    got = [l for l in verdict.lines if l in SGI_ATTACK_LINES]
    if got != SGI_ATTACK_LINES:
        return harness.Verdict(False, "SGI attack: expected %r, got %r"
                               % (SGI_ATTACK_LINES, got), verdict.lines)
    return verdict


# (name, product, function)
TESTS = [
    ("gicv2-banner-and-vgic", "qemu-virt-aarch64-gicv2", test_banner_and_vgic),
    ("gicv2-guest-gic-nodes", "qemu-virt-aarch64-gicv2-demo", test_guest_gic_nodes),
    ("gicv2-hello-zones-pass", "qemu-virt-aarch64-gicv2", common.test_hello_passes),
    ("gicv2-vgic-overflow", "qemu-virt-aarch64-gicv2", common.test_vgic_overflow),
    ("gicv2-isolation", "qemu-virt-aarch64-gicv2-isolation", common.test_isolation),
    ("gicv2-hostile-guest", "qemu-virt-aarch64-gicv2-isolation", test_hostile_guest),
    ("gicv2-demo-linux-uboot-rt", "qemu-virt-aarch64-gicv2-demo",
     common.test_demo_linux_uboot_rt),
]

# Tests that boot Linux: make check runs each on one toolchain's image,
# alternating (tests/check.py qemu_runs); the rest run on both.
LINUX_BOOTS = {
    "gicv2-demo-linux-uboot-rt",
}
