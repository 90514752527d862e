#!/usr/bin/python3
# SPDX-License-Identifier: Apache-2.0
"""Corpus test of zonegen: every overlay in good/ must build, every
overlay in bad/ must fail with the message(s) it expects.

Directives, as comment lines of an overlay (any number, any order):
  // expect: TEXT          bad/: stderr must contain TEXT (exit status 1)
  // max-cpus: N           zonegen --max-cpus (default 4)
  // max-zones: N          zonegen --max-zones (default 4)
  // kconfig: SYMBOL...    zonegen --models with the build's model table
                           (tools/kconfig/kconfig.py models) in which
                           exactly these symbols (CONFIG_...) are y
                           (without the line: no --models)
  // fdtget: ARGS == OUT   good/: `fdtget ARGS` prints OUT (white space
                           normalised); a *.dtb argument is looked up in
                           the output directory
  // fdtget-fails: ARGS    good/: `fdtget ARGS` fails (no such node or
                           property)
  // zones-c: TEXT         good/: the generated zones.c contains TEXT
  // qemu-args: TEXT       good/: qemu.args contains TEXT; @IMAGE_DIR@
                           and @OUT_DIR@ stand for the image and output
                           directories
  // disks: TEXT           good/: disks.txt contains TEXT (@IMAGE_DIR@ as
                           for qemu-args)
  // stderr: TEXT          good/: stderr (warnings) contains TEXT
  // board: NAME           the board DTS, boards/NAME/NAME.dts (default:
                           qemu-virt-aarch64)
Every good case is also checked generically: all outputs exist, each
guest DTB decompiles without a dtc warning and has cpu@0..cpu@n-1 and a
memory node, and zones.c compiles (with --cc) against include/.

The image directory holds hello.bin (4 KiB), big.bin (3 MiB), empty.bin
(0 bytes), Image (8 KiB, an arm64 Image header claiming 5 MiB),
initrd.img (0x10001 bytes) and disk.img (0x1801 bytes).

The shipped product overlays, dts/products/<board>/*.dtso, run as good
cases too (against boards/<board>/<board>.dts), with a 4 KiB dummy image
for every bulkhead,kernel, bulkhead,initrd and bulkhead,disk they name.
"""

import argparse
import concurrent.futures
import os
import re
import shlex
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.realpath(__file__))
SRCTREE = os.path.dirname(os.path.dirname(HERE))
sys.path.insert(0, os.path.join(SRCTREE, 'tools', 'kconfig'))
import vendordtb  # noqa: E402

# Boards from a vendor DTB: their corrections.dtsi -> the DTB.
VENDOR_DTBS = {}
BOARD = os.path.join(SRCTREE, 'boards/qemu-virt-aarch64/qemu-virt-aarch64.dts')
DIRECTIVE_RE = re.compile(
    r'^\s*//\s*(expect|max-cpus|max-zones|kconfig|fdtget|fdtget-fails|'
    r'zones-c|qemu-args|disks|stderr|board):\s*(.*?)\s*$')


class CaseFailed(Exception):
    pass


def directives(path):
    found = {'expect': [], 'fdtget': [], 'fdtget-fails': [], 'zones-c': [],
             'qemu-args': [], 'disks': [], 'stderr': [], 'kconfig': [],
             'board': [],
             'max-cpus': ['4'], 'max-zones': ['4']}
    with open(path, encoding='utf-8') as f:
        for line in f:
            m = DIRECTIVE_RE.match(line)
            if not m:
                continue
            if m.group(1) in ('max-cpus', 'max-zones'):
                found[m.group(1)] = [m.group(2)]
            elif m.group(1) == 'kconfig':
                found['kconfig'] += m.group(2).split()
            else:
                found[m.group(1)].append(m.group(2))
    return found


def arm64_image(size, image_size):
    """A fake arm64 Image: header magic at 56, image_size at 16."""
    data = bytearray(size)
    data[16:24] = image_size.to_bytes(8, 'little')
    data[56:60] = b'ARM\x64'
    return bytes(data)


