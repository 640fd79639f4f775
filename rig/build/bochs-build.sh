#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# bochs-build.sh: build the Bochs of the VMX rig into work/bochs/: Debian's
# source package BOCHS_VERSION from BOCHS_SUITE (common.sh), pinned by the
# SHA-256 of its upstream tarball, with config/bochs/*.patch, configured
# with the CPU features of Debian's own build and no GUI. Debian 12's
# Bochs 2.7 has no posted interrupts, so KVM ran without APICv there.
# Skips the build when work/bochs/ holds this version with these patches.
source "$(dirname "$0")/../lib/common.sh"

dir=$TOP/work/bochs
log=$LOGS/bochs-build.log
patches=("$TOP"/config/bochs/*.patch)
stamp="$BOCHS_VERSION $(cat "$0" "${patches[@]}" | sha256sum | cut -c1-16)"
if [ -x "$dir/bin/bochs" ] && [ "$(cat "$dir/stamp" 2>/dev/null)" = "$stamp" ]; then
	exit 0
fi
rm -rf "$dir"
mkdir -p "$dir/src"
say "building Bochs $BOCHS_VERSION (Debian $BOCHS_SUITE) into ${dir#"$TOP/"}; log: $log"
(cd "$dir/src" && suite_apt "$BOCHS_SUITE" deb-src source bochs "$BOCHS_VERSION")
orig=$(find "$dir/src" -maxdepth 1 -name 'bochs_*.orig.tar.*')
[ "$(sha256sum <"$orig" | cut -d' ' -f1)" = "$BOCHS_ORIG_SHA256" ] ||
	die "$orig is not the tarball this rig is pinned to (BOCHS_ORIG_SHA256 in rig/lib/common.sh)"
tar -xf "$orig" -C "$dir/src"
src=$(find "$dir/src" -mindepth 1 -maxdepth 1 -type d -name 'bochs-*')
for p in "${patches[@]}"; do
	patch -d "$src" -p1 --forward --batch <"$p" >>"$log" 2>&1 ||
		die "config/bochs/$(basename "$p") does not apply to Bochs $BOCHS_VERSION; see $log"
done

# Debian's CPU options (debian/rules), without its GUIs, plugins and
# debugger, and without the idle hack, which needs a GUI: the rig runs
# Bochs headless (display_library: nogui).
(
	cd "$src"
	run_logged "$LOGS/bochs-configure.log" env CC="ccache gcc" CXX="ccache g++" \
		./configure --prefix="$dir" --with-nogui --without-x --without-x11 \
		--disable-plugins --disable-debugger --disable-debugger-gui \
		--enable-cpu-level=6 --enable-x86-64 --enable-smp --enable-vmx=2 \
		--enable-svm --enable-avx --enable-evex --enable-amx --enable-cet \
		--enable-uintr --enable-protection-keys --enable-memtype --enable-3dnow \
		--enable-fpu --enable-a20-pin --enable-pci --enable-cdrom \
		--enable-all-optimizations --enable-repeat-speedups
	run_logged "$log" make -j"$JOBS"
	run_logged "$LOGS/bochs-install.log" make install
)
rm -rf "$dir/src"
echo "$stamp" >"$dir/stamp"
say "Bochs: $("$dir/bin/bochs" --help 2>&1 | head -n1 || true)"
