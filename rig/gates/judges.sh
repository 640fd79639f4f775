#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# judges.sh: the judges of console logs on recorded logs, with no emulator:
# tests/results/judge.sh (rig/judge/results.sh, every boot's PASS, XFAIL
# and FAIL) and tests/nested/judge.sh (the nested demo's). Then each
# deliberate bug of tests/results/mutants/ is applied to a copy of rig/ and
# tests/ (rig/lib/mutant-runner.sh), and results.sh's judge must fail on
# it. Results in work/SERIES/results/judges.txt.
source "$(dirname "$0")/../lib/common.sh"
source "$RIG/lib/mutant-runner.sh"

out=$RESULTS/judges.txt
dir=$LOGS/judges
mkdir -p "$RESULTS" "$dir"
: >"$out"

for judge in results nested; do
	log=$dir/$judge.log
	if "$TOP/tests/$judge/judge.sh" >"$log" 2>&1; then
		echo "PASS judges $judge ($(grep -c '^ok' "$log") recorded logs judged right, tests/$judge/judge.sh)"
	else
		echo "FAIL judges $judge ($(grep -m1 '^not ok\|^Bail out' "$log" || echo 'did not run'); see $log)"
	fi
done >>"$out"

# A mutant's copy has its own work/ (results.sh writes under its TOP).
copy=$WORK/judges-mutant
mutant_target() {
	rm -rf "$copy"
	mkdir -p "$copy"
	cp -a "$TOP/rig" "$TOP/tests" "$copy/"
	mutant_dir=$copy
}

# mutant_check PATCH LOG: the copy's results.sh must judge a recorded log
# otherwise; a judge that could not run at all has not caught it.
mutant_check() {
	local killed
	if RIG_LOCKED='' "$copy/tests/results/judge.sh" >>"$2" 2>&1; then
		mutant_verdict=survived mutant_how="every recorded log judged as before"
	elif killed=$(grep -m1 '^not ok [0-9]* .*: no line matching' "$2"); then
		mutant_verdict=killed mutant_how=$(cut -d: -f1 <<<"$killed")
	else
		mutant_verdict=untested mutant_how="the judge failed without judging a log otherwise"
	fi
}

run_mutants "judges mutant" "$dir/mutant-%.log" "$TOP"/tests/results/mutants/*.patch >>"$out"
rm -rf "$copy"
progress judges || exit $?
