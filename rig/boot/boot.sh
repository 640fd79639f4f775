#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# boot.sh RIG: boot the check tree's kernel and the initramfs on RIG (vmx or
# svm, see rig/lib/rig-RIG.sh), wait for the guest to finish, then turn its
# console log into per-test results (rig/judge/results.sh). A panic, a hang
# or an emulator that dies is one error line naming the log, and a FAIL.
#
# A guest that logs nothing for a test's limit plus a minute of wall clock
# is hung (the hang rule of rig/lib/watch.sh). If it hung in a test, that
# test is reported hung, and the rig boots again to run the tests after it.
source "$(dirname "$0")/../lib/common.sh"
source "$RIG/lib/lists.sh"
source "$RIG/lib/console.sh"
source "$RIG/lib/watch.sh"

rig=${1:?usage: boot.sh vmx|svm}
case $rig in
vmx | svm) ;;
*) die "unknown rig '$rig' (vmx or svm)" ;;
esac
source "$RIG/lib/rig-$rig.sh"
command -v "$rig_emulator" >/dev/null ||
	die "$rig_emulator not found: $rig_install"
# RIG_TIMEOUT and RIG_TEST_TIMEOUT override the rig's wall-clock limits
# (seconds) for the whole run and for one test, e.g. to see them fire.
rig_timeout=${RIG_TIMEOUT:-$rig_timeout}
test_timeout=${RIG_TEST_TIMEOUT:-$test_timeout}
silent=$((test_timeout + 60))
# RIG_KERNEL boots another kernel, RIG_ONLY runs only those selftests (a
# space-separated list), RIG_LABEL names the logs and results instead of
# RIG, RIG_CMDLINE adds to the kernel command line (rig/gates/kernel-mutants.sh,
# rig/boot/debug.sh).
kernel=${RIG_KERNEL:-$CHECK_TREE/.out-boot/arch/x86/boot/bzImage}
read -ra only <<<"${RIG_ONLY:-}"
export RIG_LABEL=${RIG_LABEL:-$rig}
label=$RIG_LABEL

initrd=$WORK/initramfs.cpio.gz
list=$WORK/initramfs/rig/tests.$rig
console=$LOGS/$label.console.log
emulator_log=$LOGS/$label.emulator.log
watchdog=$LOGS/$label.watchdog
[ -f "$kernel" ] || die "no kernel at $kernel; run 'make kernel'"
# The build's version ("#N SMP date"), from the bzImage's setup header
# (kernel_version, at 0x200 plus the offset at 0x20e): results.sh checks
# that the kernel which booted printed it. The compressed vmlinux inside is
# made by a chain of its own (piggy.o), which once gave a new bzImage an
# old kernel (see rig/lib/cc).
offset=$(od -An -tu2 -j $((0x20e)) -N2 "$kernel" | tr -d ' ')
RIG_BUILT=$(dd if="$kernel" bs=1 skip=$((0x200 + offset)) count=200 status=none |
	tr '\0' '\n' | head -n1 | sed -n 's/^[^#]*\(#[0-9].*\)$/\1/p')
