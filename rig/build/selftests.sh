#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# selftests.sh TREE: build the listed KVM selftests of TREE statically and
# install them with kselftest's own 'install' target into work/kselftest,
# with run_kselftest.sh and kselftest-list.txt. Only the listed tests are
# built: the x86 program lists of the kvm Makefile are overridden. A
# listed test that is a program of this repository (stress/NAME.c) is built
# the same way, against the patched tree's selftest library, and so are the
# benchmarks (bench/NAME.c, BENCH_TESTS of rig/lib/lists.sh) and the
# reproducers (stress/NAME.c, REPRO_TESTS).
source "$(dirname "$0")/../lib/common.sh"
source "$RIG/lib/lists.sh"

tree=${1:?usage: selftests.sh TREE}
dest=$WORK/kselftest
log=$LOGS/selftests.log

mapfile -t tests < <(all_tests)
read -ra bench <<<"$BENCH_TESTS $REPRO_TESTS"
tests+=("${bench[@]}")
progs=$(printf "$KVM_TEST_DIR/%s " "${tests[@]}")

# Ours are built from outside the tree (the tree stays pristine + series,
# see rig/build/source.sh): staged as KVM_TEST_DIR/NAME.c under work/, which
# make finds through VPATH.
ours=$WORK/selftests-src
rm -rf "$ours"
mkdir -p "$ours/$KVM_TEST_DIR"
for t in "${tests[@]}"; do
	for dir in stress bench; do
		[ ! -f "$TOP/$dir/$t.c" ] || cp "$TOP/$dir/$t.c" "$ours/$KVM_TEST_DIR/"
	done
done

say "building ${#tests[@]} KVM selftests (static)"
rm -rf "$dest"
{
	make -C "$tree" O=.out-boot headers &&
		make -C "$tree/tools/testing/selftests" O=.out-boot TARGETS=kvm \
			-j"$JOBS" CC="ccache gcc" EXTRA_CFLAGS=-static \
			TEST_GEN_PROGS_$KVM_TEST_DIR="$progs" TEST_PROGS_$KVM_TEST_DIR= \
			TEST_GEN_PROGS_EXTENDED_$KVM_TEST_DIR= VPATH="$ours" \
			KSFT_INSTALL_PATH="$dest" install
} >"$log" 2>&1 || {
	tail -n 25 "$log" >&2
	die "building the KVM selftests failed; see $log"
}

for t in "${tests[@]}"; do
	[ -x "$dest/kvm/$t" ] || die "selftest $t was not installed; see $log"
done
