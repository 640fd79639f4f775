#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# boot.sh RIG: boot the check tree's kernel and the initramfs on RIG (vmx or
# svm, see rig/lib/rig-RIG.sh), wait for the guest to finish, then turn its
# console log into per-test results (rig/boot/results.sh). A panic, a hang or an
# emulator that dies is one error line naming the log, and a FAIL result.
source "$(dirname "$0")/../lib/common.sh"

rig=${1:?usage: boot.sh vmx|svm}
[ -f "$RIG/lib/rig-$rig.sh" ] || die "unknown rig '$rig'"
source "$RIG/lib/rig-$rig.sh"
# RIG_TIMEOUT overrides the rig's wall-clock limit (seconds), e.g. to see
# the hang detection work.
rig_timeout=${RIG_TIMEOUT:-$rig_timeout}

kernel=$CHECK_TREE/.out-boot/arch/x86/boot/bzImage
initrd=$WORK/initramfs.cpio.gz
console=$LOGS/$rig.console.log
emulator_log=$LOGS/$rig.emulator.log
[ -f "$kernel" ] || die "no kernel at $kernel; run 'make kernel'"
[ -f "$initrd" ] || die "no initramfs at $initrd; run 'make initramfs'"

cmdline="console=ttyS0,115200 printk.devkmsg=on panic=-1 rdinit=/init"
cmdline+=" rig=$rig rig.timeout=$test_timeout $rig_cmdline"

mkdir -p "$LOGS"
rm -f "$console" "$emulator_log"
: >"$console"
say "booting the $rig rig (timeout ${rig_timeout}s); console: $console"

start=$SECONDS
setsid bash -c "source '$RIG/lib/common.sh'; source '$RIG/lib/rig-$rig.sh'; rig_start \"\$@\"" \
	rig "$kernel" "$initrd" "$cmdline" "$console" >"$emulator_log" 2>&1 &
pid=$!
trap 'kill -- -$pid 2>/dev/null || true' EXIT

state=hang
while ((SECONDS - start < rig_timeout)); do
	if grep -q '\] rig: RIG-END' "$console"; then
		state=done
		break
	fi
	if ! kill -0 "$pid" 2>/dev/null; then
		state=exited
		# The last lines may still be on their way to the file.
		grep -q '\] rig: RIG-END' "$console" && state=done
		break
	fi
	sleep 2
done
kill -- -"$pid" 2>/dev/null || true
wait "$pid" 2>/dev/null || true
trap - EXIT

say "$rig rig: $state after $((SECONDS - start))s"
exec "$RIG/boot/results.sh" "$rig" "$state"
