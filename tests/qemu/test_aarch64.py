# SPDX-License-Identifier: Apache-2.0
"""QEMU system tests for the aarch64 products.

Each test gets the build directory of its product and returns a Verdict.
Expected lines are derived from the product's merged device tree, never
written here, so a test follows the overlay it boots.
"""

import os
import re

import harness

HELLO_ZONE_LINE = ("bulkhead: zone {id} ({name}): role {role}, cpus {cpus:#x}, "
                   "memory {start:#x}-{end:#x}, {nvdevs} emulated devices")


def merged_dtb(build):
    return os.path.join(build, "meson", "dts", "merged.dtb")


def zones_of(build):
    """Zone facts from the merged tree: id, name, role, cpu mask, memory."""
    dtb = merged_dtb(build)
    # A CPU's index is its node's place under /cpus (as zonegen numbers
    # them), not its phandle's rank: a vendor DTB numbers phandles freely.
    cpus = [harness.fdtget(dtb, "/cpus/" + n, "phandle")[0]
            for n in list_subnodes(dtb, "/cpus") if n.startswith("cpu@")]
    zones = []
    for node in list_subnodes(dtb, "/bulkhead"):
        path = "/bulkhead/" + node
        if harness.fdtget(dtb, path, "compatible", "s")[0] != "bulkhead,zone":
            continue  # an inter-zone channel
        mem = harness.cells_to_ranges(harness.fdtget(dtb, path, "bulkhead,memory"))
        mask = 0
        for ph in harness.fdtget(dtb, path, "cpus"):
            mask |= 1 << cpus.index(ph) if ph in cpus else 0
        zones.append(dict(
            id=harness.fdtget(dtb, path, "reg")[0],
            name=harness.fdtget(dtb, path, "label", "s")[0],
            role=harness.fdtget(dtb, path, "bulkhead,role", "s")[0],
            kernel=harness.fdtget(dtb, path, "bulkhead,kernel", "s")[0],
            cpus=mask, start=mem[0][0], end=mem[0][0] + mem[0][1] - 1,
            # Its emulated devices, plus the virtual GIC's distributor and
            # redistributors that every zone of a GICv3 board gets.
            mem=mem, nvdevs=len(list_subnodes(dtb, path)) + 2))
    return sorted(zones, key=lambda z: z["id"])


def list_subnodes(dtb, node):
    import subprocess
    out = subprocess.run(["fdtget", "-l", dtb, node], check=True,
                         capture_output=True, text=True).stdout
    return out.split()


def vdev_compatibles(build, zone):
    """First compatible string of each emulated device of a zone."""
    dtb, path = merged_dtb(build), "/bulkhead/zone@%x" % zone["id"]
    return [harness.fdtget(dtb, path + "/" + n, "compatible", "s")[0]
            for n in list_subnodes(dtb, path)]


def hyp_region(build):
    return harness.cells_to_ranges(
        harness.fdtget(merged_dtb(build), "/bulkhead", "bulkhead,memory"))[0]


def banner(build):
    cfg = harness.read_config(os.path.join(build, ".config"))
    tc = "clang" if cfg.get("CONFIG_TOOLCHAIN_CLANG") == "y" else "gcc"
    return re.compile(r"bulkhead: Bulkhead \d+\.\d+ on %s \(aarch64\), 4 CPUs, %s build"
                      % (re.escape(cfg["CONFIG_BOARD"]), tc))


def test_banner_and_zone_table(build):
    """The boot log shows the banner and every zone of the overlay."""
    zones = zones_of(build)
    expect = [banner(build), "bulkhead: %d zones" % len(zones)]
    expect += [HELLO_ZONE_LINE.format(**z) for z in zones]
    return harness.run(harness.product_qemu_cmd(build), expect)


