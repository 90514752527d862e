#!/usr/bin/python3
# SPDX-License-Identifier: Apache-2.0
"""Host tests of tools/mkbootimg.py: the copy table it writes, once
replayed the way head.S's unpack_payload does, leaves every file where
qemu.args would have loaded it; the layouts it must refuse are refused."""

import os
import struct
import sys
import tempfile
import unittest
import zlib

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)),
                                '..', '..', 'tools'))
import mkbootimg  # noqa: E402

BASE = 0x40000000
RAM = 0x40000000


def fake_bin(arch, size=0x3000, image_size=0x5000):
    """A bulkhead.bin: the Image header's magic, the payload slot, and
    image_size (offset 16) larger than the file, as .bss makes it."""
    b = bytearray(os.urandom(size))
    at, magic = mkbootimg.IMAGE_MAGIC[arch]
    b[at:at + 4] = magic
    b[64:72] = mkbootimg.PAYLOAD_MAGIC
    b[72:80] = bytes(8)
    struct.pack_into('<Q', b, 16, image_size)
    return b


def unpack(img, base):
    """head.S's unpack_payload on a sparse memory model (address -> byte):
    the file at @base, then each copy in table order, memmove-like."""
    (table,) = struct.unpack_from('<Q', img, 72)
    (count,) = struct.unpack_from('<Q', img, table)
    mem = {base + i: v for i, v in enumerate(img)}
    for i in range(count):
        src, dst, size = struct.unpack_from('<3Q', img, table + 8 + 24 * i)
        data = [mem.get(base + src + k, 0) for k in range(size)]
        mem.update((dst + k, v) for k, v in enumerate(data))
    return mem


def read(mem, addr, size):
    return bytes(mem.get(addr + k, 0) for k in range(size))


class Files:
    """Temporary guest images of given sizes."""

    def __init__(self, sizes, test):
        self.dir = tempfile.TemporaryDirectory()
        test.addCleanup(self.dir.cleanup)
        self.paths = []
        for i, n in enumerate(sizes):
            p = os.path.join(self.dir.name, 'img %d,x' % i)
            with open(p, 'wb') as f:
                f.write(os.urandom(n))
            self.paths.append(p)

    def data(self, i):
        with open(self.paths[i], 'rb') as f:
            return f.read()


def build(image, entries, base=BASE):
    table_off, blobs, copies, end = mkbootimg.plan(image, entries, base)
    return mkbootimg.pack(image, table_off, blobs, copies, end, base - RAM)


class QemuArgs(unittest.TestCase):
    def test_comma_and_quotes(self):
        with tempfile.NamedTemporaryFile('w', suffix='.args') as f:
            f.write("-device 'loader,file=/a b/c,,d,addr=0x1000,force-raw=on'"
                    " -drive file=x,if=none -device loader,file=/e,addr=8\n")
            f.flush()
            self.assertEqual(mkbootimg.loader_entries(f.name),
                             [('/a b/c,d', 0x1000), ('/e', 8)])


