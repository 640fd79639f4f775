#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# debug.sh TREE NAME RIG [qemu]: boot the boot kernel with config/NAME.config
# on top (config/debug.config: KASAN, KFENCE, UBSAN, lockdep, kmemleak, fault
# injection; config/kcsan.config: KCSAN), built by 'make kernel-NAME' in
# TREE/.out-NAME, on RIG with 2 CPUs and the two tests that exercise the
# series: exit_stats_test and exit_stats_stress. With "qemu", on the SVM
# rig's QEMU instead, with exit_stats_stress only: see below. Logs and
# results are RIG-NAME[-qemu]'s (work/SERIES/logs/RIG-NAME.*,
# work/SERIES/results/RIG-NAME.txt);
# any sanitizer report, lockdep splat or kmemleak leak in the console log
# fails the boot line (results.sh) even if every test passed. The tests and CPUs: DEBUG_* in rig/lib/lists.sh.
source "$(dirname "$0")/../lib/common.sh"
source "$RIG/lib/lists.sh"

usage="usage: debug.sh TREE NAME vmx|svm [qemu]"
tree=${1:?$usage}
name=${2:?$usage}
rig=${3:?$usage}
on=${4:-}
kernel=$tree/.out-$name/arch/x86/boot/bzImage
[ -f "$kernel" ] || die "no $name kernel at $kernel; run 'make kernel-$name'"

# On the SVM rig's emulator: Bochs' Ryzen, whose NRIPS lets the SVM
# fastpath run under the sanitizers (3 to 6 min), or QEMU with RIG_SVM=qemu
# (no NRIPS: the fastpath subtest skips).
# KCSAN samples accesses: on Bochs, which runs 2 guest-seconds of the
# stress load, mutant 14 (a plain cross-vCPU read) survived 3 boots of 3;
# on QEMU, which runs it for 10 guest-seconds (rig.stress_seconds), it
# was caught at its first boot. So the KCSAN kernel runs the stress load
# on QEMU too (DEBUG_QEMU_TESTS), where its mutant runs; exit_stats_test,
# whose fastpath subtest would skip there, runs on Bochs only.
label=$rig-$name
tests=$DEBUG_TESTS
if [ "$on" = qemu ]; then
	export RIG_SVM=qemu
	label+=-qemu
	tests=$DEBUG_QEMU_TESTS
fi
RIG_KERNEL=$kernel RIG_LABEL=$label \
	RIG_SVM_CPUS=$DEBUG_SVM_CPUS RIG_CMDLINE=$DEBUG_CMDLINE RIG_ONLY=$tests \
	exec "$RIG/boot/boot.sh" "$rig"
