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
    return harness.run(harness.product_qemu_cmd(build), uboot_reset_expect(),
                       timeout=60)


def uboot_reset_expect():
    """What test_uboot_reset expects (also tests/qemu/test_bootimg.py)."""
    S = harness.Send
    return _uboot_prompt() + [
        S(b"reset\r"),
        "bulkhead: zone 0 (uboot) restarting: reset (SBI system reset)"] + \
        _uboot_prompt()


OFF = "powered off (SBI system reset: shutdown)"


def test_hello_passes(build):
    """Every hello zone checks the SBI hypercall ABI, its hvinfo device and
    its emulated UART, passes and shuts its own zone down (SBI SRST); the
    zones run side by side."""
    lines = []
    for z in zones_of(build):
        if z["kernel"] != "hello.bin":
            continue
        compats = common.vdev_compatibles(build, z)
        if "bulkhead,hvinfo" in compats:
            lines.append("[%s] hello: hvinfo ok" % z["name"])
        if "ns16550a" in compats:
            lines.append("[%s] hello: ns16550a ok" % z["name"])
        lines.append("[%s] hello: PASS" % z["name"])
        lines.append("bulkhead: zone %d (%s) stopped on cpu %d: %s"
                     % (z["id"], z["name"], common.low_bit(z["cpus"]), OFF))
    return common.run_unordered(build, lines)


def test_smp_hart_start(build):
    """A zone starts its own harts with SBI HSM hart_start, stops one and
    starts it again, and is refused a hart it does not have
    (SBI_ERR_INVALID_PARAM) and one already started
    (SBI_ERR_ALREADY_AVAILABLE)."""
    return common.smp_lines_run(build, zones_of(build), no_such=-3, running=-6)


def _refusals(name):
    return ["[%s] isolation: %s naming hart 1 (not ours) refused (-3)" % (name, call)
            for call in ("hart_start", "hart_get_status", "send_ipi",
                         "remote_fence_i")]


def _stop(zone, kind, gpa):
    return re.compile(r"bulkhead: zone %d \(%s\) stopped on cpu \d+: access outside "
                      r"the zone: %s guest-page fault at GPA %#x, pc 0x[0-9a-f]+"
                      % (zone["id"], re.escape(zone["name"]), kind, gpa))


def _isolation(build, attacks):
    """attacks: [(zone name, "load"/"store", GPA)]. Each attacker's SBI
    calls naming a hart it lacks are refused, its access stops it alone,
    and hello runs on to PASS."""
    zones = {z["name"]: z for z in zones_of(build)}
    stops = [_stop(zones[name], kind, gpa) for name, kind, gpa in attacks]
    lines = [l for name, _, _ in attacks for l in _refusals(name)]
    lines.append("[hello] hello: PASS")
    got = harness.run(harness.product_qemu_cmd(build),
                      [re.compile("|".join([re.escape(l) for l in lines] +
                                           [p.pattern for p in stops]))]
                      * (len(lines) + len(stops)), timeout=40)
    if not got.ok:
        return got
    for want in lines + stops:
        if not any((want == l) if isinstance(want, str) else want.fullmatch(l)
                   for l in got.lines):
            return harness.Verdict(False, "missing: %s" % getattr(want, "pattern", want),
                                   got.lines)
    return got


def test_isolation_memory(build):
    """Attackers reading the hypervisor's and OpenSBI's memory and writing
    another zone's are stopped with the faulting address; hello runs on."""
    zones = {z["name"]: z for z in zones_of(build)}
    hyp_base, hyp_size = common.hyp_region(build)
    hyp_target = zones["iso-hyp"]["start"] - 8
    zone_target = zones["iso-zone"]["start"] - 8
    if not hyp_base <= hyp_target < hyp_base + hyp_size:
        return harness.Verdict(False, "layout: iso-hyp does not border the hypervisor", [])
    if not zones["hello"]["start"] <= zone_target <= zones["hello"]["end"]:
        return harness.Verdict(False, "layout: iso-zone does not border hello", [])
    return _isolation(build, [("iso-hyp", "load", hyp_target),
                              ("iso-zone", "store", zone_target),
                              ("iso-fw", "load", 0x80000000)])


def test_isolation_devices(build):
    """Reading another zone's passed-through RTC and writing the unowned
    sifive,test device (which would power QEMU off) stop the attacker."""
    dtb = common.merged_dtb(build)
    rtc = harness.cells_to_ranges(harness.fdtget(dtb, "/soc/rtc@101000", "reg"))[0][0]
    test = harness.cells_to_ranges(harness.fdtget(dtb, "/soc/test@100000", "reg"))[0][0]
    return _isolation(build, [("iso-rtc", "load", rtc), ("iso-test", "store", test)])


def test_demo_uboot_beside_rt(build):
    """The demo: U-Boot boots, answers commands and reads its disk while
    the real-time zone's timer-latency heartbeat goes on beside it."""
    return harness.run(harness.product_qemu_cmd(build), demo_expect(),
                       timeout=60)


def demo_expect():
    """What test_demo_uboot_beside_rt expects, however the demo was loaded
    (also tests/qemu/test_bootimg.py)."""
    rt = re.compile(r".*\[rt\] rtlat: n=\d+ min=\d+ avg=\d+ max=\d+ ticks")
    return _uboot_prompt() + _uboot_commands() + [rt, rt]


def test_ivc_ping_pong(build):
    """Two zones play doorbell ping-pong over an inter-zone channel, each
    taking the doorbell at its virtual PLIC."""
    return common.ivc_run(build, OFF)


def test_virtio_hostile_driver(build):
    """A hostile virtio-blk driver cannot hurt the hypervisor or its
    neighbour: every malformed queue is refused with NEEDS_RESET."""
    return common.vhostile_run(build, OFF)


TESTS = [
    ("rv-banner-and-zone-table", "qemu-virt-riscv64", test_banner_and_zone_table),
    ("rv-fw-jump", "qemu-virt-riscv64", test_fw_jump),
    ("rv-hello-zones-pass", "qemu-virt-riscv64", test_hello_passes),
    ("rv-smp-hart-start", "qemu-virt-riscv64-smp", test_smp_hart_start),
    ("rv-isolation-memory", "qemu-virt-riscv64-isolation", test_isolation_memory),
    ("rv-isolation-devices", "qemu-virt-riscv64-isolation-dev", test_isolation_devices),
    ("rv-uboot-virtio", "qemu-virt-riscv64-uboot", test_uboot_virtio),
    ("rv-uboot-reset", "qemu-virt-riscv64-uboot", test_uboot_reset),
    ("rv-demo-uboot-beside-rt", "qemu-virt-riscv64-demo", test_demo_uboot_beside_rt),
    ("rv-ivc-ping-pong", "qemu-virt-riscv64-ivc", test_ivc_ping_pong),
    ("rv-virtio-hostile-driver", "qemu-virt-riscv64-vhostile", test_virtio_hostile_driver),
]
