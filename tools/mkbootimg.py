#!/usr/bin/python3
# SPDX-License-Identifier: Apache-2.0
"""bulkhead.img: the hypervisor and every zone's images in one file.

A bootloader loads one file; QEMU's loader (qemu.args, written by zonegen)
loads many: the hypervisor, then each zone's kernel, initrd and guest DTB
into the zone and into the image store, and the image store's disks. This
tool packs exactly what qemu.args loads behind bulkhead.bin:

  bulkhead.bin | pad to 4 KiB | copy table | each file once, 4 KiB aligned

The copy table is a count and (source offset from the image start,
destination, size) triples of little-endian u64. The boot CPU walks it
before anything else (arch/*/head.S unpack_payload), so after it memory
holds what QEMU's loader would have put there and boot goes on as usual.
The image header's "BHPAYLD\\0" slot (offset 64) gets the table's offset.

The copies are ordered here so that none overwrites a source or the table
still to be read; a layout where no such order exists is refused, as is a
destination in the hypervisor's own image or two destinations that meet.

The header is a Linux Image header (arm64 or RISC-V), so U-Boot's `booti`
takes the file: text_offset becomes HYP_BASE minus the RAM base (the
lowest bank: U-Boot's first), where booti moves the image from wherever
it was loaded, and image_size covers the whole file, which must fit in
RAM there. riscv64: the file is also wrapped in a U-Boot legacy image
header (64 bytes) with HYP_BASE as load and entry address: QEMU's -kernel
(the firmware's next stage under OpenSBI fw_dynamic) loads such a file
where it says, while a raw file would land at 0x80200000. See
docs/booting.md.

  mkbootimg.py --arch A --bin bulkhead.bin --qemu-args qemu.args
               --layout layout.ld --dtb merged.dtb --out bulkhead.img
               [--depfile bulkhead.img.d] [--name product]
"""

import argparse
import os
import re
import shlex
import struct
import sys
import zlib

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)),
                                'kconfig'))
import dtkeys  # noqa: E402

PAGE = 4096
PAYLOAD_SLOT = 64  # "BHPAYLD\0", then the table offset (u64)
PAYLOAD_MAGIC = b'BHPAYLD\0'
IMAGE_MAGIC = {'aarch64': (56, b'ARM\x64'), 'riscv64': (56, b'RSC\x05')}

# U-Boot legacy image header (include/image.h of U-Boot): big-endian.
UIMAGE_MAGIC = 0x27051956
IH_OS_LINUX, IH_ARCH_RISCV, IH_TYPE_KERNEL, IH_COMP_NONE = 5, 26, 2, 0


class Refusal(Exception):
    pass


def align(v, a):
    return (v + a - 1) // a * a


def split_qemu_option(text):
    """QEMU's key=value,... with ",," standing for a literal comma."""
    parts, cur, i = [], '', 0
    while i < len(text):
        if text[i] == ',' and text[i + 1:i + 2] == ',':
            cur, i = cur + ',', i + 2
        elif text[i] == ',':
            parts.append(cur)
            cur, i = '', i + 1
        else:
            cur, i = cur + text[i], i + 1
    parts.append(cur)
    return parts


def loader_entries(qemu_args):
    """(file, address) of every -device loader in a qemu.args file."""
    with open(qemu_args) as f:
        words = shlex.split(f.read(), comments=True)
    entries = []
    for opt, val in zip(words, words[1:]):
        if opt != '-device' or not val.startswith('loader,'):
            continue
        keys = dict(p.split('=', 1) for p in split_qemu_option(val)[1:]
                    if '=' in p)
        if 'file' not in keys or 'addr' not in keys:
            raise Refusal('loader without file or addr: %s' % val)
        entries.append((keys['file'], int(keys['addr'], 0)))
    return entries


def hyp_base(layout_ld):
    with open(layout_ld) as f:
        m = re.search(r'HYP_BASE\s*=\s*(0x[0-9a-fA-F]+|\d+)\s*;', f.read())
    if not m:
        raise Refusal('%s: no HYP_BASE' % layout_ld)
    return int(m.group(1), 0)


def cells(raw, n, at):
    v = 0
    for i in range(n):
        v = (v << 32) | struct.unpack_from('>I', raw, (at + i) * 4)[0]
    return v