class Unpack(unittest.TestCase):
    def test_every_file_lands_where_qemu_loads_it(self):
        files = Files([0x1234, 0x800, 0x10], self)
        entries = [(files.paths[0], 0x48000000), (files.paths[0], 0x78000000),
                   (files.paths[1], 0x50000000), (files.paths[2], 0x50001000)]
        img = build(fake_bin('aarch64'), entries)
        mem = unpack(img, BASE)
        for path, addr in entries:
            data = files.data(files.paths.index(path))
            self.assertEqual(read(mem, addr, len(data)), data)

    def test_header_says_where_and_how_big(self):
        files = Files([0x100], self)
        img = build(fake_bin('aarch64'), [(files.paths[0], 0x48000000)],
                    base=RAM + 0x200000)
        text_offset, image_size = struct.unpack_from('<QQ', img, 8)
        self.assertEqual(text_offset, 0x200000)
        self.assertEqual(image_size, len(img))
        self.assertEqual(len(img) % mkbootimg.PAGE, 0)
        # The payload starts after .bss (image_size of the bin), not the bin.
        self.assertGreaterEqual(struct.unpack_from('<Q', img, 72)[0], 0x5000)

    def test_a_copy_into_the_payload_waits_for_what_it_covers(self):
        # The second file's destination is where the third one lies in the
        # payload, just behind the hypervisor: the third is copied first.
        files = Files([0x2000, 0x100, 0x1800], self)
        image = fake_bin('aarch64')
        entries = [(files.paths[0], 0x48000000), (files.paths[1], 0x4a000000),
                   (files.paths[2], 0x49000000)]
        _, blobs, _, _ = mkbootimg.plan(image, entries, BASE)
        entries[1] = (files.paths[1], BASE + blobs[files.paths[2]][0])
        img = build(image, entries)
        (table,) = struct.unpack_from('<Q', img, 72)
        dsts = [struct.unpack_from('<3Q', img, table + 8 + 24 * i)[1]
                for i in range(3)]
        self.assertEqual(dsts, [0x48000000, 0x49000000, entries[1][1]])
        mem = unpack(img, BASE)
        for i, (_, addr) in enumerate(entries):
            self.assertEqual(read(mem, addr, len(files.data(i))),
                             files.data(i))


class Refusals(unittest.TestCase):
    def refuse(self, entries, image=None, text=''):
        with self.assertRaises(mkbootimg.Refusal) as cm:
            mkbootimg.plan(image or fake_bin('aarch64'), entries, BASE)
        self.assertIn(text, str(cm.exception))

    def test_into_the_hypervisor_image(self):
        files = Files([0x100], self)
        self.refuse([(files.paths[0], BASE + 0x1000)], text='hypervisor image')

    def test_destinations_that_meet(self):
        files = Files([0x100, 0x100], self)
        self.refuse([(files.paths[0], 0x48000000),
                     (files.paths[1], 0x48000080)], text='overlap')

    def test_misaligned(self):
        files = Files([0x100], self)
        self.refuse([(files.paths[0], 0x48000004)], text='multiple of 8')

    def test_no_order(self):
        # Each file's destination covers the other's source.
        files = Files([0x1000, 0x1000], self)
        _, blobs, _, _ = mkbootimg.plan(
            fake_bin('aarch64'), [(p, 0x48000000 + i * 0x1000)
                                  for i, p in enumerate(files.paths)], BASE)
        a, b = (BASE + blobs[p][0] for p in files.paths)
        self.refuse([(files.paths[0], b), (files.paths[1], a)],
                    text='no order')


class Ram(unittest.TestCase):
    def test_file_must_fit_a_bank(self):
        banks = [(0x40000000, 0x40000000), (0x100000000, 0x40000000)]
        mkbootimg.check_fits_ram(banks, 0x7f000000, 0x1000000)
        with self.assertRaises(mkbootimg.Refusal):
            mkbootimg.check_fits_ram(banks, 0x7f000000, 0x1000001)


class RiscvWrapper(unittest.TestCase):
    def test_legacy_header_loads_at_hyp_base(self):
        data = os.urandom(100)
        img = mkbootimg.uimage(data, 0xbe000000, 'Bulkhead test')
        f = struct.unpack('>7I4B32s', img[:64])
        self.assertEqual(f[0], mkbootimg.UIMAGE_MAGIC)
        self.assertEqual((f[3], f[4], f[5]), (100, 0xbe000000, 0xbe000000))
        self.assertEqual(f[6], zlib.crc32(data))
        hdr = bytearray(img[:64])
        hdr[4:8] = bytes(4)
        self.assertEqual(f[1], zlib.crc32(hdr))
        self.assertEqual(img[64:], data)

    def test_above_4g_refused(self):
        with self.assertRaises(mkbootimg.Refusal):
            mkbootimg.uimage(b'x', 1 << 32, 'x')

    def test_riscv_header_checked(self):
        with self.assertRaises(mkbootimg.Refusal):
            with tempfile.NamedTemporaryFile() as f:
                f.write(fake_bin('aarch64'))
                f.flush()
                mkbootimg.read_image(f.name, 'riscv64')


if __name__ == '__main__':
    unittest.main()
