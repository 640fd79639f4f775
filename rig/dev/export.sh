#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# export.sh: write the commits base..HEAD of work/dev/linux to patches/ with
# git format-patch: stable names (from the subjects), zeroed "From" hashes,
# and a cover letter made from the branch description.
source "$(dirname "$0")/../lib/common.sh"

[ -d "$DEV_TREE/.git" ] || die "no $DEV_TREE; run 'make tree' first"
git -C "$DEV_TREE" diff --quiet HEAD ||
	die "$DEV_TREE has uncommitted changes; commit them first"

branch=$(git -C "$DEV_TREE" branch --show-current)
count=$(git -C "$DEV_TREE" rev-list --count base..HEAD)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

if [ "$count" -gt 0 ]; then
	git -C "$DEV_TREE" config "branch.$branch.description" >/dev/null ||
		die "no cover letter: run 'git -C $DEV_TREE branch --edit-description'"
	git -C "$DEV_TREE" format-patch -q --zero-commit --cover-letter \
		--cover-from-description=subject -o "$tmp" base..HEAD
fi
# format-patch dates the cover letter now: keep its old Date when nothing
# else in it changed, so that an export without edits changes nothing.
cover=$SERIES_DIR/0000-cover-letter.patch
if [ -f "$cover" ] && [ -f "$tmp/0000-cover-letter.patch" ] &&
	cmp -s <(grep -v '^Date: ' "$cover") <(grep -v '^Date: ' "$tmp/0000-cover-letter.patch"); then
	cp "$cover" "$tmp/0000-cover-letter.patch"
fi
rm -f "$SERIES_DIR"/*.patch
find "$tmp" -name '*.patch' -exec mv -t "$SERIES_DIR" {} +
say "exported $count patch(es) to ${SERIES_DIR#"$TOP/"}/"
