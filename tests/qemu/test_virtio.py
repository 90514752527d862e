# SPDX-License-Identifier: Apache-2.0
"""QEMU system tests of the hypervisor's virtio devices with real guests.

Debian's unmodified Linux and U-Boot drive the devices with their own
virtio-mmio drivers. What a guest writes to its disk is read back from
the disk image in guest memory (QEMU's monitor, pmemsave) before QEMU
stops, and checked with debugfs (ext2) or byte by byte.
"""

import os
import random
import re
import subprocess
import tempfile

import harness
import test_aarch64 as common


def disks_of(build):
    """{(zone, node name): (address, size)} of the layout's virtio disks,
    from the summary zonegen writes beside qemu.args."""
    disks = {}
    with open(os.path.join(build, "meson", "dts", "disks.txt")) as f:
        for line in f:
            if line.strip() and not line.startswith("#"):
                zone, node, addr, size = line.split(maxsplit=4)[:4]
                disks[(zone, node)] = (int(addr, 16), int(size, 16))
    return disks


def line(text):
    """A whole line ending in text: another zone's unfinished line may
    come first."""
    return re.compile(r".*" + re.escape(text))


def _save_disk(mon, disk, path):
    def save():
        try:
            mon.pmemsave(disk[0], disk[1], path)
        except (OSError, TimeoutError, EOFError) as e:
            return "reading the disk image back: %s" % e
        return None
    return harness.Call(save)


def _ext2_file(image, name):
    """The contents of /name in an ext2 image (debugfs), or None."""
    proc = subprocess.run(["debugfs", "-R", "cat /" + name, image],
                          capture_output=True, text=True)
    return proc.stdout if proc.returncode == 0 and proc.stdout else None


def _linux_shell(z):
    """Linux's /init sees the virtio disk, eth0 and hvc0, and the shell
    on hvc0 answers (input and output both through the virtio console)."""
    S, P = harness.Send, harness.Prompt
    return [
        line("[%s] bulkhead-linux: vda=BULKHEAD-DISK-OK" % z),
        line("[%s] bulkhead-linux: eth0=10.0.0.1/24" % z),
        line("[%s] bulkhead-linux: console=hvc0" % z),
        line("[%s] bulkhead-linux: shell" % z),
        P("[%s] # " % z),
        S(b"echo hvc0-$((6*7)) $(tty)\r"),
        line("[%s] hvc0-42 /dev/hvc0" % z),
        P("[%s] # " % z)]


def test_linux_virtio(build):
    """Linux in zone0 on the hypervisor's devices: mounts its virtio-blk
    disk and writes a file (found in the disk image afterwards), its shell
    is on hvc0, and U-Boot in the next zone pings it over the switch."""
    z = {z["name"]: z for z in common.zones_of(build)}
    S, P = harness.Send, harness.Prompt
    token = "bulkhead-%08x" % random.getrandbits(32)
    work = tempfile.mkdtemp(prefix="bh-virtio-")
    mon = harness.Monitor(os.path.join(work, "monitor.sock"))
    image = os.path.join(work, "vdisk.img")
    disk = disks_of(build)[("linux", "virtio@a000000")]
    # Short commands, each below the shell's 80 columns: no line wrapping.
    prompt = P("[linux] # ")
    write = [S(b"mkdir -p /mnt\r"), prompt,
             S(b"mount -t ext2 /dev/vda /mnt\r"), prompt,
             S(b"echo %s > /mnt/token.txt\r" % token.encode()), prompt,
             S(b"umount /mnt && echo written-$((6*7))\r"),
             line("[linux] written-42"), prompt]
    verdict = harness.run(harness.product_qemu_cmd(build, mon.args()), [
        # U-Boot first (its autoboot would try the network), then Linux.
        S(b"\x1d%d" % z["uboot"]["id"]),
        line("bulkhead: console input: zone %d (uboot)" % z["uboot"]["id"]),
        P(re.compile(r".*\[uboot\] Hit any key to stop autoboot:.*")),
        S(b"\r"), P(re.compile(r".*\[uboot\] => ")),
        S(b"\x1d%d" % z["linux"]["id"]),
        line("bulkhead: console input: zone %d (linux)" % z["linux"]["id"]),
    ] + _linux_shell("linux") + [
    ] + write + [
        _save_disk(mon, disk, image),
        S(b"\x1d%d" % z["uboot"]["id"]),
        line("bulkhead: console input: zone %d (uboot)" % z["uboot"]["id"]),
        S(b"\r"), P(re.compile(r".*\[uboot\] => ")),
        S(b"setenv ipaddr 10.0.0.2; setenv netmask 255.255.255.0\r"),
        P(re.compile(r".*\[uboot\] => ")),
        S(b"ping 10.0.0.1\r"),
        line("[uboot] host 10.0.0.1 is alive"),
        P(re.compile(r".*\[uboot\] => "))], timeout=300)
    if verdict.ok:
        got = _ext2_file(image, "token.txt")
        if got != token + "\n":
            verdict = harness.Verdict(
                False, "the disk image has token.txt = %r, not %r"
                % (got, token), verdict.lines)
    return verdict


