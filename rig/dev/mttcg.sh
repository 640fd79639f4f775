#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# mttcg.sh TREE [N]: why the debug kernels' two CPUs run in turns
# (docs/reliability.md). Boots smp_exit_repro (stress/: stock KVM
# only, more vCPUs than CPUs exiting in a loop) N times (default 4) on
# QEMU QEMU_VERSION ('make qemu') with 2 CPUs truly at once
# (thread=multi), on the kernel without the series (rig/build/base.sh)
# and on TREE's boot kernel with it; then, as the control, on the kernel
# without the series with the CPUs in turns (thread=single). Prints a line
# per boot (rig/dev/boots.sh) and a count per kernel; never fails on
# what it finds.
source "$(dirname "$0")/../lib/common.sh"

usage="usage: mttcg.sh TREE [N]"
tree=${1:?$usage}
n=${2:-4}
base=$WORK/linux-base
"$RIG/build/base.sh" "$tree"
# Its build's results and logs apart from the check tree's (build-boot).
RIG_LOGS=$LOGS/mttcg RIG_RESULTS=$RESULTS/mttcg "$RIG/build/kernel.sh" "$base" boot bzImage

export RIG_ONLY=smp_exit_repro RIG_SVM_CPUS=2
# The reproducer runs 10 s of guest time, about 15 s here: a boot still
# running after a minute has hung.
export BOOTS_TIMEOUT=${BOOTS_TIMEOUT:-60}
for run in "multi base $base" "multi series $tree" "single base $base"; do
	read -r tcg what dir <<<"$run"
	say "smp_exit_repro, $n boots: QEMU $QEMU_VERSION, 2 CPUs, thread=$tcg, kernel $what"
	RIG_SVM_TCG=$tcg BOOTS_NAME=mttcg-$tcg-$what \
		"$RIG/dev/boots.sh" "$dir/.out-boot/arch/x86/boot/bzImage" "$n"
done
