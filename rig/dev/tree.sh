#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# tree.sh: make work/dev/linux, a kernel tree with the series applied, to
# edit in. Its branch description is the cover letter (subject, blank
# line, body), which export.sh writes back. FORCE=1 starts it over.
source "$(dirname "$0")/../lib/common.sh"

if [ -d "$DEV_TREE" ] && [ "${FORCE:-0}" != 1 ]; then
	say "$DEV_TREE exists: edit and commit there, then 'make export'"
	say "('make tree FORCE=1' throws it away and starts over from patches/)"
	exit 0
fi
rm -rf "$DEV_TREE"
"$RIG/build/source.sh" "$DEV_TREE"

# Commit (and sign off) as the series' author, whose identity format-patch
# also puts on the cover letter.
author=$(sed -n 's/^From: //p' "$(commit_patches | head -n1)" 2>/dev/null | head -n1)
if [ -n "$author" ]; then
	git -C "$DEV_TREE" config user.name "${author% <*}"
	git -C "$DEV_TREE" config user.email "$(sed 's/.*<\(.*\)>/\1/' <<<"$author")"
fi

cover=$SERIES_DIR/0000-cover-letter.patch
if [ -f "$cover" ]; then
	# The Subject header may be folded over several lines.
	desc=$(awk '
		/^Subject: / { sub(/^Subject: (\[[^]]*\] )?/, ""); subject = $0; next }
		subject != "" && !body && /^ / { sub(/^ +/, " "); subject = subject $0; next }
		subject != "" && !body && /^$/ { body = 1; next }
		body && /^[^ ].* \([0-9]+\):$/ { exit }
		body { text = text $0 "\n" }
		END { printf "%s\n\n%s", subject, text }' "$cover")
	git -C "$DEV_TREE" config "branch.$(git -C "$DEV_TREE" branch --show-current).description" "$desc"
	# The revision, with the tree tag of a backport ("[PATCH v2 0/N]",
	# "[PATCH 6.12 v2 0/N]"), for export.sh's format-patch.
	prefix=$(sed -n 's/^Subject: \[\(PATCH \([0-9.]* \)\{0,1\}v[0-9]*\) .*/\1/p' "$cover")
	[ -z "$prefix" ] || git -C "$DEV_TREE" config format.subjectPrefix "$prefix"
fi
say "edit in $DEV_TREE (one commit per patch; 'git branch --edit-description' for the cover letter)"