def test_hello_passes(build):
    """Every hello zone checks the hypercall ABI and its hvinfo device,
    passes, and powers its own zone off; zones run side by side."""
    lines = []
    for z in zones_of(build):
        if z["kernel"] != "hello.bin":
            continue
        compats = vdev_compatibles(build, z)
        if "bulkhead,hvinfo" in compats:
            lines.append("[%s] hello: hvinfo ok" % z["name"])
        if "arm,pl011" in compats:
            lines.append("[%s] hello: pl011 ok" % z["name"])
        lines.append("[%s] hello: PASS" % z["name"])
        lines.append("bulkhead: zone %d (%s) stopped on cpu %d: powered off "
                     "(PSCI SYSTEM_OFF)" % (z["id"], z["name"], low_bit(z["cpus"])))
    return run_unordered(build, lines)


def low_bit(mask):
    return (mask & -mask).bit_length() - 1


def run_unordered(build, lines, timeout=30):
    """All lines (exact, or compiled patterns of a whole line) must
    appear, in any order (zones run concurrently)."""
    pats = [re.compile(re.escape(l)) if isinstance(l, str) else l for l in lines]
    got = harness.run(harness.product_qemu_cmd(build),
                      [re.compile("|".join(p.pattern for p in pats))] * len(pats),
                      timeout)
    if not got.ok:
        return got
    missing = [l if isinstance(l, str) else "/%s/" % l.pattern
               for l, p in zip(lines, pats)
               if not any(p.fullmatch(g) for g in got.lines)]
    if missing:
        return harness.Verdict(False, "missing: " + "; ".join(missing), got.lines)
    return got


def stop_line(zone, ipa_hex):
    return re.compile(r"bulkhead: zone %d \(%s\) stopped on cpu \d+: "
                      r"data abort outside the zone at IPA %s \(read\), .*"
                      % (zone["id"], re.escape(zone["name"]), ipa_hex))


def test_isolation(build):
    """Attackers reading the hypervisor's and another zone's memory are
    stopped with the faulting address; the victim zone keeps running."""
    zones = {z["name"]: z for z in zones_of(build)}
    hyp_base, hyp_size = hyp_region(build)
    hello, iso_hyp, iso_zone = zones["hello"], zones["iso-hyp"], zones["iso-zone"]
    hyp_target = iso_hyp["start"] - 8
    zone_target = iso_zone["start"] - 8
    if not hyp_base <= hyp_target < hyp_base + hyp_size:
        return harness.Verdict(False, "layout: iso-hyp does not border the hypervisor", [])
    if not hello["start"] <= zone_target <= hello["end"]:
        return harness.Verdict(False, "layout: iso-zone does not border hello", [])
    stops = [stop_line(iso_hyp, "%#x" % hyp_target),
             stop_line(iso_zone, "%#x" % zone_target)]
    verdict = harness.run(harness.product_qemu_cmd(build),
                          [re.compile("|".join(p.pattern for p in stops))] * 2 +
                          [harness.After(),
                           re.compile(r"\[hello\] hello: heartbeat \d+"),
                           "[hello] hello: PASS"])
    if not verdict.ok:
        return verdict
    for p in stops:
        if not any(p.fullmatch(l) for l in verdict.lines):
            return harness.Verdict(False, "no stop report matching /%s/" % p.pattern,
                                   verdict.lines)
    return verdict


def test_bench_guest_runs(build):
    """The benchmark guest completes (figures are judged by make bench only)."""
    return harness.run(harness.product_qemu_cmd(build), [
        re.compile(r"\[bench\] bench: boot ticks=\d+"),
        re.compile(r"\[bench\] bench: hypercall iterations=1000 ticks=\d+"),
        re.compile(r"\[bench\] bench: mmio_read iterations=1000 ticks=\d+"),
        "[bench] bench: done"])


def test_smp_cpu_on(build):
    """A zone starts its own vCPUs with PSCI CPU_ON, turns one off and on
    again, and is refused a vCPU it does not have and one already on."""
    return smp_lines_run(build, zones_of(build), no_such=-2, running=-4)


