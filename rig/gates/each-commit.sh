#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# each-commit.sh TREE: walk TREE from 'base' through every commit of the series
# and check what a KVM maintainer checks before reading a line:
#  - bisectable: at every commit the boot kernel (KVM built in) links, the
#    modular kernel links (modpost) and all x86_64 KVM selftests build;
#  - warnings: no new warnings from W=1 and sparse (C=2) on arch/x86/kvm/,
#    from the Sphinx build of Documentation/virt, or from kernel-doc -none
#    on the files the series touches, comparing HEAD with base.
# Builds are incremental from one commit to the next (Kbuild rebuilds what
# a patch touches) and go through ccache. Results: work/results/each-commit.txt
# and work/results/warnings.txt. The tree is left at HEAD.
source "$(dirname "$0")/../lib/common.sh"

tree=${1:?usage: each-commit.sh TREE}
logs=$LOGS/each-commit
mkdir -p "$logs" "$WORK/results"
head=$(git -C "$tree" symbolic-ref -q --short HEAD)
head_commit=$(git -C "$tree" rev-parse HEAD)
mapfile -t commits < <(git -C "$tree" rev-list --reverse base..HEAD)
mapfile -t names < <(patch_files | xargs -r -n1 basename | grep -v '^0000-cover-letter')
trap 'git -C "$tree" checkout -q "$head"' EXIT

# build_all LABEL: build everything at the current commit; print what failed.
build_all() {
	local label=$1 failed=()
	"$RIG/build/kconfig.sh" "$tree" boot >/dev/null
	"$RIG/build/kconfig.sh" "$tree" modules >/dev/null
	kbuild "$tree" boot vmlinux headers >"$logs/$label-boot.log" 2>&1 ||
		failed+=("boot kernel: $logs/$label-boot.log")
	kbuild "$tree" modules vmlinux modules >"$logs/$label-modules.log" 2>&1 ||
		failed+=("modular kernel: $logs/$label-modules.log")
	make -C "$tree/tools/testing/selftests/kvm" -j"$JOBS" CC="ccache gcc" \
		OUTPUT="$tree/.out-selftests" \
		KHDR_INCLUDES="-isystem $tree/.out-boot/usr/include" \
		>"$logs/$label-selftests.log" 2>&1 ||
		failed+=("selftests: $logs/$label-selftests.log")
	[ ${#failed[@]} -eq 0 ] || printf '%s\n' "${failed[@]}"
}

# normalize LOG [PATTERN]: the warning lines of LOG, sorted, without line
# numbers or the tree's path, so that base and HEAD can be compared.
normalize() {
	{ grep -E "${2:-(warning|error|WARNING|ERROR)}" "$1" || true; } |
		sed -E 's|^[^ ]*/linux/||; s/:[0-9]+(:[0-9]+)?:/:/' | sort -u
}

# warnings LABEL: collect the warnings of the compare-with-base checks into
# $logs/LABEL-*.warnings, one per line, without line numbers.
warnings() {
	local label=$1 files
	"$RIG/build/kconfig.sh" "$tree" warnings boot >/dev/null
	kbuild "$tree" warnings W=1 C=2 arch/x86/kvm/ >"$logs/$label-w1-sparse.log" 2>&1 || true
	make -C "$tree" O=.out-docs SPHINXDIRS=virt htmldocs >"$logs/$label-docs.log" 2>&1 || true
	files=$(git -C "$tree" diff --name-only base "$head_commit" -- '*.c' '*.h' ':!tools' |
		while read -r f; do [ -f "$tree/$f" ] && echo "$f"; done)
	(cd "$tree" && [ -z "$files" ] || ./scripts/kernel-doc -none $files) \
		>"$logs/$label-kernel-doc.log" 2>&1 || true

	normalize "$logs/$label-w1-sparse.log" ': (warning|error):' >"$logs/$label-w1-sparse.warnings"
	normalize "$logs/$label-docs.log" >"$logs/$label-docs.warnings"
	normalize "$logs/$label-kernel-doc.log" >"$logs/$label-kernel-doc.warnings"
}

out=$WORK/results/each-commit.txt
: >"$out"
for i in -1 "${!commits[@]}"; do
	if [ "$i" = -1 ]; then
		label=base commit=base
	else
		label=${names[$i]%.patch} commit=${commits[$i]}
	fi
	say "each-commit: building at ${label}"
	git -C "$tree" checkout -q --detach "$commit"
	mapfile -t failed < <(build_all "$label")
	[ "$i" = -1 ] && [ ${#failed[@]} -gt 0 ] &&
		die "the pristine base does not build: ${failed[*]}"
	if [ "$i" = -1 ] || [ "$i" = $((${#commits[@]} - 1)) ]; then
		warnings "$label"
	fi
	[ "$i" = -1 ] && continue
	if [ ${#failed[@]} -eq 0 ]; then
		echo "PASS each-commit ${names[$i]} (boot kernel, modular kernel, KVM selftests build)"
	else
		echo "FAIL each-commit ${names[$i]} (does not build: ${failed[*]})"
	fi >>"$out"
done
cat "$out"

out=$WORK/results/warnings.txt
: >"$out"
last=${names[-1]:-}
last=${last%.patch}
for check in w1-sparse:"W=1 and sparse on arch/x86/kvm" docs:"Sphinx, Documentation/virt" \
	kernel-doc:"kernel-doc -none on the touched files"; do
	kind=${check%%:*} what=${check#*:}
	if [ -z "$last" ]; then
		echo "PASS warnings $kind (empty series)"
		continue
	fi
	new=$(comm -13 "$logs/base-$kind.warnings" "$logs/$last-$kind.warnings")
	if [ -z "$new" ]; then
		echo "PASS warnings $kind (no new warnings from $what)"
	else
		echo "FAIL warnings $kind ($(echo "$new" | wc -l) new from $what, first: $(echo "$new" | head -n1); see $logs/$last-$kind.log)"
	fi
done >>"$out"
cat "$out"

say "each-commit walk and warning comparison: ${SECONDS}s"
