# SPDX-License-Identifier: Apache-2.0
"""QEMU system tests of management from the root zone (docs/management.md):
Debian's Linux in zone0 runs the bulkhead tool of its initramfs against
the hypervisor's management port (qemu-virt-aarch64-mgmt).

Zone names, ids, roles and the management device's address come from the
product's merged device tree (test_aarch64.zones_of), not from here.
"""

import os
import re
import subprocess

import harness
from test_aarch64 import merged_dtb, zones_of

PRODUCT = "qemu-virt-aarch64-mgmt"
CYCLES = 200


def _line(text):
    """An exact line, after whatever the console put in front of it."""
    return re.compile(r".*" + re.escape(text))


def _type(cmd):
    """Types a shell command that then prints its exit status."""
    return harness.Send(cmd.encode() + b"; echo rc=$?\r")


RT_BEAT = re.compile(r"\[rt\] rtlat: n=\d+ min=\d+ avg=\d+ max=\d+ ticks")


def _boot():
    return [re.compile(r".*\[linux\] bulkhead-linux: shell"),
            harness.Prompt("[linux] # ")]


def _mgmt_address(build):
    """The management device's window in the root zone's overlay node."""
    dtb = merged_dtb(build)
    for z in zones_of(build):
        path = "/bulkhead/zone@%x" % z["id"]
        for node in subprocess.run(["fdtget", "-l", dtb, path], check=True,
                                   capture_output=True, text=True).stdout.split():
            props = subprocess.run(["fdtget", "-p", dtb, path + "/" + node],
                                   capture_output=True, text=True).stdout.split()
            if "bulkhead,virtio" in props and harness.fdtget(
                    dtb, path + "/" + node, "bulkhead,virtio", "s")[0] == "mgmt":
                return z, harness.cells_to_ranges(
                    harness.fdtget(dtb, path + "/" + node, "reg"))[0][0]
    raise RuntimeError("no management device in " + dtb)


def _only_root_has_the_device(build):
    """Guest DTBs: the root zone's has the port's virtio node, no other."""
    root, base = _mgmt_address(build)
    node = "/virtio@%x" % base
    for z in zones_of(build):
        dtb = os.path.join(build, "meson", "dts", "zone-%s.dtb" % z["name"])
        found = subprocess.run(["fdtget", dtb, node, "compatible"],
                               capture_output=True).returncode == 0
        if found != (z["id"] == root["id"]):
            return "zone %s: management node %s %s" % (
                z["name"], node, "present" if found else "missing")
    return None


def test_mgmt_lifecycle(build):
    """bulkhead list shows every zone; rt is stopped and started again (its
    guest prints its start line again); the hung zone, which never asks
    to stop, is force-stopped; the management zone cannot stop itself; a
    manual zone waits for its start command, and once started reads where
    the root zone's management device is: it has none, so the access is
    refused, logged, and reported as a crash with its reason, in its
    info and in the event log."""
    why = _only_root_has_the_device(build)
    if why:
        return harness.Verdict(False, why, [])
    z = {z["name"]: z for z in zones_of(build)}
    _, base = _mgmt_address(build)
    listed = [re.compile(r"\[linux\] +%d %-16s %-4s %-8s +\d+ +\d+ +\d+"
                         % (zz["id"], re.escape(zz["name"]), zz["role"],
                            "stopped" if name == "forger" else "running"))
              for name, zz in sorted(z.items(), key=lambda kv: kv[1]["id"])]
    rt, hung, forger = z["rt"]["id"], z["hung"]["id"], z["forger"]["id"]
    return harness.run(harness.product_qemu_cmd(build), [
        _line("bulkhead: zone %d (forger) waits for a start command "
              "(bulkhead,boot = \"manual\")" % forger),
        "[rt] rtlat: start",
    ] + _boot() + [
        _type("bulkhead list"),
        "[linux] ID NAME             ROLE STATE    STARTS STOPS CRASHES",
    ] + listed + [
        re.compile(r"\[linux\] hypervisor: \d+ free pages"), "[linux] rc=0",
        _type("bulkhead stop rt"),
        _line("bulkhead: zone %d (rt) stopped: stopped by zone 0 "
              "(graceful not supported, forced)" % rt),
        "[linux] rt: stopped", "[linux] rc=0",
        # rt cannot print once stopped: its next start line is a new run.
        harness.After(),
        _type("bulkhead start rt"),
        "[linux] rt: started", "[linux] rc=0", "[rt] rtlat: start",
        _type("bulkhead start rt"),
        "[linux] bulkhead: zone rt is running: stop it first", "[linux] rc=1",
        _type("bulkhead stop --force %d" % hung),
        _line("bulkhead: zone %d (hung) stopped: stopped by zone 0 (forced)"
              % hung),
        "[linux] hung: stopped", "[linux] rc=0",
        _type("bulkhead stop linux"),
        "[linux] bulkhead: zone linux is the management zone itself",
        "[linux] rc=1",
        _type("bulkhead info nosuchzone"),
        "[linux] bulkhead: no zone \"nosuchzone\" (bulkhead list shows them)",
        "[linux] rc=1",
        _type("bulkhead start forger"),
        _line("bulkhead: zone %d (forger) starting: by zone 0" % forger),
        "[linux] forger: started", "[linux] rc=0",
        "[forger] isolation: reading %#x" % base,
        re.compile(r".*bulkhead: zone %d \(forger\) stopped on cpu \d+: data "
                   r"abort outside the zone at IPA %#x \(read\), .*"
                   % (forger, base)),
        harness.After(),
        _type("bulkhead info forger"),
        "[linux] zone %d (forger): role user, crashed, cpus %#x"
        % (forger, z["forger"]["cpus"]),
        "[linux]   starts 1, stops 1, crashes 1, uptime 0 ticks",
        re.compile(r"\[linux\]   last stop: fault: data abort outside the "
                   r"zone at IPA %#x \(read\), .*" % base),
        "[linux] rc=0",
        # The event log has it all, the crash with its reason last.
        _type("bulkhead events"),
        re.compile(r"\[linux\] \d+: zone %d \(rt\) stopped: stopped by zone 0 "
                   r"\(graceful not supported, forced\)" % rt),
        re.compile(r"\[linux\] \d+: zone %d \(rt\) started" % rt),
        re.compile(r"\[linux\] \d+: zone %d \(hung\) stopped: stopped by zone "
                   r"0 \(forced\)" % hung),
        re.compile(r"\[linux\] \d+: zone %d \(forger\) started" % forger),
        re.compile(r"\[linux\] \d+: zone %d \(forger\) crashed: data abort "
                   r"outside the zone at IPA %#x \(read\).*" % (forger, base)),
        "[linux] rc=0",
        _type("bulkhead start forger"),
        "[linux] bulkhead: zone forger stopped itself (crashed or powered "
        "off): its CPUs are parked", "[linux] rc=1",
        # The other zones ran on through all of it.
        RT_BEAT,
    ], timeout=240)


