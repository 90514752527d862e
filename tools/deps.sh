#!/bin/sh
# SPDX-License-Identifier: Apache-2.0
#
# Install what Bulkhead needs on Debian 12, from Debian's archive only.
#   deps.sh [--if-missing] CACHE_DIR
# Host packages go through apt-get; guest material (Debian's arm64 kernel and
# busybox, U-Boot for QEMU; Debian 13's riscv64 kernel and busybox) is unpacked
# into CACHE_DIR, outside the source tree.
# Idempotent: a second run changes nothing.
set -eu

if_missing=0
if [ "${1:-}" = "--if-missing" ]; then if_missing=1; shift; fi
cache=${1:?usage: deps.sh [--if-missing] CACHE_DIR}

PACKAGES="make python3 python3-kconfiglib meson ninja-build pkg-config
device-tree-compiler libfdt-dev gcc libc6-dev libcmocka-dev
gcc-aarch64-linux-gnu binutils-aarch64-linux-gnu
gcc-riscv64-linux-gnu binutils-riscv64-linux-gnu opensbi
clang-19 lld-19 llvm-19 libclang-rt-19-dev
qemu-system-arm qemu-system-misc u-boot-qemu cpio clang-format git e2fsprogs
u-boot-tools mtools dosfstools"
GUEST_PACKAGES="linux-image-arm64 busybox-static"

missing_packages() {
	for p in $PACKAGES; do
		dpkg-query -W -f='${Status}\n' "$p" 2>/dev/null |
			grep -q '^install ok installed' || echo "$p"
	done
}

as_root() {
	if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi
}

install_host_packages() {
	missing=$(missing_packages | tr '\n' ' ')
	[ -z "$missing" ] && return 0
	echo "deps: installing $missing"
	as_root apt-get update -qq
	DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq \
		--no-install-recommends $missing >/dev/null
}

# The vendor DTBs the boards start from (boards/*/Kconfig.defaults), as
# Debian's kernel package ships them; found through $cache/arm64/dtbs.
VENDOR_DTBS="xilinx/zynqmp-zcu102-rev1.0.dtb freescale/imx8mp-evk.dtb
rockchip/rk3568-evb1-v10.dtb"

vendor_dtbs_ok() {
	for d in $VENDOR_DTBS; do [ -f "$cache/arm64/dtbs/$d" ] || return 1; done
}

# What the Linux guest material (tools/mkinitramfs.py) reads: checked
# file by file, so that a cache someone pruned is unpacked again.
guest_material_ok() {
	dir=$cache/arm64
	[ -f "$dir/.done" ] && [ -e "$dir/vmlinuz" ] && [ -x "$dir/root/bin/busybox" ] &&
		ls "$dir"/root/lib/modules/*/modules.builtin >/dev/null 2>&1 &&
		vendor_dtbs_ok
}

# The kernel package's DTB directory under a name without its version.
link_dtbs() {
	kdir=$(ls -d "$cache"/arm64/root/usr/lib/linux-image-* 2>/dev/null | head -n 1)
	[ -n "$kdir" ] && ln -sfn "$kdir" "$cache/arm64/dtbs"
	return 0
}

# arm64 guest packages are downloaded as .debs and unpacked, never installed.
fetch_guest_packages() {
	dir=$cache/arm64
	link_dtbs
	guest_material_ok && return 0
	if ! dpkg --print-foreign-architectures | grep -q arm64; then
		as_root dpkg --add-architecture arm64
		as_root apt-get update -qq
	fi
	mkdir -p "$dir/debs"
	(cd "$dir/debs" && for p in $GUEST_PACKAGES; do
		apt-get download -qq "$p:arm64" 2>/dev/null ||
			{ as_root apt-get update -qq && apt-get download -qq "$p:arm64"; }
	done)
	for deb in "$dir"/debs/*.deb; do dpkg-deb -x "$deb" "$dir/root"; done
	# linux-image-arm64 is a metapackage: unpack the kernel it depends on.
	if ! ls "$dir"/root/boot/vmlinuz-* >/dev/null 2>&1; then
		kpkg=$(apt-cache depends linux-image-arm64:arm64 | sed -n 's/.*Depends: \(linux-image-[0-9].*\)/\1/p' | head -n 1)
		(cd "$dir/debs" && apt-get download -qq "$kpkg")
		dpkg-deb -x "$dir"/debs/linux-image-[0-9]*.deb "$dir/root"
	fi
	ln -sf "$(ls "$dir"/root/boot/vmlinuz-* | head -n 1)" "$dir/vmlinuz"
	link_dtbs
	ln -sf "$dir/root/bin/busybox" "$dir/busybox"
	touch "$dir/.done"
	echo "deps: guest material in $dir"
}

# riscv64 has no Linux in Debian 12: trixie's is fetched with an apt
# configuration of its own under the cache (sources list, lists, status and
# archive dirs), so the host's apt state and architectures stay untouched.
RV_SUITE=trixie
RV_PACKAGES="linux-image-riscv64 busybox-static"

rv_apt() {
	apt=$cache/riscv64/apt
	cmd=$1
	shift
	$cmd -q -o Dir::Etc::SourceList="$apt/etc/sources.list" \
		-o Dir::Etc::SourceParts=/nonexistent -o Dir::State="$apt" \
		-o Dir::State::Lists="$apt/lists" -o Dir::State::status="$apt/status" \
		-o Dir::Cache="$apt/cache" -o APT::Architecture=riscv64 \
		-o APT::Architectures=riscv64 -o APT::Sandbox::User=root "$@"
}

rv_guest_material_ok() {
	dir=$cache/riscv64
	[ -f "$dir/.done" ] && [ -e "$dir/vmlinuz" ] && [ -x "$dir/root/bin/busybox" ] &&
		ls "$dir"/root/lib/modules/*/modules.builtin >/dev/null 2>&1
}