def smp_lines_run(build, zones, no_such, running):
    """The smp guest's run; the refusals carry the architecture's error
    codes for a vCPU the zone lacks and for one already running."""
    smp = {z["name"]: z for z in zones}["smp"]
    n = bin(smp["cpus"]).count("1")
    expect = ["[smp] smp: %d vcpus" % n]
    expect += ["[smp] smp: vcpu %d up" % i for i in range(1, n)]
    expect += ["[smp] smp: cpu_on of vcpu %d refused (%d)" % (n, no_such),
               "[smp] smp: cpu_on of running vcpu 0 refused (%d)" % running,
               "[smp] smp: vcpu 1 up",
               "[smp] smp: vcpu 1 off and on again",
               "[smp] smp: PASS"]
    return harness.run(harness.product_qemu_cmd(build), expect)


def test_console_focus(build):
    """Console input reaches only the focused zone; Ctrl-] <id> moves it;
    a zone waiting for input shows its prompt before any newline."""
    z = {z["name"]: z for z in zones_of(build)}
    left, right = z["left"], z["right"]
    S, P = harness.Send, harness.Prompt
    # A line may begin with another zone's unfinished prompt, hence ".*".
    def line(text):
        return re.compile(r".*" + re.escape(text))
    return harness.run(harness.product_qemu_cmd(build), [
        "bulkhead: console input: zone %d (left); Ctrl-] <zone id> switches"
        % left["id"],
        # The zones start concurrently: their first lines come in any order.
        line("echo: ready"), line("echo: ready"),
        S(b"one\r"), "[left] echo: one", P("[left] echo> "),
        S(b"\x1d%d" % right["id"]),
        line("bulkhead: console input: zone %d (right)" % right["id"]),
        S(b"two\r"), "[right] echo: two", P("[right] echo> "),
        S(b"\x1d7"), line("bulkhead: console input: no zone 7 with a console"),
        S(b"quit\r"), "[right] echo: PASS",
        S(b"\x1d%d" % left["id"]),
        line("bulkhead: console input: zone %d (left)" % left["id"]),
        S(b"three\r"), "[left] echo: three", P("[left] echo> ")])


def _uboot_answers():
    """At U-Boot's prompt: `version` and `dm tree` answer through the mux.
    A line may begin with another zone's unfinished prompt, hence ".*"."""
    S, P = harness.Send, harness.Prompt
    return [
        P("[uboot] => "),
        S(b"version\r"), re.compile(r".*\[uboot\] aarch64-linux-gnu-gcc .*"),
        P("[uboot] => "),
        S(b"dm tree\r"),
        re.compile(r".*\[uboot\] +serial +0 +\[ \+ \] +serial_pl01x +\|-- serial@9000000"),
        P("[uboot] => ")]


def test_uboot_in_zone(build):
    """Debian's unmodified U-Boot boots in a zone beside a bare-metal zone,
    reaches its prompt and answers version and dm tree typed through the
    console mux."""
    S, P = harness.Send, harness.Prompt
    return harness.run(harness.product_qemu_cmd(build), [
        re.compile(r"\[uboot\] U-Boot 20\d\d\.\d\d.*"),
        "[uboot] DRAM:  64 MiB",
        # The countdown is a prompt: it stays on an unfinished line.
        P(re.compile(r"\[uboot\] Hit any key to stop autoboot:.*")),
        S(b"\r")] + _uboot_answers() + [
        "[hello] hello: PASS"], timeout=60)


