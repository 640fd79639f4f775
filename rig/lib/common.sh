# SPDX-License-Identifier: GPL-2.0
# Shared settings and helpers, sourced by every rig step.
set -euo pipefail

RIG=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
TOP=$(dirname "$RIG")
WORK=${WORK:-$TOP/work}
LOGS=$WORK/logs

# The pinned kernel source: Debian's package, its version, and what its
# top-level Makefile must say.
LINUX_PKG=linux-source-6.12
LINUX_PKG_VERSION=6.12.117-1~deb12u1
LINUX_VERSION=6.12.117
LINUX_TARBALL=/usr/src/$LINUX_PKG.tar.xz

# The tree 'make check' builds: a pristine extraction plus patches/.
CHECK_TREE=$WORK/linux
# The tree a developer edits ('make tree'), exported by 'make export'.
DEV_TREE=$WORK/dev/linux

JOBS=$(nproc)

export CCACHE_DIR=${CCACHE_DIR:-/var/cache/kvm-exit-stats/ccache}
export CCACHE_BASEDIR=$WORK
export KBUILD_BUILD_USER=rig KBUILD_BUILD_HOST=rig

die() {
	echo "ERROR: $*" >&2
	exit 1
}

say() {
	echo "==> $*" >&2
}

# run_logged LOG CMD...: run CMD with all output in LOG; on failure show
# the end of LOG and stop with a message naming it.
run_logged() {
	local log=$1
	shift
	mkdir -p "$(dirname "$log")"
	if ! "$@" >"$log" 2>&1; then
		tail -n 25 "$log" >&2
		die "'$*' failed; full log: $log"
	fi
}

# kbuild TREE NAME ARG...: Kbuild in TREE with output in TREE/.out-NAME
# (a child of the source tree, so every path is relative and ccache hits
# across clones), compiling through ccache.
kbuild() {
	local tree=$1 name=$2
	shift 2
	mkdir -p "$CCACHE_DIR"
	make -C "$tree" O=".out-$name" -j"$JOBS" CC="ccache gcc" "$@"
}

# inputs_hash FILE...: one hash over the names and contents of FILEs.
inputs_hash() {
	local f
	for f in "$@"; do
		echo "== $f"
		cat "$f"
	done | sha256sum | cut -d' ' -f1
}

# A stamp records the hash of the inputs an output was made from; it sits
# next to the output, so removing the output removes the stamp.
# stamp_matches FILE VALUE: true if the stamp FILE says VALUE.
stamp_matches() {
	[ -f "$1" ] && [ "$(cat "$1")" = "$2" ]
}

stamp_write() {
	echo "$2" >"$1"
}

patch_files() {
	find "$TOP/patches" -maxdepth 1 -name '*.patch' | sort
}
