#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# mutants.sh TREE: prove that exit_stats_test can fail. Each file in
# tests/mutants/ is a deliberate bug in the series (a diff against TREE
# with the series applied) and names the rig that can catch it. For each:
# apply it alone, build the boot kernel into TREE/.out-mutant, revert it,
# boot the rig with only exit_stats_test, and expect that test to fail. The
# result line names the subtests that failed (killed it); a mutant that
# exit_stats_test survives is a FAIL. Writes work/results/mutants.txt.
source "$(dirname "$0")/../lib/common.sh"

tree=${1:?usage: mutants.sh TREE}
test=exit_stats_test
out=$RESULTS/mutants.txt
[ -f "$tree/.out-boot/arch/x86/boot/bzImage" ] || die "build the boot kernel first ('make kernel')"
git -C "$tree" diff --quiet HEAD || die "$tree has uncommitted changes; 'make clean' and run again"
mkdir -p "$RESULTS"
: >"$out.new"

# The tree is the check tree: whatever happens, leave it as git am made it.
trap 'git -C "$tree" checkout -q -- .' EXIT
# The mutant's kernel starts as a copy of the boot kernel's build, so Kbuild
# only rebuilds what a mutant touches (and ccache has the rest).
[ -d "$tree/.out-mutant" ] || cp -a "$tree/.out-boot" "$tree/.out-mutant"
kernel=$tree/.out-mutant/arch/x86/boot/bzImage

for patch in "$TOP"/tests/mutants/*.patch; do
	name=$(basename "$patch" .patch)
	rig=$(sed -n '1s/^rig: //p' "$patch")
	what=$(sed -n 2p "$patch")
	case $rig in
	vmx | svm) ;;
	*) die "$patch: its first line must be 'rig: vmx' or 'rig: svm'" ;;
	esac
	say "mutant $name ($rig): $what"
	log=$LOGS/mutants/$name.build.log
	git -C "$tree" apply "$patch" ||
		die "$patch does not apply to $tree: make it again against the series"
	run_logged "$log" kbuild "$tree" mutant bzImage
	git -C "$tree" checkout -q -- .

	dir=$WORK/mutants/$name
	RIG_KERNEL=$kernel RIG_ONLY=$test RIG_LOGS=$dir RIG_RESULTS=$dir \
		"$RIG/boot/boot.sh" "$rig" >"$LOGS/mutants/$name.boot.log" 2>&1 || true
	# The subtests that failed (results.sh: "    - FAIL fixture.subtest").
	killers=$(sed -n 's/^ *- FAIL [^.]*\.\([^ ]*\).*/\1/p' "$dir/$rig.txt" 2>/dev/null |
		paste -sd, - | sed 's/,/, /g')
	if grep -q "^FAIL $rig $test" "$dir/$rig.txt" 2>/dev/null; then
		echo "PASS mutant $name (killed on $rig by ${killers:-$test, no subtest named}: $what)"
	elif grep -q "^FAIL $rig boot" "$dir/$rig.txt" 2>/dev/null; then
		echo "PASS mutant $name (killed on $rig by the boot check, see $dir/$rig.console.log: $what)"
	else
		echo "FAIL mutant $name (survived: $test passed on $rig with it; see $dir/$rig.console.log: $what)"
	fi >>"$out.new"
done
mv "$out.new" "$out"