def test_hostile_guest(build):
    """Malformed hypercalls, PSCI calls and device accesses are refused
    with their documented errors; the one access no model accepts stops
    the hostile zone alone."""
    z = {z["name"]: z for z in zones_of(build)}["hostile"]
    refused = ["console write outside the zone (-3)",
               "console write of 4096 bytes (-3)",
               "console write wrapping the address space (-3)",
               "unknown hypercall (-1)",
               "CPU_ON of a CPU the zone does not have (-2)",
               "CPU_ON with an entry outside the zone (-9)",
               "unknown SMC (-1)"]
    expect = ["[hostile] hostile: %s refused %s" % tuple(r.rsplit(" ", 1))
              for r in refused]
    expect += ["[hostile] hostile: SPI id 33 of another owner reads as zero after writes",
               "[hostile] hostile: SPI id 34 of another owner reads as zero after writes",
               "[hostile] hostile: write to a read-only register ignored",
               re.compile(r"bulkhead: zone %d \(hostile\) stopped on cpu \d+: "
                          r"bad access to emulated device at IPA 0x[0-9a-f]+ \(read\), .*"
                          % z["id"])]
    return harness.run(harness.product_qemu_cmd(build), expect)


def _linux_boots(z, rt):
    """Linux boots to its shell in its zone while the real-time zone's
    heartbeat goes on; the shell answers."""
    line = lambda text: re.compile(r".*" + re.escape(text))
    rt_beat = re.compile(r"\[%s\] rtlat: n=\d+ min=\d+ avg=\d+ max=\d+ ticks"
                         % rt)
    return [
        "[%s] rtlat: start" % rt,
        re.compile(r"\[%s\] \[ +0\.0+\] Booting Linux on physical CPU 0x0+ .*"
                   % z),
        harness.After(),  # the heartbeat goes on while Linux boots
        rt_beat,
        line("[%s] bulkhead-linux: cpus=2" % z),
        line("[%s] bulkhead-linux: vda=BULKHEAD-DISK-OK" % z),
        line("[%s] bulkhead-linux: shell" % z),
        harness.Prompt("[%s] # " % z),
        harness.Send(b"echo linux-$((6*7))\r"), line("[%s] linux-42" % z),
    ]


def test_demo_linux_uboot_rt(build):
    """The demo: Linux (zone0) reaches its shell with 2 CPUs and its virtio
    disk, U-Boot answers through the console mux, and the real-time zone
    keeps beating while Linux boots and after Linux powers its zone off."""
    return harness.run(harness.product_qemu_cmd(build), demo_expect(build),
                       timeout=240)


def demo_expect(build):
    """What test_demo_linux_uboot_rt expects, however the demo was loaded
    (also tests/qemu/test_bootimg.py)."""
    z = {z["name"]: z for z in zones_of(build)}
    S = harness.Send
    line = lambda text: re.compile(r".*" + re.escape(text))
    rt_beat = re.compile(r"\[rt\] rtlat: n=\d+ min=\d+ avg=\d+ max=\d+ ticks")
    return _linux_boots("linux", "rt") + [
        S(b"\x1d%d" % z["uboot"]["id"]),
        line("bulkhead: console input: zone %d (uboot)" % z["uboot"]["id"]),
        S(b"\r")] + _uboot_answers() + [
        S(b"\x1d%d" % z["linux"]["id"]),
        line("bulkhead: console input: zone %d (linux)" % z["linux"]["id"]),
        S(b"poweroff -f\r"),
        re.compile(r".*bulkhead: zone %d \(linux\) stopped on cpu \d+: "
                   r"powered off \(PSCI SYSTEM_OFF\)" % z["linux"]["id"]),
        harness.After(), rt_beat, rt_beat]


def test_demo_linux_reset(build):
    """SYSTEM_RESET from Linux restarts its zone only: Linux boots again
    from its pristine images while the real-time zone keeps beating."""
    z = {z["name"]: z for z in zones_of(build)}
    line = lambda text: re.compile(r".*" + re.escape(text))
    boot = _linux_boots("linux", "rt")
    return harness.run(harness.product_qemu_cmd(build), boot + [
        harness.Send(b"reboot -f\r"),
        line("bulkhead: zone %d (linux) restarting: reset (PSCI SYSTEM_RESET)"
             % z["linux"]["id"])] + boot[1:], timeout=300)


