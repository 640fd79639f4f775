#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# bench.sh TREE RIG: make bench's boots of RIG. Builds the benchmark kernel
# (the boot kernel plus config/bench.config, which adds tracing) from TREE
# and from the same source without the series (rig/build/base.sh), then
# boots RIG on each with exit_stats_bench only (bench/). Logs and results:
# bench-RIG and bench-RIG-base in work/SERIES/logs/ and work/SERIES/results/;
# rig/report/bench-report.sh makes the tables.
source "$(dirname "$0")/../lib/common.sh"

usage="usage: bench.sh TREE vmx|svm"
tree=${1:?$usage}
rig=${2:?$usage}
base=$WORK/linux-base
# exit_stats_bench makes about 90 VMs and 700 vCPUs: more than a selftest,
# and Bochs runs the guest about 30 times slower than the wall clock.
export RIG_TEST_TIMEOUT=${RIG_TEST_TIMEOUT:-1500}

"$RIG/build/base.sh" "$tree"
rc=0
for kernel in "$tree bench $rig" "$base bench-base $rig-base"; do
	read -r dir name label <<<"$kernel"
	"$RIG/build/kernel.sh" "$dir" "$name:boot+bench" bzImage
	RIG_KERNEL=$dir/.out-$name/arch/x86/boot/bzImage RIG_LABEL=bench-$label \
		RIG_ONLY=exit_stats_bench "$RIG/boot/boot.sh" "$rig" || rc=1
done
exit $rc
