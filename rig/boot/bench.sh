#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# bench.sh TREE RIG: make bench's boots of RIG: the benchmark kernel of
# TREE and the one without the series, which 'make kernel-bench' built
# (rig/build/bench-kernels.sh), each booted on RIG with exit_stats_bench
# only (bench/). Logs and results: bench-RIG and bench-RIG-base in
# work/SERIES/logs/ and work/SERIES/results/; rig/report/bench-report.sh
# makes the tables.
source "$(dirname "$0")/../lib/common.sh"

usage="usage: bench.sh TREE vmx|svm"
tree=${1:?$usage}
rig=${2:?$usage}
base=$WORK/linux-base
# exit_stats_bench makes about 90 VMs and 700 vCPUs: more than a selftest,
# and Bochs runs the guest about 30 times slower than the wall clock.
export RIG_TEST_TIMEOUT=${RIG_TEST_TIMEOUT:-1500}

rc=0
for kernel in "$tree/.out-bench $rig" "$base/.out-bench-base $rig-base"; do
	read -r build label <<<"$kernel"
	[ -f "$build/arch/x86/boot/bzImage" ] || die "no benchmark kernel in $build; run 'make kernel-bench'"
	RIG_KERNEL=$build/arch/x86/boot/bzImage RIG_LABEL=bench-$label \
		RIG_ONLY=exit_stats_bench "$RIG/boot/boot.sh" "$rig" || rc=1
done
exit $rc