def test_linux_powers_machine_off(build):
    """A root zone with bulkhead,may-power-off: Linux's poweroff ends the
    machine (QEMU exits by itself)."""
    z = {z["name"]: z for z in zones_of(build)}["linux"]
    return harness.run(harness.product_qemu_cmd(build), [
        "bulkhead: zone %d (linux) vcpu 0 on cpu 0" % z["id"],
        re.compile(r".*\[linux\] bulkhead-linux: shell"),
        harness.Prompt("[linux] # "),
        harness.Send(b"poweroff -f\r"),
        re.compile(r".*bulkhead: zone %d \(linux\) powers the machine off" % z["id"]),
        harness.Exit(0)], timeout=120)


def test_irqlat_in_zone(build):
    """The timer-latency guest programs its (virtual) GICv3 and takes 1000
    virtual timer interrupts in a zone. Under -icount, as in make bench:
    in real time a loaded host could make it miss its 1 ms deadlines."""
    icount = ["-icount", "shift=4,align=off,sleep=off"]
    return harness.run(harness.product_qemu_cmd(build, icount), [
        re.compile(r"\[irqlat\] irqlat: n=1000 min=\d+ avg=[\d.]+ max=\d+"),
        "[irqlat] irqlat: PASS"], timeout=60)


def test_uart_passthrough(build):
    """The console UART passed through: U-Boot drives it itself (its lines
    are not tagged) and gets what is typed; the hypervisor still prints."""
    S, P = harness.Send, harness.Prompt
    z = {z["name"]: z for z in zones_of(build)}["uboot"]
    return harness.run(harness.product_qemu_cmd(build), [
        "bulkhead: zone %d (uboot) vcpu 0 on cpu 0" % z["id"],
        re.compile(r"U-Boot 20\d\d\.\d\d.*"),
        # Hypervisor lines may land inside U-Boot's: the UART is shared.
        P(re.compile(r".*Hit any key to stop autoboot:.*")),
        S(b"\r"), P(re.compile(r".*=> ")),
        S(b"version\r"), re.compile(r".*aarch64-linux-gnu-gcc .*"),
        P(re.compile(r".*=> "))], timeout=60)


PSCI_OFF = "powered off (PSCI SYSTEM_OFF)"


def _phandle(dtb, path):
    import subprocess
    out = subprocess.run(["fdtget", "-t", "x", dtb, path, "phandle"],
                         capture_output=True, text=True).stdout.split()
    return int(out[0], 16) if out else None


def channels_of(build):
    """The merged tree's inter-zone channels in layout order (the index
    IVC_CHANNEL reads): [(name, (zone id, zone id))]."""
    dtb = merged_dtb(build)
    nodes = ["/bulkhead/" + n for n in list_subnodes(dtb, "/bulkhead")]
    compat = {n: harness.fdtget(dtb, n, "compatible", "s")[0] for n in nodes}
    zone_ids = {_phandle(dtb, n): harness.fdtget(dtb, n, "reg")[0]
                for n in nodes if compat[n] == "bulkhead,zone"}
    return [(n.rsplit("/", 1)[1],
             tuple(zone_ids[ph] for ph in harness.fdtget(dtb, n, "bulkhead,zones")))
            for n in nodes if compat[n] == "bulkhead,ivc"]


def ivc_run(build, off):
    """Both ends of each channel name it, their peer and their role (the
    lower zone id initiates), play 1000 doorbell round trips taken as
    interrupts, pass and power their zone off; the initiator reports its
    round-trip times."""
    zones = {z["id"]: z for z in zones_of(build)}
    lines = []
    for index, (_, ends) in enumerate(channels_of(build)):
        for me, peer in (ends, ends[::-1]):
            z = zones[me]
            role = "initiator" if me < peer else "responder"
            lines += ["[%s] ivc: channel %d peer %d %s" % (z["name"], index, peer, role),
                      "[%s] ivc: PASS" % z["name"],
                      "bulkhead: zone %d (%s) stopped on cpu %d: %s"
                      % (me, z["name"], low_bit(z["cpus"]), off)]
            if me < peer:
                lines.append(re.compile(r"\[%s\] ivc: rounds=1000 min=\d+ avg=[\d.]+ "
                                        r"max=\d+ ticks" % re.escape(z["name"])))
    if not lines:
        return harness.Verdict(False, "layout: no inter-zone channel", [])
    return run_unordered(build, lines, timeout=60)


