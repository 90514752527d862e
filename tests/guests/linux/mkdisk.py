#!/usr/bin/python3
# SPDX-License-Identifier: Apache-2.0
"""Writes a raw disk image that starts with a marker text, zeros after.

    mkdisk.py --marker BULKHEAD-DISK-OK --size 1048576 disk.img

The Linux guests' /init prints the first 16 bytes of /dev/vda, so a test
sees that the disk it passed is the one the guest reads.
"""

import argparse


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--marker", required=True)
    ap.add_argument("--size", type=int, default=1 << 20)
    ap.add_argument("output")
    opt = ap.parse_args()
    marker = opt.marker.encode()
    if len(marker) > opt.size:
        ap.error("marker longer than the disk")
    with open(opt.output, "wb") as f:
        f.write(marker + bytes(opt.size - len(marker)))


if __name__ == "__main__":
    main()
