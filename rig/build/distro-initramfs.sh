#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# distro-initramfs.sh: the nested demo's L1 initramfs with the distribution
# L2 (rig/build/distro-root.sh) in it, work/SERIES/nested/l1-distro.cpio.gz:
# L1's initramfs (rig/build/nested-initramfs.sh) followed by a second
# archive (the kernel unpacks both) with
#   /l2/distro.img      the Debian root as an ext4 file system, which L1's
#                       QEMU gives L2 as its virtio disk (/dev/vda), plus
#                       exitstat (static), rig/guest/l2-distro-end and its
#                       unit, enabled; an fstab as Debian's installer writes
#   /l2/distro-vmlinuz  Debian's kernel and the initramfs its package made,
#   /l2/distro-initrd   from the root's /boot, for QEMU's -kernel/-initrd.
# A guest in the emulators has no disk of its own: the image goes to L1 in
# its memory (hence 2 GB for L1, rig/boot/nested.sh).
source "$(dirname "$0")/../lib/common.sh"
source "$RIG/lib/guest-root.sh"

tar=$TOP/work/distro/$DISTRO_SUITE.tar
exitstat=$WORK/exitstat/exitstat
out=$WORK/nested
[ -f "$tar" ] || die "no $tar; run 'make distro-root'"
[ -x "$exitstat" ] || die "no $exitstat; run 'make exitstat'"
[ -f "$out/l1.cpio.gz" ] || die "no $out/l1.cpio.gz; run 'make nested-initramfs'"
[ "$(id -u)" = 0 ] || die "the root's files belong to its users; run as root"

tmp=$out/distro
rm -rf "$tmp"
mkdir -p "$tmp/root" "$tmp/cpio/l2"
tar -xf "$tar" -C "$tmp/root"
root=$tmp/root
install -m 755 "$exitstat" "$root/usr/local/bin/exitstat"
install -m 755 "$RIG/guest/l2-distro-end" "$root/usr/local/sbin/l2-distro-end"
install -m 644 "$RIG/guest/l2-distro-end.service" "$root/etc/systemd/system/"
mkdir -p "$root/etc/systemd/system/multi-user.target.wants"
ln -s ../l2-distro-end.service "$root/etc/systemd/system/multi-user.target.wants/"
echo rig-l2 >"$root/etc/hostname"
echo "/dev/vda / ext4 errors=remount-ro 0 1" >"$root/etc/fstab"

cp "$root"/boot/vmlinuz-* "$tmp/cpio/l2/distro-vmlinuz"
cp "$root"/boot/initrd.img-* "$tmp/cpio/l2/distro-initrd"
# Room to write: what the root takes, a tenth more (ext4 metadata), and
# 64 MiB free.
mb=$(du -sm "$root" | cut -f1)
run_logged "$LOGS/distro-mkfs.log" mkfs.ext4 -q -L debian -d "$root" \
	"$tmp/cpio/l2/distro.img" "$((mb * 11 / 10 + 64))M"
pack "$tmp/cpio" "$tmp/distro.cpio.gz"
cat "$out/l1.cpio.gz" "$tmp/distro.cpio.gz" >"$out/l1-distro.cpio.gz"
rm -rf "$tmp"
say "nested: $out/l1-distro.cpio.gz ($(du -h "$out/l1-distro.cpio.gz" | cut -f1)): Debian $DISTRO_SUITE's root, $((mb * 11 / 10 + 64)) MiB"
