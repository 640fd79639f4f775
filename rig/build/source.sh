#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# source.sh DIR: make DIR a git tree of the pinned kernel source (commit and
# tag 'base') with patches/ applied by 'git am', one commit per patch.
# An existing DIR is kept only if it was made from the same source and
# series, is still clean and holds the very commits 'git am' made;
# otherwise it is made again from scratch. One that is not on its branch (a
# walk of every commit killed before it could check the branch out again)
# is refused: it would build the wrong commit.
source "$(dirname "$0")/../lib/common.sh"

dir=${1:?usage: source.sh DIR}
stamp=$dir/.git/rig-inputs
log=$LOGS/source.log
mkdir -p "$LOGS"

have=$(dpkg-query -W -f='${Version}' "$LINUX_PKG" 2>/dev/null) ||
	die "$LINUX_PKG is not installed; run 'make deps'"
[ "$have" = "$LINUX_PKG_VERSION" ] ||
	die "$LINUX_PKG is $have, but this rig is pinned to $LINUX_PKG_VERSION"
[ -f "$LINUX_TARBALL" ] || die "$LINUX_TARBALL is missing; reinstall $LINUX_PKG"

mapfile -t patches < <(commit_patches)

# applied: record that the series applies (git am --whitespace=error never
# applies with fuzz, and refuses whitespace errors).
applied() {
	mkdir -p "$RESULTS"
	echo "PASS applies (${#patches[@]} patches onto Linux $LINUX_VERSION: git am --whitespace=error)" \
		>"$RESULTS/applies.txt"
}
want=$(inputs_hash "$0" "$RIG/lib/common.sh" "${patches[@]}")

if stamp_matches "$stamp" "$want" &&
	[ -z "$(git -C "$dir" status --porcelain)" ]; then
	branch=$(git -C "$dir" symbolic-ref -q --short HEAD) ||
		die "$dir is on a detached commit ($(git -C "$dir" log -1 --format='%h %s')), not on its branch: a walk of every commit was killed. Run 'git -C $dir checkout $(git -C "$dir" for-each-ref --format='%(refname:short)' refs/heads | head -n1)', or 'make clean'"
	# The commits 'git am' made, not amended ones (someone debugging in it).
	if [ "$(git -C "$dir" rev-parse HEAD)" = "$(cat "$dir/.git/rig-head" 2>/dev/null)" ]; then
		say "kernel tree $dir is pristine + series, reusing it"
		applied
		exit 0
	fi
	say "branch $branch of $dir is not the commits made from patches/; making the tree again"
fi

rm -rf "$dir" "$dir.tmp"
mkdir -p "$(dirname "$dir")"
# A cold make check's work/ took 5.1 GB for the upstream series and 2.6
# GB for the backport (docs/timings.md).
need_disk 6 "a kernel tree with its builds"
mkdir -p "$dir.tmp"
say "extracting $LINUX_TARBALL into $dir"
tar -xJf "$LINUX_TARBALL" -C "$dir.tmp" --strip-components=1

version=$(make -s -C "$dir.tmp" kernelversion)
[ "$version" = "$LINUX_VERSION" ] ||
	die "$LINUX_TARBALL holds Linux $version, this rig is pinned to $LINUX_VERSION"

# Debian's top-level .gitignore ends with "/*" (ignore everything at the
# top level), which would hide every new file from git. Drop that block in
# the base commit so that it can never show up in a patch.
sed -i '/^# Debian packaging: ignore everything/,$d' "$dir.tmp/.gitignore"
sed -i '${/^#$/d}' "$dir.tmp/.gitignore"

(
	cd "$dir.tmp"
	git init -q
	# No background 'git gc' competing with the kernel build for the CPUs;
	# fast (light) compression of the ~90k new objects.
	git config gc.auto 0
	git config core.looseCompression 1
	# Build output lives in .out-NAME/ inside the tree (see build/kernel.sh).
	echo '/.out-*/' >.git/info/exclude
	git add -A
	# A fixed identity and date make the base commit the same everywhere.
	GIT_AUTHOR_DATE='2000-01-01T00:00:00Z' GIT_COMMITTER_DATE='2000-01-01T00:00:00Z' \
		git -c user.name=base -c user.email=base@localhost commit -q \
		-m "base: $LINUX_PKG $LINUX_PKG_VERSION (Linux $LINUX_VERSION)"
	git tag base
) >"$log" 2>&1 || die "could not make the base commit; see $log"

for p in "${patches[@]}"; do
	if ! git -C "$dir.tmp" -c user.name=rig -c user.email=rig@localhost \
		am -q --whitespace=error "$p" >>"$log" 2>&1; then
		grep -E '^(Applying|error|Patch failed)' "$log" >&2
		die "patch $(basename "$p") does not apply to Linux $LINUX_VERSION; see $log"
	fi
done

git -C "$dir.tmp" rev-parse HEAD >"$dir.tmp/.git/rig-head"
mv "$dir.tmp" "$dir"
stamp_write "$stamp" "$want"
applied
say "kernel tree $dir: base + ${#patches[@]} patches"
