# SPDX-License-Identifier: Apache-2.0
"""QEMU tests of the one-file boot image (bulkhead.img, tools/mkbootimg.py).

No -device loader here: a firmware loads the one file, and the zones must
come up exactly as with QEMU's loader, on the same serial lines (the
demo tests' expectations, imported). aarch64: Debian's U-Boot is QEMU's
-bios at EL2; riscv64: OpenSBI fw_dynamic alone, and U-Boot S-mode after
it. U-Boot finds boot.scr on a FAT partition of a virtio disk
(bootdisk.py).
"""

import harness
import bootdisk
import test_aarch64
import test_riscv64


def run_via_uboot(build, expect, timeout):
    disk = bootdisk.make_boot_disk(build)
    return harness.run(bootdisk.uboot_cmd(build, disk),
                       bootdisk.uboot_boots_disk(build) + expect, timeout=timeout)


def test_demo_via_uboot(build):
    """aarch64: U-Boot (firmware, EL2) boots the demo's bulkhead.img from
    its boot disk; Linux, U-Boot and rt zones as in demo-linux-uboot-rt."""
    return run_via_uboot(build, test_aarch64.demo_expect(build), 300)


def test_rv_demo_via_uboot(build):
    """riscv64: U-Boot S-mode boots the demo's bulkhead.img (booti: a0 =
    hart id, a1 = its device tree); U-Boot and rt zones as in
    rv-demo-uboot-beside-rt."""
    return run_via_uboot(build, test_riscv64.demo_expect(), 90)


def test_rv_demo_opensbi(build):
    """riscv64: OpenSBI fw_dynamic starts bulkhead.img given as -kernel,
    no bootloader in between."""
    return harness.run(bootdisk.opensbi_cmd(build), test_riscv64.demo_expect(),
                       timeout=60)


def test_rv_uboot_reset_opensbi(build):
    """riscv64: a zone restarts from the image store bulkhead.img filled
    (U-Boot's `reset`, as rv-uboot-reset)."""
    return harness.run(bootdisk.opensbi_cmd(build),
                       test_riscv64.uboot_reset_expect(), timeout=60)


TESTS = [
    ("bootimg-demo-via-uboot", "qemu-virt-aarch64-demo", test_demo_via_uboot),
    ("bootimg-rv-demo-opensbi", "qemu-virt-riscv64-demo", test_rv_demo_opensbi),
    ("bootimg-rv-demo-via-uboot", "qemu-virt-riscv64-demo", test_rv_demo_via_uboot),
    ("bootimg-rv-uboot-reset-opensbi", "qemu-virt-riscv64-uboot",
     test_rv_uboot_reset_opensbi),
]

# Tests that boot Linux: make check runs each on one toolchain's image,
# alternating (tests/check.py qemu_runs); the rest run on both.
LINUX_BOOTS = {
    "bootimg-demo-via-uboot",
    "bootimg-rv-demo-via-uboot",
    "bootimg-rv-demo-opensbi",
}