def make_images(path):
    for name, size in (('hello.bin', 4096), ('big.bin', 3 << 20),
                       ('empty.bin', 0), ('initrd.img', 0x10001),
                       ('disk.img', 0x1801)):
        with open(os.path.join(path, name), 'wb') as f:
            f.write(bytes((i * 7) & 0xff for i in range(min(size, 4096))))
            if size > 4096:
                f.truncate(size)
    with open(os.path.join(path, 'Image'), 'wb') as f:
        f.write(arm64_image(8192, 5 << 20))


def run(cmd):
    return subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                          text=True, check=False)


def model_table(tmpdir):
    """The model table kconfig.py writes from Kconfig (for a default
    configuration; the cases set the values themselves)."""
    out = os.path.join(tmpdir, 'models.txt')
    proc = run(['/usr/bin/python3', os.path.join(SRCTREE, 'tools/kconfig/kconfig.py'),
                '--srctree', SRCTREE, '--config', os.devnull, 'models', out])
    if proc.returncode or not os.path.isfile(out):
        sys.exit('kconfig.py models failed:\n' + proc.stdout + proc.stderr)
    with open(out, encoding='utf-8') as f:
        return f.read()


def write_models(path, table, symbols):
    """@table with column 3 set to y exactly for @symbols."""
    lines = []
    for line in table.splitlines():
        cols = line.split('\t')
        if line.startswith('#') or len(cols) != 4:
            lines.append(line)
            continue
        cols[2] = 'y' if cols[1] in symbols else 'n'
        lines.append('\t'.join(cols))
    with open(path, 'w', encoding='utf-8') as f:
        f.write('\n'.join(lines) + '\n')


def zone_layout(args, board, overlay, d, outdir, images):
    cmd = [sys.executable, args.zone_layout, '--cpp', args.cpp,
           '--zonegen', args.zonegen, '--board', board,
           '--overlay', overlay, '--image-dir', images,
           '--max-cpus', d['max-cpus'][0], '--max-zones', d['max-zones'][0],
           '--outdir', outdir]
    if board in VENDOR_DTBS:
        cmd += ['--vendor-dtb', VENDOR_DTBS[board]]
    if not d['kconfig']:
        return run(cmd)
    models = outdir + '.models.txt'
    write_models(models, args.model_table, d['kconfig'])
    return run(cmd + ['--models', models])


def check_bad(proc, d):
    if not d['expect']:
        raise CaseFailed('no "// expect:" line')
    if proc.returncode != 1:
        raise CaseFailed(f'exit status {proc.returncode}, expected 1')
    for text in d['expect']:
        if text not in proc.stderr:
            raise CaseFailed(f'stderr lacks "{text}"; stderr was:\n'
                             + proc.stderr.rstrip())


def dtbs_of(outdir):
    """The guest DTBs named in qemu.args."""
    with open(os.path.join(outdir, 'qemu.args'), encoding='utf-8') as f:
        args = f.read()
    if args.count('\n') != 1:
        raise CaseFailed('qemu.args is not one line')
    return re.findall(r'file=([^,\s]+\.dtb),addr=0x[0-9a-f]+,force-raw=on',
                      args)


def check_guest_dtb(path):
    proc = run(['dtc', '-I', 'dtb', '-O', 'dts', '-o', os.devnull, path])
    if proc.returncode or proc.stderr:
        raise CaseFailed(f'dtc on {path}: {proc.stderr.strip()}')
    cpus = run(['fdtget', '-l', path, '/cpus']).stdout.split()
    if not cpus or cpus != [f'cpu@{i:x}' for i in range(len(cpus))]:
        raise CaseFailed(f'{path}: /cpus holds {cpus}')
    for i in range(len(cpus)):
        reg = run(['fdtget', path, f'/cpus/cpu@{i:x}', 'reg']).stdout.strip()
        if reg != str(i):
            raise CaseFailed(f'{path}: cpu@{i:x} reg is {reg!r}')
    root = run(['fdtget', '-l', path, '/']).stdout.split()
    mem = [n for n in root if n.startswith('memory@')]
    if len(mem) != 1:
        raise CaseFailed(f'{path}: memory nodes {mem}')
    reg = run(['fdtget', '-t', 'x', path, '/' + mem[0], 'reg']).stdout.split()
    if not reg or len(reg) % 4 or int(reg[1], 16) != int(mem[0][7:], 16):
        raise CaseFailed(f'{path}: /{mem[0]} reg is {reg}')


