#!/usr/bin/python3
# SPDX-License-Identifier: Apache-2.0
"""Builds the Linux guests' initramfs (newc cpio, gzip) from Debian parts.

    mkinitramfs.py --cache CACHE [--arch arm64|riscv64] --init INIT \\
                   --module NAME ... -o initramfs.cpio.gz [--depfile FILE]

CACHE is the guest cache (~/.cache/bulkhead). In CACHE/ARCH, tools/deps.sh
unpacked root/bin/busybox (Debian's busybox-static), root/lib/modules/
<release>/ (Debian's kernel modules) and made vmlinuz, a link to
root/boot/vmlinuz-<release> that names the release.

The archive holds busybox, INIT as /init, each --program in /usr/bin, each --module with the modules
it depends on (read from the .modinfo "depends=" of each .ko, which is
what depmod would write to modules.dep; Debian runs depmod at install
time, so an unpacked package has no modules.dep), a modules.dep for
busybox modprobe, /etc/modules-boot (module paths in load order, for
/init) and /dev/console, which the kernel opens before /init runs.
Every entry has uid 0 and mtime 0: the same inputs give the same bytes.
"""

import argparse
import gzip
import lzma
import os
import stat
import struct
import sys

MISSING_HINT = "run 'make deps' to unpack Debian's arm64/riscv64 kernel and busybox"


class BuildError(Exception):
    pass


class Cpio:
    """A newc ("070701") archive written to memory."""

    def __init__(self):
        self.data = bytearray()
        self.ino = 0
        self.dirs = set()

    def add(self, name, mode, body=b"", rdev=(0, 0)):
        self.ino += 1
        name_b = name.encode() + b"\0"
        fields = (self.ino, mode, 0, 0, 2 if stat.S_ISDIR(mode) else 1, 0,
                  len(body), 0, 0, rdev[0], rdev[1], len(name_b), 0)
        self.data += b"070701" + b"".join(b"%08x" % f for f in fields)
        self.data += name_b
        self.pad()
        self.data += body
        self.pad()

    def pad(self):
        self.data += b"\0" * (-len(self.data) % 4)

    def mkdir(self, path):
        """Adds path and its missing parents (no leading slash)."""
        if not path:
            return
        parent = os.path.dirname(path)
        if parent and parent not in self.dirs:
            self.mkdir(parent)
        if path not in self.dirs:
            self.dirs.add(path)
            self.add(path, stat.S_IFDIR | 0o755)

    def file(self, path, body, perm=0o644):
        self.mkdir(os.path.dirname(path))
        self.add(path, stat.S_IFREG | perm, body)

    def finish(self):
        self.add("TRAILER!!!", 0)
        return bytes(self.data)


def need(path):
    if not os.path.exists(path):
        raise BuildError("%s is missing: %s" % (path, MISSING_HINT))
    return path


def read(path):
    with open(need(path), "rb") as f:
        data = f.read()
    # Debian 13 ships its modules xz-compressed: the archive carries them
    # plain, which every insmod reads.
    return lzma.decompress(data) if path.endswith(".ko.xz") else data


def plain_ko(path):
    """The name a module has in the archive (without a .xz)."""
    return path[:-3] if path.endswith(".ko.xz") else path


def kernel_release(cache):
    """The release of the kernel deps.sh linked as CACHE/<arch>/vmlinuz
    (Debian's riscv64 package names it vmlinux-<release>)."""
    target = os.path.basename(os.path.realpath(need(os.path.join(cache, "vmlinuz"))))
    for prefix in ("vmlinuz-", "vmlinux-"):
        if target.startswith(prefix):
            return target[len(prefix):]
    raise BuildError("%s/vmlinuz points to %s, not a vmlinuz-<release>: %s"
                     % (cache, target, MISSING_HINT))


def modinfo(ko):
    """The key=value pairs of a module's .modinfo section."""
    data = read(ko)
    if data[:4] != b"\x7fELF" or data[4] != 2 or data[5] != 1:
        raise BuildError("%s: not a little-endian ELF64 module" % ko)
    shoff, = struct.unpack_from("<Q", data, 0x28)
    shentsize, shnum, shstrndx = struct.unpack_from("<HHH", data, 0x3a)

    def section(i):
        name, _, _, _, off, size = struct.unpack_from("<IIQQQQ", data, shoff + i * shentsize)
        return name, data[off:off + size]

    names = section(shstrndx)[1]
    for i in range(shnum):
        name, body = section(i)
        if names[name:names.index(b"\0", name)] == b".modinfo":
            pairs = (kv.decode().partition("=") for kv in body.split(b"\0") if kv)
            return {k: v for k, _, v in pairs}
    raise BuildError("%s: no .modinfo section" % ko)


