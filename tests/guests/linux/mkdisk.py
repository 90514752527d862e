#!/usr/bin/python3
# SPDX-License-Identifier: Apache-2.0
"""Writes a raw disk image that starts with a marker text.

    mkdisk.py --marker BULKHEAD-DISK-OK --size 1048576 disk.img
    mkdisk.py --marker BULKHEAD-DISK-OK --size 8388608 --ext2 vdisk.img

The Linux guests' /init prints the first 16 bytes of /dev/vda, so a test
sees that the disk it passed is the one the guest reads. Without --ext2
the rest is zeros; with it the disk is an empty ext2 file system
(mke2fs), whose first 1 KiB (the boot block, which ext2 leaves alone)
holds the marker: a guest can mount it and write files that a test reads
back from the image afterwards (debugfs).
"""

import argparse
import os
import subprocess


def make_ext2(path, size):
    # A fixed UUID and hash seed, and no timestamps from the clock: the
    # same inputs give the same image.
    env = dict(os.environ, E2FSPROGS_FAKE_TIME="1")
    subprocess.run(["mke2fs", "-q", "-F", "-t", "ext2", "-b", "1024",
                    "-L", "bulkhead", "-U", "0b0b0b0b-0000-4000-8000-000000000001",
                    "-E", "hash_seed=0b0b0b0b-0000-4000-8000-000000000002",
                    path, "%dk" % (size // 1024)], check=True, env=env)


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--marker", required=True)
    ap.add_argument("--size", type=int, default=1 << 20)
    ap.add_argument("--ext2", action="store_true")
    ap.add_argument("output")
    opt = ap.parse_args()
    marker = opt.marker.encode()
    if len(marker) > (1024 if opt.ext2 else opt.size):
        ap.error("marker longer than the room for it")
    with open(opt.output, "wb") as f:
        f.truncate(opt.size)
    if opt.ext2:
        make_ext2(opt.output, opt.size)
    with open(opt.output, "r+b") as f:
        f.write(marker)


if __name__ == "__main__":
    main()