def ram_banks(dtb):
    """(base, size) of each bank of the board's memory nodes."""
    with open(dtb, 'rb') as f:
        root = dtkeys.parse_fdt(f.read())
    ac = cells(root.props.get('#address-cells', b'\0\0\0\2'), 1, 0)
    sc = cells(root.props.get('#size-cells', b'\0\0\0\1'), 1, 0)
    banks = []
    for node in root.children:
        reg = node.props.get('reg', b'')
        if node.strings('device_type') != ['memory']:
            continue
        banks += [(cells(reg, ac, i), cells(reg, sc, i + ac))
                  for i in range(0, len(reg) // 4 - ac - sc + 1, ac + sc)]
    if not banks:
        raise Refusal('%s: no memory node' % dtb)
    return banks


def check_fits_ram(banks, base, size):
    """The whole file, at HYP_BASE, must be RAM: the loader puts it there
    (booti's move, QEMU's -kernel) before the boot CPU unpacks it."""
    if not any(b <= base and base + size <= b + n for b, n in banks):
        raise Refusal('bulkhead.img (0x%x bytes) at HYP_BASE 0x%x does not '
                      'fit in one RAM bank: put the hypervisor lower' %
                      (size, base))


class Copy:
    def __init__(self, path, src, dst, size):
        self.path, self.src, self.dst, self.size = path, src, dst, size


def overlaps(a, alen, b, blen):
    return a < b + blen and b < a + alen


def check_destinations(copies, protected):
    """Refuses a copy into the image or the table, or two that meet."""
    for c in copies:
        if c.dst % 8:
            raise Refusal('%s: address 0x%x is not a multiple of 8'
                          % (c.path, c.dst))
        for what, base, size in protected:
            if overlaps(c.dst, c.size, base, size):
                raise Refusal('%s at 0x%x-0x%x would overwrite %s at '
                              '0x%x-0x%x while it is in use' %
                              (c.path, c.dst, c.dst + c.size, what, base,
                               base + size))
    ordered = sorted(copies, key=lambda c: c.dst)
    for a, b in zip(ordered, ordered[1:]):
        if a.dst + a.size > b.dst:
            raise Refusal('%s at 0x%x and %s at 0x%x overlap'
                          % (a.path, a.dst, b.path, b.dst))


def copy_order(copies, base):
    """An order in which no copy overwrites the source of one still to
    come (its own source is fine: each copy is a memmove)."""
    left, done = list(copies), []
    while left:
        for c in left:
            if not any(o is not c and overlaps(c.dst, c.size,
                                               base + o.src, o.size)
                       for o in left):
                break
        else:
            raise Refusal('no order unpacks the zones\' images without one '
                          'overwriting another still to be copied: '
                          'move the hypervisor or the zones apart')
        left.remove(c)
        done.append(c)
    return done


def read_image(path, arch):
    with open(path, 'rb') as f:
        image = bytearray(f.read())
    at, magic = IMAGE_MAGIC[arch]
    if image[at:at + 4] != magic or \
            image[PAYLOAD_SLOT:PAYLOAD_SLOT + 8] != PAYLOAD_MAGIC:
        raise Refusal('%s: no %s Image header with a payload slot'
                      % (path, arch))
    return image


def plan(image, entries, base):
    """The table's offset and the copies, each file stored once after it."""
    (image_size,) = struct.unpack_from('<Q', image, 16)
    table_off = align(max(len(image), image_size), PAGE)
    off, blobs, copies = align(table_off + 8 + 24 * len(entries), PAGE), {}, []
    for path, addr in entries:
        if path not in blobs:
            blobs[path] = (off, os.path.getsize(path))
            off = align(off + blobs[path][1], PAGE)
        src, size = blobs[path]
        copies.append(Copy(path, src, addr, align(size, 8)))
    protected = [('the hypervisor image', base, table_off),
                 ('the copy table', base + table_off, 8 + 24 * len(copies))]
    check_destinations(copies, protected)
    return table_off, blobs, copy_order(copies, base), off


def pack(image, table_off, blobs, copies, end, text_offset):
    out = bytearray(end)
    out[:len(image)] = image
    struct.pack_into('<Q', out, PAYLOAD_SLOT + 8, table_off)
    struct.pack_into('<QQ', out, 8, text_offset, end)  # text_offset, size
    struct.pack_into('<Q', out, table_off, len(copies))
    for i, c in enumerate(copies):
        struct.pack_into('<3Q', out, table_off + 8 + 24 * i,
                         c.src, c.dst, c.size)
    for path, (off, size) in blobs.items():
        with open(path, 'rb') as f:
            out[off:off + size] = f.read()
    return out


def uimage(data, addr, name):
    """A U-Boot legacy kernel image: QEMU loads its data at @addr."""
    if addr >= 1 << 32:
        raise Refusal('HYP_BASE 0x%x: a U-Boot legacy image cannot say '
                      'an address above 4 GiB' % addr)
    fields = [UIMAGE_MAGIC, 0, 0, len(data), addr, addr,
              zlib.crc32(data), IH_OS_LINUX, IH_ARCH_RISCV, IH_TYPE_KERNEL,
              IH_COMP_NONE, name.encode()[:31]]
    fmt = '>7I4B32s'
    hdr = struct.pack(fmt, *fields)
    fields[1] = zlib.crc32(hdr)
    return struct.pack(fmt, *fields) + data


def write_depfile(path, target, deps):
    esc = lambda p: p.replace('\\', '\\\\').replace(' ', '\\ ')
    with open(path, 'w') as f:
        f.write('%s: %s\n' % (esc(target), ' '.join(esc(d) for d in deps)))


def main():
    ap = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    ap.add_argument('--arch', required=True, choices=sorted(IMAGE_MAGIC))
    for opt in ('--bin', '--qemu-args', '--layout', '--dtb', '--out'):
        ap.add_argument(opt, required=True)
    ap.add_argument('--depfile')
    ap.add_argument('--name', default='Bulkhead')
    args = ap.parse_args()
    try:
        base = hyp_base(args.layout)
        image = read_image(args.bin, args.arch)
        entries = loader_entries(args.qemu_args)
        table_off, blobs, copies, end = plan(image, entries, base)
        banks = ram_banks(args.dtb)
        check_fits_ram(banks, base, end)
        out = pack(image, table_off, blobs, copies, end,
                   base - min(b for b, _ in banks))
        if args.arch == 'riscv64':
            out = uimage(bytes(out), base, args.name)
    except (Refusal, OSError, dtkeys.DtError) as e:
        sys.exit('mkbootimg: error: %s' % e)
    with open(args.out, 'wb') as f:
        f.write(out)
    if args.depfile:
        write_depfile(args.depfile, args.out,
                      [args.bin, args.qemu_args] + list(blobs))


if __name__ == '__main__':
    main()
