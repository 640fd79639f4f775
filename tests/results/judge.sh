#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# judge.sh: the rigs' judge (rig/judge/results.sh, which decides every PASS,
# XFAIL and FAIL of a boot) on a recorded console log of a good SVM boot
# (svm.console.log: QEMU, cpuid_test and exit_stats_stress) and on copies
# of it, each changed by one sed script or judged with another end state:
# the good log must give the good lines and no FAIL, each other one the
# line named with it (a FAIL, or the XFAIL, XPASS or counted report that
# tests/known-failures and the KCSAN rule make of it). Prints one TAP line
# per log; exits 1 if any is judged wrong. Run by rig/gates/judges.sh.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/../.." && pwd)
log=$here/svm.console.log
# results.sh writes under work/SERIES/ only (common.sh).
dir=$top/work/${RIG_SERIES:-upstream}/judge-results
rm -rf "$dir"
mkdir -p "$dir"
trap 'rm -rf "$dir"' EXIT

# KCSAN's reports are the series' when they name a KVM function, which
# results.sh looks up in the build's arch/x86/kvm/built-in.a: one with a
# single function of KVM's.
mkdir -p "$dir/build/arch/x86/kvm"
echo 'void kvm_arch_vcpu_ioctl_run(void) {}' >"$dir/kvm.c"
gcc -c -o "$dir/kvm.o" "$dir/kvm.c"
ar rcs "$dir/build/arch/x86/kvm/built-in.a" "$dir/kvm.o"

# What the bzImage's header said (boot.sh), as the good log's banner does.
# shellcheck source=rig/lib/console.sh
source "$top/rig/lib/console.sh"
built=$(kernel_lines "$log" '/^Linux version /{s/^.* \(#[0-9].*\)$/\1/p;q}')
[ -n "$built" ] || { echo "Bail out! no kernel banner in $log"; exit 1; }

