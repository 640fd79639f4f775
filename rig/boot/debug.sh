#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# debug.sh TREE NAME RIG: boot the boot kernel with config/NAME.config on
# top (config/debug.config: KASAN, KFENCE, UBSAN, lockdep, kmemleak, fault
# injection; config/kcsan.config: KCSAN), built by 'make kernel-NAME' in
# TREE/.out-NAME,
# on RIG with the two tests that exercise the series: exit_stats_test and
# exit_stats_stress. Logs and results are RIG-NAME's (work/SERIES/logs/RIG-NAME.*,
# work/SERIES/results/RIG-NAME.txt); any sanitizer report, lockdep splat or
# kmemleak leak in the console log fails the boot line (results.sh) even if
# every test passed. The tests and CPUs: DEBUG_* in rig/lib/lists.sh.
source "$(dirname "$0")/../lib/common.sh"
source "$RIG/lib/lists.sh"

usage="usage: debug.sh TREE NAME vmx|svm"
tree=${1:?$usage}
name=${2:?$usage}
rig=${3:?$usage}
kernel=$tree/.out-$name/arch/x86/boot/bzImage
[ -f "$kernel" ] || die "no $name kernel at $kernel; run 'make kernel-$name'"

# On QEMU (RIG_SVM): the only rig here with two CPUs.
RIG_KERNEL=$kernel RIG_LABEL=$rig-$name RIG_SVM=qemu \
	RIG_SVM_CPUS=$DEBUG_SVM_CPUS RIG_CMDLINE=$DEBUG_CMDLINE RIG_ONLY=$DEBUG_TESTS \
	exec "$RIG/boot/boot.sh" "$rig"
