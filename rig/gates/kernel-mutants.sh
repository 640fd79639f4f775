#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# kernel-mutants.sh TREE KERNEL...: prove that the tests can fail. Each file
# in tests/mutants/SERIES/ (MUTANTS_DIR) is a deliberate bug in the series,
# in the rig's one mutant format (rig/lib/mutant-runner.sh): its first line
# says what it breaks, then a line "rig: RIG [KERNEL]" names the rig that
# can catch it and, for a bug only a sanitizer sees, the debug kernel
# ("rig: svm debug", config/debug.config; see rig/boot/debug.sh); for a bug
# that the boot check catches (a sanitizer's report, a WARN), a line
# "report: ERE" says what that report must match, an extended regular
# expression ("report: KCSAN: data-race in .*__kvm_exit_stats_cpuid":
# KCSAN names the two racing functions in either order); for a bug that
# only a host with another module parameter shows, a line "cmdline:
# ARG..." is added to the kernel command line. Then the diff against TREE
# with the series applied. For each: apply it alone, build that kernel
# into TREE/.out-mutant[-KERNEL], revert it, boot the rig with only
# exit_stats_test (and exit_stats_stress on a debug kernel), and expect a
# subtest to fail, or the boot check with that report. The result line
# names the subtests that failed or the report; a mutant that survives is
# a FAIL, and so is one whose boot failed for another reason (a report it
# does not name, a panic): that is not its bug caught. Only the mutants
# for the KERNELs given (boot, debug, kcsan) run: 'make mutants' the boot
# kernel's, writing work/SERIES/results/mutants.txt, 'make debug' the
# others, writing work/SERIES/results/mutants-debug.txt.
source "$(dirname "$0")/../lib/common.sh"
source "$RIG/lib/lists.sh"
source "$RIG/lib/mutant-runner.sh"

usage="usage: kernel-mutants.sh TREE KERNEL... (boot, debug, kcsan)"
tree=${1:?$usage}
shift
kernels=" ${*:?$usage} "
[ -n "$MUTANTS_DIR" ] ||
	die "the $RIG_SERIES series has no mutants of its own: they run against the upstream series (make mutants)"
out=$RESULTS/mutants.txt
[ "$kernels" = " boot " ] || out=$RESULTS/mutants-debug.txt
git -C "$tree" diff --quiet HEAD || die "$tree has uncommitted changes; 'make clean' and run again"
mkdir -p "$RESULTS"

# The mutants of the KERNELs given, each checked for its rig line first.
patches=()
for patch in "$MUTANTS_DIR"/*.patch; do
	read -r rig kernel_name <<<"$(mutant_key "$patch" rig)"
	case $rig in
	vmx | svm) ;;
	*) die "$patch: its second line must be 'rig: vmx' or 'rig: svm', optionally with a debug kernel ('rig: svm debug')" ;;
	esac
	[[ $kernels != *" ${kernel_name:-boot} "* ]] || patches+=("$patch")
done

# judge RES: the verdict on the mutant from its boot's results RES.
judge() {
	local res=$1 killers boot
	# The subtests that failed (results.sh: "    - FAIL fixture.subtest").
	killers=$(sed -n 's/^ *- FAIL \([^ ]*\).*/\1/p' "$res" 2>/dev/null |
		paste -sd, - | sed 's/,/, /g')
	boot=$(sed -n "s/^FAIL $rig boot (\(.*\))\$/\1/p" "$res" 2>/dev/null)
	boot=${boot%; see *}
	mutant_log=${res%.txt}.console.log
	if [[ $boot == "not the kernel that was built"* ]]; then
		mutant_verdict=untested mutant_how="the rig booted another kernel than the mutant's: $boot"
	elif [ -n "$boot" ] && [ -n "$report" ] && [[ $boot =~ $report ]]; then
		mutant_verdict=killed mutant_how="the boot check on $rig: $boot: $what"
	elif [ -n "$boot" ] && [ -n "$killers" ]; then
		mutant_verdict=killed mutant_how="$killers on $rig; the boot failed too: $boot: $what"
	elif [ -n "$boot" ]; then
		mutant_verdict=untested mutant_how="the boot failed, but not with the report its report: line matches (${report:-none}): $boot"
	elif grep -qE "^FAIL $rig ($(echo "$tests" | tr ' ' '|'))( |\$)" "$res" 2>/dev/null; then
		mutant_verdict=killed mutant_how="${killers:-$tests (no subtest named)} on $rig: $what"
	else
		mutant_verdict=survived mutant_how="$tests passed on $rig with it"
	fi
}

