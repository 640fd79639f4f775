#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# exitstat.sh: build the guest tool exitstat/ (static) into work/exitstat,
# run its unit tests (recorded CPUID answers in, exact text out; no KVM),
# check its reasons table against exit-leaves.rst in patches/upstream-7.3/, and run its
# mutants. Results in work/SERIES/results/exitstat.txt.
source "$(dirname "$0")/../lib/common.sh"

out=$RESULTS/exitstat.txt
log=$LOGS/exitstat.log
build=$WORK/exitstat
mkdir -p "$RESULTS" "$LOGS" "$build"
: >"$out"

say "exitstat: build, unit tests, mutants"
if make -C "$TOP/exitstat" check O="$build" >"$log" 2>&1; then
	echo "PASS exitstat unit tests ($(grep -c '^ok' "$log") checks, static binary $build/exitstat)" >>"$out"
else
	echo "FAIL exitstat unit tests ($(grep -m1 '^not ok' "$log" || echo 'build failed'); see $log)" >>"$out"
fi
# Each mutant's own log: work/SERIES/logs/exitstat-mutants/NAME.log.
if EXITSTAT_MUTANT_LOGS=$LOGS/exitstat-mutants make -C "$TOP/exitstat" mutants >"$log.mutants" 2>&1; then
	echo "PASS exitstat mutants ($(grep -c '^PASS ' "$log.mutants") killed)" >>"$out"
else
	echo "FAIL exitstat mutants ($(grep -m1 '^FAIL ' "$log.mutants" || echo 'did not run'); see $log.mutants)" >>"$out"
fi
progress exitstat || exit $?
