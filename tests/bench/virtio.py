#!/usr/bin/python3
# SPDX-License-Identifier: Apache-2.0
"""virtio figures inside Linux, in virtual time.

    virtio.py --build DIR --out bench.json [--timeout 900]

Boots qemu-virt-aarch64-virtio-bench (two Linux zones on one switch)
under -icount shift=0 (1 ns per instruction: the guests' clocks count
instructions, so figures do not move with the host's load), and in the
root zone's shell on hvc0:

- sequential write and read of its 16 MiB scratch disk /dev/vdb with
  busybox dd (1 MiB blocks; the write ends with fsync, the read starts
  after dropping the page cache): MB/s as dd reports them, in virtual time;
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
DD_RE = re.compile(r".*\[linux\] (\d+) bytes \(.*\) copied, ([\d.]+) seconds, .*")
RTT_RE = re.compile(r".*\[linux\] round-trip min/avg/max = ([\d.]+)/([\d.]+)/([\d.]+) ms")


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
        S(b"dd if=/dev/zero of=/dev/vdb bs=1M count=16 conv=fsync\r"),
        DD_RE, prompt,
        S(b"echo 3 >/proc/sys/vm/drop_caches; "
          b"dd if=/dev/vdb of=/dev/null bs=1M count=16\r"),
        DD_RE, prompt,
        S(b"ping -c 20 -i 0.2 10.0.0.2\r"),
        RTT_RE, prompt]


def figures(lines):
    dd = [m for m in map(DD_RE.fullmatch, lines) if m]
    rtt = [m for m in map(RTT_RE.fullmatch, lines) if m]
    mbs = [int(m.group(1)) / float(m.group(2)) / 1e6 for m in dd]
    return {
        "blk_write_MBps": round(mbs[0], 1),
        "blk_read_MBps": round(mbs[1], 1),
        "net_rtt_us": {k: round(float(v) * 1000, 1)
                       for k, v in zip(("min", "avg", "max"), rtt[0].groups())},
        "method": "Linux in a zone, busybox dd (16 MiB, 1 MiB blocks) on "
                  "virtio-blk, ping x20 over virtio-net; -icount shift=0 "
                  "(virtual time, 1 ns per instruction)",
    }


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--build")
    ap.add_argument("--missing", help="why the product is not available")
    ap.add_argument("--out", required=True)
    ap.add_argument("--timeout", type=int, default=900)
    opt = ap.parse_args()
    if opt.missing:
        common.not_available("virtio", opt.missing)
        return 0
    cmd = harness.product_qemu_cmd(opt.build, ICOUNT)
    v = harness.run(cmd, script(), timeout=opt.timeout, fatal=common.FATAL)
    if not v.ok:
        common.not_available("virtio", v.reason + "\n" + v.tail(10))
        return 0
    result = figures(v.lines)
    print("virtio-blk sequential write: %.1f MB/s, read: %.1f MB/s (virtual time)"
          % (result["blk_write_MBps"], result["blk_read_MBps"]))
    print("virtio-net round trip zone to zone: min %.1f avg %.1f max %.1f us"
          % tuple(result["net_rtt_us"][k] for k in ("min", "avg", "max")))
    common.merge_json(opt.out, "virtio", result)
    return 0


if __name__ == "__main__":
    sys.exit(main())
