#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# vmxcap.sh TREE: build the VMX capability report (vmxcap/, an out-of-tree
# module) against TREE's boot kernel with W=1, check it with checkpatch.pl
# --strict, and build each of its mutants (vmxcap/mutants/NN-name.patch) as
# a module of its own, vmxcap_mNN. The modules go to work/vmxcap/ko/, which
# the initramfs carries to /rig/vmxcap/; the rigs' boots load them
# (rig/guest/init) and rig/judge/vmxcap-judge.sh judges what they reported.
# Results in work/SERIES/results/vmxcap.txt.
source "$(dirname "$0")/../lib/common.sh"
source "$RIG/lib/mutant-runner.sh"

tree=${1:?usage: vmxcap.sh TREE}
kbuild=$tree/.out-boot
build=$WORK/vmxcap
out=$RESULTS/vmxcap.txt
log=$LOGS/vmxcap.log
[ -f "$kbuild/vmlinux" ] || die "no boot kernel in $kbuild; run 'make kernel' first"
rm -rf "$build"
mkdir -p "$build/ko" "$RESULTS" "$LOGS"
: >"$out"
: >"$log"
# External modules link against Module.symvers, which 'make modules' makes
# (the boot kernel has no modules of its own: it takes a moment).
[ -f "$kbuild/Module.symvers" ] || run_logged "$LOGS/vmxcap-symvers.log" kbuild "$tree" boot modules

# module DIR NAME: build vmxcap.c in DIR as NAME.ko into work/vmxcap/ko.
module() {
	local dir=$1 name=$2
	[ "$name" = vmxcap ] || mv "$dir/vmxcap.c" "$dir/$name.c"
	echo "obj-m := $name.o" >"$dir/Kbuild"
	make -C "$kbuild" M="$dir" W=1 CC="$RIG/lib/cc" modules >>"$log" 2>&1 &&
		cp "$dir/$name.ko" "$build/ko/"
}

say "vmxcap: build against $kbuild (W=1), checkpatch, mutants"
mkdir -p "$build/vmxcap"
cp "$TOP/vmxcap/vmxcap.c" "$build/vmxcap/"
if ! module "$build/vmxcap" vmxcap; then
	echo "FAIL vmxcap build (see $log)" >>"$out"
elif grep -q 'warning:' "$log"; then
	echo "FAIL vmxcap build (W=1 warned: $(grep -m1 'warning:' "$log" | cut -c1-120); see $log)" >>"$out"
else
	echo "PASS vmxcap build (W=1, no warnings)" >>"$out"
fi

if "$tree/scripts/checkpatch.pl" --strict --no-tree --show-types -f \
	"$TOP/vmxcap/vmxcap.c" >"$log.checkpatch" 2>&1; then
	echo "PASS vmxcap checkpatch (--strict, clean)" >>"$out"
else
	echo "FAIL vmxcap checkpatch ($(grep -m1 -E '^(ERROR|WARNING|CHECK)' "$log.checkpatch"); see $log.checkpatch)" >>"$out"
fi

# The mutants (rig/lib/mutant-runner.sh): each is applied to a copy of
# vmxcap/vmxcap.c in work/vmxcap/mNN/ and built; the boots judge it.
mutant_target() {
	mutant_dir=$build/m${1%%-*}
	rm -rf "$mutant_dir"
	mkdir -p "$mutant_dir/vmxcap"
	cp "$TOP/vmxcap/vmxcap.c" "$mutant_dir/vmxcap/"
}

mutant_check() {
	local nr
	nr=$(basename "$1" | cut -d- -f1)
	if module "$build/m$nr/vmxcap" "vmxcap_m$nr"; then
		mutant_verdict=later
	else
		mutant_verdict=untested mutant_how="does not build"
	fi
}

[ -z "$(find "$TOP/vmxcap/mutants" -name '*.patch')" ] ||
	run_mutants "vmxcap mutant" "$log" "$TOP"/vmxcap/mutants/*.patch >>"$out"
progress vmxcap || exit $?