[ -n "$RIG_BUILT" ] || die "$kernel has no version string in its setup header: not a bzImage?"
export RIG_BUILT
# The build the bzImage came from: results.sh reads KVM's functions there.
export RIG_BUILD=${kernel%/arch/x86/boot/bzImage}
[ -f "$initrd" ] && [ -f "$list" ] || die "no initramfs at $initrd; run 'make initramfs'"
if [ ${#only[@]} -gt 0 ]; then
	for t in "${only[@]}"; do
		grep -qx -- "$t" "$list" "${list%.*}.bench" ||
			die "$t is not a test of the $rig rig ($list) nor a benchmark"
	done
	tests=("${only[@]}")
else
	mapfile -t tests <"$list"
fi
# What tests/known-failures says this emulator must not run: the guest
# leaves them out (rig.norun) and so does the count here.
norun=()
for t in "${tests[@]}"; do
	case $(known_failure "$rig_kind" "$t") in
	norun*) norun+=("$t") ;;
	esac
done
if [ ${#norun[@]} -gt 0 ]; then
	mapfile -t tests < <(printf '%s\n' "${tests[@]}" | grep -vxF -f <(printf '%s\n' "${norun[@]}"))
fi

mkdir -p "$LOGS"
rm -f "$LOGS/$label".*
: >"$console"
: >"$watchdog"
deadline=$((SECONDS + rig_timeout))

# boot_once FIRST PART: boot the rig to run its tests from number FIRST on,
# console output in PART. Sets state (done, exited, hang or test-hung) and,
# for test-hung, hung (the test's name).
boot_once() {
	local first=$1 part=$2 cmdline
	cmdline=$(guest_cmdline "$rig" rig.timeout="$test_timeout" rig.first="$first")
	# exit_stats_test checks CPUIDs that KVM emulates (forced emulation
	# prefix); userspace_msr_exit_test then also checks emulated RDMSR/WRMSR.
	cmdline+=" kvm.force_emulation_prefix=1${RIG_CMDLINE:+ $RIG_CMDLINE}"
	[ ${#only[@]} = 0 ] || cmdline+=" rig.only=$(IFS=,; echo "${only[*]}")"
	[ ${#norun[@]} = 0 ] || cmdline+=" rig.norun=$(IFS=,; echo "${norun[*]}")"
	# The exact emulator command goes next to the console part (.cmd).
	start_emulator "$rig" "$kernel" "$initrd" "$cmdline" "$part" "${part%.log}.cmd" \
		>>"$emulator_log" 2>&1
	watch_console "$part" RIG-END "$silent" "$deadline"
	cat "$part" >>"$console"
	state=$watch_state hung=
	case $state in
	timeout)
		state=hang
		echo "boot out of time: no end marker within ${rig_timeout}s (wall clock) in all" >>"$watchdog"
		;;
	silent)
		# The test running then: the last header without its result line.
		hung=$(guest_lines "$part" 's/^# selftests: kvm: //p; s/^\(not \)\{0,1\}ok [0-9]* selftests: kvm: .*/-/p' |
			tail -n1)
		if [ -n "$hung" ] && [ "$hung" != - ]; then
			state=test-hung
			echo "$hung silent for ${silent}s (wall clock) while it ran; the rig was booted again for the tests after it" >>"$watchdog"
		else
			state=hang hung=
			echo "boot silent for ${silent}s (wall clock) outside any test" >>"$watchdog"
		fi
		;;
	esac
}

say "booting the $rig rig as $label (limits: ${rig_timeout}s in all, ${silent}s without a guest line); console: $console"
start=$SECONDS
first=1 n=0
while :; do
	n=$((n + 1))
	boot_once "$first" "$LOGS/$label.console.$n.log"
	[ "$state" = test-hung ] || break
	say "$rig rig: $hung hung; booting again for the tests after it"
	prev=$first
	for i in "${!tests[@]}"; do
		[ "${tests[$i]}" = "$hung" ] && first=$((i + 2))
	done
	[ "$first" != "$prev" ] || die "$rig rig: hung test '$hung' is not in $list"
	if [ "$first" -gt ${#tests[@]} ]; then
		state=done
		break
	fi
done

say "$rig rig: $state after $((SECONDS - start))s, $n boot(s)"
# What the judge gets, next to the console: 'make rejudge' judges the log
# again with it (rig/judge/rejudge.sh).
{
	echo "rig=$rig"
	echo "state=$state"
	for v in RIG_SERIES RIG_LABEL RIG_ONLY RIG_BUILT RIG_BUILD RIG_SVM RIG_BOCHS RIG_SVM_CPUS RIG_SVM_TCG \
		RIG_KNOWN_FAILURES; do
		echo "$v=${!v:-}"
	done
} >"$LOGS/$label.judge.env"
exec "$RIG/judge/results.sh" "$rig" "$state"
