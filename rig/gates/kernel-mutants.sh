#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# kernel-mutants.sh TREE KERNEL...: prove that the tests can fail. Each file in
# tests/mutants/SERIES/ (MUTANTS_DIR) is a deliberate bug in the series (a diff against TREE
# with the series applied); its first line names the rig that can catch it
# and, for a bug only a sanitizer sees, the debug kernel ("rig: svm" or
# "rig: svm debug", config/debug.config; see rig/boot/debug.sh), its
# second what it breaks and, for a bug that the boot check catches (a
# sanitizer's report, a WARN), its third what that report must match, an
# extended regular expression ("report: KCSAN: data-race in .*__kvm_exit_
# stats_cpuid": KCSAN names the two racing functions in either order), and
# for a bug that only a host with another module parameter shows, a line
# "cmdline: ARG..." that the rig adds to the kernel command line. For
# each: apply it alone, build that kernel into TREE/.out-mutant[-KERNEL],
# revert it, boot the rig with only exit_stats_test (and exit_stats_stress
# on a debug kernel), and expect a subtest to fail, or the boot check with
# that report. The result line names the subtests that failed or the
# report; a mutant that survives is a FAIL, and so is one whose boot
# failed for another reason (a report it does not name, a panic): that is
# not its bug caught. Only the mutants for the KERNELs given
# (boot, debug, kcsan) run: 'make mutants' the boot kernel's, writing
# work/SERIES/results/mutants.txt, 'make debug' the others, writing
# work/SERIES/results/mutants-debug.txt.
source "$(dirname "$0")/../lib/common.sh"
source "$RIG/lib/lists.sh"

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
: >"$out.new"

# judge RES: the mutant's result line from its boot's results RES.
judge() {
	local res=$1 killers boot
	# The subtests that failed (results.sh: "    - FAIL fixture.subtest").
	killers=$(sed -n 's/^ *- FAIL \([^ ]*\).*/\1/p' "$res" 2>/dev/null |
		paste -sd, - | sed 's/,/, /g')
	boot=$(sed -n "s/^FAIL $rig boot (\(.*\))\$/\1/p" "$res" 2>/dev/null)
	if [[ $boot == "not the kernel that was built"* ]]; then
		echo "FAIL mutant $name (not tested: the rig booted another kernel than the mutant's: $boot)"
	elif [ -n "$boot" ] && [ -n "$report" ] && [[ $boot =~ $report ]]; then
		echo "PASS mutant $name (killed on $rig by the boot check: $boot: $what)"
	elif [ -n "$boot" ] && [ -n "$killers" ]; then
		echo "PASS mutant $name (killed on $rig by $killers; the boot failed too: $boot: $what)"
	elif [ -n "$boot" ]; then
		echo "FAIL mutant $name (the boot failed, but not with the report its third line matches (${report:-none}): $boot)"
	elif grep -qE "^FAIL $rig ($(echo "$tests" | tr ' ' '|'))( |\$)" "$res" 2>/dev/null; then
		echo "PASS mutant $name (killed on $rig by ${killers:-$tests, no subtest named}: $what)"
	else
		echo "FAIL mutant $name (survived: $tests passed on $rig with it; see ${res%.txt}.console.log: $what)"
	fi
}

# The tree is the check tree: whatever happens, leave it as git am made it.
trap 'git -C "$tree" checkout -q -- .' EXIT
for patch in "$MUTANTS_DIR"/*.patch; do
	name=$(basename "$patch" .patch)
	read -r rig kernel_name <<<"$(sed -n '1s/^rig: //p' "$patch")"
	what=$(sed -n 2p "$patch")
	report=$(sed -n '3s/^report: //p' "$patch")
	cmdline=$(sed -n '3s/^cmdline: //p' "$patch")
	case $rig in
	vmx | svm) ;;
	*) die "$patch: its first line must be 'rig: vmx' or 'rig: svm', optionally with a debug kernel ('rig: svm debug')" ;;
	esac
	base=${kernel_name:-boot}
	[[ $kernels == *" $base "* ]] || continue
	build=mutant${kernel_name:+-$kernel_name}
	tests=exit_stats_test cpus= args=
	[ -z "$kernel_name" ] || tests=$DEBUG_TESTS cpus=$DEBUG_SVM_CPUS args=$DEBUG_CMDLINE
	args+=${cmdline:+${args:+ }$cmdline}
	[ -f "$tree/.out-$base/arch/x86/boot/bzImage" ] ||
		die "build the $base kernel first ('make ${kernel_name:+boot-}${kernel_name:-kernel}')"
	# The mutant's kernel starts as a copy of its kernel's build, so Kbuild
	# only rebuilds what a mutant touches (and ccache has the rest).
	seed_build "$tree" "$build" "$base"

	say "mutant $name ($rig${kernel_name:+, $kernel_name kernel}): $what"
	log=$LOGS/mutants/$name.build.log
	git -C "$tree" apply "$patch" ||
		die "$patch does not apply to $tree: make it again against the series"
	run_logged "$log" kbuild "$tree" "$build" bzImage
	git -C "$tree" checkout -q -- .

	dir=$WORK/mutants/$name
	# KCSAN samples: a race that one boot missed, the next may catch
	# (KCSAN_MUTANT_BOOTS, rig/lib/lists.sh). Any other mutant boots once.
	boots=1
	[ "$kernel_name" != kcsan ] || boots=$KCSAN_MUTANT_BOOTS
	# A debug kernel's mutant boots as the debug kernels do (debug.sh).
	svm=${RIG_SVM:-bochs}
	[ -z "$kernel_name" ] || svm=qemu
	for try in $(seq "$boots"); do
		RIG_SVM=$svm RIG_KERNEL=$tree/.out-$build/arch/x86/boot/bzImage RIG_ONLY=$tests \
			RIG_LOGS=$dir RIG_RESULTS=$dir RIG_SVM_CPUS=$cpus RIG_CMDLINE=$args \
			"$RIG/boot/boot.sh" "$rig" >"$LOGS/mutants/$name.boot.log" 2>&1 || true
		verdict=$(judge "$dir/$rig.txt")
		[[ $verdict == FAIL* ]] || break
	done
	[ "$boots" = 1 ] || verdict="$verdict [boot $try of at most $boots]"
	echo "$verdict" >>"$out.new"
done
mv "$out.new" "$out"
progress "$(basename "$out" .txt)" || exit $?
