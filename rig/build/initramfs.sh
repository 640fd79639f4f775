#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# initramfs.sh: pack busybox-static, bash-static (run_kselftest.sh needs a
# bash-like shell), the installed selftests, the vmxcap modules and
# rig/guest/init (with rig/guest/guest-lib.sh) into work/initramfs.cpio.gz,
# with one list of tests to run per rig and one of the benchmarks.
source "$(dirname "$0")/../lib/common.sh"
source "$RIG/lib/lists.sh"
source "$RIG/lib/guest-root.sh"

root=$WORK/initramfs
out=$WORK/initramfs.cpio.gz
[ -x "$WORK/kselftest/run_kselftest.sh" ] || die "no selftests in $WORK/kselftest; run 'make selftests'"

rm -rf "$root" "$out"
busybox_root "$root"
mkdir -p "$root"/{usr/bin,rig}
cp /bin/bash-static "$root/bin/bash"
# runner.sh only uses a timeout at /usr/bin/timeout, and calls it with
# coreutils' --foreground, which busybox does not know (nor need: the
# test runs in the foreground of this console-less shell anyway).
cat >"$root/usr/bin/timeout" <<'SH'
#!/bin/sh
[ "$1" = --foreground ] && shift
exec /bin/busybox timeout "$@"
SH
chmod +x "$root/usr/bin/timeout"
cp -a "$WORK/kselftest" "$root/kselftest"
find "$root/kselftest/kvm" -type f -perm -u+x -exec strip --strip-debug {} +
guest_init "$root" init

# Every test of each rig: boot.sh tells the guest which of them an
# emulator must not run (rig.norun).
for rig in vmx svm; do
	rig_tests "$rig" >"$root/rig/tests.$rig"
done
# The VMX capability report and its mutants (rig/build/vmxcap.sh), which
# both rigs load (rig/guest/init).
mkdir -p "$root/rig/vmxcap"
cp "$WORK"/vmxcap/ko/*.ko "$root/rig/vmxcap/" 2>/dev/null ||
	echo "initramfs: no vmxcap modules in $WORK/vmxcap/ko ('make vmxcap')" >&2
# make bench's (rig/boot/bench.sh), on either rig.
read -ra bench <<<"$BENCH_TESTS"
printf '%s\n' "${bench[@]}" >"$root/rig/tests.bench"

pack "$root" "$out.tmp"
mv "$out.tmp" "$out"
say "initramfs: $out ($(du -h "$out" | cut -f1))"
