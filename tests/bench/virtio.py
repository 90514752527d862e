#!/usr/bin/python3
# SPDX-License-Identifier: Apache-2.0
"""virtio figures inside Linux, in virtual time.

    virtio.py --zone-build DIR --out bench.json [--timeout 1800]

Boots qemu-virt-aarch64-virtio-bench (two Linux zones on one switch)
under -icount shift=0 (1 ns per instruction: the guests' clocks count
instructions, so figures do not move with the host's load), and in the
root zone's shell on hvc0:

- sequential write and read of its 16 MiB scratch disk /dev/vdb with
  busybox dd (1 MiB blocks, O_DIRECT so the page cache stays out of it),
  8 passes timed with /proc/uptime: MB/s of virtual time;
- 20 pings to the other zone over the hypervisor's switch: round trip
  min/avg/max in microseconds.

Results go under "virtio" in the JSON file; a figure that cannot be had
is reported as not available.
"""

import argparse
import os
import re
import sys

import common

sys.path.insert(0, os.path.join(common.SRC, "tests", "qemu"))
import harness  # noqa: E402

ICOUNT = ["-icount", "shift=0,align=off,sleep=off"]
# /proc/uptime has 10 ms steps: each figure moves 128 MiB.
PASSES = 8
DD_RE = re.compile(r".*\[linux\] dd-(write|read) bytes=(\d+) start=([\d.]+) end=([\d.]+)")
RTT_RE = re.compile(r".*\[linux\] round-trip min/avg/max = ([\d.]+)/([\d.]+)/([\d.]+) ms")


def dd_loop(what, dd):
    """A shell line timing PASSES runs of dd with the uptime clock."""
    return ("n=0; s=$(cut -d' ' -f1 /proc/uptime); for i in $(seq %d); do %s "
            "2>/dev/null || break; n=$((n+1)); done; e=$(cut -d' ' -f1 /proc/uptime); "
            "echo dd-%s bytes=$((n*16*1048576)) start=$s end=$e\r"
            % (PASSES, dd, what)).encode()


def line(text):
    return re.compile(r".*" + re.escape(text))


def script():
    """What is typed into the root zone's shell, and what marks the end
    of each step."""
    S, P = harness.Send, harness.Prompt
    prompt = P("[linux] # ")
    return [
        line("[linux] bulkhead-linux: shell"), prompt,
        # The other zone boots beside this one: wait for its address.
        S(b"until ping -c 1 -W 1 10.0.0.2 >/dev/null 2>&1; do sleep 1; done;"
          b" echo peer-$((6*7))\r"),
        line("[linux] peer-42"), prompt,
        S(dd_loop("write", "dd if=/dev/zero of=/dev/vdb bs=1M count=16 oflag=direct")),
        DD_RE, prompt,
        S(dd_loop("read", "dd if=/dev/vdb of=/dev/null bs=1M count=16 iflag=direct")),
        DD_RE, prompt,
        S(b"ping -c 20 -i 0.2 10.0.0.2\r"),
        RTT_RE, prompt]


def figures(lines):
    dd = [m for m in map(DD_RE.fullmatch, lines) if m]
    rtt = [m for m in map(RTT_RE.fullmatch, lines) if m]
    mbs = {m.group(1): int(m.group(2)) / 1e6 /
           max(float(m.group(4)) - float(m.group(3)), 0.01) for m in dd}
    return {
        "blk_write_MBps": round(mbs["write"], 1),
        "blk_read_MBps": round(mbs["read"], 1),
        "net_rtt_us": {k: round(float(v) * 1000, 1)
                       for k, v in zip(("min", "avg", "max"), rtt[0].groups())},
        "method": "Linux in a zone, busybox dd (8 x 16 MiB, 1 MiB blocks, O_DIRECT) on "
                  "virtio-blk, ping x20 over virtio-net; -icount shift=0 "
                  "(virtual time, 1 ns per instruction)",
    }


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--zone-build", help="build of qemu-virt-aarch64-virtio-bench")
    ap.add_argument("--zone-missing", help="why there is no such build")
    ap.add_argument("--out", required=True)
    ap.add_argument("--timeout", type=int, default=1800)
    opt = ap.parse_args()
    if not opt.zone_build:
        common.not_available("virtio", opt.zone_missing or "no product build given")
        return 0
    cmd = harness.product_qemu_cmd(opt.zone_build, ICOUNT)
    v = harness.run(cmd, script(), timeout=opt.timeout, fatal=common.FATAL)
    if not v.ok:
        common.not_available("virtio", v.reason + "\n" + v.tail(10))
        return 0
    result = figures(v.lines)
    if not result["blk_write_MBps"] or not result["blk_read_MBps"]:
        common.not_available("virtio-blk MB/s", "dd failed (no O_DIRECT?)")
    print("virtio-blk sequential write: %.1f MB/s, read: %.1f MB/s (virtual time)"
          % (result["blk_write_MBps"], result["blk_read_MBps"]))
    print("virtio-net round trip zone to zone: min %.1f avg %.1f max %.1f us"
          % tuple(result["net_rtt_us"][k] for k in ("min", "avg", "max")))
    common.merge_json(opt.out, "virtio", result)
    return 0


if __name__ == "__main__":
    sys.exit(main())