def test_ivc_ping_pong(build):
    """Two zones play doorbell ping-pong over an inter-zone channel."""
    return ivc_run(build, PSCI_OFF)


# What vhostile.bin does to its virtio-blk, in order, and the reason the
# hypervisor gives when it puts the device into NEEDS_RESET.
VHOSTILE_ATTACKS = [
    ("descriptor loop", "descriptor chain loops or is too long"),
    ("buffer outside the zone", "buffer outside the zone's memory"),
    ("buffer in hypervisor memory", "buffer outside the zone's memory"),
    ("huge length", "request longer than 4 MiB"),
    ("avail index jump", "available index moved past the queue size"),
    ("head index out of range", "available ring names a descriptor beyond the queue"),
    ("indirect descriptor", "indirect descriptor (not offered)"),
    ("readable after writable", "readable buffer after a writable one"),
    ("descriptor ring outside the zone", "ring outside the zone's memory"),
    ("misaligned descriptor ring", "ring address misaligned"),
]


# vhostile's "buffer in hypervisor memory" is this far below its memory.
VHOSTILE_HYP_OFFSET = 0x100000


def _virtio_bases(build, zone):
    """The zone's virtio-mmio windows, lowest first (the guest DTB's order)."""
    dtb, path = merged_dtb(build), "/bulkhead/zone@%x" % zone["id"]
    return sorted(harness.cells_to_ranges(harness.fdtget(dtb, path + "/" + n, "reg"))[0][0]
                  for n in list_subnodes(dtb, path)
                  if harness.fdtget(dtb, path + "/" + n, "compatible", "s")[0]
                  == "virtio,mmio")


def vhostile_run(build, off):
    """Each malformed request or queue set-up puts vhostile's virtio-blk
    into NEEDS_RESET, logged once with its reason, and a reset brings it
    back; a write to the read-only second disk is an IOERR, no reset.
    The real-time zone beats on after the last attack."""
    zones = {z["name"]: z for z in zones_of(build)}
    z = zones["hostile"]
    rt = [n for n, r in zones.items() if r["kernel"] == "rtlat.bin"]
    bases = _virtio_bases(build, z)
    if not rt or not bases:
        return harness.Verdict(False, "layout: no rtlat zone or no virtio device", [])
    hyp_base, hyp_size = hyp_region(build)
    if not hyp_base <= z["start"] - VHOSTILE_HYP_OFFSET < hyp_base + hyp_size:
        return harness.Verdict(False, "layout: hostile does not sit above the hypervisor", [])
    log = "bulkhead: zone hostile: virtio-blk %#x: %s; needs reset"
    steps = ["[hostile] vhostile: valid read ok"]
    for attack, why in VHOSTILE_ATTACKS:
        steps += [log % (bases[0], why), "[hostile] vhostile: %s: needs reset" % attack]
    if len(bases) > 1:
        steps.append("[hostile] vhostile: write to a read-only disk: ioerr")
    beat = re.compile(r"\[%s\] rtlat: n=\d+ min=\d+ avg=\d+ max=\d+ ticks" % rt[0])
    # Run to the end first, then check the steps in order: a wrong
    # reason fails at once instead of waiting for the time bound.
    got = harness.run(harness.product_qemu_cmd(build), [
        "[hostile] vhostile: PASS",
        "bulkhead: zone %d (hostile) stopped on cpu %d: %s"
        % (z["id"], low_bit(z["cpus"]), off), harness.After(), beat, beat], timeout=60)
    if not got.ok:
        return got
    missing = first_missing_in_order(got.lines, steps)
    if missing:
        return harness.Verdict(False, "missing, in order: " + missing, got.lines)
    resets = [l for l in got.lines if re.fullmatch(r"bulkhead: zone .*; needs reset", l)]
    if len(resets) != len(VHOSTILE_ATTACKS):
        return harness.Verdict(False, "%d needs-reset lines for %d attacks"
                               % (len(resets), len(VHOSTILE_ATTACKS)), got.lines)
    return got


