#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# qemu.sh: unpack QEMU QEMU_VERSION from QEMU_SUITE (common.sh)
# into work/qemu/, without installing it over Debian 12's QEMU 7.2, which
# the nested demo's L1 runs; work/qemu/bin/qemu-system-x86_64 runs it with
# its own firmware. It is the SVM rig's QEMU (rig/lib/rig-svm.sh): the
# debug kernels, the nested demo's SVM runs, RIG_SVM=qemu. Skips what is
# there.
source "$(dirname "$0")/../lib/common.sh"

dir=$TOP/work/qemu
bin=$dir/bin/qemu-system-x86_64
stamp="$QEMU_VERSION $(sha256sum <"$0" | cut -c1-16)"
if [ -x "$bin" ] && [ "$(cat "$dir/stamp" 2>/dev/null)" = "$stamp" ]; then
	exit 0
fi
rm -rf "$dir"
mkdir -p "$dir/debs" "$dir/bin"
say "unpacking QEMU $QEMU_VERSION (Debian $QEMU_SUITE) into ${dir#"$TOP/"}"
for pkg in qemu-system-x86 qemu-system-common qemu-system-data; do
	(cd "$dir/debs" && suite_apt "$QEMU_SUITE" deb download "$pkg" "$QEMU_VERSION")
done
for deb in "$dir"/debs/*.deb; do
	dpkg-deb -x "$deb" "$dir/root"
done
rm -rf "$dir/debs"
# Its firmware first, then Debian 12's SeaBIOS (a package of its own).
cat >"$bin" <<'SH'
#!/bin/sh
root=$(dirname "$0")/../root
exec "$root/usr/bin/qemu-system-x86_64" -L "$root/usr/share/qemu" -L /usr/share/seabios "$@"
SH
chmod +x "$bin"
"$bin" --version 2>&1 | grep -qF "(Debian $QEMU_VERSION)" ||
	die "$bin does not run, or is not Debian's QEMU $QEMU_VERSION: $("$bin" --version 2>&1 | head -n1)"
echo "$stamp" >"$dir/stamp"