# Debian ships the riscv64 kernel as /boot/vmlinux-<release> (an Image with
# its RISC-V header, not an ELF); vmlinuz names it like the arm64 one.
fetch_riscv64_guest_packages() {
	dir=$cache/riscv64
	rv_guest_material_ok && return 0
	apt=$dir/apt
	mkdir -p "$apt/etc" "$apt/lists/partial" "$apt/cache/archives/partial" "$dir/debs"
	echo "deb [signed-by=/usr/share/keyrings/debian-archive-keyring.gpg]" \
		"http://deb.debian.org/debian $RV_SUITE main" >"$apt/etc/sources.list"
	touch "$apt/status"
	rv_apt apt-get update >/dev/null
	kpkg=$(rv_apt apt-cache depends linux-image-riscv64 |
		sed -n 's/.*Depends: \(linux-image-[0-9].*\)/\1/p' | head -n 1)
	(cd "$dir/debs" && rv_apt apt-get download $RV_PACKAGES "$kpkg" >/dev/null)
	for deb in "$dir"/debs/*.deb; do dpkg-deb -x "$deb" "$dir/root"; done
	# trixie is merged-/usr: give the tree the /bin and /lib that the
	# initramfs builder reads, as on arm64.
	for d in bin lib; do [ -e "$dir/root/$d" ] || ln -s "usr/$d" "$dir/root/$d"; done
	ln -sf "$(ls "$dir"/root/boot/vmlinux-* | head -n 1)" "$dir/vmlinuz"
	ln -sf "$dir/root/bin/busybox" "$dir/busybox"
	touch "$dir/.done"
	echo "deps: riscv64 guest material in $dir"
}

# Debian's U-Boot builds, under names that say which board they are for.
link_uboot() {
	mkdir -p "$cache"
	ln -sf /usr/lib/u-boot/qemu_arm64/u-boot.bin "$cache/u-boot-qemu_arm64.bin"
	ln -sf /usr/lib/u-boot/qemu-riscv64_smode/u-boot.bin \
		"$cache/u-boot-qemu-riscv64_smode.bin"
}

if [ $if_missing = 1 ] && [ -z "$(missing_packages)" ] && guest_material_ok &&
	rv_guest_material_ok &&
	[ -e "$cache/u-boot-qemu_arm64.bin" ] &&
	[ -e "$cache/u-boot-qemu-riscv64_smode.bin" ]; then
	exit 0
fi
install_host_packages
fetch_guest_packages
fetch_riscv64_guest_packages
link_uboot