def first_missing_in_order(lines, expect):
    """The first of the exact lines @expect that @lines lack in that
    order (others may come between), or None."""
    pending = iter(expect)
    want = next(pending, None)
    for line in lines:
        if line == want:
            want = next(pending, None)
    return want


def test_virtio_hostile_driver(build):
    """A hostile virtio-blk driver cannot hurt the hypervisor or its
    neighbour: every malformed queue is refused with NEEDS_RESET."""
    return vhostile_run(build, PSCI_OFF)


def test_vgic_overflow(build):
    """Eight SGIs pending at once, more than the 4 list registers: all are
    taken, most urgent first (eviction and underflow refill)."""
    z = {z["name"]: z for z in zones_of(build)}["sgiflood"]
    return harness.run(harness.product_qemu_cmd(build), [
        "[sgiflood] sgiflood: taken 7 6 5 4 3 2 1 0",
        "[sgiflood] sgiflood: PASS",
        "bulkhead: zone %d (sgiflood) stopped on cpu %d: powered off "
        "(PSCI SYSTEM_OFF)" % (z["id"], low_bit(z["cpus"]))], timeout=30)


# (name, product, function)
TESTS = [
    ("banner-and-zone-table", "qemu-virt-aarch64", test_banner_and_zone_table),
    ("hello-zones-pass", "qemu-virt-aarch64", test_hello_passes),
    ("vgic-overflow", "qemu-virt-aarch64", test_vgic_overflow),
    ("isolation", "qemu-virt-aarch64-isolation", test_isolation),
    ("hostile-guest", "qemu-virt-aarch64-isolation", test_hostile_guest),
    ("bench-guest-runs", "qemu-virt-aarch64-bench", test_bench_guest_runs),
    ("smp-cpu-on", "qemu-virt-aarch64-smp", test_smp_cpu_on),
    ("console-focus", "qemu-virt-aarch64-console", test_console_focus),
    ("uboot-in-zone", "qemu-virt-aarch64-uboot", test_uboot_in_zone),
    ("demo-linux-uboot-rt", "qemu-virt-aarch64-demo", test_demo_linux_uboot_rt),
    ("demo-linux-reset", "qemu-virt-aarch64-demo", test_demo_linux_reset),
    ("linux-powers-machine-off", "qemu-virt-aarch64-linux",
     test_linux_powers_machine_off),
    ("irqlat-in-zone", "qemu-virt-aarch64-irqlat", test_irqlat_in_zone),
    ("ivc-ping-pong", "qemu-virt-aarch64-ivc", test_ivc_ping_pong),
    ("virtio-hostile-driver", "qemu-virt-aarch64-vhostile", test_virtio_hostile_driver),
    ("uart-passthrough", "qemu-virt-aarch64-uart-passthrough",
     test_uart_passthrough),
    # The out-of-tree board (tests/bsp, built by check.py from its vendor DTB).
    ("bsp-banner-and-zone-table", "acme-virt", test_banner_and_zone_table),
    ("bsp-hello-zones-pass", "acme-virt", test_hello_passes),
]

# Tests that boot Linux: make check runs each on one toolchain's image,
# alternating (tests/check.py qemu_runs); the rest run on both.
LINUX_BOOTS = {
    "demo-linux-uboot-rt",
    "demo-linux-reset",
    "linux-powers-machine-off",
}
