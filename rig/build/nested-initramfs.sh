#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# nested-initramfs.sh: the initramfs of the nested demo's L1,
# work/nested/l1.cpio.gz. L1 is the rig's boot kernel with the statistics
# on; its /init
# (rig/guest/l1-init) starts Debian's QEMU with KVM, which boots L2: an
# ordinary Linux guest (the same bzImage: its patches only matter to a
# host) whose /init (rig/guest/l2-init) runs exitstat and Debian's cpuid.
#   L1: busybox, qemu-system-x86_64 with the libraries ldd names and the
#       firmware it loads (SeaBIOS, the -kernel and vapic option ROMs),
#       L2's kernel and initramfs.
#   L2: busybox, exitstat (static), cpuid with its libc.
source "$(dirname "$0")/../lib/common.sh"
source "$RIG/lib/guest-root.sh"

kernel=$CHECK_TREE/.out-boot/arch/x86/boot/bzImage
exitstat=$WORK/exitstat/exitstat
out=$WORK/nested
[ -f "$kernel" ] || die "no kernel at $kernel; run 'make kernel'"
[ -x "$exitstat" ] || die "no $exitstat; run 'make exitstat'"

# with_libs DIR FILE...: copy each FILE, and the shared libraries ldd says
# it needs, to the same paths under DIR.
with_libs() {
	local dir=$1 f
	shift
	for f in "$@" $(ldd "$@" | awk '$2 == "=>" { print $3 } $1 ~ /^\// { print $1 }' | sort -u); do
		mkdir -p "$dir/$(dirname "$f")"
		cp -L "$f" "$dir/$f"
	done
}

rm -rf "$out"
mkdir -p "$out"

l2=$out/l2
busybox_root "$l2"
cp "$exitstat" "$l2/bin/exitstat"
with_libs "$l2" /usr/bin/cpuid
guest_init "$l2" l2-init
pack "$l2" "$out/l2.cpio.gz"

l1=$out/l1
busybox_root "$l1"
with_libs "$l1" /usr/bin/qemu-system-x86_64
for f in /usr/share/seabios/bios-256k.bin /usr/share/qemu/linuxboot_dma.bin \
	/usr/share/qemu/kvmvapic.bin; do
	mkdir -p "$l1/$(dirname "$f")"
	cp -L "$f" "$l1/$f"
done
mkdir -p "$l1/l2"
cp "$kernel" "$l1/l2/bzImage"
cp "$out/l2.cpio.gz" "$l1/l2/initrd.gz"
guest_init "$l1" l1-init
pack "$l1" "$out/l1.cpio.gz"
say "nested: $out/l1.cpio.gz ($(du -h "$out/l1.cpio.gz" | cut -f1)), L2's $out/l2.cpio.gz ($(du -h "$out/l2.cpio.gz" | cut -f1))"
