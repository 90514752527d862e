#!/usr/bin/python3
# SPDX-License-Identifier: Apache-2.0
"""Corpus test of tools/zonegen/zone-layout.py itself: hostile bytes, tools
that hang, labels the board lacks, paths with spaces.

Each *.dtso here is run through zone-layout.py against the aarch64 board
(a 4 KiB hello.bin in the image directory). Directives, as comment lines:
  // expect: TEXT      stderr contains TEXT (any number)
  // exit: N           expected exit status (default 1)
  // cpp: COMMAND      --cpp for this case (default: --cpp of the runner)
  // args: ARGS        extra zone-layout arguments (shell words)
  // space-dir: yes    run the overlay from a copy in "dir with spaces/"
  // depfile: TEXT     with --depfile, the depfile contains TEXT
Every case must end within CASE_BOUND seconds (it is stopped there and
fails): a step that hangs has to be stopped by zone-layout itself.
"""

import argparse
import os
import re
import shlex
import shutil
import signal
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.realpath(__file__))
SRCTREE = os.path.dirname(os.path.dirname(os.path.dirname(HERE)))
BOARD = os.path.join(SRCTREE, 'boards/qemu-virt-aarch64/qemu-virt-aarch64.dts')
DIRECTIVE_RE = re.compile(
    rb'^\s*//\s*(expect|exit|cpp|args|space-dir|depfile):\s*(.*?)\s*$')
CASE_BOUND = 30


class CaseFailed(Exception):
    pass


def directives(path):
    found = {}
    with open(path, 'rb') as f:
        for line in f:
            m = DIRECTIVE_RE.match(line)
            if m:
                value = m.group(2).decode('utf-8', 'backslashreplace')
                found.setdefault(m.group(1).decode(), []).append(value)
    return found


def command(args, d, overlay, outdir, images):
    cmd = [sys.executable, args.zone_layout,
           '--cpp', d.get('cpp', [args.cpp])[0], '--zonegen', args.zonegen,
           '--board', args.board, '--overlay', overlay,
           '--image-dir', images, '--max-cpus', '4', '--max-zones', '4',
           '--outdir', outdir]
    if 'depfile' in d:
        cmd += ['--depfile', os.path.join(outdir, 'zones.d')]
    for extra in d.get('args', []):
        cmd += shlex.split(extra)
    return cmd


def check(proc, d, outdir):
    stderr = proc.stderr.decode('utf-8', 'backslashreplace')
    want = int(d.get('exit', ['1'])[0])
    if proc.returncode != want:
        raise CaseFailed(f'exit status {proc.returncode}, expected {want}; '
                         f'stderr was:\n{stderr.rstrip()}')
    for text in d.get('expect', []):
        if text not in stderr:
            raise CaseFailed(f'stderr lacks "{text}"; stderr was:\n'
                             + stderr.rstrip())
    for text in d.get('depfile', []):
        with open(os.path.join(outdir, 'zones.d'), encoding='utf-8',
                  errors='backslashreplace') as f:
            dep = f.read()
        if text not in dep:
            raise CaseFailed(f'depfile lacks "{text}":\n{dep}')


def run_bounded(cmd):
    """Runs @cmd; stops it and everything it started at CASE_BOUND."""
    with subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                          start_new_session=True) as proc:
        try:
            out, err = proc.communicate(timeout=CASE_BOUND)
        except subprocess.TimeoutExpired as exc:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.communicate()
            raise CaseFailed(f'still running after {CASE_BOUND} s') from exc
    return subprocess.CompletedProcess(cmd, proc.returncode, out, err)


def run_case(args, path):
    d = directives(path)
    with tempfile.TemporaryDirectory(prefix='zone-layout-tool-') as tmp:
        images = os.path.join(tmp, 'images')
        os.mkdir(images)
        with open(os.path.join(images, 'hello.bin'), 'wb') as f:
            f.write(b'\0' * 4096)
        overlay = path
        if d.get('space-dir'):
            overlay = os.path.join(tmp, 'dir with spaces',
                                   os.path.basename(path))
            os.mkdir(os.path.dirname(overlay))
            shutil.copy(path, overlay)
        outdir = os.path.join(tmp, 'out')
        cmd = command(args, d, overlay, outdir, images)
        check(run_bounded(cmd), d, outdir)


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument('--zonegen', required=True)
    ap.add_argument('--zone-layout', default=os.path.join(
        SRCTREE, 'tools/zonegen/zone-layout.py'))
    ap.add_argument('--cpp', default='cc -E')
    ap.add_argument('--board', default=BOARD)
    args = ap.parse_args()
    args.zonegen = os.path.abspath(args.zonegen)
    passed = failed = 0
    for name in sorted(os.listdir(HERE)):
        if not name.endswith('.dtso'):
            continue
        try:
            run_case(args, os.path.join(HERE, name))
            print(f'PASS tool/{name[:-5]}', flush=True)
            passed += 1
        except CaseFailed as err:
            print(f'FAIL tool/{name[:-5]}: {err}', flush=True)
            failed += 1
    print(f'{passed} passed, {failed} failed')
    return 1 if failed else 0


if __name__ == '__main__':
    sys.exit(main())
