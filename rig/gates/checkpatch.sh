#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# checkpatch.sh TREE: run TREE's scripts/checkpatch.pl --strict on every
# patch of the series; one result per patch in work/SERIES/results/checkpatch.txt.
# Anything checkpatch reports (error, warning or check) fails the patch,
# with one exception, replaced by a stricter check:
#
# FILE_PATH_CHANGES ("added, moved or deleted file(s), does MAINTAINERS need
# updating?") is asked of every patch that adds a file; checkpatch cannot
# tell. Instead, every file a patch adds must already be covered by a KVM
# entry of MAINTAINERS: scripts/get_maintainer.pl must name kvm@vger.kernel.org.
#
# EXPORT_SYMBOL ("should immediately follow its function/variable") right
# after DEFINE_STATIC_KEY_DEFERRED_FALSE(NAME, RL) of the same NAME:
# checkpatch knows DEFINE_*(NAME) with one argument only (the kernel's own
# ip6_flowlabel.c has the same report). Such a report counts only if the
# line before the EXPORT is not that definition.
source "$(dirname "$0")/../lib/common.sh"

tree=${1:?usage: checkpatch.sh TREE}
out=$RESULTS/checkpatch.txt
mkdir -p "$RESULTS" "$LOGS/checkpatch"
: >"$out"

# deferred_key_exports PATCH LOG: how many of LOG's EXPORT_SYMBOL reports
# are an export of the deferred static key defined on the line before.
deferred_key_exports() {
	local n=0 line sym prev
	while IFS=: read -r _ line _; do
		sym=$(sed -n "${line}s/^+EXPORT_SYMBOL[A-Z_]*(\([A-Za-z0-9_]*\));\$/\1/p" "$1")
		prev=$(sed -n "$((line - 1))p" "$1")
		[[ -n $sym && $prev =~ ^\+DEFINE_STATIC_KEY_DEFERRED_(FALSE|TRUE)\($sym,\  ]] &&
			n=$((n + 1))
	done < <(grep ': WARNING:EXPORT_SYMBOL:' "$2" || true)
	echo "$n"
}

for p in $(patch_files); do
	name=$(basename "$p")
	log=$LOGS/checkpatch/${name%.patch}.log
	case $name in
	# The cover letter has no diff and no Signed-off-by by design: only
	# its errors count.
	0000-cover-letter.patch)
		flags=(--no-signoff)
		counted='ERROR'
		;;
	*)
		flags=(--strict --ignore FILE_PATH_CHANGES)
		counted='ERROR|WARNING|CHECK'
		;;
	esac
	# checkpatch exits 1 when it reports anything; any other failure means
	# it did not check the patch, which must not read as "clean".
	rc=0
	(cd "$tree" && ./scripts/checkpatch.pl "${flags[@]}" --no-summary --terse \
		--show-types "$p") >"$log" 2>&1 || rc=$?
	if [ "$rc" -gt 1 ]; then
		echo "FAIL checkpatch $name (checkpatch.pl did not run: exit $rc; see $log)"
		continue
	fi
	bad=$(grep -cE ": ($counted):" "$log" || true)
	bad=$((bad - $(deferred_key_exports "$p" "$log")))

	for f in $(sed -n 's|^+++ b/||p' "$p" | sort -u); do
		grep -q "^--- /dev/null" <(grep -B1 -x "+++ b/$f" "$p") || continue
		(cd "$tree" && ./scripts/get_maintainer.pl --no-git --no-rolestats -f "$f") |
			grep -q 'kvm@vger.kernel.org' && continue
		echo "$f: new file not covered by a KVM entry in MAINTAINERS" >>"$log"
		bad=$((bad + 1))
	done

	if [ "$bad" = 0 ]; then
		echo "PASS checkpatch $name"
	else
		echo "FAIL checkpatch $name ($bad reports; see $log)"
	fi
done >>"$out"
progress checkpatch || exit $?
