#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# summary.sh STEP...: print the results of STEPs (work/SERIES/results/STEP.txt;
# a STEP of the form SERIES/STEP is that series', its lines marked
# "[SERIES]"), once each, then the time each step took (also written to
# work/timings.md; 'make timings' puts them in docs/timings.md), and last the closing
# count "N passed, N failed, N skipped" (XPASS counts as passed, XFAIL as
# skipped). Fails if any test failed, a step left no results, or a step
# exited non-zero.
source "$(dirname "$0")/../lib/common.sh"

timings=$TIMINGS
if [ -f "$timings" ]; then
	{
		echo "| step | seconds |"
		echo "|---|---|"
		awk '{ printf "| %s | %d%s |\n", $1, $2, $3 != 0 ? " (failed)" : "" }' "$timings"
	} >"$WORK/timings.md"
fi

{
	for step in "$@"; do
		f=$RESULTS/$step.txt mark=
		if [[ $step == */* ]]; then
			f=$TOP/work/${step%%/*}/results/${step#*/}.txt
			mark="[${step%%/*}] "
		fi
		if [ -s "$f" ]; then
			sed -E "s/^(PASS|FAIL|SKIP|XFAIL|XPASS) /\1 $mark/" "$f"
		else
			echo "FAIL $step (no results: the step did not run or died; see its ERROR line above)"
		fi
	done
	# A step that exited non-zero failed, whatever results it left.
	awk '$1 != "total" && $3 != 0 {
		printf "FAIL step %s (exited %d after %ds; see its ERROR line above)\n", $1, $3, $2 }' \
		"$timings" 2>/dev/null || true
} | awk -v timings="$timings" '
	{ print }
	$1 == "PASS" || $1 == "XPASS" { pass++ }
	$1 == "FAIL" { fail++ }
	$1 == "SKIP" || $1 == "XFAIL" { skip++ }
	END {
		while ((getline line < timings) > 0) {
			split(line, f, " ")
			t = t sep f[1] " " f[2] "s"
			sep = ", "
		}
		if (t != "")
			printf "time: %s (work/timings.md)\n", t
		printf "%d passed, %d failed, %d skipped\n", pass, fail, skip
		exit fail > 0
	}' || exit 1 # failed tests are reported above, not an error of this script
