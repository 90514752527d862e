#!/usr/bin/python3
# SPDX-License-Identifier: Apache-2.0
"""The device and channel figures of make bench as an SVG bar chart.

    plot.py --aarch64 bench.json [--riscv64 bench.json] --out bench.svg

One panel per unit: virtio-blk MB/s (write, read), round trips in
microseconds (virtio-net zone to zone, IVC doorbell per architecture),
all in virtual time. Figures missing from the JSON are left out; with
none at all the plot says so. Plain SVG: nothing to install.
"""

import argparse
import json
import os
import sys
from xml.sax.saxutils import escape

WIDTH, BAR_H, GAP, LABEL_W, TITLE_H = 640, 22, 8, 240, 28


def load(path):
    if not path or not os.path.exists(path):
        return {}
    with open(path) as f:
        return json.load(f)


def ivc_us(result):
    run = (result.get("ivc_round_trip") or {}).get("icount_run") or {}
    ns = run.get("ns") or {}
    return ns["avg"] / 1000 if "avg" in ns else None


def panels(a64, rv64):
    virtio = a64.get("virtio") or {}
    rtt = virtio.get("net_rtt_us") or {}
    blk = [("virtio-blk write (Linux dd)", virtio.get("blk_write_MBps")),
           ("virtio-blk read (Linux dd)", virtio.get("blk_read_MBps"))]
    trips = [("virtio-net zone to zone (ping, avg)", rtt.get("avg")),
             ("IVC doorbell, aarch64 (avg)", ivc_us(a64)),
             ("IVC doorbell, riscv64 (avg)", ivc_us(rv64))]
    return [("Disk throughput, MB/s of virtual time", blk),
            ("Round trips, microseconds of virtual time", trips)]


def panel_svg(y, title, bars):
    bars = [(label, v) for label, v in bars if v is not None]
    out = ['<text x="8" y="%d" font-weight="bold">%s</text>' % (y + 18, escape(title))]
    y += TITLE_H
    top = max([v for _, v in bars] + [1e-9])
    if not bars:
        out.append('<text x="16" y="%d">not available</text>' % (y + 15))
        return out, y + BAR_H + GAP
    for label, v in bars:
        w = (WIDTH - LABEL_W - 80) * v / top
        out += ['<text x="16" y="%d">%s</text>' % (y + 15, escape(label)),
                '<rect x="%d" y="%d" width="%.1f" height="%d" fill="#4a7bb7"/>'
                % (LABEL_W, y, w, BAR_H),
                '<text x="%.1f" y="%d">%.1f</text>' % (LABEL_W + w + 6, y + 15, v)]
        y += BAR_H + GAP
    return out, y + GAP


def svg(all_panels):
    body, y = [], 8
    for title, bars in all_panels:
        part, y = panel_svg(y, title, bars)
        body += part
    return ('<svg xmlns="http://www.w3.org/2000/svg" width="%d" height="%d" '
            'font-family="sans-serif" font-size="13">\n%s\n</svg>\n'
            % (WIDTH, y, "\n".join(body)))


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--aarch64", required=True)
    ap.add_argument("--riscv64")
    ap.add_argument("--out", required=True)
    opt = ap.parse_args()
    with open(opt.out, "w") as f:
        f.write(svg(panels(load(opt.aarch64), load(opt.riscv64))))
    print("plot: %s" % opt.out)
    return 0


if __name__ == "__main__":
    sys.exit(main())
