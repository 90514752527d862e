#!/usr/bin/python3
# SPDX-License-Identifier: Apache-2.0
"""Zone layout pipeline: board DTS + product overlay -> zonegen outputs.

Steps (each one's failure prints its stderr and exits 1):
  1. preprocess the board DTS and the overlay with the C preprocessor
     (-P -nostdinc -undef -x assembler-with-cpp, -I the board directory),
  2. dtc -@ the board to board.dtb and the overlay to product.dtbo,
  3. fdtoverlay them into merged.dtb, and check the merged tree with dtc,
  4. zonegen --dtb merged.dtb ... --outdir OUTDIR [--kconfig .config] (not
     with --merged-only, which the fuzz seeds use),
  5. when the overlay has a <overlay without .dtso>.qemu.args beside it,
     its arguments are appended to OUTDIR/qemu.args, with @IMAGE_DIR@
     standing for the first --image-dir (e.g. a product's disk image).

dtc warnings count as errors, except the checks that cannot work on an
overlay on its own (OVERLAY_ONLY_CHECKS: a fragment does not know the
#address-cells/#size-cells of its target, so nodes with reg added under
&{/} trip them, nor the interrupt-parent its nodes inherit from the root,
so an emulated device's interrupts trip the third). Those checks still
run on the merged tree in step 3.
"""

import argparse
import os
import re
import shlex
import subprocess
import sys

CPP_FLAGS = ['-P', '-nostdinc', '-undef', '-x', 'assembler-with-cpp']

# Disabled for the overlay compile only; the merged tree gets all checks.
OVERLAY_ONLY_CHECKS = ['reg_format', 'avoid_default_addr_size',
                       'interrupts_property']

WARNING_RE = re.compile(r'\b(Warning|ERROR|Error)\b')


class StepError(Exception):
    pass


def run_step(name, cmd, warnings_fatal=False):
    """Runs one pipeline step; dtc-style warnings on stderr fail it too."""
    try:
        proc = subprocess.run(cmd, stdout=subprocess.PIPE,
                              stderr=subprocess.PIPE, text=True, check=False)
    except OSError as err:
        raise StepError(f'{name}: cannot run {cmd[0]}: {err}') from err
    failed = proc.returncode != 0
    if warnings_fatal and WARNING_RE.search(proc.stderr):
        failed = True
    if failed:
        sys.stderr.write(proc.stderr)
        raise StepError(f'{name} failed: {shlex.join(cmd)}')
    if proc.stderr:
        sys.stderr.write(proc.stderr)
    return proc


def preprocess(cpp, src, out, include_dirs, depfile=None):
    cmd = cpp + CPP_FLAGS
    for inc in include_dirs:
        cmd += ['-I', inc]
    if depfile:
        cmd += ['-MD', '-MF', depfile, '-MT', out]
    run_step(f'preprocessing {src}', cmd + [src, '-o', out])


def dtc(src, out, in_format, out_format, extra=()):
    """dtc with every warning fatal; -@ keeps labels for the overlay."""
    cmd = ['dtc', '-I', in_format, '-O', out_format]
    if in_format == 'dts':
        cmd.append('-@')
    run_step(f'dtc {src}', cmd + list(extra) + ['-o', out, src],
             warnings_fatal=True)


def read_deps(path):
    """The prerequisites of a make-style depfile written by cpp -MD."""
    if not os.path.exists(path):
        return []
    with open(path, encoding='utf-8') as f:
        text = f.read().replace('\\\n', ' ')
    _, _, deps = text.partition(': ')
    return deps.split()


def kernel_images(out):
    """The kernel, initrd and disk images qemu.args loads (their sizes
    matter)."""
    with open(out('qemu.args'), encoding='utf-8') as f:
        files = re.findall(r'file=((?:[^,\s]|,,)+),', f.read())
    outdir = os.path.abspath(out(''))
    return [p.replace(',,', ',') for p in files
            if not p.startswith(outdir)]


def product_qemu_args(overlay):
    """The product's own QEMU arguments file beside its overlay, or None."""
    base = overlay[:-len('.dtso')] if overlay.endswith('.dtso') else overlay
    path = base + '.qemu.args'
    return path if os.path.isfile(path) else None


