#!/usr/bin/python3
# SPDX-License-Identifier: Apache-2.0
"""Zone layout pipeline: board DTS + product overlay -> zonegen outputs.

Steps (each one's failure prints its stderr and exits 1; each tool run is
stopped after --timeout seconds, 30 by default):
  0. with --vendor-dtb (a board that starts from its vendor's DTB, --board
     then being its corrections.dtsi), dtc -I dtb decompiles the DTB and a
     wrapper appends the corrections to it: that is the board source
     (tools/kconfig/vendordtb.py says why and where DTBs are found),
  1. preprocess the board DTS and the overlay with the C preprocessor
     (-nostdinc -undef -x assembler-with-cpp, -I the board directory),
     keeping linemarkers so that dtc names the user's file and line,
  2. dtc -@ the board to board.dtb and the overlay to product.dtbo, after
     refusing any #*-cells above 4 (dtc 1.6.1 loops forever on 0xffffffff),
  3. fdtoverlay them into merged.dtb (naming any label or target path the
     board lacks), and check the merged tree with dtc,
  4. zonegen --dtb merged.dtb ... --outdir OUTDIR [--models models.txt]
     (not with --merged-only, which the fuzz seeds use),
  5. when the overlay has a <overlay without .dtso>.qemu.args beside it,
     its arguments are appended to OUTDIR/qemu.args, with @IMAGE_DIR@
     standing for the first --image-dir (e.g. a product's disk image).

Any bytes are fine: tool output and files are decoded with escapes, never
with an exception, so a tool's own message always reaches the user.

dtc warnings count as errors, except the checks that cannot work on an
overlay on its own (OVERLAY_ONLY_CHECKS: a fragment does not know the
#address-cells/#size-cells of its target, so nodes with reg added under
&{/} trip them, nor the interrupt-parent its nodes inherit from the root,
so an emulated device's interrupts trip the third). Those checks still
run on the merged tree in step 3. On a vendor board, the board source is
compiled quietly (decompiled phandles trip the phandle checks) and the
merged tree's check fails only on warnings the vendor DTB alone does not
give (vendor trees carry a few of their own).
"""

import argparse
import os
import re
import shlex
import subprocess
import sys

# The FDT reader is shared with Kconfig's device-tree functions.
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)),
                                '..', 'kconfig'))
import dtkeys  # noqa: E402
import vendordtb  # noqa: E402

# Linemarkers stay in (no -P): dtc then reports the user's file and line,
# not the preprocessed copy.
CPP_FLAGS = ['-nostdinc', '-undef', '-x', 'assembler-with-cpp']

# Disabled for the overlay compile only; the merged tree gets all checks.
OVERLAY_ONLY_CHECKS = ['reg_format', 'avoid_default_addr_size',
                       'interrupts_property']

WARNING_RE = re.compile(r'\b(Warning|ERROR|Error)\b')

# Every tool gets this long; none of them needs a second on a sane tree.
STEP_TIMEOUT = 30

# dtc 1.6.1 loops forever on a phandle-args check when a #*-cells value
# wraps (0xffffffff + 1 == 0); no binding uses more than 4 cells. A first
# dtc run without the checks that walk cells lets us look before dtc does.
MAX_CELLS = 4
CELL_WALKING_CHECKS = dtkeys.CELL_WALKING_CHECKS


class StepError(Exception):
    pass


def text_of(raw):
    """Tool output as text, whatever bytes it holds."""
    return raw.decode('utf-8', 'backslashreplace')


def run_step(name, cmd, warnings_fatal=False):
    """Runs one pipeline step, bounded in time; dtc-style warnings on
    stderr fail it too."""
    timeout = STEP_TIMEOUT
    try:
        proc = dtkeys.run_bounded(cmd, timeout)
    except subprocess.TimeoutExpired as err:
        raise StepError(f'{name}: {os.path.basename(cmd[0])} did not finish '
                        f'in {timeout} s and was stopped') from err
    except OSError as err:
        raise StepError(f'{name}: cannot run {cmd[0]}: {err}') from err
    stderr = text_of(proc.stderr)
    failed = proc.returncode != 0
    if warnings_fatal and WARNING_RE.search(stderr):
        failed = True
    if stderr:
        sys.stderr.write(stderr)
    if failed:
        raise StepError(f'{name} failed ({shlex.join(cmd)})')
    return proc


def preprocess(cpp, src, out, include_dirs, depfile=None):
    cmd = cpp + CPP_FLAGS
    for inc in include_dirs:
        cmd += ['-I', inc]
    if depfile:
        cmd += ['-MD', '-MF', depfile, '-MT', 'zones.c']
    run_step(f'preprocessing {src}', cmd + [src, '-o', out])


