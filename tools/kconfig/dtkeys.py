# SPDX-License-Identifier: Apache-2.0
"""Model keys a product's merged device tree uses (board DTS + overlay).

A key is "<class>:<compatible>[:<variant>]", the same spelling zonegen's
model table uses, so Kconfig (through dt_uses) and zonegen agree on what a
product needs:
  uart:<c>           each compatible of the node /chosen stdout-path names
  irqchip:<c>        each compatible of each board interrupt controller
                     (outside /bulkhead); plus vdev:<c> when there is a zone,
                     since every zone gets a virtual one
  vdev:<c>           each compatible of each child of a bulkhead,zone node
  vdev:<c>:<v>       ... when that child has bulkhead,virtio = "<v>"
  vdev:bulkhead,ivc  when /bulkhead has a bulkhead,ivc child

Every tool run is bounded by a timeout; any failure gives no keys at all
(the caller then configures as if the overlay used nothing and zonegen
reports the broken overlay in the build).
"""

import os
import signal
import struct
import subprocess
import tempfile

import vendordtb

STEP_TIMEOUT = 10
CPP = ['cpp', '-nostdinc', '-undef', '-x', 'assembler-with-cpp']
# Keys need no checks. dtc 1.6.1 loops forever in the ones that walk
# phandle arguments when a #*-cells is 0xffffffff: they are off. The
# overlay alone does not know its targets' cells: those checks fail.
DTC_QUIET = ['-q', '-Wno-reg_format', '-Wno-avoid_default_addr_size',
             '-Wno-interrupts_property', '-Wno-unit_address_vs_reg']
CELL_WALKING_CHECKS = [
    f'{c}_property' for c in (
        'clocks', 'cooling_device', 'dmas', 'hwlocks', 'interrupts_extended',
        'io_channels', 'iommus', 'mboxes', 'msi_parent', 'mux_controls',
        'phys', 'power_domains', 'pwms', 'resets', 'sound_dai',
        'thermal_sensors', 'gpios', 'interrupts')]
DTC_QUIET += ['-Wno-' + c for c in CELL_WALKING_CHECKS
              if c != 'interrupts_property']

FDT_MAGIC = 0xd00dfeed
FDT_BEGIN_NODE, FDT_END_NODE, FDT_PROP, FDT_NOP, FDT_END = 1, 2, 3, 4, 9


class DtError(Exception):
    pass


class Node:
    """One device-tree node: its name, properties (bytes) and children."""

    def __init__(self, name, parent=None):
        self.name = name
        self.parent = parent
        self.props = {}
        self.children = []

    def strings(self, prop):
        """A string-list property as str values."""
        raw = self.props.get(prop)
        return [] if raw is None else string_list(raw)

    def child(self, name):
        for c in self.children:
            if c.name == name:
                return c
        return None

    def walk(self):
        yield self
        for c in self.children:
            yield from c.walk()


def string_list(raw):
    """The strings of a property value (undecodable bytes kept as escapes:
    a key never matches them, nothing raises)."""
    return [s.decode('utf-8', 'backslashreplace')
            for s in raw.rstrip(b'\0').split(b'\0') if s]


def _cstring(blob, off, limit):
    end = blob.find(b'\0', off, limit)
    if end < 0:
        raise DtError('unterminated string in the DTB')
    return blob[off:end], end + 1


def _align4(off):
    return (off + 3) & ~3


def parse_fdt(blob):
    """The tree of a flattened device tree (only what key finding needs)."""
    if len(blob) < 40:
        raise DtError('DTB too short')
    magic, total, off_struct, off_strings = struct.unpack_from('>4I', blob)
    size_strings, size_struct = struct.unpack_from('>2I', blob, 32)
    if magic != FDT_MAGIC or total > len(blob):
        raise DtError('not a DTB')
    end = min(off_struct + size_struct, total)
    str_end = min(off_strings + size_strings, total)
    root, node, off = None, None, off_struct
    while off + 4 <= end:
        (tag,) = struct.unpack_from('>I', blob, off)
        off += 4
        if tag == FDT_BEGIN_NODE:
            name, off = _cstring(blob, off, end)
            off = _align4(off)
            new = Node(name.decode('utf-8', 'backslashreplace'), node)
            if node is None:
                root = new
            else:
                node.children.append(new)
            node = new
        elif tag == FDT_END_NODE:
            if node is None:
                raise DtError('unbalanced DTB')
            node = node.parent
        elif tag == FDT_PROP:
            length, nameoff = struct.unpack_from('>2I', blob, off)
            off += 8
            name, _ = _cstring(blob, off_strings + nameoff, str_end)
            if node is None or off + length > end:
                raise DtError('bad property in the DTB')
            node.props[name.decode('utf-8', 'backslashreplace')] = \
                blob[off:off + length]
            off = _align4(off + length)
        elif tag == FDT_END:
            break
        elif tag != FDT_NOP:
            raise DtError('bad tag %#x in the DTB' % tag)
    if root is None:
        raise DtError('empty DTB')
    return root


def find_path(root, path):
    node = root
    for part in [p for p in path.split('/') if p]:
        node = node.child(part) or next(
            (c for c in node.children if c.name.split('@')[0] == part), None)
        if node is None:
            return None
    return node


def _stdout_node(root):
    chosen = root.child('chosen')
    paths = chosen.strings('stdout-path') if chosen else []
    if not paths:
        return None
    path = paths[0].split(':', 1)[0]
    if not path.startswith('/'):
        aliases = root.child('aliases')
        alias = aliases.strings(path) if aliases else []
        path = alias[0] if alias else ''
    return find_path(root, path) if path.startswith('/') else None


