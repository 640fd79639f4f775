#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# mutants.sh: each deliberate bug in tests/mutants/ (line 1: what it
# breaks; then a diff against exitstat/) must make 'make check' fail. Run
# by the rig's one mutant runner (../rig/lib/mutant-runner.sh, which says
# the format): one line per mutant, PASS if make check failed with it;
# exits 1 if any is not caught. EXITSTAT_MUTANT_LOGS: a directory for each
# mutant's log (default: a temporary one, removed at the end).
set -euo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
# shellcheck source=rig/lib/mutant-runner.sh
source "$top/../rig/lib/mutant-runner.sh"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# mutant_target NAME: a fresh copy of exitstat/, beside patches/ (its
# reasons table is checked against exit-leaves.rst there).
mutant_target() {
	rm -rf "$tmp/exitstat" "$tmp/out"
	mkdir -p "$tmp/out"
	cp -r "$top" "$tmp/exitstat"
	ln -sfn "$top/../patches" "$tmp/patches"
	mutant_dir=$tmp/exitstat
}

# mutant_check PATCH LOG: 'make check' of the copy must fail.
mutant_check() {
	if make -s -C "$tmp/exitstat" check O="$tmp/out" >>"$2" 2>&1; then
		mutant_verdict=survived mutant_how="make check passed with it"
	else
		mutant_verdict=killed
		mutant_how=$(sed -n 's/^not ok [0-9]* //p;T;q' "$2")
		[ -n "$mutant_how" ] ||
			mutant_how="the build: $(grep -m1 'error:' "$2" | sed 's/^[^ ]* //' || true)"
	fi
}

run_mutants "exitstat mutant" "${EXITSTAT_MUTANT_LOGS:-$tmp/logs}/%.log" "$top"/tests/mutants/*.patch
[ "$mutant_failed" = 0 ]
