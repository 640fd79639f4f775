# SPDX-License-Identifier: GPL-2.0
# Shared settings and helpers, sourced by every rig step. Sourcing it also
# takes this clone's lock (see take_lock).
set -euo pipefail
# A command that fails where no one checks it, in a function too (errtrace),
# still ends the step with a line that says where, never silently.
set -o errtrace
trap 'echo "ERROR: ${BASH_SOURCE[0]#"$TOP/"}:$LINENO: \"$BASH_COMMAND\" failed (exit $?)" >&2' ERR

RIG=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
TOP=$(dirname "$RIG")
die() {
	echo "ERROR: $*" >&2
	exit 1
}

say() {
	echo "==> $*" >&2
}

# Kbuild refuses a source or output path with a space or a colon, and so
# does the rig, before it creates or deletes anything.
case $TOP in
*[[:space:]:]*) die "'$TOP' has a space or a colon, which Kbuild cannot build in; clone to a path without them" ;;
esac

# The series a step works on (RIG_SERIES) and the kernel it applies to,
# pinned: Debian's package, its version, the suite that has it, and what
# its top-level Makefile must say (README.md says which series is which):
#   upstream  patches/upstream-7.3/, on Linux 7.3.4: every step
#   6.12      patches/backport-6.12/, on Debian 13's kernel: its build, its
#             gates and both rigs (the Makefile's BACKPORT_STEPS)
# series_vars SERIES: set SERIES' variables (deps.sh installs both).
series_vars() {
	case $1 in
	6.12)
		SERIES_DIR=$TOP/patches/backport-6.12
		LINUX_PKG=linux-source-6.12
		LINUX_PKG_VERSION=6.12.117-1~deb12u1
		LINUX_SUITE=bookworm
		LINUX_VERSION=6.12.117
		# Where the kernel keeps its x86 KVM selftests.
		KVM_TEST_DIR=x86_64
		SELFTESTS_LIST=$TOP/tests/selftests.list
		# Kernel options the VMX rig adds (rig/lib/rig-vmx.sh).
		VMX_CMDLINE=
		L2_CMDLINE=
		# Its deliberate bugs: the upstream series' (rig/gates/kernel-mutants.sh).
		MUTANTS_DIR=
		;;
	upstream)
		SERIES_DIR=$TOP/patches/upstream-7.3
		LINUX_PKG=linux-source-7.3
		LINUX_PKG_VERSION=7.3.4-1~bpo13+1
		LINUX_SUITE=trixie-backports
		LINUX_VERSION=7.3.4
		KVM_TEST_DIR=x86
		SELFTESTS_LIST=$TOP/tests/selftests-upstream.list
		# Bochs 2.7's CPUID reports an XSAVE size that disagrees with its
		# components (a known warning, tests/known-failures): 6.12 then
		# runs without XSAVE, 7.3 disables it too late in boot and oopses
		# in the first fork ("Attempted to kill the idle task!").
		VMX_CMDLINE=noxsave
		# The nested demo's L2 (rig/guest/l1-init) meets the same under
		# QEMU TCG's CPUID in L1: "x86/fpu: XSAVE disabled", then that oops.
		L2_CMDLINE=noxsave
		MUTANTS_DIR=$TOP/tests/mutants/upstream-7.3
		;;
	*) die "RIG_SERIES is '$1'; it must be 6.12 or upstream" ;;
	esac
	LINUX_TARBALL=/usr/src/$LINUX_PKG.tar.xz
}
# The VMX rig's Bochs (rig/build/bochs-build.sh): Debian trixie's, built here,
# as Debian 12's 2.7 has no posted interrupts (APICv).
BOCHS_VERSION=3.0+dfsg-1
BOCHS_SUITE=trixie
BOCHS_ORIG_SHA256=78f6c73d4a6472d5130a87ab9dc306d02c7c71ed8e25b3a8ef642e2a7acd282b
# The QEMU of the SVM rig's QEMU (rig/build/qemu.sh, rig-svm.sh):
# bookworm-backports' 10.0, which fixed what Debian 12's 7.2 got wrong in
# TCG's SVM (the STI shadow at VMRUN, INVD's intercept; tests/known-failures).
QEMU_VERSION=1:10.0.2+ds-2+deb13u1~bpo12+1
QEMU_SUITE=bookworm-backports
# The nested demo's distribution L2 (rig/build/distro-root.sh): Debian 12
# as this machine's apt sources have it, less the kernel modules (under
# the kernel's kernel/) of hardware that no VM of QEMU -nodefaults has.
DISTRO_SUITE=bookworm
DISTRO_DROP_MODULES="sound drivers/gpu drivers/media drivers/net/wireless
	drivers/net/ethernet drivers/net/can drivers/net/usb drivers/infiniband
	drivers/staging drivers/iio drivers/comedi drivers/bluetooth drivers/isdn
	drivers/mtd drivers/usb drivers/hwmon net/wireless net/mac80211
	net/bluetooth"