warn='[    9.000000] WARNING: CPU: 0 PID: 80 at arch/x86/kvm/x86.c:100 kvm_arch_vcpu_ioctl_run+0x10/0x20'
kcsan_base='[    9.000000] BUG: KCSAN: data-race in run_posix_cpu_timers / wait_consider_task'
kcsan_kvm='[    9.000000] BUG: KCSAN: data-race in kvm_arch_vcpu_ioctl_run / run_posix_cpu_timers'
# Known failures (tests/results/known-failures, in the rigs' format) for
# QEMU's SVM rig, on tests of the log renamed: debug_regs is xfail with
# this text, exit_stats_test flaky.
xfail="s/cpuid_test/debug_regs/g"
xfail_fails="$xfail;s/rig: ok \\([0-9]*\\) selftests: kvm: debug_regs/rig: not ok \\1 selftests: kvm: debug_regs # exit=1/"
flaky="s/exit_stats_stress/exit_stats_test/g;s/rig: # ok \\([0-9]*\\) stress.isolation/rig: # not ok \\1 stress.isolation/;s/rig: ok \\([0-9]*\\) selftests: kvm: exit_stats_test/rig: not ok \\1 selftests: kvm: exit_stats_test # exit=1/"
sti="/RUN  *stress.isolation/a [   15.325000] rig: # # Interrupt taken in the STI shadow"
# name|state|watchdog line|what the output must have (grep -E, every line
# of it in turn)|sed script that breaks the log|the tests run (default
# cpuid_test exit_stats_stress)
cases=(
	"good|done||^PASS j boot \(svm/qemu, .*kvm: module kvm_amd,@^PASS j cpuid_test\$@^PASS j exit_stats_stress\$@^    - PASS stress.load\$|"
	"the guest hung|hang||^FAIL j boot \(guest hung|"
	"the guest fell silent|hang|boot silent for 360s (wall clock) outside any test|^FAIL j boot \(guest hung: silent for 360s|"
	"the emulator died|exited||^FAIL j boot \(emulator exited|"
	"a kernel panic|done||^FAIL j boot \(kernel panic: Attempted to kill init|\$a [    9.000000] Kernel panic - not syncing: Attempted to kill init! exitcode=0x00000100"
	"a stale kernel|done||^FAIL j boot \(not the kernel that was built|s/\\(Linux version .*\\) #[0-9]* /\\1 #999 /"
	"KVM did not come up|done||^FAIL j boot \(KVM did not come up with kvm_amd|s/rig: kvm: module kvm_amd,/rig: kvm: no module,/"
	"/init never ran|done||^FAIL j boot \(the guest never reached /init\)|/rig: RIG-BEGIN/d"
	"a kernel warning|done||^FAIL j boot \(the kernel warned: WARNING: CPU: 0|/rig: TAP version/i $warn"
	"a base kernel's KCSAN report|done||^PASS j boot .*1 KCSAN reports naming no KVM function, the base kernel's\)\$|/rig: TAP version/i $kcsan_base"
	"a KCSAN report naming KVM|done||^FAIL j boot \(the kernel warned: BUG: KCSAN: data-race in kvm_arch_vcpu_ioctl_run|/rig: TAP version/i $kcsan_kvm"
	"a failed test|done||^FAIL j cpuid_test \(exit=1; see |s/rig: ok \\([0-9]*\\) selftests: kvm: cpuid_test/rig: not ok \\1 selftests: kvm: cpuid_test # exit=1/"
	"a skipped test|done||^FAIL j cpuid_test \(skipped, so it checked nothing|s/\\(rig: ok [0-9]* selftests: kvm: cpuid_test\\)\\r\\{0,1\\}\$/\\1 # SKIP/"
	"a test with no result|done||^FAIL j cpuid_test \(no result: the guest stopped|/rig: ok [0-9]* selftests: kvm: cpuid_test/d"
	"a hung test|done|cpuid_test silent for 360s (wall clock) while it ran|^FAIL j cpuid_test \(hung: silent for 360s|/rig: ok [0-9]* selftests: kvm: cpuid_test/d"
	"a known failure with its text|done||^XFAIL j debug_regs \(known failure: TCG's SVM does not raise the #BP intercept\)\$|$xfail_fails;/rig: # selftests: kvm: debug_regs/a [    3.000000] rig: # Unhandled exception '0x3' at guest RIP|debug_regs exit_stats_stress"
	"a known failure with another text|done||^FAIL j debug_regs \(.*listed in tests/known-failures, but without its expected|$xfail_fails|debug_regs exit_stats_stress"
	"a known failure that passed|done||^XPASS j debug_regs \(listed in tests/known-failures but passed\)|$xfail|debug_regs exit_stats_stress"
	"a flaky test failing as listed|done||^XFAIL j exit_stats_test \(known emulator failure.*STI shadow|$flaky;$sti|cpuid_test exit_stats_test"
	"a flaky test failing otherwise|done||^FAIL j exit_stats_test \(.*failed otherwise than by the known|$flaky|cpuid_test exit_stats_test"
	"a failed subtest|done||^FAIL j exit_stats_stress@^    - FAIL stress.isolation\$|s/rig: # ok \\([0-9]*\\) stress.isolation/rig: # not ok \\1 stress.isolation/;s/rig: ok \\([0-9]*\\) selftests: kvm: exit_stats_stress/rig: not ok \\1 selftests: kvm: exit_stats_stress # exit=1/"
)
n=0 bad=0
for c in "${cases[@]}"; do
	IFS='|' read -r name state watchdog want script tests <<<"$c"
	n=$((n + 1))
	rm -rf "$dir/logs" "$dir/results"
	mkdir -p "$dir/logs"
	sed -e "${script:-p;d}" "$log" >"$dir/logs/j.console.log"
	echo -n "${watchdog:+$watchdog$'\n'}" >"$dir/logs/j.watchdog"
	# RIG_LOCKED: results.sh writes only under $dir, and must not wait for,
	# nor take, the clone's lock (a run may hold it: make judges).
	out=$(RIG_SVM=qemu RIG_LABEL=j RIG_ONLY=${tests:-cpuid_test exit_stats_stress} RIG_BUILT=$built \
		RIG_KNOWN_FAILURES=$here/known-failures RIG_BUILD=$dir/build RIG_LOGS=$dir/logs \
		RIG_RESULTS=$dir/results RIG_RUN=1 RIG_LOCKED=1 \
		"$top/rig/judge/results.sh" svm "$state" 2>"$dir/stderr"; cat "$dir/results/j.txt" 2>/dev/null) ||
		out+=$'\n'"results.sh: $(grep -m1 ERROR "$dir/stderr" || true)"
	missing=
	while IFS= read -r line; do
		grep -qE -- "$line" <<<"$out" || missing+="${missing:+, }$line"
	done <<<"${want//@/$'\n'}"
	# The good log: nothing else may fail either.
	[ "$name" != good ] || ! grep -q '^FAIL' <<<"$out" || missing+="${missing:+, }no FAIL"
	if [ -z "$missing" ]; then
		echo "ok $n $name"
	else
		echo "not ok $n $name: no line matching $missing in: $(tr '\n' ';' <<<"$out")"
		bad=$((bad + 1))
	fi
done
echo "1..$n"
[ "$bad" = 0 ]
