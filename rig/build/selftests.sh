#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# selftests.sh TREE: build the listed KVM selftests of TREE statically and
# install them with kselftest's own 'install' target into work/kselftest,
# with run_kselftest.sh and kselftest-list.txt. Only the listed tests are
# built: the x86_64 program lists of the kvm Makefile are overridden.
source "$(dirname "$0")/../lib/common.sh"
source "$RIG/lib/lists.sh"

tree=${1:?usage: selftests.sh TREE}
dest=$WORK/kselftest
log=$LOGS/selftests.log

mapfile -t tests < <(all_tests)
progs=$(printf 'x86_64/%s ' "${tests[@]}")

say "building ${#tests[@]} KVM selftests (static)"
rm -rf "$dest"
{
	make -C "$tree" O=.out-boot headers &&
		make -C "$tree/tools/testing/selftests" O=.out-boot TARGETS=kvm \
			-j"$JOBS" CC="ccache gcc" EXTRA_CFLAGS=-static \
			TEST_GEN_PROGS_x86_64="$progs" TEST_PROGS_x86_64= \
			TEST_GEN_PROGS_EXTENDED_x86_64= KSFT_INSTALL_PATH="$dest" install
} >"$log" 2>&1 || {
	tail -n 25 "$log" >&2
	die "building the KVM selftests failed; see $log"
}

for t in "${tests[@]}"; do
	[ -x "$dest/kvm/$t" ] || die "selftest $t was not installed; see $log"
done
