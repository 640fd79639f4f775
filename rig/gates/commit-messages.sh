#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# commit-messages.sh: check the form of the series in patches/, as a maintainer reads
# it before the code (results in work/SERIES/results/commit-messages.txt):
#  - the cover letter is git format-patch's, filled in: subject, what and
#    why, how it was tested, known limitations, the base it applies to;
#  - every commit message: a subject with one of the prefixes below and an
#    imperative verb, a body that says why, and the author's Signed-off-by.
source "$(dirname "$0")/../lib/common.sh"

prefixes='KVM: x86: |KVM: VMX: |KVM: SVM: |KVM: selftests: |Documentation: KVM: '
out=$RESULTS/commit-messages.txt
mkdir -p "$RESULTS"
: >"$out"

mapfile -t patches < <(commit_patches)
total=${#patches[@]}

# subject PATCH: the Subject header, unfolded.
subject() {
	sed -n '/^Subject: /,/^[^ ]/p' "$1" | sed '$d' | tr -d '\n' | sed 's/^Subject: //; s/  */ /g'
}

# number N: N as git format-patch numbers it in a series of $total.
number() {
	printf '%0*d' ${#total} "$1"
}

# body PATCH: the commit message after the headers, up to the '---'.
body() {
	awk '!h && /^$/ { h = 1; next } h && /^---$/ { exit } h' "$1"
}

cover=$SERIES_DIR/0000-cover-letter.patch
if [ "$total" -gt 0 ]; then
	problems=()
	if [ ! -f "$cover" ]; then
		problems+=("missing")
	else
		subj=$(subject "$cover")
		# A backport names its tree, as stable's do: [PATCH 6.12 v7 0/6].
		[[ $subj =~ ^\[PATCH(\ [0-9]+\.[0-9]+)?(\ v([0-9]+))?\ $(number 0)/$total\]\  ]] ||
			problems+=("subject is not '[PATCH $(number 0)/$total] ...' (or '[PATCH vN ...', '[PATCH 6.12 vN ...')")
		version=${BASH_REMATCH[3]:-1}
		grep -q '\*\*\* \(SUBJECT\|BLURB\) HERE \*\*\*' "$cover" && problems+=("template text left in")
		text=$(body "$cover")
		grep -qi 'test' <<<"$text" || problems+=("does not say how it was tested")
		grep -qi 'limitation' <<<"$text" || problems+=("no known limitations")
		grep -q "$LINUX_VERSION" <<<"$text" || problems+=("does not name the base, Linux $LINUX_VERSION")
		# A new revision says what changed since each earlier one.
		for ((v = 2; v <= version; v++)); do
			grep -q "^Changes in v$v" <<<"$text" || problems+=("v$version without a 'Changes in v$v' section")
		done
	fi
	if [ ${#problems[@]} -eq 0 ]; then
		echo "PASS cover-letter 0000-cover-letter.patch"
	else
		echo "FAIL cover-letter 0000-cover-letter.patch ($(IFS=';'; echo "${problems[*]}"))"
	fi >>"$out"
fi

n=0
for p in "${patches[@]}"; do
	n=$((n + 1))
	name=$(basename "$p")
	problems=()
	subj=$(subject "$p")
	title=$(sed -E "s/^\[PATCH( [0-9]+\.[0-9]+)?( v[0-9]+)? $(number "$n")\/$total\] //" <<<"$subj")
	[ "$title" != "$subj" ] || problems+=("subject is not numbered [PATCH $(number "$n")/$total]")
	if [[ $title =~ ^($prefixes)([A-Za-z]+) ]]; then
		verb=${BASH_REMATCH[2]}
		# Imperative mood: "Add", not "Adds", "Added" or "Adding".
		[[ $verb =~ ^[A-Z] && ! $verb =~ (s|ed|ing)$ ]] ||
			problems+=("subject verb '$verb' is not an imperative")
	else
		problems+=("subject prefix is none of: ${prefixes//|/,}")
	fi
	author=$(sed -n 's/^From: //p' "$p" | head -n1)
	text=$(body "$p")
	grep -qx "Signed-off-by: $author" <<<"$text" || problems+=("no Signed-off-by: $author")
	lines=$(grep -v -e '^$' -e '^[A-Za-z-]*: .*@' <<<"$text" | wc -l)
	[ "$lines" -ge 3 ] || problems+=("commit message body too short to say why")
	if [ ${#problems[@]} -eq 0 ]; then
		echo "PASS commit-message $name"
	else
		echo "FAIL commit-message $name ($(IFS=';'; echo "${problems[*]}"))"
	fi >>"$out"
done
progress commit-messages || exit $?