LINEMARKER_RE = re.compile(rb'^#\s*(\d+)\s+"((?:[^"\\]|\\.)*)"')
DELETION_RE = re.compile(rb'/delete-(node|property)/')


def refuse_deletions(preprocessed):
    """An overlay cannot delete what the board says: dtc silently drops
    /delete-node/ and /delete-property/ from an overlay, so the build
    would go on with the node the user meant to remove. Refused at the
    user's file and line (cpp's linemarkers)."""
    where, line = preprocessed, 0
    with open(preprocessed, 'rb') as f:
        for raw in f:
            mark = LINEMARKER_RE.match(raw)
            if mark:
                line, where = int(mark.group(1)), text_of(mark.group(2))
                continue
            line += 1
            found = DELETION_RE.search(raw)
            if found:
                kind = text_of(found.group(1))
                raise StepError(
                    f'{where}:{line - 1}: /delete-{kind}/ in a product '
                    f'overlay: dtc drops deletions from overlays, and the '
                    f'board\'s device tree is not the product\'s to change '
                    f'(leave the {kind} out of the zone instead)')


def dtc(src, out, in_format, out_format, extra=(), user_file=None):
    """dtc with every warning fatal; -@ keeps labels for the overlay."""
    cmd = ['dtc', '-I', in_format, '-O', out_format]
    if in_format == 'dts':
        cmd.append('-@')
        precheck_cells(src, out + '.precheck', user_file or src)
    run_step(f'dtc on {user_file or src}',
             cmd + list(extra) + ['-o', out, src], warnings_fatal=True)


def read_dtb(path):
    with open(path, 'rb') as f:
        return dtkeys.parse_fdt(f.read())


def fragment_target(root, frag):
    """How the overlay's source names a fragment's target: &label or
    &{/path}."""
    for path in frag.strings('target-path'):
        return '&{%s}' % path
    fixups = root.child('__fixups__')
    for label, raw in (fixups.props if fixups else {}).items():
        if any(u.startswith(f'/{frag.name}:target:')
               for u in dtkeys.string_list(raw)):
            return '&' + label
    return '/' + frag.name


def under_target(target, parts):
    """&label/a/b, or &{/path/a/b} for a target path."""
    rest = ''.join('/' + p for p in parts)
    if target.startswith('&{'):
        return '&{' + (target[2:-1].rstrip('/') + rest or '/') + '}'
    return target + rest


def node_path(root, node):
    """@node's path, with an overlay fragment shown as its target."""
    parts = []
    while node.parent is not None:
        if node.name == '__overlay__' and node.parent.parent is root:
            return under_target(fragment_target(root, node.parent),
                                list(reversed(parts)))
        parts.append(node.name)
        node = node.parent
    return '/' + '/'.join(reversed(parts))


def precheck_cells(src, dtb, user_file):
    """Compiles @src without the checks that could loop, then refuses
    oversized #*-cells. A source dtc cannot compile at all is left to the
    real run, which reports it."""
    cmd = ['dtc', '-q', '-I', 'dts', '-O', 'dtb', '-o', dtb, src]
    cmd[1:1] = [f'-Wno-{c}' for c in CELL_WALKING_CHECKS]
    try:
        proc = dtkeys.run_bounded(cmd, STEP_TIMEOUT, stdout=subprocess.DEVNULL)
    except (OSError, subprocess.SubprocessError):
        return
    if proc.returncode == 0:
        check_cells(dtb, user_file)


def check_cells(dtb, user_file):
    """Refuses #*-cells values dtc cannot check (before it loops on them)."""
    try:
        root = read_dtb(dtb)
    except (dtkeys.DtError, OSError) as err:
        raise StepError(f'{user_file}: cannot read {dtb}: {err}') from err
    errors = []
    for node in root.walk():
        where = f'{user_file}: {node_path(root, node)}'
        for name, raw in sorted(node.props.items()):
            if not (name.startswith('#') and name.endswith('-cells')):
                continue
            if len(raw) != 4:
                errors.append(f'{where}: {name} must be one cell, not '
                              f'{len(raw)} bytes')
            elif int.from_bytes(raw, 'big') > MAX_CELLS:
                errors.append(f'{where}: {name} = '
                              f'{int.from_bytes(raw, "big"):#x} is more than '
                              f'{MAX_CELLS} cells')
    if errors:
        raise StepError('\n'.join(errors))