def test_console_input_under_load(build):
    """Typed input keeps reaching Linux's hvc0 shell while U-Boot in the
    next zone floods the console (its autoboot's DHCP retries) and the
    switch: 60 commands typed at once each, each must echo. (It found
    the PL011 driver wiping the interrupt of a character that arrived
    as it cleared the FIFO's, after which no input reached any zone.)"""
    S, P = harness.Send, harness.Prompt
    steps = [line("[linux] bulkhead-linux: shell"), P("[linux] # "),
             re.compile(r".*\[uboot\] BOOTP broadcast \d+")]
    for i in range(60):
        steps += [S(b"echo in-%d-$((6*7)) 0123456789abcdefghij\r" % i),
                  line("[linux] in-%d-42 0123456789abcdefghij" % i),
                  P("[linux] # ")]
    return harness.run(harness.product_qemu_cmd(build), steps, timeout=240)


def test_uboot_riscv_virtio_blk(build):
    """Debian's U-Boot (qemu-riscv64_smode) finds the hypervisor's
    virtio-blk, reads the disk's first block and writes its second, which
    the disk image holds afterwards."""
    S, P = harness.Send, harness.Prompt
    work = tempfile.mkdtemp(prefix="bh-virtio-")
    mon = harness.Monitor(os.path.join(work, "monitor.sock"))
    image = os.path.join(work, "disk.img")
    disk = disks_of(build)[("uboot", "virtio@10008000")]
    fill = random.randrange(0x21, 0x7f)
    prompt = P(re.compile(r".*\[uboot\] => "))
    verdict = harness.run(harness.product_qemu_cmd(build, mon.args()), [
        P(re.compile(r".*\[uboot\] Hit any key to stop autoboot:.*")),
        S(b"\r"), prompt,
        S(b"virtio scan; virtio info\r"),
        re.compile(r".*\[uboot\] Device 0: \S+ VirtIO Block Device"),
        prompt,
        S(b"virtio read 0x81000000 0 1; md.b 0x81000000 0x10\r"),
        re.compile(r".*\[uboot\] 81000000: 42 55 4c 4b 48 45 41 44 2d 44 49 53 4b 2d 4f 4b  BULKHEAD-DISK-OK"),
        prompt,
        S(b"mw.b 0x81000000 0x%x 0x200; virtio write 0x81000000 1 1\r" % fill),
        re.compile(r".*\[uboot\] virtio write: .* 1 blocks written: OK"),
        prompt,
        _save_disk(mon, disk, image)], timeout=60)
    if verdict.ok:
        with open(image, "rb") as f:
            data = f.read(1024)
        if data[:16] != b"BULKHEAD-DISK-OK" or data[512:] != bytes([fill]) * 512:
            verdict = harness.Verdict(
                False, "the disk image does not hold what U-Boot wrote: "
                "sector 1 starts %r" % data[512:528], verdict.lines)
    return verdict


TESTS = [
    ("linux-virtio-blk-net-console", "qemu-virt-aarch64-virtio",
     test_linux_virtio),
    ("console-input-under-load", "qemu-virt-aarch64-virtio",
     test_console_input_under_load),
    ("rv-uboot-virtio-blk-emulated", "qemu-virt-riscv64-virtio",
     test_uboot_riscv_virtio_blk),
]

# Tests that boot Linux: make check runs each on one toolchain's image,
# alternating (tests/check.py qemu_runs); the rest run on both.
LINUX_BOOTS = {
    "linux-virtio-blk-net-console",
    "console-input-under-load",
}