def check_fdtget(spec, outdir):
    cmd_text, sep, expected = spec.partition('==')
    if not sep:
        raise CaseFailed(f'bad fdtget directive: {spec}')
    argv = [os.path.join(outdir, a) if a.endswith('.dtb') else a
            for a in shlex.split(cmd_text)]
    proc = run(['fdtget'] + argv)
    got = ' '.join(proc.stdout.split())
    if proc.returncode or got != ' '.join(expected.split()):
        raise CaseFailed(f'fdtget {cmd_text.strip()}: got {got!r} '
                         f'{proc.stderr.strip()}, expected {expected.strip()!r}')


def check_fdtget_fails(spec, outdir):
    argv = [os.path.join(outdir, a) if a.endswith('.dtb') else a
            for a in shlex.split(spec)]
    proc = run(['fdtget'] + argv)
    if proc.returncode == 0:
        raise CaseFailed(f'fdtget {spec}: expected to fail, got '
                         f'{proc.stdout.strip()!r}')


def check_contains(name, wants, outdir, images):
    with open(os.path.join(outdir, name), encoding='utf-8') as f:
        text = f.read()
    for want in wants:
        want = want.replace('@IMAGE_DIR@', os.path.realpath(images))
        want = want.replace('@OUT_DIR@', os.path.realpath(outdir))
        if want not in text:
            raise CaseFailed(f'{name} lacks "{want}"; it is:\n{text}')


def check_zones_c(args, d, outdir):
    zones_c = os.path.join(outdir, 'zones.c')
    with open(zones_c, encoding='utf-8') as f:
        text = f.read()
    for want in d['zones-c']:
        if want not in text:
            raise CaseFailed(f'zones.c lacks "{want}"')
    if not args.cc:
        return
    proc = run(shlex.split(args.cc) + [
        '-std=gnu11', '-fsyntax-only', '-Wall', '-Wextra', '-Werror',
        '-I', os.path.join(SRCTREE, 'include'),
        f'-DCONFIG_MAX_CPUS={d["max-cpus"][0]}',
        f'-DCONFIG_MAX_ZONES={d["max-zones"][0]}',
        '-DCONFIG_VGIC_NR_SPIS=256', zones_c])
    if proc.returncode:
        raise CaseFailed('zones.c does not compile:\n' + proc.stderr)


def check_good(args, proc, d, outdir, images):
    if proc.returncode:
        raise CaseFailed(f'exit status {proc.returncode}:\n'
                         + proc.stderr.rstrip())
    for text in d['stderr']:
        if text not in proc.stderr:
            raise CaseFailed(f'stderr lacks "{text}"; stderr was:\n'
                             + proc.stderr.rstrip())
    for name in ('zones.c', 'layout.ld', 'qemu.args', 'summary.txt',
                 'disks.txt'):
        if not os.path.isfile(os.path.join(outdir, name)):
            raise CaseFailed(f'{name} missing')
    with open(os.path.join(outdir, 'layout.ld'), encoding='utf-8') as f:
        if not re.fullmatch(r'HYP_BASE = 0x[0-9a-f]+;\nHYP_SIZE = 0x[0-9a-f]+;\n',
                            f.read()):
            raise CaseFailed('layout.ld is not two assignments')
    dtbs = dtbs_of(outdir)
    if not dtbs:
        raise CaseFailed('qemu.args names no guest DTB')
    for dtb in dtbs:
        check_guest_dtb(dtb)
    for spec in d['fdtget']:
        check_fdtget(spec, outdir)
    for spec in d['fdtget-fails']:
        check_fdtget_fails(spec, outdir)
    check_contains('qemu.args', d['qemu-args'], outdir, images)
    check_contains('disks.txt', d['disks'], outdir, images)
    check_zones_c(args, d, outdir)


