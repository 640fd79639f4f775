#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# base.sh TREE: make work/linux-base, the pinned source without the series
# (TREE's tag 'base', as a git worktree of TREE), for the unpatched kernel
# that make bench measures against. Made again when it is not exactly that.
source "$(dirname "$0")/../lib/common.sh"

tree=${1:?usage: base.sh TREE}
dir=$WORK/linux-base
want=$(git -C "$tree" rev-parse base)

if [ "$(git -C "$dir" rev-parse -q --verify HEAD 2>/dev/null || true)" = "$want" ] &&
	[ -z "$(git -C "$dir" status --porcelain)" ]; then
	exit 0
fi
rm -rf "$dir"
git -C "$tree" worktree prune
need_disk 2 "the unpatched kernel tree"
say "checking out the unpatched source (tag base of $tree) into $dir"
run_logged "$LOGS/base.log" git -C "$tree" worktree add -q --detach "$dir" base
