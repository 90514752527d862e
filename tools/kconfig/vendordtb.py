#!/usr/bin/python3
# SPDX-License-Identifier: Apache-2.0
"""Boards that start from a vendor's DTB: find it, and assemble the board
source (the vendor tree, decompiled, plus the board's corrections).

A board directory with no <board>.dts holds corrections.dtsi instead, and
its Kconfig names the vendor DTB (CONFIG_BOARD_VENDOR_DTB). No vendor DTS
text is kept in the tree: the DTB is read at build time.

CONFIG_BOARD_VENDOR_DTB is an absolute path (a vendor's own build), or a
name such as "xilinx/zynqmp-zcu102-rev1.0.dtb" looked up, in order, under
  1. BOARD_ROOT (an out-of-tree BSP may carry its DTBs),
  2. $GUEST_CACHE/arm64/dtbs (Debian's linux-image-arm64, which `make deps`
     unpacks there; GUEST_CACHE defaults to ~/.cache/bulkhead),
  3. /usr/lib/linux-image-*/ (the host's own Debian kernel packages).

The corrections are DTS amendments appended to the decompiled vendor tree,
not an /plugin/ overlay: they add labels the product overlays use
(`cpu0: &{/cpus/cpu@0} { };`) to nodes that may already have a phandle,
which an overlay cannot do without renumbering that phandle (libfdt 1.6).

usage: vendordtb.py find NAME [--board-root DIR] [--guest-cache DIR]
prints the DTB's absolute path, or an error naming every place searched.
"""

import glob
import os
import sys

CORRECTIONS = 'corrections.dtsi'
DEFAULT_CACHE = os.path.join(os.path.expanduser('~'), '.cache', 'bulkhead')


class VendorDtbError(Exception):
    pass


def guest_cache():
    return os.environ.get('GUEST_CACHE') or DEFAULT_CACHE


def search_dirs(board_root=None, cache=None):
    """Where a relative vendor DTB name is looked for, in order."""
    cache = cache or guest_cache()
    dirs = [board_root] if board_root else []
    dirs.append(os.path.join(cache, 'arm64', 'dtbs'))
    # A cache unpacked before the dtbs link existed, newest kernel first.
    dirs += sorted(glob.glob(os.path.join(cache, 'arm64', 'root', 'usr',
                                          'lib', 'linux-image-*')),
                   reverse=True)
    dirs += sorted(glob.glob('/usr/lib/linux-image-*'), reverse=True)
    return dirs


def find(name, board_root=None, cache=None):
    """The vendor DTB's absolute path; VendorDtbError names the places
    searched."""
    if not name:
        raise VendorDtbError('CONFIG_BOARD_VENDOR_DTB is empty')
    if os.path.isabs(name):
        if os.path.isfile(name):
            return name
        raise VendorDtbError(f'vendor DTB {name} (CONFIG_BOARD_VENDOR_DTB) '
                             f'does not exist')
    dirs = search_dirs(board_root, cache)
    for d in dirs:
        path = os.path.join(d, name)
        if os.path.isfile(path):
            return os.path.abspath(path)
    raise VendorDtbError(
        f'vendor DTB {name} (CONFIG_BOARD_VENDOR_DTB) not found in '
        f'{", ".join(dirs)}: run `make deps` (Debian\'s linux-image-arm64 '
        f'carries it) or set CONFIG_BOARD_VENDOR_DTB to the DTB\'s path')


def corrections_of(board_dir):
    """The board's corrections file, or None for a board with a .dts."""
    path = os.path.join(board_dir, CORRECTIONS)
    return path if os.path.isfile(path) else None


def wrapper_text(corrections):
    """The board source: the decompiled vendor tree (vendor.dts, beside the
    wrapper), then the corrections through the C preprocessor, so that
    cpp's linemarkers make dtc name the corrections file and line."""
    quoted = corrections.replace('\\', '\\\\').replace('"', '\\"')
    return ('/dts-v1/;\n/include/ "vendor.dts"\n'
            f'#include "{quoted}"\n')


def main(argv):
    import argparse
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument('command', choices=['find'])
    ap.add_argument('name')
    ap.add_argument('--board-root', default='')
    ap.add_argument('--guest-cache', default='')
    opt = ap.parse_args(argv)
    try:
        print(find(opt.name, opt.board_root or None, opt.guest_cache or None))
    except VendorDtbError as err:
        print(f'error: {err}', file=sys.stderr)
        return 1
    return 0


if __name__ == '__main__':
    sys.exit(main(sys.argv[1:]))
