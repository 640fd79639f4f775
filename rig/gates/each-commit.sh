#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# each-commit.sh TREE: walk TREE from 'base' through every commit of the
# series and check what a KVM maintainer checks before reading a line:
#  - every commit builds (so that bisection works): the boot kernel (KVM
#    built in) and the modular kernel are configured with every fragment
#    option kept and link (modpost), and all x86_64 KVM selftests build;
#  - warnings: no new warnings from W=1 and sparse (C=2) on arch/x86/kvm/,
#    from the Sphinx build of Documentation/virt, or from kernel-doc -none
#    on the files the series touches, comparing the last commit with base.
#    A checker that fails or checks nothing is a FAIL, not "no warnings".
# Builds are incremental from one commit to the next (Kbuild rebuilds what
# a patch touches) and go through ccache. Results: work/SERIES/results/
# each-commit.txt and warnings.txt. The tree is left on its branch.
source "$(dirname "$0")/../lib/common.sh"

tree=${1:?usage: each-commit.sh TREE}
logs=$LOGS/each-commit
rm -rf "$logs"
mkdir -p "$logs" "$RESULTS"
branch=$(git -C "$tree" symbolic-ref -q --short HEAD) || die "$tree is not on a branch"
head_commit=$(git -C "$tree" rev-parse HEAD)
mapfile -t commits < <(git -C "$tree" rev-list --reverse base..HEAD)
mapfile -t names < <(commit_patches | xargs -r -n1 basename)
[ ${#commits[@]} = ${#names[@]} ] ||
	die "$tree has ${#commits[@]} commits over base, patches/ has ${#names[@]} patches"
trap 'git -C "$tree" checkout -q "$branch"' EXIT

# build_all LABEL [KERNELS]: build KERNELS (default: boot modules) and the
# selftests at the current commit; sets failed[] to what did not configure
# or build, each with its log, and kernel_failed if a kernel was among them.
build_all() {
	local label=$1 name log fragments what targets
	failed=() kernel_failed=
	for name in ${2-boot modules}; do
		case $name in
		boot) fragments=boot what="boot kernel" targets="vmlinux headers" ;;
		# The modular kernel is the boot kernel with KVM as modules: its
		# first build starts as a copy of the boot kernel's (seed_build).
		modules)
			fragments=boot+modules what="modular kernel" targets="vmlinux modules"
			seed_build "$tree" modules boot
			;;
		esac
		log=$logs/$label-kconfig-$name.log
		# Without its configuration a build would reuse the last commit's.
		if ! KCONFIG_LOG=$logs/$label-kconfig-$name.make.log \
			"$RIG/build/kconfig.sh" "$tree" "$name" "$fragments" >"$log" 2>&1; then
			failed+=("$name configuration: $log") kernel_failed=1
			continue
		fi
		# shellcheck disable=SC2086
		kbuild "$tree" "$name" $targets >"$logs/$label-$name.log" 2>&1 ||
			failed+=("$what: $logs/$label-$name.log") kernel_failed=1
	done
	make -C "$tree/tools/testing/selftests/kvm" -j"$JOBS" CC="ccache gcc" \
		OUTPUT="$tree/.out-selftests" \
		KHDR_INCLUDES="-isystem $tree/.out-boot/usr/include" \
		>"$logs/$label-selftests.log" 2>&1 ||
		failed+=("selftests: $logs/$label-selftests.log")
}

# normalize LOG [PATTERN]: the warning lines of LOG, sorted, without line
# numbers or the tree's path, so that base and HEAD can be compared. Kept
# once per occurrence: a second warning of the same text is a new one.
normalize() {
	{ grep -E "${2:-(warning|error|WARNING|ERROR)}" "$1" || true; } |
		sed -E 's|^[^ ]*/linux/||; s/:[0-9]+(:[0-9]+)?:/:/' | sort
}

# checker LABEL KIND CMD...: run one warning checker with its output in
# $logs/LABEL-KIND.log. If it fails, say why in $logs/LABEL-KIND.broken.
checker() {
	local label=$1 kind=$2
	shift 2
	"$@" >"$logs/$label-$kind.log" 2>&1 ||
		echo "$label: '$*' failed (exit $?)" >>"$logs/$label-$kind.broken"
}

