#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# debug.sh TREE NAME RIG: boot the boot kernel with config/NAME.config on
# top (config/debug.config: KASAN, KFENCE, UBSAN, lockdep, kmemleak, fault
# injection; config/kcsan.config: KCSAN), built by 'make kernel-NAME' in
# TREE/.out-NAME, on RIG with 2 CPUs and the two tests that exercise the
# series: exit_stats_test and exit_stats_stress. Logs and results are
# RIG-NAME's (work/SERIES/logs/RIG-NAME.*, work/SERIES/results/RIG-NAME.txt);
# any sanitizer report, lockdep splat or kmemleak leak in the console log
# fails the boot line (results.sh) even if every test passed. The tests and CPUs: DEBUG_* in rig/lib/lists.sh.
source "$(dirname "$0")/../lib/common.sh"
source "$RIG/lib/lists.sh"

usage="usage: debug.sh TREE NAME vmx|svm"
tree=${1:?$usage}
name=${2:?$usage}
rig=${3:?$usage}
kernel=$tree/.out-$name/arch/x86/boot/bzImage
[ -f "$kernel" ] || die "no $name kernel at $kernel; run 'make kernel-$name'"

# KASAN & co. on the SVM rig's Bochs, whose NRIPS lets the SVM fastpath
# run under the sanitizers (6 min); KCSAN on its QEMU, about 5 times as
# fast, so that its sampling sees more rounds of the stress load (and on
# QEMU whenever the rig's SVM is, RIG_BOCHS=2.7).
svm=${RIG_SVM:-bochs}
[ "$name" != kcsan ] || svm=qemu
RIG_KERNEL=$kernel RIG_LABEL=$rig-$name RIG_SVM=$svm \
	RIG_SVM_CPUS=$DEBUG_SVM_CPUS RIG_CMDLINE=$DEBUG_CMDLINE RIG_ONLY=$DEBUG_TESTS \
	exec "$RIG/boot/boot.sh" "$rig"