def norm(name):
    return name.replace("-", "_")


def index_modules(moddir):
    """{module name: path relative to moddir} of every .ko in the tree."""
    found = {}
    for top, _, files in os.walk(os.path.join(moddir, "kernel")):
        for f in files:
            for ext in (".ko", ".ko.xz"):
                if f.endswith(ext):
                    path = os.path.relpath(os.path.join(top, f), moddir)
                    found[norm(f[:-len(ext)])] = path
    return found


def builtin_modules(moddir):
    with open(need(os.path.join(moddir, "modules.builtin"))) as f:
        return {norm(os.path.basename(line.strip())[:-3]) for line in f if line.strip()}


def resolve(wanted, moddir):
    """Module paths in load order (dependencies first) and their deps."""
    index, builtin = index_modules(moddir), builtin_modules(moddir)
    order, deps = [], {}

    def visit(name, chain):
        name = norm(name)
        if name in builtin or index.get(name) in deps:
            return
        if name in chain:
            raise BuildError("module dependency loop: %s" % " -> ".join(chain + [name]))
        if name not in index:
            raise BuildError("module %s is neither built in nor in %s" % (name, moddir))
        path = index[name]
        needs = [d for d in modinfo(os.path.join(moddir, path)).get("depends", "").split(",") if d]
        for dep in needs:
            visit(dep, chain + [name])
        deps[path] = [index[norm(d)] for d in needs if norm(d) in index]
        order.append(path)

    for name in wanted:
        visit(name, [])
    return order, deps


def build(opt):
    cache = os.path.join(opt.cache, opt.arch)
    root = os.path.join(cache, "root")
    release = kernel_release(cache)
    moddir = need(os.path.join(root, "lib", "modules", release))
    order, deps = resolve(opt.module, moddir)

    cpio = Cpio()
    for d in ("bin", "sbin", "usr/bin", "usr/sbin", "dev", "proc", "sys", "tmp",
              "root", "etc", "mnt"):
        cpio.mkdir(d)
    cpio.add("dev/console", stat.S_IFCHR | 0o600, rdev=(5, 1))
    # The kernel link too: a new release means other modules.
    inputs = [os.path.join(root, "bin", "busybox"), opt.init, os.path.join(cache, "vmlinuz")]
    cpio.file("bin/busybox", read(inputs[0]), 0o755)
    cpio.file("init", read(opt.init), 0o755)
    # Programs built with the image (the bulkhead tool): /usr/bin/<name>.
    for prog in opt.program:
        inputs.append(prog)
        cpio.file("usr/bin/" + os.path.basename(prog), read(prog), 0o755)

    modroot = "lib/modules/" + release
    for path in order:
        inputs.append(os.path.join(moddir, path))
        cpio.file(modroot + "/" + plain_ko(path), read(inputs[-1]))
    cpio.file(modroot + "/modules.dep", "".join(
        "%s:%s\n" % (plain_ko(p), "".join(" " + plain_ko(d) for d in deps[p]))
        for p in order).encode())
    cpio.file("etc/modules-boot", "".join(
        "/%s/%s\n" % (modroot, plain_ko(p)) for p in order).encode())
    return gzip.compress(cpio.finish(), compresslevel=9, mtime=0), inputs


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--cache", required=True, help="the guest cache directory (make deps)")
    ap.add_argument("--arch", default="arm64", choices=("arm64", "riscv64"),
                    help="whose Debian parts (a CACHE subdirectory)")
    ap.add_argument("--init", required=True, help="the /init script")
    ap.add_argument("--module", action="append", default=[], help="a module to load at boot")
    ap.add_argument("--program", action="append", default=[],
                    help="a program to install as /usr/bin/<its name>")
    ap.add_argument("-o", "--output", required=True)
    ap.add_argument("--depfile")
    opt = ap.parse_args()
    try:
        if not opt.cache:
            raise BuildError("no guest cache directory (meson -Dguest_cache=...; "
                             "the Makefile passes ~/.cache/bulkhead): " + MISSING_HINT)
        data, inputs = build(opt)
    except (BuildError, OSError, struct.error, ValueError) as e:
        sys.stderr.write("mkinitramfs: error: %s\n" % e)
        return 1
    with open(opt.output, "wb") as f:
        f.write(data)
    if opt.depfile:
        with open(opt.depfile, "w") as f:
            f.write("%s: %s\n" % (opt.output, " ".join(p.replace(" ", "\\ ") for p in inputs)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
