#!/bin/sh
# SPDX-License-Identifier: Apache-2.0
#
# Boots Debian's arm64 kernel with our initramfs and disk straight on QEMU,
# without the hypervisor: the reference a Linux zone is compared with.
#   run-native.sh [IMAGE_DIR [extra QEMU arguments]]
# IMAGE_DIR holds initramfs.cpio.gz and disk.img (a build's
# meson/tests/guests; default: the current product's). Quit: Ctrl-a x.
set -eu

src=$(cd "$(dirname "$0")/../../.." && pwd)
dir=${1:-$src/$(cat "$src/build/current" 2>/dev/null || echo build/qemu-virt-aarch64)/meson/tests/guests}
[ $# -gt 0 ] && shift
kernel=${GUEST_CACHE:-$HOME/.cache/bulkhead}/arm64/vmlinuz
for f in "$kernel" "$dir/initramfs.cpio.gz" "$dir/disk.img"; do
	[ -e "$f" ] || { echo "run-native: $f missing (make deps; make)" >&2; exit 1; }
done

# -nic none: the default NIC wants an option ROM Debian ships elsewhere.
# readonly: several runs may share the disk, and /init only reads it.
exec qemu-system-aarch64 -M virt,gic-version=3 -cpu cortex-a72 -smp 2 -m 512M \
	-nographic -nic none -kernel "$kernel" -initrd "$dir/initramfs.cpio.gz" \
	-append "console=ttyAMA0 rdinit=/init" \
	-drive "file=$dir/disk.img,if=none,format=raw,id=d0,readonly=on" \
	-device virtio-blk-device,drive=d0 "$@"
