#!/usr/bin/python3
# SPDX-License-Identifier: Apache-2.0
"""Lists the guest images a product's overlay names, for meson configure.

usage: overlay-images.py --cpp "cc -E" --overlay FILE [-I DIR]...

The build compiles only the test guests a product loads: the file names
of bulkhead,kernel, bulkhead,initrd and bulkhead,disk in the preprocessed
overlay, and the @IMAGE_DIR@/<file> arguments of the product's
<overlay>.qemu.args. Prints one "image <name>" line per name and one
"dep <path>" line per file read (the overlay, every file it includes, the
QEMU arguments file): meson reconfigures when one of them changes.

A broken overlay is not this script's to report: it then names only the
overlay as a dependency and exits 0, and the zone layout step (which runs
the same preprocessor) gives the user the real message.
"""

import argparse
import os
import re
import shlex
import subprocess
import sys
import tempfile

CPP_FLAGS = ['-P', '-nostdinc', '-undef', '-x', 'assembler-with-cpp']
# Every string of the property: a string list is the zone step's error.
IMAGE_PROP_RE = re.compile(
    r'bulkhead,(?:kernel|initrd|disk)\s*=\s*((?:"[^"]*"\s*,?\s*)+);')
STRING_RE = re.compile(r'"([^"]*)"')
QEMU_IMAGE_RE = re.compile(r'@IMAGE_DIR@/((?:[^,\s]|,,)+)')
# Bounds a preprocessor that hangs (e.g. on a pipe it was handed).
CPP_TIMEOUT_S = 60


def read_depfile(path):
    """Prerequisites of a make-style depfile, with escaped spaces kept."""
    try:
        with open(path, encoding='utf-8', errors='surrogateescape') as f:
            text = f.read().replace('\\\n', ' ')
    except OSError:
        return []
    _, _, deps = text.partition(': ')
    words = re.findall(r'(?:\\.|[^\s\\])+', deps)
    return [re.sub(r'\\(.)', r'\1', w) for w in words]


def preprocess(cpp, overlay, include_dirs, workdir):
    """The preprocessed overlay text and the files it read, or None."""
    out = os.path.join(workdir, 'overlay.dts')
    dep = os.path.join(workdir, 'overlay.d')
    cmd = shlex.split(cpp) + CPP_FLAGS
    for inc in include_dirs:
        cmd += ['-I', inc]
    cmd += ['-MD', '-MF', dep, '-MT', out, overlay, '-o', out]
    try:
        proc = subprocess.run(cmd, capture_output=True, stdin=subprocess.DEVNULL,
                              timeout=CPP_TIMEOUT_S, check=False)
    except (OSError, subprocess.TimeoutExpired):
        return None, []
    if proc.returncode != 0:
        return None, []
    with open(out, encoding='utf-8', errors='surrogateescape') as f:
        return f.read(), read_depfile(dep)


def qemu_args_images(overlay):
    """The @IMAGE_DIR@ files of the product's QEMU arguments, if any."""
    base = overlay[:-len('.dtso')] if overlay.endswith('.dtso') else overlay
    path = base + '.qemu.args'
    if not os.path.isfile(path):
        return None, []
    with open(path, encoding='utf-8', errors='surrogateescape') as f:
        text = '\n'.join(l.split('#', 1)[0] for l in f.read().splitlines())
    return path, [m.replace(',,', ',') for m in QEMU_IMAGE_RE.findall(text)]


def printable(text):
    """Whether text goes to meson as it is (UTF-8, one line): a name with
    other bytes is left to the zone layout step to report."""
    try:
        text.encode('utf-8')
    except UnicodeEncodeError:
        return False
    return '\n' not in text


def scan(overlay, cpp, include_dirs):
    """(image names, files read) of one overlay."""
    with tempfile.TemporaryDirectory() as work:
        text, deps = preprocess(cpp, overlay, include_dirs, work)
    images = []
    for m in IMAGE_PROP_RE.finditer(text or ''):
        images += STRING_RE.findall(m.group(1))
    qemu_args, extra = qemu_args_images(overlay)
    images += extra
    deps = [os.path.abspath(d) for d in deps] + [overlay]
    if qemu_args:
        deps.append(os.path.abspath(qemu_args))
    return images, deps


def main(argv):
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument('--cpp', required=True)
    ap.add_argument('--overlay', required=True)
    ap.add_argument('-I', dest='include_dirs', action='append', default=[])
    args = ap.parse_args(argv)
    overlay = os.path.abspath(args.overlay)
    try:
        images, deps = scan(overlay, args.cpp, args.include_dirs)
    except (OSError, ValueError) as err:
        print(f'overlay-images: {overlay}: {err}', file=sys.stderr)
        images, deps = [], [overlay]
    for name in sorted(set(filter(printable, images))):
        print('image ' + name)
    for path in sorted(set(filter(printable, deps))):
        print('dep ' + path)
    return 0


if __name__ == '__main__':
    sys.exit(main(sys.argv[1:]))
