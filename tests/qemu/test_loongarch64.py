# SPDX-License-Identifier: Apache-2.0
"""QEMU system tests for the loongarch64 products.

QEMU's LoongArch CPUs have no LVZ, so no zone can run: the tests boot the
hypervisor (clang image only: loongarch64 has no GCC) to its banner, its
zone table (expected lines from the product's merged device tree) and
the one line saying zones cannot start, and check that nothing panics;
then that console input still works (the interrupt path through the
PCH-PIC and the EIOINTC).
"""

import os
import re

import harness
import test_aarch64 as common

NO_LVZ = "bulkhead: loongarch64: no LVZ (CPUCFG2.LVZ=0): zones cannot start"


def banner(build):
    cfg = harness.read_config(os.path.join(build, ".config"))
    return re.compile(r"bulkhead: Bulkhead \d+\.\d+ on %s \(loongarch64\), 4 CPUs, clang build"
                      % re.escape(cfg["CONFIG_BOARD"]))


def test_banner_zones_no_lvz(build):
    """Banner, every zone of the overlay, then the no-LVZ line once the
    zone's CPU (started through the IPI mailbox) tries to enter it."""
    zones = common.zones_of(build)
    for z in zones:
        z["nvdevs"] -= 2  # common counts a vGIC; zones here get no virtual irqchip
    expect = [banner(build), "bulkhead: %d zones" % len(zones)]
    expect += [common.HELLO_ZONE_LINE.format(**z) for z in zones]
    expect += [harness.After()]
    expect += ["bulkhead: zone %d (%s) vcpu 0 on cpu %d"
               % (z["id"], z["name"], (z["cpus"] & -z["cpus"]).bit_length() - 1)
               for z in zones]
    expect += [harness.After(), NO_LVZ]
    return harness.run(harness.product_qemu_cmd(build), expect)


def test_console_input_irq(build):
    """Console input works with every zone parked: the UART's receive
    interrupt goes PCH-PIC -> EIOINTC -> HWI0 and wakes the boot CPU,
    whose console mux answers Ctrl-] 9 (a zone that does not exist)."""
    zones = common.zones_of(build)
    expect = ["bulkhead: console input: zone %d (%s); Ctrl-] <zone id> switches"
              % (zones[0]["id"], zones[0]["name"]),
              harness.After(), NO_LVZ,
              harness.After(), harness.Send(b"\x1d9"),
              "bulkhead: console input: no zone 9 with a console"]
    return harness.run(harness.product_qemu_cmd(build), expect)


TESTS = [
    ("la-banner-zones-no-lvz", "qemu-virt-loongarch64", test_banner_zones_no_lvz),
    ("la-console-input-irq", "qemu-virt-loongarch64", test_console_input_irq),
]