# mutant_target NAME: the check tree, as git am left it.
mutant_target() {
	git -C "$tree" checkout -q -- .
	mutant_dir=$tree
}

# mutant_check PATCH LOG: build the mutant's kernel (LOG), revert it, boot
# its rig (up to KCSAN_MUTANT_BOOTS times on the KCSAN kernel), judge.
mutant_check() {
	local patch=$1 log=$2 name base build cpus='' args='' dir boots=1 svm try
	name=$(basename "$patch" .patch)
	what=$(mutant_what "$patch")
	read -r rig kernel_name <<<"$(mutant_key "$patch" rig)"
	report=$(mutant_key "$patch" report)
	args=$(mutant_key "$patch" cmdline)
	base=${kernel_name:-boot}
	build=mutant${kernel_name:+-$kernel_name}
	tests=exit_stats_test
	[ -z "$kernel_name" ] || tests=$DEBUG_TESTS cpus=$DEBUG_SVM_CPUS args="$DEBUG_CMDLINE${args:+ $args}"
	[ -f "$tree/.out-$base/arch/x86/boot/bzImage" ] ||
		die "build the $base kernel first ('make kernel${kernel_name:+-$kernel_name}')"
	# The mutant's kernel starts as a copy of its kernel's build, so Kbuild
	# only rebuilds what a mutant touches (and ccache has the rest).
	seed_build "$tree" "$build" "$base"

	say "mutant $name ($rig${kernel_name:+, $kernel_name kernel}): $what"
	if ! kbuild "$tree" "$build" bzImage >>"$log" 2>&1; then
		git -C "$tree" checkout -q -- .
		mutant_verdict=untested mutant_how="its kernel does not build"
		return
	fi
	git -C "$tree" checkout -q -- .

	dir=$WORK/mutants/$name
	# KCSAN samples: a race that one boot missed, the next may catch
	# (KCSAN_MUTANT_BOOTS, rig/lib/lists.sh). Any other mutant boots once.
	[ "$kernel_name" != kcsan ] || boots=$KCSAN_MUTANT_BOOTS
	# A debug kernel's mutant boots as the debug kernels do (debug.sh):
	# DEBUG_SVM_CPUS CPUs on the SVM rig's emulator, KCSAN's on QEMU with
	# the stress load only.
	svm=${RIG_SVM:-bochs}
	if [ "$kernel_name" = kcsan ]; then
		svm=qemu tests=$DEBUG_QEMU_TESTS
	fi
	for try in $(seq "$boots"); do
		RIG_SVM=$svm RIG_KERNEL=$tree/.out-$build/arch/x86/boot/bzImage RIG_ONLY=$tests \
			RIG_LOGS=$dir RIG_RESULTS=$dir RIG_SVM_CPUS=$cpus RIG_CMDLINE=$args \
			"$RIG/boot/boot.sh" "$rig" >"$LOGS/mutants/$name.boot.log" 2>&1 || true
		judge "$dir/$rig.txt"
		[ "$mutant_verdict" != killed ] || break
	done
	[ "$boots" = 1 ] || mutant_how="$mutant_how [boot $try of at most $boots]"
}

# The tree is the check tree: whatever happens, leave it as git am made it.
trap 'git -C "$tree" checkout -q -- .' EXIT
run_mutants mutant "$LOGS/mutants/%.build.log" "${patches[@]}" >"$out.new"
mv "$out.new" "$out"
progress "$(basename "$out" .txt)" || exit $?
