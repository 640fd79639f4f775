# SPDX-License-Identifier: GPL-2.0
# The deliberate bugs ("mutants") that show a check can fail: their one
# format and their one runner. Sourced; needs nothing else, so that
# exitstat's own 'make mutants' sources it too.
#
# A mutant is a file NN-name.patch in the directory of its kind:
#   line 1     what the bug breaks, in one line;
#   KEY: VALUE lines after it, before the diff, where its kind reads them
#              (mutant_key; only the series' mutants have them: "rig:",
#              "report:", "cmdline:", rig/gates/kernel-mutants.sh);
#   the diff   applied with patch -p1, exactly (no fuzz), in the directory
#              the kind checks.
# The kinds, what each is applied to and what must catch it:
#   tests/mutants/SERIES/   the kernel tree; a boot
#                           (rig/gates/kernel-mutants.sh)
#   exitstat/tests/mutants/ a copy of exitstat/; its make check
#                           (exitstat/tests/mutants.sh)
#   vmxcap/mutants/         a copy of vmxcap/vmxcap.c, built as a module of
#                           its own (rig/build/vmxcap.sh); judged after the
#                           VMX rig's boot (rig/judge/vmxcap-judge.sh)
#   tests/results/mutants/  a copy of rig/ and tests/; tests/results/judge.sh
#                           (rig/gates/judges.sh)

# mutant_what PATCH: what the mutant PATCH breaks (its first line, without
# a final full stop).
mutant_what() {
	sed -n '1{s/\.$//p;q}' "$1"
}

# mutant_key PATCH KEY: the value of PATCH's "KEY: VALUE" line before its
# diff; nothing if it has none.
mutant_key() {
	awk -v key="$2: " '/^(diff |--- )/ { exit }
		NR > 1 && index($0, key) == 1 { print substr($0, length(key) + 1); exit }' "$1"
}

# mutant_result VERDICT PREFIX PATCH HOW LOG: the result line of the
# mutant PATCH: VERDICT killed (a PASS: the check caught it, by HOW),
# survived (a FAIL: the check passed with it; HOW says what passed) or
# untested (a FAIL: HOW says why it was not tested); LOG is where to look.
# HOW reads after "killed by" (a killed one) or "survived," (a survivor).
mutant_result() {
	local verdict=$1 prefix=$2 patch=$3 how=$4 log=$5 name
	name=$(basename "$patch" .patch)
	case $verdict in
	killed) echo "PASS $prefix $name (killed by $how)" ;;
	survived) echo "FAIL $prefix $name (survived, $how: $(mutant_what "$patch"); see $log)" ;;
	untested) echo "FAIL $prefix $name (not tested: $how; see $log)" ;;
	esac
}

# run_mutants PREFIX LOG PATCH...: the runner. For each mutant PATCH, in
# the order given:
#   mutant_target NAME    the kind's function: set mutant_dir to a
#                         directory as the mutant's diff expects it,
#                         without any earlier mutant in it;
#   apply it there (a diff that does not apply is a FAIL, and nothing of
#   it is applied);
#   mutant_check PATCH LOG  the kind's function: check it, and set
#                         mutant_verdict (killed, survived, untested, or
#                         later for one that another step judges) and
#                         mutant_how (see mutant_result); mutant_log may
#                         name a better log to read than LOG.
# LOG is the log's path, with % for the mutant's name (emptied for each
# mutant), or one log for all (appended to). Prints a result line per
# mutant (mutant_result, with PREFIX: "PREFIX NAME"); sets mutant_failed
# to the number of FAILs.
run_mutants() {
	local prefix=$1 logs=$2 patch name log
	shift 2
	mutant_failed=0
	for patch in "$@"; do
		name=$(basename "$patch" .patch)
		log=${logs//%/$name}
		mkdir -p "$(dirname "$log")"
		[ "$log" = "$logs" ] || : >"$log"
		mutant_target "$name"
		mutant_verdict=untested mutant_how='' mutant_log=''
		if ! patch -d "$mutant_dir" -p1 --dry-run --batch --fuzz=0 <"$patch" >>"$log" 2>&1; then
			mutant_how="its diff does not apply to what it changes: make it again"
		else
			patch -d "$mutant_dir" -p1 --batch --fuzz=0 --no-backup-if-mismatch --quiet <"$patch" >>"$log" 2>&1
			mutant_check "$patch" "$log"
		fi
		[ "$mutant_verdict" != later ] || continue
		[ "$mutant_verdict" = killed ] || mutant_failed=$((mutant_failed + 1))
		mutant_result "$mutant_verdict" "$prefix" "$patch" "$mutant_how" "${mutant_log:-$log}"
	done
}
