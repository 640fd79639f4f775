# SPDX-License-Identifier: GPL-2.0
# Reading tests/selftests.list and tests/known-failures; sourced.

# How a debug kernel boots (rig/boot/debug.sh, its mutants in
# rig/gates/kernel-mutants.sh): with the tests that exercise the series,
# and on 2 CPUs (RIG_SVM_CPUS) so that KCSAN sees two vCPUs race.
DEBUG_TESTS="exit_stats_test exit_stats_stress"
DEBUG_SVM_CPUS=2
# And with 4-level paging: on a CPU with LA57 (QEMU's -cpu max), an
# interrupt during identify_cpu() makes KASAN report the 5-level direct map
# as a wild access (identify_cpu() clears boot_cpu_data's capabilities, so
# KASAN's shadow bounds, from cpu_feature_enabled(X86_FEATURE_LA57), are the
# 4-level ones for a moment): 2 of 12 boots of the KASAN kernel, 0 of 16
# with no5lvl (rig/dev/boots.sh). The base kernel's, not the series'.
DEBUG_CMDLINE="no5lvl"
# What the KCSAN kernel runs on QEMU besides its Bochs boot (debug.sh).
DEBUG_QEMU_TESTS="exit_stats_stress"
# KCSAN samples accesses, and QEMU runs the two CPUs in turns: mutant 14
# (a plain cross-vCPU read) was caught in 3 of 4 boots, so a KCSAN mutant
# gets up to this many boots, on QEMU (rig/gates/kernel-mutants.sh).
KCSAN_MUTANT_BOOTS=3
# The benchmarks (bench/NAME.c): built and installed with the selftests, so
# that make check compiles them, but run only by make bench
# (rig/boot/bench.sh), never by make check.
BENCH_TESTS="exit_stats_bench"
# Reproducers (stress/NAME.c): built and installed with the selftests, run
# only by the developer tools that need them (rig/dev/mttcg.sh).
REPRO_TESTS="smp_exit_repro"


# rig_tests RIG: names of the selftests listed for RIG (vmx or svm). A
# line whose rigs column is none of vmx, svm, both stops the step.
rig_tests() {
	awk -v rig="$1" '
		/^#/ || NF == 0 { next }
		$2 != "vmx" && $2 != "svm" && $2 != "both" {
			printf "%s:%d: rigs is \"%s\", not vmx, svm or both\n", FILENAME, NR, $2 > "/dev/stderr"
			exit 1
		}
		$2 == rig || $2 == "both" { print $1 }' \
		"$SELFTESTS_LIST" || exit 1
}

# has_subtests NAME: true if NAME's subtest results are to be shown.
has_subtests() {
	awk -v name="$1" '!/^#/ && $1 == name && $3 == "subtests" { found = 1 } END { exit !found }' \
		"$SELFTESTS_LIST"
}

# all_tests: every listed selftest once.
all_tests() {
	awk '!/^#/ && NF >= 2 { print $1 }' "$SELFTESTS_LIST"
}

# A line of tests/known-failures is for one emulator of a rig (its rig_kind,
# e.g. svm/qemu, set by rig/lib/rig-RIG.sh), or for the rig on every
# emulator (vmx, svm). RIG_KNOWN_FAILURES reads another such file
# (tests/results/judge.sh: its own, which the rigs' list does not change).
KNOWN_FAILURES=${RIG_KNOWN_FAILURES:-$TOP/tests/known-failures}
# known_warnings KIND: the texts of KIND's known kernel warnings at boot.
known_warnings() {
	awk -F '\t+' -v kind="$1" '!/^#/ && ($1 == kind || $1 "/" == substr(kind, 1, length($1) + 1)) &&
		$2 == "boot" && $3 == "warn" { print $4 }' "$KNOWN_FAILURES"
}

# known_failure KIND NAME: if NAME is a known failure on KIND, print its
# ACTION, EXPECTED text and REASON, separated by tabs. The file's fields
# are separated by one or more tabs.
known_failure() {
	awk -F '\t+' -v OFS='\t' -v kind="$1" -v name="$2" \
		'!/^#/ && ($1 == kind || $1 "/" == substr(kind, 1, length($1) + 1)) &&
		$2 == name { print $3, $4, $5 }' "$KNOWN_FAILURES"
}