def test_mgmt_cycles(build):
    """CYCLES stop/start cycles of the rt zone from zone0: every one
    succeeds, the hypervisor's free page count is the same before and
    after, the counters say exactly CYCLES more starts and stops and no
    crash, and the zone runs afterwards."""
    rt = {z["name"]: z for z in zones_of(build)}["rt"]
    pages = ("$(bulkhead --json list | "
             "sed -n 's/^{\"free_pages\":\\([0-9]*\\),.*/\\1/p')")
    script = ("p0=%s; i=0; while [ $i -lt %d ] && bulkhead stop rt >/dev/null "
              "&& bulkhead start rt >/dev/null; do i=$((i+1)); done; p1=%s; "
              "echo \"mgmt-cycles: $i cycles, pages $p0 -> $p1\""
              % (pages, CYCLES, pages))
    return harness.run(harness.product_qemu_cmd(build), _boot() + [
        harness.Send(script.encode() + b"\r"),
        re.compile(r"\[linux\] mgmt-cycles: %d cycles, pages (\d+) -> \1"
                   % CYCLES),
        harness.After(), RT_BEAT,  # it runs after the last start
        _type("bulkhead info rt"),
        "[linux] zone %d (rt): role rt, running, cpus %#x" % (rt["id"],
                                                              rt["cpus"]),
        re.compile(r"\[linux\]   starts %d, stops %d, crashes 0, uptime \d+ "
                   r"ticks" % (CYCLES + 1, CYCLES)),
        "[linux]   last stop: command: stopped by zone 0 (graceful not "
        "supported, forced)",
        "[linux] rc=0",
    ], timeout=600)


def test_demo_list_restart(build):
    """The demo: bulkhead list in Linux shows its three zones, and
    bulkhead restart rt restarts the real-time zone alone."""
    z = sorted(zones_of(build), key=lambda zz: zz["id"])
    rt = {zz["name"]: zz for zz in z}["rt"]["id"]
    return harness.run(harness.product_qemu_cmd(build), [
        "[rt] rtlat: start"] + _boot() + [
        _type("bulkhead list"),
        "[linux] ID NAME             ROLE STATE    STARTS STOPS CRASHES",
    ] + [re.compile(r"\[linux\] +%d %-16s %-4s running +1 +0 +0"
                    % (zz["id"], re.escape(zz["name"]), zz["role"]))
         for zz in z] + [
        re.compile(r"\[linux\] hypervisor: \d+ free pages"), "[linux] rc=0",
        _type("bulkhead restart rt"),
        _line("bulkhead: zone %d (rt) stopped: stopped by zone 0 (forced)"
              % rt),
        harness.After(),  # stopped: its next start line is a new run
        _line("bulkhead: zone %d (rt) starting: by zone 0" % rt),
        "[rt] rtlat: start", "[linux] rt: restarted", "[linux] rc=0",
        RT_BEAT,
    ], timeout=240)


TESTS = [
    ("mgmt-demo-list-restart", "qemu-virt-aarch64-demo",
     test_demo_list_restart),
    ("mgmt-lifecycle", PRODUCT, test_mgmt_lifecycle),
    ("mgmt-cycles", PRODUCT, test_mgmt_cycles),
]

# Tests that boot Linux: make check runs each on one toolchain's image,
# alternating (tests/check.py qemu_runs); the rest run on both.
LINUX_BOOTS = {
    "mgmt-demo-list-restart",
    "mgmt-lifecycle",
    "mgmt-cycles",
}
