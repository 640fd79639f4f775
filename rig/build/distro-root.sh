#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# distro-root.sh: the nested demo's distribution L2, a Debian DISTRO_SUITE
# system made by mmdebstrap from this machine's apt sources, as
# work/distro/DISTRO_SUITE.tar (shared by both series; skipped when its
# stamp matches). It is what a minimal Debian VM boots: Debian's kernel
# (linux-image-amd64), the initramfs its package makes (initramfs-tools'
# defaults: MODULES=most, zstd), systemd as init, udev. Rooted at a virtio
# disk by rig/build/distro-initramfs.sh, which adds exitstat and the unit
# that prints the boot's exits (config/distro/).
#
# Left out, to fit in L1's memory (see distro-initramfs.sh): manual pages,
# documentation but copyright files, translations, and the kernel modules
# of hardware no VM of QEMU -nodefaults has (DISTRO_DROP_MODULES): udev
# loads modules for the devices it finds, so they were never loaded.
# The packages' versions are the archive's of the day it ran:
# work/distro/DISTRO_SUITE.packages lists them, and the boot's
# results name the kernel.
source "$(dirname "$0")/../lib/common.sh"

dir=$TOP/work/distro
tar=$dir/$DISTRO_SUITE.tar
stamp=$(sha256sum "$0" "$RIG/lib/common.sh" | sha256sum | cut -c1-16)
stamp_matches "$tar.stamp" "$stamp" && [ -f "$tar" ] && exit 0
command -v mmdebstrap >/dev/null || die "no mmdebstrap; run 'make deps'"
[ "$(id -u)" = 0 ] || die "mmdebstrap makes the root as root here; run 'make distro-root' as root"
mkdir -p "$dir" "$LOGS"
rm -f "$tar" "$tar.stamp"

# The sources apt uses here, so the root comes from the same archive.
sources=()
for f in /etc/apt/sources.list /etc/apt/sources.list.d/*.list /etc/apt/sources.list.d/*.sources; do
	[ -s "$f" ] && sources+=("$f")
done
[ ${#sources[@]} -gt 0 ] || die "no apt sources in /etc/apt: mmdebstrap needs Debian's archive"

drop=()
for m in $DISTRO_DROP_MODULES; do
	drop+=("\"\$1\"/usr/lib/modules/*/kernel/$m")
done
log=$LOGS/distro-root.log
say "distro: Debian $DISTRO_SUITE with its kernel and systemd (mmdebstrap; log: $log)"
run_logged "$log" mmdebstrap --variant=minbase \
	--include=systemd-sysv,udev,linux-image-amd64,initramfs-tools,zstd,cpuid \
	--dpkgopt='path-exclude=/usr/share/man/*' \
	--dpkgopt='path-exclude=/usr/share/doc/*' \
	--dpkgopt='path-include=/usr/share/doc/*/copyright' \
	--dpkgopt='path-exclude=/usr/share/locale/*' \
	--customize-hook="rm -rf ${drop[*]}" \
	--customize-hook='chroot "$1" sh -c "depmod \$(ls /usr/lib/modules)"' \
	--format=tar "$DISTRO_SUITE" "$tar.new" "${sources[@]}"
mv "$tar.new" "$tar"
tar -xOf "$tar" ./var/lib/dpkg/status |
	sed -n 's/^Package: //p; s/^Version: //p' | paste - - >"$dir/$DISTRO_SUITE.packages"
stamp_write "$tar.stamp" "$stamp"
say "distro: $tar ($(du -h "$tar" | cut -f1))"
