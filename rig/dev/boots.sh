#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# boots.sh KERNEL N [ARG...]: boot KERNEL on the SVM rig N times, to the
# guest's /init and back without running a test, with ARGs added to the
# kernel command line, and print for each boot its time and the kernel's
# first report (BUG:, WARNING:, UBSAN:), if any: how often a report of the
# kernel's own boot comes (README.md, "Reliability"). RIG_SVM_CPUS as for
# the debug kernels (default 2). Consoles: work/SERIES/logs/boots/N.log.
source "$(dirname "$0")/../lib/common.sh"
source "$RIG/lib/lists.sh"
# On QEMU, as the debug kernels boot (rig/boot/debug.sh).
export RIG_SVM=qemu
source "$RIG/lib/rig-svm.sh"

usage="usage: boots.sh KERNEL N [ARG...]"
kernel=${1:?$usage}
n=${2:?$usage}
shift 2
initrd=$WORK/initramfs.cpio.gz
[ -f "$kernel" ] || die "no kernel at $kernel"
[ -f "$initrd" ] || die "no initramfs at $initrd; run 'make initramfs'"
out=$LOGS/boots
rm -rf "$out"
mkdir -p "$out"
# rig.first past the end of the list: /init reports KVM and ends.
cmdline=$(guest_cmdline svm rig.first=999999 "$@")
hits=0
for i in $(seq "$n"); do
	start=$SECONDS
	RIG_SVM_CPUS=${RIG_SVM_CPUS:-$DEBUG_SVM_CPUS} timeout 300 \
		bash -c "source '$RIG/lib/rig-svm.sh'; rig_start \"\$@\"" \
		boots "$kernel" "$initrd" "$cmdline" "$out/$i.log" >/dev/null 2>&1 9>&- || true
	report=$(sed -n 's/\r$//; s/^\[ *[0-9.]*\] \(BUG: \|WARNING: \|UBSAN: \)/\1/p' "$out/$i.log" | head -n1)
	grep -q '\] rig: RIG-END' "$out/$i.log" || report=${report:-"no end of /init within 300 s"}
	[ -z "$report" ] || hits=$((hits + 1))
	echo "boot $i: $((SECONDS - start)) s: ${report:-clean}"
done
echo "$hits of $n boots with a report; consoles: $out"