def fixup_user(ovl, fixup):
    """Where a __fixups__ entry ("/fragment@0/__overlay__/x:prop:off") sits,
    as the overlay's source spells it."""
    path, prop = fixup.rsplit(':', 2)[:2] if fixup.count(':') >= 2 \
        else (fixup, '?')
    if prop == 'target':
        return 'as a fragment target'
    parts = path.split('/')
    frag = ovl.child(parts[1]) if len(parts) > 2 else None
    if frag is not None and parts[2] == '__overlay__':
        path = under_target(fragment_target(ovl, frag), parts[3:])
    return f'by {path} property {prop}'


def explain_overlay_targets(board_dtb, overlay_dtb, user_file):
    """Names the labels and target paths of the overlay the board lacks
    (fdtoverlay only says FDT_ERR_NOTFOUND)."""
    try:
        board, ovl = read_dtb(board_dtb), read_dtb(overlay_dtb)
    except (dtkeys.DtError, OSError):
        return []
    symbols = board.child('__symbols__')
    known = set(symbols.props) if symbols else set()
    fixups = ovl.child('__fixups__')
    msgs = []
    for label, raw in sorted((fixups.props if fixups else {}).items()):
        if label not in known:
            where = ', '.join(fixup_user(ovl, u)
                              for u in dtkeys.string_list(raw))
            msgs.append(f'{user_file}: label &{label} is not defined in the '
                        f'board device tree (used {where})')
    for frag in ovl.children:
        for target in frag.strings('target-path'):
            if dtkeys.find_path(board, target) is None:
                msgs.append(f'{user_file}: target path &{{{target}}} does '
                            f'not exist in the board device tree')
    return msgs


def kernel_images(out):
    """The kernel, initrd and disk images qemu.args loads (their sizes
    matter). Every file= value ends at a single comma (",," escapes one)."""
    with open(out('qemu.args'), encoding='utf-8',
              errors='surrogateescape') as f:
        files = re.findall(r'file=((?:[^,\n]|,,)+),', f.read())
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
    with open(path, encoding='utf-8', errors='surrogateescape') as f:
        extra = ' '.join(line.split('#', 1)[0].strip()
                         for line in f.read().splitlines())
    extra = ' '.join(extra.split())
    if not extra:
        return
    # qemu.args is read as shell words: a directory with spaces is quoted.
    extra = extra.replace('@IMAGE_DIR@', shlex.quote(os.path.abspath(image_dir)))
    with open(out('qemu.args'), encoding='utf-8',
              errors='surrogateescape') as f:
        args = f.read().rstrip('\n')
    with open(out('qemu.args'), 'w', encoding='utf-8',
              errors='surrogateescape') as f:
        f.write(f'{args} {extra}\n')


def depfile_escape(path):
    return path.replace('$', '$$').replace(' ', '\\ ').replace('#', '\\#')


def write_depfile(path, target, deps):
    with open(path, 'w', encoding='utf-8', errors='surrogateescape') as f:
        f.write(f'{depfile_escape(target)}: '
                f'{" ".join(depfile_escape(d) for d in deps)}\n')


def parse_args(argv):
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument('--cpp', required=True,
                    help='C preprocessor command, e.g. "cc -E"')
    ap.add_argument('--zonegen', help='zonegen executable')
    ap.add_argument('--board', required=True,
                    help='board .dts (with --vendor-dtb: its corrections.dtsi)')
    ap.add_argument('--vendor-dtb',
                    help='the vendor DTB the board starts from')
    ap.add_argument('--overlay', required=True, help='product .dtso')
    ap.add_argument('--image-dir', action='append', default=[],
                    help='directory searched for bulkhead,kernel images')
    ap.add_argument('--include-dir', action='append', default=[],
                    help='extra -I directory for the preprocessor')
    ap.add_argument('--max-cpus', type=int)
    ap.add_argument('--max-zones', type=int)
    ap.add_argument('--models',
                    help='the build\'s models.txt (tools/kconfig/kconfig.py '
                         'models): zonegen refuses device models the '
                         'configuration leaves out')
    ap.add_argument('--timeout', type=float, default=STEP_TIMEOUT,
                    help='seconds each tool may run (default %(default)s)')
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


