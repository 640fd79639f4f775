#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# boots.sh KERNEL N [ARG...]: boot KERNEL on the SVM rig's QEMU N times,
# with ARGs added to the kernel command line, and print for each boot its
# time and the first thing that went wrong, if anything: the kernel's
# first report (BUG:, WARNING:, UBSAN:), a failed test, or no end of the
# guest's /init in time. How often a report comes (docs/reliability.md).
# Consoles and the exact QEMU command of each boot:
# work/SERIES/logs/boots[-BOOTS_NAME]/N.log and N.cmd.
#   RIG_ONLY      run these tests (comma-separated); default none, only the
#                 guest's /init and back
#   RIG_SVM_CPUS  as for the debug kernels (default 2); RIG_SVM_TCG and
#                 RIG_QEMU as in rig/lib/rig-svm.sh
#   BOOTS_TIMEOUT wall-clock seconds a boot may take (default 300)
#   BOOTS_NAME    names the logs' directory (rig/dev/mttcg.sh)
source "$(dirname "$0")/../lib/common.sh"
source "$RIG/lib/lists.sh"
source "$RIG/lib/console.sh"
source "$RIG/lib/watch.sh"
# On QEMU, as the debug kernels boot (rig/boot/debug.sh).
export RIG_SVM=qemu
source "$RIG/lib/rig-svm.sh"

usage="usage: boots.sh KERNEL N [ARG...]"
kernel=${1:?$usage}
n=${2:?$usage}
shift 2
initrd=$WORK/initramfs.cpio.gz
timeout=${BOOTS_TIMEOUT:-300}
[ -f "$kernel" ] || die "no kernel at $kernel"
[ -f "$initrd" ] || die "no initramfs at $initrd; run 'make initramfs'"
out=$LOGS/boots${BOOTS_NAME:+-$BOOTS_NAME}
rm -rf "$out"
mkdir -p "$out"
# Without tests, rig.first past the end of the list: /init reports KVM and
# ends.
run=rig.first=999999
[ -z "${RIG_ONLY:-}" ] || run="rig.only=$RIG_ONLY rig.timeout=$timeout"
cmdline=$(guest_cmdline svm "$run" "$@")
export RIG_SVM_CPUS=${RIG_SVM_CPUS:-$DEBUG_SVM_CPUS}
hits=0
for i in $(seq "$n"); do
	start=$SECONDS
	log=$out/$i.log
	start_emulator svm "$kernel" "$initrd" "$cmdline" "$log" "$out/$i.cmd" >/dev/null 2>&1
	watch_console "$log" RIG-END "$timeout" $((SECONDS + timeout))
	report=$(kernel_lines "$log" '/^\(BUG: \|WARNING: \|UBSAN: \)/{p;q}')
	failed=$(guest_lines "$log" 's/^not ok [0-9]* selftests: kvm: \([^ ]*\).*/\1/p;T;q')
	# A vCPU's triple fault, as exit_stats_stress and smp_exit_repro say it.
	why=$(guest_lines "$log" 's/^#  *\(vCPU [0-9]* shut down .*\)/\1/p;T;q')
	[ -z "$failed" ] || report=${report:-"$failed failed${why:+: $why}"}
	# A test that skipped, or never gave a result, checked nothing.
	for t in ${RIG_ONLY//,/ }; do
		guest_said "$log" "^ok [0-9]* selftests: kvm: $t\$" ||
			report=${report:-"$t gave no passing result"}
	done
	[ "$watch_state" = done ] || report=${report:-"no end of /init within $timeout s ($watch_state)"}
	[ -z "$report" ] || hits=$((hits + 1))
	echo "boot $i: $((SECONDS - start)) s: ${report:-clean}"
done
echo "$hits of $n boots with a report; consoles and commands: $out"
