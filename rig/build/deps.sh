#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Install the Debian packages the rig needs. Runs apt-get only when
# something is missing, so a warm run costs nothing. Needs root for that;
# a user who is not root installs the packages below first.
source "$(dirname "$0")/../lib/common.sh"

packages=(
	bc bison build-essential ccache cpio flex kmod libelf-dev libssl-dev
	perl python3 rsync sparse xz-utils
	python3-sphinx python3-sphinx-rtd-theme python3-yaml
	qemu-system-x86
	bochs bochsbios vgabios
	isolinux syslinux-common xorriso
	busybox-static bash-static
	cpuid gnuplot-nox man-db mmdebstrap e2fsprogs
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

# install_from_suite NAME VERSION SUITE: install Debian's package NAME at
# VERSION from SUITE, a newer suite than this machine's, without adding
# SUITE to the machine's sources (suite_apt, common.sh), with its
# dependencies from the machine's suites.
install_from_suite() {
	local name=$1 version=$2 suite=$3 dir deb
	say "installing $name $version from Debian $suite"
	dir=$(mktemp -d)
	(cd "$dir" && suite_apt "$suite" deb download "$name" "$version")
	deb=$(find "$dir" -name "${name}_*.deb" | head -n1)
	run_logged "$LOGS/apt-$suite-install.log" apt-get install -y --no-install-recommends \
		--allow-downgrades "$deb"
	rm -rf "$dir"
}

# The kernel sources of both series, pinned (common.sh): the one from this
# machine's suite with the other packages, a newer suite's by itself.
missing=()
newer=()
for series in 6.12 upstream; do
	series_vars "$series"
	if [ "$LINUX_SUITE" = bookworm ]; then
		packages+=("$LINUX_PKG=$LINUX_PKG_VERSION")
	elif ! installed "$LINUX_PKG=$LINUX_PKG_VERSION"; then
		newer+=("$LINUX_PKG $LINUX_PKG_VERSION $LINUX_SUITE")
	fi
done
for p in "${packages[@]}"; do
	installed "$p" || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && [ ${#newer[@]} -eq 0 ] && exit 0

[ "$(id -u)" = 0 ] ||
	die "missing packages, and only root can install them: as root, run 'make deps'"
export DEBIAN_FRONTEND=noninteractive
if [ ${#missing[@]} -gt 0 ]; then
	say "installing ${missing[*]}"
	run_logged "$LOGS/apt-update.log" apt-get update

	# The kernel source is pinned: when Debian has moved on, say so plainly
	# rather than with apt-get's "Version ... was not found".
	series_vars 6.12
	offered=$(apt-cache madison "$LINUX_PKG" | awk -F' *\\| *' '{ print $2 }')
	grep -qxF "$LINUX_PKG_VERSION" <<<"$offered" ||
		die "Debian no longer offers $LINUX_PKG $LINUX_PKG_VERSION, the version this series is pinned to (offered: $(echo $offered)). Install that .deb by hand (dpkg -i), or move the pin in rig/lib/common.sh and re-run 'make check'"

	run_logged "$LOGS/apt-install.log" apt-get install -y --no-install-recommends \
		--allow-downgrades "${missing[@]}"
fi
# After the machine's own lists are fresh: the newer suite's .deb takes its
# dependencies from them.
for p in "${newer[@]}"; do
	# shellcheck disable=SC2086 # "NAME VERSION SUITE"
	install_from_suite $p
done