def append_qemu_args(out, path, image_dir):
    """Adds the product's arguments to the (one line) qemu.args."""
    with open(path, encoding='utf-8') as f:
        extra = ' '.join(line.split('#', 1)[0].strip()
                         for line in f.read().splitlines())
    extra = ' '.join(extra.split())
    if not extra:
        return
    extra = extra.replace('@IMAGE_DIR@', os.path.abspath(image_dir))
    with open(out('qemu.args'), encoding='utf-8') as f:
        args = f.read().rstrip('\n')
    with open(out('qemu.args'), 'w', encoding='utf-8') as f:
        f.write(f'{args} {extra}\n')


def write_depfile(path, target, deps):
    def esc(p):
        return p.replace(' ', '\\ ')
    with open(path, 'w', encoding='utf-8') as f:
        f.write(f'{esc(target)}: {" ".join(esc(d) for d in deps)}\n')


def parse_args(argv):
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument('--cpp', required=True,
                    help='C preprocessor command, e.g. "cc -E"')
    ap.add_argument('--zonegen', help='zonegen executable')
    ap.add_argument('--board', required=True, help='board .dts')
    ap.add_argument('--overlay', required=True, help='product .dtso')
    ap.add_argument('--image-dir', action='append', default=[],
                    help='directory searched for bulkhead,kernel images')
    ap.add_argument('--include-dir', action='append', default=[],
                    help='extra -I directory for the preprocessor')
    ap.add_argument('--max-cpus', type=int)
    ap.add_argument('--max-zones', type=int)
    ap.add_argument('--kconfig',
                    help='the build\'s .config (or config.h): zonegen '
                         'refuses device models it does not enable')
    ap.add_argument('--outdir', required=True)
    ap.add_argument('--merged-only', action='store_true',
                    help='stop after OUTDIR/merged.dtb (no zonegen run)')
    ap.add_argument('--depfile',
                    help='write a make-style depfile (for meson) naming '
                         'every input file, targeting OUTDIR/zones.c')
    args = ap.parse_args(argv)
    if not args.merged_only:
        for opt in ('zonegen', 'image_dir', 'max_cpus', 'max_zones'):
            if not getattr(args, opt):
                ap.error(f'--{opt.replace("_", "-")} is required')
    return args


def pipeline(args):
    os.makedirs(args.outdir, exist_ok=True)
    out = lambda name: os.path.join(args.outdir, name)
    cpp = shlex.split(args.cpp)
    board_dir = os.path.dirname(os.path.abspath(args.board))
    ovl_dir = os.path.dirname(os.path.abspath(args.overlay))
    dep = [out('board.d'), out('product.d')] if args.depfile else [None, None]

    preprocess(cpp, args.board, out('board.dts'),
               [board_dir] + args.include_dir, dep[0])
    preprocess(cpp, args.overlay, out('product.dtso'),
               [ovl_dir, board_dir] + args.include_dir, dep[1])
    dtc(out('board.dts'), out('board.dtb'), 'dts', 'dtb')
    dtc(out('product.dtso'), out('product.dtbo'), 'dts', 'dtb',
        [f'-Wno-{c}' for c in OVERLAY_ONLY_CHECKS])
    run_step('fdtoverlay', ['fdtoverlay', '-i', out('board.dtb'),
                            '-o', out('merged.dtb'), out('product.dtbo')])
    # The merged tree knows every node's cells: full checks apply again.
    dtc(out('merged.dtb'), os.devnull, 'dtb', 'dtb')
    if args.merged_only:
        return

    cmd = [args.zonegen, '--dtb', out('merged.dtb'),
           '--max-cpus', str(args.max_cpus),
           '--max-zones', str(args.max_zones), '--outdir', args.outdir]
    for d in args.image_dir:
        cmd += ['--image-dir', d]
    if args.kconfig:
        cmd += ['--kconfig', args.kconfig]
    run_step('zonegen', cmd)
    # The images zonegen placed are inputs; a product's disk image is not.
    deps = kernel_images(out)
    if args.depfile:
        deps += read_deps(dep[0]) + read_deps(dep[1])
    extra = product_qemu_args(args.overlay)
    if extra:
        append_qemu_args(out, extra, args.image_dir[0])
        deps.append(os.path.abspath(extra))

    if args.depfile:
        write_depfile(args.depfile, out('zones.c'), sorted(set(deps)))


def main(argv):
    args = parse_args(argv)
    try:
        pipeline(args)
    except StepError as err:
        print(f'zone-layout: error: {err}', file=sys.stderr)
        return 1
    return 0


if __name__ == '__main__':
    sys.exit(main(sys.argv[1:]))