def _is(node, compatible):
    return compatible in node.strings('compatible')


def keys_of_tree(root):
    """The set of model keys the merged tree uses."""
    keys = set()
    uart = _stdout_node(root)
    if uart is not None:
        keys.update('uart:' + c for c in uart.strings('compatible'))
    hyp = root.child('bulkhead')
    zones = [n for n in hyp.walk() if _is(n, 'bulkhead,zone')] if hyp else []
    for node in root.walk():
        if node is hyp:
            continue
        if 'interrupt-controller' in node.props and \
                not _under(node, hyp):
            for c in node.strings('compatible'):
                keys.add('irqchip:' + c)
                if zones:
                    keys.add('vdev:' + c)
    for zone in zones:
        for dev in zone.children:
            variants = dev.strings('bulkhead,virtio')
            for c in dev.strings('compatible'):
                keys.add('vdev:' + c)
                keys.update('vdev:%s:%s' % (c, v) for v in variants[:1])
    if hyp and any(_is(c, 'bulkhead,ivc') for c in hyp.children):
        keys.add('vdev:bulkhead,ivc')
    return keys


def _under(node, ancestor):
    while node is not None:
        if node is ancestor:
            return True
        node = node.parent
    return False


def run_bounded(cmd, timeout, stdout=subprocess.PIPE):
    """subprocess.run with a deadline that stops the whole process group
    (cc -E runs cc1; killing only cc would leave it running)."""
    with subprocess.Popen(cmd, stdout=stdout, stderr=subprocess.PIPE,
                          start_new_session=True) as proc:
        try:
            out, err = proc.communicate(timeout=timeout)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.communicate()
            raise
    return subprocess.CompletedProcess(cmd, proc.returncode, out, err)


def _run(cmd, about):
    """Runs one tool on behalf of the user's file @about."""
    tool = os.path.basename(cmd[0])
    try:
        proc = run_bounded(cmd, STEP_TIMEOUT, stdout=subprocess.DEVNULL)
    except (OSError, subprocess.SubprocessError) as err:
        raise DtError('%s on %s: %s' % (tool, about, err)) from err
    if proc.returncode != 0:
        lines = proc.stderr.decode('utf-8', 'backslashreplace').splitlines()
        raise DtError('%s failed on %s: %s' % (
            tool, about, lines[0] if lines else 'exit status %d'
            % proc.returncode))


def read_deps(path):
    """The prerequisites of a make-style depfile written by cpp -MD."""
    try:
        with open(path, encoding='utf-8', errors='surrogateescape') as f:
            text = f.read()
    except OSError:
        return []
    text = text.replace('\\\n', ' ')
    _, _, deps = text.partition(': ')
    # cpp escapes a space in a file name as "\ ".
    words = deps.replace('\\ ', '\0').split()
    return [w.replace('\0', ' ') for w in words]


def merged_tree(board_dts, overlay, tmp, vendor_dtb=None):
    """cpp + dtc each source, fdtoverlay them; returns (root, inputs).
    With @vendor_dtb, @board_dts is the board's corrections.dtsi and the
    board source is the decompiled DTB plus them (vendordtb.py)."""
    out = lambda name: os.path.join(tmp, name)
    inputs = [vendor_dtb] if vendor_dtb else []
    board_src = board_dts
    if vendor_dtb:
        _run(['dtc', '-q', '-I', 'dtb', '-O', 'dts', '-o', out('vendor.dts'),
              vendor_dtb], vendor_dtb)
        board_src = out('board-src.dts')
        with open(board_src, 'w', encoding='utf-8',
                  errors='surrogateescape') as f:
            f.write(vendordtb.wrapper_text(os.path.abspath(board_dts)))
    for src, name in ((board_src, 'board'), (overlay, 'product')):
        incs = ['-I', os.path.dirname(os.path.abspath(src)),
                '-I', os.path.dirname(os.path.abspath(board_dts))]
        _run(CPP + incs + ['-MD', '-MF', out(name + '.d'), '-MT', 'x',
                           src, '-o', out(name + '.dts')], src)
        inputs += read_deps(out(name + '.d'))
        _run(['dtc', '-@', '-I', 'dts', '-O', 'dtb'] + DTC_QUIET +
             ['-o', out(name + '.dtb'), out(name + '.dts')], src)
    _run(['fdtoverlay', '-i', out('board.dtb'), '-o', out('merged.dtb'),
          out('product.dtb')], overlay)
    with open(out('merged.dtb'), 'rb') as f:
        return parse_fdt(f.read()), inputs


def product_keys(board_dts, overlay, vendor_dtb=None):
    """(keys, input files, error or None) for one product; never raises."""
    inputs = [os.path.abspath(p) for p in (board_dts, overlay) if p]
    if not board_dts or not overlay:
        return set(), inputs, 'board DTS or overlay not found'
    try:
        with tempfile.TemporaryDirectory(prefix='bulkhead-dtkeys-') as tmp:
            root, deps = merged_tree(board_dts, overlay, tmp, vendor_dtb)
            inputs += [os.path.abspath(p) for p in deps
                       if not p.startswith(tmp)]
            return keys_of_tree(root), sorted(set(inputs)), None
    except (DtError, OSError, ValueError, struct.error, RecursionError) as err:
        return set(), sorted(set(inputs)), str(err)
