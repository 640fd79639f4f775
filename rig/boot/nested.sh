#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# nested.sh RIG [nopaging|distro]: boot RIG's L1 (the check tree's kernel,
# with kvm.exit_stats_cpuid=1) on the nested initramfs
# (rig/build/nested-initramfs.sh), in which QEMU with KVM runs L2
# (rig/guest/l2-init); "nopaging" boots L1 with two-dimensional paging off
# (kvm_intel.ept=0, kvm_amd.npt=0); "distro" boots a Debian system as L2
# instead, to multi-user.target (rig/build/distro-initramfs.sh,
# rig/guest/l2-distro-end), with 2 GiB for L1, which holds its disk.
# Then judge it (rig/judge/nested-judge.sh, whose own test runs first),
# results in work/SERIES/results/nested-RIG[-nopaging].txt:
#   - L2 ran to its end and QEMU exited 0;
#   - the L2 table of the whole run has exits under CPUID (10), I/O (30),
#     HLT (12) and, with paging on, EPT violation (48: NPF on AMD);
#   - Debian's cpuid -l 0x4ffffffd -s 10 agrees with exitstat: its EAX is
#     above the count of the exitstat --reason 10 before it and below the
#     one after it (each read counts itself), within 200;
#   - L1 sampled the VM's exit count and it never went down.
# rig/report/nested-report.sh makes the tables and charts.
source "$(dirname "$0")/../lib/common.sh"
source "$RIG/lib/console.sh"
source "$RIG/lib/watch.sh"

rig=${1:?usage: nested.sh vmx|svm [nopaging]}
mode=${2:-}
# The nested demo's SVM runs are QEMU's, as its figures in docs/nested-demo.md
# are; RIG_NESTED_SVM=bochs boots L1 on Bochs' Ryzen instead (slower; with
# npt=0 its L2 hangs there, as it dies on QEMU 10: docs/nested-demo.md).
[ "$rig" != svm ] || export RIG_SVM=${RIG_NESTED_SVM:-qemu}
source "$RIG/lib/rig-$rig.sh"
label=nested-$rig${mode:+-$mode}
kernel=$CHECK_TREE/.out-boot/arch/x86/boot/bzImage
initrd=$WORK/nested/l1.cpio.gz
if [ "$mode" = distro ]; then
	initrd=$WORK/nested/l1-distro.cpio.gz
	# Read by rig/lib/bochs.sh in the emulator's own shell (QEMU gives L1 2 GiB always).
	export bochs_megs=2048
	nested_timeout=$distro_timeout
fi
console=$LOGS/$label.console.log
out=$RESULTS/$label.txt
[ -f "$kernel" ] || die "no kernel at $kernel; run 'make kernel'"
[ -f "$initrd" ] || die "no $initrd; run 'make nested-initramfs${mode:+ distro-initramfs}'"
mkdir -p "$LOGS" "$RESULTS"
: >"$out"

# The judge's own test first: recorded logs, good and broken.
judge_log=$LOGS/$label.judge.log
if "$TOP/tests/nested/judge.sh" >"$judge_log" 2>&1; then
	echo "PASS $label judge ($(grep -c '^ok' "$judge_log") recorded logs judged right, tests/nested/judge.sh)" >>"$out"
else
	echo "FAIL $label judge ($(grep -m1 '^not ok' "$judge_log" || echo 'did not run'); see $judge_log)" >>"$out"
fi

cmdline=$(guest_cmdline "$rig" "$nested_cmdline" kvm.exit_stats_cpuid=1 ${RIG_CMDLINE:-})
# One word L1 adds to L2's command line (L2_CMDLINE, common.sh).
[ -z "$L2_CMDLINE" ] || cmdline+=" rig.l2_arg=$L2_CMDLINE"
[ "$mode" != distro ] || cmdline+=" rig.l2=distro"
if [ "$mode" = nopaging ]; then
	case $rig in
	vmx) cmdline+=" kvm_intel.ept=0" ;;
	svm) cmdline+=" kvm_amd.npt=0" ;;
	esac
fi

# boot: run the emulator until L1 logs its end, or until the hang rule of
# rig/lib/watch.sh fires (nested_silence seconds without a guest line: L1
# logs a sample every rig.sample_ms), or after nested_timeout seconds in
# all; sets state (done, exited, silent or timeout).
boot() {
	local start=$SECONDS
	start_emulator "$rig" "$kernel" "$initrd" "$cmdline" "$console" "$LOGS/$label.cmd" \
		>>"$LOGS/$label.emulator.log" 2>&1
	watch_console "$console" NESTED-END "$nested_silence" $((SECONDS + nested_timeout))
	state=$watch_state
	say "nested: $label $state after $((SECONDS - start))s"
}

say "nested: booting the $rig rig's L1 ${mode:+($mode) }with QEMU and L2 in it (limits ${nested_timeout}s, ${nested_silence}s silent); console: $console"
: >"$LOGS/$label.emulator.log"
boot
# QEMU TCG sometimes stops delivering L1's interrupts while L1 runs L2:
# L1 then halts for good with its timer interrupt pending (docs/nested-demo.md,
# "Inside a guest"). Not the series' doing: once more, and say so.
again=
if [ "$state" = silent ]; then
	cp "$console" "$LOGS/$label.silent.console.log"
	again=" (second boot: the first fell silent, $LOGS/$label.silent.console.log)"
	boot
fi

"$RIG/judge/nested-judge.sh" "$console" "$label" "$mode" "$state" "$again" >>"$out"

progress "$label" || exit $?
