#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# try.sh vmx|svm [TEST...]: the edit loop. Builds the tree 'make tree'
# made (work/SERIES/dev/linux) as it is, uncommitted edits too, without
# extracting anything again: its boot kernel, its KVM selftests and an
# initramfs; then boots it on one rig with TESTs (default exit_stats_test)
# and prints their result lines. Its kernel builds in the tree's .out-boot;
# its selftests, initramfs, logs and results go to work/SERIES/try/, apart
# from make check's. Exits non-zero if a result is a FAIL.
source "$(dirname "$0")/../lib/common.sh"

usage="usage: try.sh vmx|svm [TEST...]"
rig=${1:?$usage}
shift
case $rig in vmx | svm) ;; *) die "$usage" ;; esac
[ -d "$DEV_TREE/.git" ] || die "no tree at $DEV_TREE: run 'make tree' first"
tests=${*:-exit_stats_test}

# Each step below sources common.sh again: these make it build and boot
# the edited tree, and keep its files out of make check's.
export RIG_TREE=$DEV_TREE RIG_WORK=$WORK/try RIG_ONLY=$tests
mkdir -p "$RIG_WORK"
"$RIG/build/kernel.sh" "$DEV_TREE" boot bzImage
"$RIG/build/selftests.sh" "$DEV_TREE"
"$RIG/build/initramfs.sh"
exec "$RIG/boot/boot.sh" "$rig"
