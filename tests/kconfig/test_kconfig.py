#!/usr/bin/python3
# SPDX-License-Identifier: Apache-2.0
"""Host tests of tools/kconfig: device-tree model keys, dt_uses defaults,
models table, depfile, randconfig and the defconfig round trip.

  python3 tests/kconfig/test_kconfig.py [--srctree DIR] [unittest args]
  python3 -m unittest discover -s tests/kconfig     (srctree from here)
"""

import glob
import os
import random
import subprocess
import sys
import tempfile
import unittest

SRCTREE = os.environ.get('BULKHEAD_SRCTREE') or os.path.dirname(
    os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
PYTHON = '/usr/bin/python3' if os.path.exists('/usr/bin/python3') \
    else sys.executable


def srcpath(*parts):
    return os.path.join(SRCTREE, *parts)


def dtkeys():
    sys.path.insert(0, srcpath('tools', 'kconfig'))
    import dtkeys as mod
    return mod


def kconfig(*args, check=True):
    proc = subprocess.run([PYTHON, srcpath('tools/kconfig/kconfig.py'),
                           '--srctree', SRCTREE] + list(args),
                          capture_output=True, text=True, check=False)
    if check and proc.returncode:
        raise AssertionError('kconfig.py %s: %s' % (' '.join(args),
                                                     proc.stderr))
    return proc


def board_dts(board):
    return srcpath('boards', board, board + '.dts')


class Tmp(unittest.TestCase):
    def setUp(self):
        self.tmp = tempfile.TemporaryDirectory(prefix='kconfig-test-')
        self.dir = self.tmp.name

    def tearDown(self):
        self.tmp.cleanup()

    def path(self, name):
        return os.path.join(self.dir, name)

    def write(self, name, data):
        mode = 'wb' if isinstance(data, bytes) else 'w'
        with open(self.path(name), mode) as f:
            f.write(data)
        return self.path(name)

    def configure(self, product):
        cfg = self.path('.config')
        kconfig('--config', cfg, 'defconfig',
                srcpath('configs', product + '_defconfig'))
        return cfg

    def values(self, cfg):
        with open(cfg, encoding='utf-8') as f:
            return dict(l.strip().split('=', 1) for l in f
                        if l.startswith('CONFIG_'))


class KeysTest(Tmp):
    def keys(self, board, product):
        keys, inputs, err = dtkeys().product_keys(
            board_dts(board), srcpath('dts/products', board, product))
        self.assertIsNone(err)
        return keys, inputs

    def test_aarch64_virtio_product(self):
        keys, inputs = self.keys('qemu-virt-aarch64', 'virtio.dtso')
        for key in ('uart:arm,pl011', 'irqchip:arm,gic-v3', 'vdev:arm,gic-v3',
                    'vdev:arm,pl011', 'vdev:virtio,mmio',
                    'vdev:virtio,mmio:block', 'vdev:virtio,mmio:net',
                    'vdev:virtio,mmio:console'):
            self.assertIn(key, keys)
        self.assertNotIn('vdev:bulkhead,ivc', keys)
        self.assertIn(srcpath('dts/products/qemu-virt-aarch64/'
                              'virtio-linux-zone.dtsi'), inputs)

    def test_riscv_ivc_product(self):
        keys, _ = self.keys('qemu-virt-riscv64', 'ivc.dtso')
        for key in ('uart:ns16550a', 'irqchip:riscv,plic0',
                    'vdev:riscv,plic0', 'vdev:bulkhead,ivc'):
            self.assertIn(key, keys)
        self.assertNotIn('uart:arm,pl011', keys)

    def test_broken_overlay_gives_no_keys(self):
        bad = self.write('bad.dtso',
                         b'/dts-v1/;\n/plugin/;\n&{/} { x = <1; };\n')
        keys, inputs, err = dtkeys().product_keys(
            board_dts('qemu-virt-aarch64'), bad)
        self.assertEqual(keys, set())
        self.assertIn('syntax error', err)
        self.assertIn(bad, inputs)

    def test_non_utf8_bytes_never_raise(self):
        ovl = self.write('bytes.dtso', b'/dts-v1/;\n/plugin/;\n&{/} {\n'
                         b'\tbulkhead { z { compatible = "bulkhead,zone";\n'
                         b'\t\td { compatible = "\xff\xfe"; }; }; };\n};\n')
        keys, _, err = dtkeys().product_keys(
            board_dts('qemu-virt-aarch64'), ovl)
        self.assertIsNone(err)
        self.assertIn('vdev:\\xff\\xfe', keys)

    def test_fdt_walker_survives_garbage(self):
        mod = dtkeys()
        rng = random.Random(11)
        good = self.good_dtb()
        for _ in range(300):
            blob = bytearray(good)
            for _ in range(rng.randint(1, 8)):
                blob[rng.randrange(len(blob))] = rng.randrange(256)
            blob = bytes(blob[:rng.randint(0, len(blob))])
            try:
                mod.parse_fdt(blob)
            except mod.DtError:
                pass

    def good_dtb(self):
        out = self.path('board.dtb')
        subprocess.run(['dtc', '-q', '-I', 'dts', '-O', 'dtb', '-o', out,
                        self.write('t.dts', '/dts-v1/;\n/ { a { b = "c"; '
                                   'interrupt-controller; }; };\n')],
                       check=True)
        with open(out, 'rb') as f:
            return f.read()


class KconfigTest(Tmp):
    def test_every_defconfig_round_trips(self):
        for path in sorted(glob.glob(srcpath('configs', '*_defconfig'))):
            cfg = self.path('rt.config')
            kconfig('--config', cfg, 'defconfig', path)
            kconfig('--config', cfg, 'savedefconfig', self.path('min'))
            with open(path, encoding='utf-8') as f:
                want = {l for l in f.read().splitlines()
                        if 'CONFIG_' in l and '_BOARD_QEMU_VIRT_' not in l}
            with open(self.path('min'), encoding='utf-8') as f:
                got = {l for l in f.read().splitlines()
                       if 'CONFIG_' in l and '_BOARD_QEMU_VIRT_' not in l}
            self.assertEqual(want, got, path)

    def test_overlay_forces_its_models(self):
        cfg = self.configure('qemu-virt-aarch64-virtio')
        vals = self.values(cfg)
        for sym in ('VIRTIO_MMIO', 'VIRTIO_BLK', 'VIRTIO_NET',
                    'VIRTIO_CONSOLE', 'VGIC_V3', 'VUART_PL011'):
            self.assertEqual(vals.get('CONFIG_' + sym), 'y', sym)
        self.assertNotIn('CONFIG_IVC', vals)

    def test_forced_model_turned_off_is_rejected(self):
        cfg = self.configure('qemu-virt-aarch64-virtio')
        with open(cfg, 'a', encoding='utf-8') as f:
            f.write('# CONFIG_VIRTIO_BLK is not set\n')
        proc = kconfig('--config', cfg, 'check', check=False)
        self.assertEqual(proc.returncode, 1)
        self.assertIn('CONFIG_VIRTIO_BLK=n cannot be used', proc.stderr)
        self.assertIn('the product overlay uses it: vdev:virtio,mmio:block',
                      proc.stderr)

    def test_merging_another_overlay_takes_its_models(self):
        cfg = self.configure('qemu-virt-aarch64')
        self.assertNotIn('CONFIG_IVC', self.values(cfg))
        frag = self.write('frag', 'CONFIG_PRODUCT_OVERLAY='
                          '"dts/products/qemu-virt-aarch64/ivc.dtso"\n')
        kconfig('--config', cfg, 'merge', frag)
        self.assertEqual(self.values(cfg).get('CONFIG_IVC'), 'y')
        off = self.write('off', '# CONFIG_IVC is not set\n')
        proc = kconfig('--config', cfg, 'merge', off, check=False)
        self.assertEqual(proc.returncode, 1)
        self.assertIn('the product overlay uses it: vdev:bulkhead,ivc',
                      proc.stderr)

    def test_unused_model_stays_optional(self):
        cfg = self.configure('qemu-virt-aarch64-demo')
        frag = self.write('frag',
                          'CONFIG_VIRTIO_MMIO=y\nCONFIG_VIRTIO_BLK=y\n')
        kconfig('--config', cfg, 'merge', frag)
        self.assertEqual(self.values(cfg).get('CONFIG_VIRTIO_BLK'), 'y')

    def test_models_table(self):
        cfg = self.configure('qemu-virt-riscv64-ivc')
        kconfig('--config', cfg, 'models', self.path('models.txt'))
        with open(self.path('models.txt'), encoding='utf-8') as f:
            rows = [l.rstrip('\n').split('\t') for l in f
                    if not l.startswith('#')]
        self.assertTrue(all(len(r) == 4 for r in rows), rows)
        table = {(r[0], r[1]): (r[2], r[3]) for r in rows}
        self.assertEqual(table[('vdev:bulkhead,ivc', 'CONFIG_IVC')],
                         ('y', 'Drivers > Inter-zone channels'))
        self.assertEqual(
            table[('vdev:virtio,mmio:block', 'CONFIG_VIRTIO_BLK')],
            ('n', 'Drivers > virtio devices for zones > virtio-blk'))
        plic = table[('irqchip:riscv,plic0', 'CONFIG_IRQCHIP_PLIC')]
        self.assertEqual(plic[0], 'y')

    def test_genconfig_depfile_and_models(self):
        cfg = self.configure('qemu-virt-aarch64-linux')
        kconfig('--config', cfg, 'genconfig', self.path('config.h'),
                '--models', self.path('m.txt'), '--depfile', self.path('c.d'))
        with open(self.path('c.d'), encoding='utf-8') as f:
            dep = f.read().replace('\\\n', ' ')
        target, _, deps = dep.partition(': ')
        self.assertEqual(target, self.path('config.h'))
        for f in (srcpath('drivers/virtio/Kconfig'),
                  board_dts('qemu-virt-aarch64'),
                  srcpath('dts/products/qemu-virt-aarch64/linux.dtso'),
                  srcpath('dts/products/qemu-virt-aarch64/linux-zone.dtsi')):
            self.assertIn(f, deps.split())
        self.assertTrue(os.path.getsize(self.path('m.txt')) > 0)

    def test_randconfig_is_reproducible_and_keeps_the_product(self):
        outs = []
        for seed in (7, 7, 8):
            cfg = self.configure('qemu-virt-aarch64-virtio')
            with open(cfg, 'a', encoding='utf-8') as f:
                f.write('CONFIG_TOOLCHAIN_CLANG=y\n')
            kconfig('--config', cfg, 'olddefconfig')
            kconfig('--config', cfg, 'randconfig', '--seed', str(seed))
            kconfig('--config', cfg, 'check')
            vals = self.values(cfg)
            self.assertEqual(vals['CONFIG_TOOLCHAIN_CLANG'], 'y')
            self.assertEqual(vals['CONFIG_PRODUCT_OVERLAY'],
                             '"dts/products/qemu-virt-aarch64/virtio.dtso"')
            self.assertEqual(vals['CONFIG_BOARD_QEMU_VIRT_AARCH64'], 'y')
            self.assertEqual(vals['CONFIG_VIRTIO_BLK'], 'y')
            outs.append(vals)
        self.assertEqual(outs[0], outs[1])

    def test_randconfig_varies_the_options(self):
        seen = set()
        for seed in range(6):
            cfg = self.configure('qemu-virt-riscv64-demo')
            kconfig('--config', cfg, 'randconfig', '--seed', str(seed))
            seen.add(self.values(cfg).get('CONFIG_RISCV_SSTC', 'n'))
        self.assertEqual(seen, {'y', 'n'})

    def test_broken_overlay_does_not_crash(self):
        cfg = self.configure('qemu-virt-aarch64-demo')
        bad = self.write('bad.dtso', b'/dts-v1/;\n\xff\xfe garbage {\n')
        frag = self.write('frag', 'CONFIG_PRODUCT_OVERLAY="%s"\n' % bad)
        proc = kconfig('--config', cfg, 'merge', frag, check=False)
        self.assertEqual(proc.returncode, 0, proc.stderr)
        self.assertIn('device models not preselected', proc.stderr)
        self.assertNotIn('Traceback', proc.stderr)


def main():
    global SRCTREE
    argv = sys.argv[:1]
    args = iter(sys.argv[1:])
    for arg in args:
        if arg == '--srctree':
            SRCTREE = os.path.abspath(next(args))
        elif arg.startswith('--srctree='):
            SRCTREE = os.path.abspath(arg.split('=', 1)[1])
        else:
            argv.append(arg)
    unittest.main(argv=argv)


if __name__ == '__main__':
    main()