# warnings LABEL: collect the warnings of the compare-with-base checks into
# $logs/LABEL-*.warnings, one per line, without line numbers; a checker
# that failed or did not check anything leaves LABEL-KIND.broken.
warnings() {
	local label=$1 files k index
	seed_build "$tree" warnings boot
	KCONFIG_LOG=$logs/$label-kconfig-warnings.make.log \
		"$RIG/build/kconfig.sh" "$tree" warnings boot >"$logs/$label-kconfig-warnings.log" 2>&1 ||
		echo "$label: configuring failed: $logs/$label-kconfig-warnings.log" >"$logs/$label-w1-sparse.broken"
	checker "$label" w1-sparse kbuild "$tree" warnings W=1 C=2 arch/x86/kvm/
	# C=2 runs sparse on every file: a log with no CHECK line ran none.
	# Linux 7.3 refuses Debian 12's sparse 0.6.4 (no __typeof_unqual__);
	# trixie's and sid's need a newer libc: that is a SKIP, said as such.
	if grep -q 'C=2 specified, but sparse is not available or not up to date' \
		"$logs/$label-w1-sparse.log"; then
		echo "$label: this kernel refuses sparse $(sparse --version 2>/dev/null) as too old" \
			>"$logs/$label-w1-sparse.skip"
	elif ! grep -q '^ *CHECK ' "$logs/$label-w1-sparse.log"; then
		echo "$label: sparse checked no file" >>"$logs/$label-w1-sparse.broken"
	fi

	# Sphinx (run quietly by Kbuild) writes every page whose HTML is
	# missing: remove one, and it must be back.
	index=$tree/.out-docs/Documentation/output/virt/kvm/x86/index.html
	rm -f "$index"
	checker "$label" docs make -C "$tree" O=.out-docs SPHINXDIRS=virt htmldocs
	[ -f "$index" ] ||
		echo "$label: Sphinx wrote no ${index#"$tree/"}" >>"$logs/$label-docs.broken"

	files=$(git -C "$tree" diff --name-only base "$head_commit" -- '*.c' '*.h' ':!tools' |
		while read -r f; do if [ -f "$tree/$f" ]; then echo "$f"; fi; done)
	if [ -n "$files" ]; then
		# shellcheck disable=SC2086
		checker "$label" kernel-doc env -C "$tree" ./scripts/kernel-doc -none $files
	else
		: >"$logs/$label-kernel-doc.log"
	fi

	normalize "$logs/$label-w1-sparse.log" ': (warning|error):' >"$logs/$label-w1-sparse.warnings"
	for k in docs kernel-doc; do
		normalize "$logs/$label-$k.log" >"$logs/$label-$k.warnings"
	done
}

out=$RESULTS/each-commit.txt
: >"$out"
for i in -1 "${!commits[@]}"; do
	if [ "$i" = -1 ]; then
		label=base commit=base
	else
		label=${names[$i]%.patch} commit=${commits[$i]}
	fi
	say "each-commit: building at ${label}"
	git -C "$tree" checkout -q --detach "$commit"
	# A commit that changes nothing outside tools/ and Documentation/
	# leaves both kernels as the commit before built them (and passed, or
	# they are built again): only the selftests are built.
	kernels="boot modules" built="configures with every fragment option kept; boot kernel, modular kernel, KVM selftests build"
	if [ "$i" != -1 ] && [ -z "$kernel_failed" ] &&
		! git -C "$tree" diff --name-only "$commit^" "$commit" | grep -qvE '^(tools|Documentation)/'; then
		kernels= built="changes only tools/ and Documentation/: the kernels are the commit before's; KVM selftests build"
	fi
	build_all "$label" "$kernels"
	[ "$i" = -1 ] && [ ${#failed[@]} -gt 0 ] &&
		die "the pristine base does not build: ${failed[*]}"
	if [ "$i" = -1 ] || [ "$i" = $((${#commits[@]} - 1)) ]; then
		warnings "$label"
	fi
	[ "$i" = -1 ] && continue
	if [ ${#failed[@]} -eq 0 ]; then
		echo "PASS each-commit ${names[$i]} ($built)"
	else
		echo "FAIL each-commit ${names[$i]} ($(IFS=';'; echo "${failed[*]}"))"
	fi >>"$out"
done
rc=0
progress each-commit || rc=$?

out=$RESULTS/warnings.txt
: >"$out"
last=
[ ${#names[@]} -eq 0 ] || last=${names[-1]%.patch}
for check in w1-sparse:"W=1 and sparse on arch/x86/kvm" docs:"Sphinx, Documentation/virt" \
	kernel-doc:"kernel-doc -none on the touched files"; do
	kind=${check%%:*} what=${check#*:}
	if [ -z "$last" ]; then
		echo "PASS warnings $kind (empty series)"
		continue
	fi
	broken=$(cat "$logs/base-$kind.broken" "$logs/$last-$kind.broken" 2>/dev/null || true)
	broken=${broken%%$'\n'*}
	new=$(comm -13 "$logs/base-$kind.warnings" "$logs/$last-$kind.warnings")
	skip=$(cat "$logs/base-$kind.skip" "$logs/$last-$kind.skip" 2>/dev/null || true)
	if [ -z "$broken" ] && [ -n "$skip" ]; then
		echo "SKIP warnings sparse (${skip%%$'\n'*}; W=1 still ran)"
		what="W=1 on arch/x86/kvm"
	fi
	if [ -n "$broken" ]; then
		echo "FAIL warnings $kind (the checker did not run: $broken; see $logs/base-$kind.log, $logs/$last-$kind.log)"
	elif [ -z "$new" ]; then
		echo "PASS warnings $kind (no new warnings from $what)"
	else
		echo "FAIL warnings $kind ($(echo "$new" | wc -l) new from $what, first: $(echo "$new" | head -n1); see $logs/$last-$kind.log)"
	fi
done >>"$out"
progress warnings || rc=$?
say "each-commit walk and warning comparison: ${SECONDS}s"
exit "$rc"
