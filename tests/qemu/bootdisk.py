# SPDX-License-Identifier: Apache-2.0
"""Boot disks and QEMU command lines that boot a product's bulkhead.img.

A boot disk is what a board's U-Boot would find on its SD card: an MBR
with one FAT partition holding boot.scr (made with mkimage) and
bulkhead.img. It is built without root: the MBR is written here,
mkfs.vfat formats the partition in place (--offset) and mtools copies the
files in. The script is the one docs/booting.md gives.
"""

import os
import struct
import subprocess
import tempfile

import harness

SECTOR = 512
PART_START = 2048  # sectors: the first partition at 1 MiB, as fdisk does
MIB = 1 << 20
FAT32_LBA = 0x0c

# QEMU's U-Boot builds (Debian's u-boot-qemu, linked by tools/deps.sh).
CACHE = os.path.expanduser(os.environ.get("GUEST_CACHE", "~/.cache/bulkhead"))
UBOOT = {"aarch64": os.path.join(CACHE, "u-boot-qemu_arm64.bin"),
         "riscv64": os.path.join(CACHE, "u-boot-qemu-riscv64_smode.bin")}
MKIMAGE_ARCH = {"aarch64": "arm64", "riscv64": "riscv"}

# The script loads the file anywhere (kernel_addr_r) and booti moves the
# image to HYP_BASE (the header's text_offset). riscv64's file starts with
# a 64-byte U-Boot legacy header that booti must skip.
SCRIPT = """\
echo bootimg: loading bulkhead.img from ${devtype} ${devnum}:${distro_bootpart}
load ${devtype} ${devnum}:${distro_bootpart} ${kernel_addr_r} bulkhead.img
%s
"""
BOOTI = {"aarch64": "booti ${kernel_addr_r} - ${fdtcontroladdr}",
         "riscv64": "setexpr bulkhead_image ${kernel_addr_r} + 0x40\n"
                    "booti ${bulkhead_image} - ${fdtcontroladdr}"}


def arch_of(build):
    return harness.read_config(os.path.join(build, ".config"))["CONFIG_ARCH"]


def image_of(build):
    return os.path.join(build, "meson", "bulkhead.img")


def boot_script(arch, tmp):
    """boot.scr for @arch in directory @tmp."""
    cmd, scr = os.path.join(tmp, "boot.cmd"), os.path.join(tmp, "boot.scr")
    with open(cmd, "w") as f:
        f.write(SCRIPT % BOOTI[arch])
    subprocess.run(["mkimage", "-A", MKIMAGE_ARCH[arch], "-O", "linux",
                    "-T", "script", "-C", "none", "-n", "Bulkhead boot",
                    "-d", cmd, scr], check=True, capture_output=True)
    return scr


def write_mbr(path, part_bytes):
    """A disk file with an MBR naming one FAT32 (LBA) partition."""
    entry = struct.pack("<B3sB3sII", 0x80, b"\0\0\0", FAT32_LBA, b"\0\0\0",
                        PART_START, part_bytes // SECTOR)
    with open(path, "wb") as f:
        f.truncate(PART_START * SECTOR + part_bytes)
        f.seek(446)
        f.write(entry)
        f.seek(510)
        f.write(b"\x55\xaa")


def make_boot_disk(build):
    """<build>/meson/bootdisk.img, made afresh (atomically: another test
    of the same build may be booting the last one)."""
    image = image_of(build)
    out = os.path.join(os.path.dirname(image), "bootdisk.img")
    part = (os.path.getsize(image) // MIB + 8) * MIB
    with tempfile.TemporaryDirectory(dir=os.path.dirname(image)) as tmp:
        script, disk = boot_script(arch_of(build), tmp), os.path.join(tmp, "disk")
        write_mbr(disk, part)
        subprocess.run(["mkfs.vfat", "--offset", str(PART_START), disk,
                        str(part // 1024)], check=True, capture_output=True)
        subprocess.run(["mcopy", "-i", "%s@@%d" % (disk, PART_START * SECTOR),
                        image, script, "::/"], check=True, capture_output=True)
        os.replace(disk, out)
    return out


def board_and_device_args(build):
    """The product's QEMU command without its loader arguments and
    -kernel: the machine and the devices (e.g. a zone's virtio disk)."""
    cmd = harness.product_qemu_cmd(build)
    keep, i = [cmd[0]], 1
    while i < len(cmd):
        if cmd[i] == "-kernel" or (cmd[i] == "-device" and
                                   cmd[i + 1].startswith("loader,")):
            i += 2
            continue
        keep.append(cmd[i])
        i += 1
    return keep


def opensbi_cmd(build):
    """riscv64: QEMU's OpenSBI (fw_dynamic) starts bulkhead.img alone."""
    return board_and_device_args(build) + ["-kernel", image_of(build)]


def uboot_cmd(build, disk):
    """U-Boot as the firmware, the boot disk on virtio-blk-pci (a virtio-mmio
    slot would be one the product passes through to a zone). aarch64:
    U-Boot is -bios, at EL2 (virt,virtualization=on); riscv64: U-Boot
    S-mode is OpenSBI's next stage."""
    arch, cmd = arch_of(build), board_and_device_args(build)
    if arch == "aarch64":
        cmd += ["-bios", UBOOT[arch]]
    else:
        cmd += ["-kernel", UBOOT[arch]]
    return cmd + ["-drive", "file=%s,if=none,format=raw,readonly=on,id=bootdisk"
                  % disk.replace(",", ",,"),
                  "-device", "virtio-blk-pci,drive=bootdisk"]


def boot_devnum(build):
    """U-Boot numbers the product's virtio-mmio disks first (autoboot scans
    virtio 0, a zone's disk), then the boot disk on virtio-blk-pci."""
    cmd = board_and_device_args(build)
    return sum(1 for i in range(len(cmd) - 1)
               if cmd[i] == "-device" and cmd[i + 1].startswith("virtio-blk-device"))


def uboot_boots_disk(build):
    """At the firmware U-Boot's prompt: the distro boot of the boot disk
    finds boot.scr, which loads bulkhead.img and boots it."""
    S, P = harness.Send, harness.Prompt
    n = boot_devnum(build)
    return [P("=> "), S(b"devnum=%d; run virtio_boot\r" % n),
            "Found U-Boot script /boot.scr",
            "bootimg: loading bulkhead.img from virtio %d:1" % n,
            "Starting kernel ...", harness.After()]