def image_names(source):
    """Images a product source names, following its #include "file"s."""
    with open(source, encoding='utf-8') as f:
        text = f.read()
    names = re.findall(r'bulkhead,(?:kernel|initrd|disk)\s*=\s*"([^"]+)"',
                       text)
    for inc in re.findall(r'^#include\s+"([^"]+)"', text, re.M):
        names += image_names(os.path.join(os.path.dirname(source), inc))
    return names


def product_images(overlay, images):
    """A dummy image for every kernel, initrd or disk a product names."""
    for name in image_names(overlay):
        path = os.path.join(images, name)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, 'wb') as f:
            f.write(b'\0' * 4096)


def run_case(args, kind, board, path):
    name = f'{kind}/{os.path.basename(path)[:-5]}'
    d = directives(path)
    if d['board']:
        board = os.path.join(SRCTREE, 'boards', d['board'][0],
                             d['board'][0] + '.dts')
    with tempfile.TemporaryDirectory(prefix='zonegen-') as outdir:
        images = args.images
        if kind != 'bad' and kind != 'good':
            images = os.path.join(outdir, 'images')
            os.mkdir(images)
            product_images(path, images)
        proc = zone_layout(args, board, path, d, os.path.join(outdir, 'out'),
                           images)
        try:
            if kind == 'bad':
                check_bad(proc, d)
            else:
                check_good(args, proc, d, os.path.join(outdir, 'out'),
                           images)
        except CaseFailed as err:
            return False, f'FAIL {name}: {err}'
    return True, f'PASS {name}'


def cases(args):
    """(kind, board, overlay) for the corpus and the shipped products."""
    for kind in ('good', 'bad'):
        folder = os.path.join(HERE, kind)
        for f in sorted(os.listdir(folder)):
            if f.endswith('.dtso'):
                yield kind, args.board, os.path.join(folder, f)
    products = os.path.join(SRCTREE, 'dts/products')
    boards = os.listdir(products) if os.path.isdir(products) else []
    for board in sorted(boards):
        dts = os.path.join(SRCTREE, 'boards', board, board + '.dts')
        if not os.path.isfile(dts):
            dts = vendor_board(board)
        for f in sorted(os.listdir(os.path.join(products, board))):
            if f.endswith('.dtso') and os.path.isfile(dts):
                yield f'products/{board}', dts, os.path.join(products, board, f)


def vendor_board(board):
    """The corrections.dtsi of a board from a vendor DTB (noted in
    VENDOR_DTBS), or '' when it has none or its DTB is not installed."""
    corrections = vendordtb.corrections_of(os.path.join(SRCTREE, 'boards',
                                                        board))
    defaults = os.path.join(SRCTREE, 'boards', board, 'Kconfig.defaults')
    try:
        with open(defaults, encoding='utf-8') as f:
            name = re.search(r'default "([^"]+\.dtb)"', f.read())
        VENDOR_DTBS[corrections] = vendordtb.find(name.group(1))
    except (OSError, AttributeError, TypeError, vendordtb.VendorDtbError):
        return ''
    return corrections


def parse_args():
    ap = argparse.ArgumentParser(description='zonegen corpus test')
    ap.add_argument('--zonegen', required=True)
    ap.add_argument('--zone-layout',
                    default=os.path.join(SRCTREE, 'tools/zonegen/zone-layout.py'))
    ap.add_argument('--cpp', default='cc -E')
    ap.add_argument('--cc', default='cc',
                    help='host C compiler to syntax-check zones.c ("" to skip)')
    ap.add_argument('--board', default=BOARD)
    return ap.parse_args()


def main():
    args = parse_args()
    args.zonegen = os.path.abspath(args.zonegen)
    passed = failed = 0
    with tempfile.TemporaryDirectory(prefix='zonegen-images-') as images:
        make_images(images)
        args.images = images
        args.model_table = model_table(images)
        with concurrent.futures.ThreadPoolExecutor(os.cpu_count() or 2) as ex:
            results = ex.map(lambda c: run_case(args, *c), list(cases(args)))
            for ok, line in results:
                print(line, flush=True)
                passed += ok
                failed += not ok
    print(f'{passed} passed, {failed} failed')
    return 1 if failed else 0


if __name__ == '__main__':
    sys.exit(main())
