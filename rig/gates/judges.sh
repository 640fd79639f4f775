#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# judges.sh: the judges of console logs on recorded logs, with no emulator:
# tests/results/judge.sh (rig/judge/results.sh, every boot's PASS, XFAIL
# and FAIL) and tests/nested/judge.sh (the nested demo's). Then each
# deliberate bug of tests/results/mutants/ is applied to a copy of rig/ and
# tests/, and results.sh's judge must fail on it. Results in
# work/SERIES/results/judges.txt.
source "$(dirname "$0")/../lib/common.sh"

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
for patch in "$TOP"/tests/results/mutants/*.patch; do
	name=$(basename "$patch" .patch)
	log=$dir/mutant-$name.log
	rm -rf "$copy"
	mkdir -p "$copy"
	cp -a "$TOP/rig" "$TOP/tests" "$copy/"
	if ! patch -d "$copy" -p1 --batch --quiet <"$patch" >"$log" 2>&1; then
		echo "FAIL judges mutant $name (does not apply; see $log)"
	elif RIG_LOCKED='' "$copy/tests/results/judge.sh" >>"$log" 2>&1; then
		echo "FAIL judges mutant $name (survived: every recorded log judged as before; see $log)"
	elif ! killed=$(grep -m1 '^not ok [0-9]* .*: no line matching' "$log"); then
		# Killed only by a recorded log judged otherwise, not by a judge
		# that could not run.
		echo "FAIL judges mutant $name (the judge failed without judging a log otherwise; see $log)"
	else
		echo "PASS judges mutant $name (killed: $(cut -d: -f1 <<<"$killed"))"
	fi
done >>"$out"
rm -rf "$copy"
progress judges || exit $?