RIG_SERIES=${RIG_SERIES:-upstream}
series_vars "$RIG_SERIES"

# Always the clone's own: what the rig deletes is under it. Each series
# has its own trees, builds, logs and results (as the Makefile's WORK);
# a run's step times are one file for both (rig/step.sh). RIG_WORK moves
# a run's builds, logs and results to a directory below that one
# (rig/dev/try.sh: work/SERIES/try).
WORK=${RIG_WORK:-$TOP/work/$RIG_SERIES}
case $WORK in
"$TOP/work/$RIG_SERIES" | "$TOP/work/$RIG_SERIES"/*) ;;
*) echo "ERROR: RIG_WORK must be under $TOP/work/$RIG_SERIES" >&2; exit 1 ;;
esac
TIMINGS=$TOP/work/timings
# A mutant's boot (rig/gates/kernel-mutants.sh) writes logs and results of its
# own, under work/ too.
LOGS=${RIG_LOGS:-$WORK/logs}
RESULTS=${RIG_RESULTS:-$WORK/results}
case $LOGS:$RESULTS in
"$WORK"/*:"$WORK"/*) ;;
*) echo "ERROR: RIG_LOGS and RIG_RESULTS must be under $WORK" >&2; exit 1 ;;
esac

# The tree 'make check' builds: a pristine extraction plus the series;
# RIG_TREE boots another instead (rig/dev/try.sh: 'make tree''s).
CHECK_TREE=${RIG_TREE:-$WORK/linux}
# The tree a developer edits ('make tree'), exported by 'make export'.
DEV_TREE=$WORK/dev/linux

JOBS=$(nproc)

# Compiles go through ccache outside the clone, so that a fresh clone on a
# machine that ran the rig before builds quickly: /var/cache (shared by all
# clones, needs root once) or, where that is not writable, the user's cache.
SHARED_CCACHE=/var/cache/kvm-exit-stats/ccache
USER_CCACHE=${XDG_CACHE_HOME:-$HOME/.cache}/kvm-exit-stats/ccache
writable_dir() {
	{ mkdir -p "$1" && [ -w "$1" ]; } 2>/dev/null
}
if [ -z "${CCACHE_DIR:-}" ]; then
	CCACHE_DIR=$SHARED_CCACHE
	writable_dir "$CCACHE_DIR" || CCACHE_DIR=$USER_CCACHE
fi
writable_dir "$CCACHE_DIR" ||
	die "ccache directory $CCACHE_DIR is not writable by $(id -un); set CCACHE_DIR to one that is"
export CCACHE_DIR
export CCACHE_BASEDIR=$WORK
export KBUILD_BUILD_USER=rig KBUILD_BUILD_HOST=rig

# take_lock: one run at a time per clone. Every step takes work/.lock
# unless its caller holds it (RIG_LOCKED, exported to children): 'make
# check' takes it once for the whole run (rig/run.sh), so a second run in
# the same clone stops at once instead of destroying the first one's
# trees and results.
take_lock() {
	[ -z "${RIG_LOCKED:-}" ] || return 0
	local lock=$TOP/work/.lock
	mkdir -p "$TOP/work"
	exec 9>>"$lock"
	flock -n 9 ||
		die "another rig run in this clone holds $lock ($(cat "$lock.owner" 2>/dev/null || echo 'owner unknown')); wait for it or use another clone"
	echo "pid $$, $(basename "$0") $*, since $(date -u '+%F %T') UTC" >"$lock.owner"
	export RIG_LOCKED=1
}
take_lock "$@"

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

# suite_apt SUITE deb|deb-src download|source NAME VERSION: download
# Debian's package (deb) or source package (deb-src) NAME at VERSION from
# SUITE, a newer suite than this machine's, into the current directory,
# with apt lists of its own under work/apt-SUITE: the machine's sources
# stay as they are.
suite_apt() {
	local suite=$1 kind=$2 verb=$3 name=$4 version=$5 dir=$TOP/work/apt-$1
	local -a opts=(
		-o Dir::Etc::SourceList="$dir/sources.list" -o Dir::Etc::SourceParts=/dev/null
		-o Dir::State::Lists="$dir/lists" -o Dir::Cache="$dir/cache"
		-o Dir::State::Status=/dev/null -o APT::Sandbox::User=root
	)
	mkdir -p "$dir/lists/partial" "$dir/cache/archives/partial"
	echo "$kind [signed-by=/usr/share/keyrings/debian-archive-keyring.gpg] http://deb.debian.org/debian $suite main" \
		>"$dir/sources.list"
	run_logged "$LOGS/apt-$suite.log" apt-get "${opts[@]}" update
	local offered
	if [ "$kind" = deb ]; then
		offered=$(apt-cache "${opts[@]}" madison "$name" | awk -F' *\\| *' '{ print $2 }')
	else
		offered=$(apt-cache "${opts[@]}" showsrc "$name" | sed -n 's/^Version: //p')
	fi
	grep -qxF "$version" <<<"$offered" ||
		die "Debian $suite no longer offers $name $version, the version this rig is pinned to; see $LOGS/apt-$suite.log, and move the pin in rig/lib/common.sh"
	local what=$name=$version
	# Of a source package, only the upstream tarball: this package
	# registry serves no .dsc files.
	[ "$verb" = download ] || what="$what --download-only --tar-only"
	# shellcheck disable=SC2086 # what: the package and its option
	run_logged "$LOGS/apt-$suite-$verb.log" apt-get "${opts[@]}" "$verb" $what
	rm -rf "$dir"
}

# kbuild TREE NAME ARG...: Kbuild in TREE with output in TREE/.out-NAME
# (a child of the source tree, so every path is relative and ccache hits
# across clones), compiling through ccache in depend mode (rig/lib/cc).
kbuild() {
	local tree=$1 name=$2
	shift 2
	make -C "$tree" O=".out-$name" -j"$JOBS" CC="$RIG/lib/cc" "$@"
}

# guest_cmdline RIG ARG...: the kernel command line of a guest of RIG: the
# serial console, the rig's /init, the rig's own options (rig_cmdline, from
# rig/lib/rig-RIG.sh, sourced by the caller), then ARGs.
guest_cmdline() {
	local rig=$1
	shift
	echo "console=ttyS0,115200 printk.devkmsg=on panic=-1 rdinit=/init rig=$rig $rig_cmdline $*"
}

# record_cmd FILE CMD...: write to FILE, if FILE is not empty, the exact
# command a boot is about to run, as a line a shell can run again (the
# emulator of boot.sh and boots.sh: rig_start).
record_cmd() {
	local file=$1
	shift
	[ -z "$file" ] || { printf '%q ' "$@" && echo; } >"$file"
}

# seed_build TREE NAME FROM: start TREE/.out-NAME, if it does not exist yet,
# as a copy of TREE/.out-FROM once that is built, so that Kbuild rebuilds
# only what the two configurations' difference touches (and ccache has
# none of it on a cold run).
seed_build() {
	[ -d "$1/.out-$2" ] || [ ! -f "$1/.out-$3/vmlinux" ] || cp -a "$1/.out-$3" "$1/.out-$2"
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

# need_disk GB WHAT: stop before WHAT when the file system of work/ has
# less than GB gigabytes free, rather than with a build's "No space left".
need_disk() {
	local free
	free=$(df -P -BG "$WORK" | awk 'NR == 2 { sub(/G$/, "", $4); print $4 }')
	[ "$free" -ge "$1" ] ||
		die "$2 needs about $1 GB free in $WORK, there are ${free} GB: free some space ('make clean' removes work/)"
}

# patch_files: the series (SERIES_DIR), cover letter first.
patch_files() {
	find "$SERIES_DIR" -maxdepth 1 -name '*.patch' | sort
}

# commit_patches: the series without the cover letter (it has no diff).
commit_patches() {
	patch_files | grep -v '/0000-cover-letter\.patch$'
}

# progress STEP: one line on stderr with the counts of STEP's results
# (work/SERIES/results/STEP.txt). In a whole run (RIG_RUN, rig/run.sh) that
# is all: the report prints every result line once, at the end, and decides
# (rig/report/summary.sh). A step run alone also prints its result lines,
# and fails if one of them is a FAIL, so that 'make boot-svm && ...' stops.
progress() {
	local f=$RESULTS/$1.txt
	say "$1: $(awk '/^[A-Z]+ / { n[$1]++ }
		END { for (r in n) { printf "%s%d %s", sep, n[r], r; sep = ", " } }' "$f")"
	[ -z "${RIG_RUN:-}" ] || return 0
	cat "$f" >&2
	! grep -q '^FAIL ' "$f"
}
