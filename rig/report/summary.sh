#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# summary.sh STEP...: print the results of STEPs (work/results/STEP.txt) and
# the closing count "N passed, N failed, N skipped" (XPASS counts as passed,
# XFAIL as skipped). Fails if any test failed or a step left no results.
source "$(dirname "$0")/../lib/common.sh"

for step in "$@"; do
	f=$WORK/results/$step.txt
	if [ -f "$f" ]; then
		cat "$f"
	else
		echo "FAIL $step (no results: the step did not run)"
	fi
done | awk '
	{ print }
	$1 == "PASS" || $1 == "XPASS" { pass++ }
	$1 == "FAIL" { fail++ }
	$1 == "SKIP" || $1 == "XFAIL" { skip++ }
	END {
		printf "%d passed, %d failed, %d skipped\n", pass, fail, skip
		exit fail > 0
	}'