def merge(args, out, cpp):
    """Steps 1-3: OUTDIR/merged.dtb, checked; returns the cpp depfiles."""
    board, overlay = os.path.abspath(args.board), os.path.abspath(args.overlay)
    board_dir, ovl_dir = os.path.dirname(board), os.path.dirname(overlay)
    dep = [out('board.d'), out('product.d')] if args.depfile else [None, None]
    board_src = vendor_board_source(args.vendor_dtb, board, out) \
        if args.vendor_dtb else board

    # Absolute sources: cpp's linemarkers, hence dtc's messages, name them.
    preprocess(cpp, board_src, out('board.dts'),
               [board_dir] + args.include_dir, dep[0])
    preprocess(cpp, overlay, out('product.dtso'),
               [ovl_dir, board_dir] + args.include_dir, dep[1])
    refuse_deletions(out('product.dtso'))
    dtc(out('board.dts'), out('board.dtb'), 'dts', 'dtb',
        ['-q'] if args.vendor_dtb else [], user_file=board)
    dtc(out('product.dtso'), out('product.dtbo'), 'dts', 'dtb',
        [f'-Wno-{c}' for c in OVERLAY_ONLY_CHECKS], user_file=overlay)
    try:
        run_step(f'fdtoverlay (applying {overlay})',
                 ['fdtoverlay', '-i', out('board.dtb'), '-o',
                  out('merged.dtb'), out('product.dtbo')])
    except StepError as err:
        why = explain_overlay_targets(out('board.dtb'), out('product.dtbo'),
                                      overlay)
        raise StepError('\n'.join(why + [str(err)])) from err
    # The merged tree knows every node's cells: full checks apply again.
    if args.vendor_dtb:
        check_merged_against_vendor(out('merged.dtb'), args.vendor_dtb,
                                    f'{overlay} merged into {board}')
    else:
        dtc(out('merged.dtb'), os.devnull, 'dtb', 'dtb',
            user_file=f'{overlay} merged into {board}')
    return dep


def vendor_board_source(vendor_dtb, corrections, out):
    """Step 0: the vendor DTB decompiled to OUTDIR/vendor.dts, and the
    wrapper that appends @corrections to it; returns the wrapper."""
    run_step(f'decompiling the vendor DTB {vendor_dtb}',
             ['dtc', '-q', '-I', 'dtb', '-O', 'dts', '-o', out('vendor.dts'),
              vendor_dtb])
    with open(out('board-src.dts'), 'w', encoding='utf-8',
              errors='surrogateescape') as f:
        f.write(vendordtb.wrapper_text(corrections))
    return out('board-src.dts')


def dtc_warnings(dtb, what):
    """dtc's check messages on @dtb (a DTB, every check on), one a line."""
    cmd = ['dtc', '-I', 'dtb', '-O', 'dtb', '-o', os.devnull, dtb]
    try:
        proc = dtkeys.run_bounded(cmd, STEP_TIMEOUT, stdout=subprocess.DEVNULL)
    except subprocess.TimeoutExpired as err:
        raise StepError(f'dtc on {what} did not finish in {STEP_TIMEOUT} s '
                        f'and was stopped') from err
    except OSError as err:
        raise StepError(f'dtc on {what}: cannot run dtc: {err}') from err
    if proc.returncode != 0:
        sys.stderr.write(text_of(proc.stderr))
        raise StepError(f'dtc on {what} failed ({shlex.join(cmd)})')
    return [l for l in text_of(proc.stderr).splitlines()
            if WARNING_RE.search(l)]


def check_merged_against_vendor(merged, vendor_dtb, what):
    """Step 3 on a vendor board: only what the corrections and the overlay
    brought in may not warn."""
    known = set(dtc_warnings(vendor_dtb, vendor_dtb))
    new = [l for l in dtc_warnings(merged, what) if l not in known]
    if new:
        sys.stderr.write(''.join(l + '\n' for l in new))
        raise StepError(f'dtc on {what}: {len(new)} warning(s) the vendor '
                        f'DTB {vendor_dtb} does not have')


def pipeline(args):
    global STEP_TIMEOUT
    STEP_TIMEOUT = args.timeout
    os.makedirs(args.outdir, exist_ok=True)
    out = lambda name: os.path.join(args.outdir, name)
    dep = merge(args, out, shlex.split(args.cpp))
    if args.merged_only:
        return

    cmd = [args.zonegen, '--dtb', out('merged.dtb'),
           '--max-cpus', str(args.max_cpus),
           '--max-zones', str(args.max_zones), '--outdir', args.outdir]
    for d in args.image_dir:
        cmd += ['--image-dir', d]
    if args.models:
        cmd += ['--models', args.models]
    run_step('zonegen', cmd)
    # The images zonegen placed are inputs; a product's disk image is not.
    deps = kernel_images(out)
    if args.depfile:
        deps += dtkeys.read_deps(dep[0]) + dtkeys.read_deps(dep[1])
        if args.vendor_dtb:
            deps.append(os.path.abspath(args.vendor_dtb))
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
        for line in str(err).splitlines():
            print(f'zone-layout: error: {line}', file=sys.stderr)
        return 1
    except OSError as err:
        print(f'zone-layout: error: {err}', file=sys.stderr)
        return 1
    return 0


if __name__ == '__main__':
    sys.exit(main(sys.argv[1:]))
