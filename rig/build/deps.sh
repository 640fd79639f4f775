#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Install the Debian packages the rig needs. Runs apt-get only when
# something is missing, so a warm run costs nothing. Needs root for that;
# a user who is not root installs the packages below first.
source "$(dirname "$0")/../lib/common.sh"

packages=(
	"$LINUX_PKG=$LINUX_PKG_VERSION"
	bc bison build-essential ccache cpio flex kmod libelf-dev libssl-dev
	perl python3 rsync sparse xz-utils
	python3-sphinx python3-sphinx-rtd-theme python3-yaml
	qemu-system-x86
	bochs bochsbios vgabios
	isolinux syslinux-common xorriso
	busybox-static bash-static
	cpuid gnuplot-nox
	util-linux
)

# CCACHE_DIR from the environment, or the user's cache (common.sh).
[ "$CCACHE_DIR" = "$SHARED_CCACHE" ] ||
	say "compiling through ccache in $CCACHE_DIR, not the shared $SHARED_CCACHE"

# installed NAME[=VERSION]: true if the package (at that version) is there.
installed() {
	local name=${1%%=*} want=${1#*=} have
	have=$(dpkg-query -W -f='${db:Status-Status} ${Version}' "$name" 2>/dev/null) || return 1
	case $have in
	"installed "*) ;;
	*) return 1 ;;
	esac
	[ "$want" = "$1" ] || [ "${have#installed }" = "$want" ]
}

missing=()
for p in "${packages[@]}"; do
	installed "$p" || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0

[ "$(id -u)" = 0 ] ||
	die "missing packages, and only root can install them: as root, run 'apt-get install ${missing[*]}'"
say "installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
run_logged "$LOGS/apt-update.log" apt-get update

# The kernel source is pinned: when Debian has moved on, say so plainly
# rather than with apt-get's "Version ... was not found".
offered=$(apt-cache madison "$LINUX_PKG" | awk -F' *\\| *' '{ print $2 }')
grep -qxF "$LINUX_PKG_VERSION" <<<"$offered" ||
	die "Debian no longer offers $LINUX_PKG $LINUX_PKG_VERSION, the version this series is pinned to (offered: $(echo $offered)). Install that .deb by hand (dpkg -i), or move the pin in rig/lib/common.sh and re-run 'make check'"

run_logged "$LOGS/apt-install.log" apt-get install -y --no-install-recommends \
	--allow-downgrades "${missing[@]}"
