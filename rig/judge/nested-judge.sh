#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# nested-judge.sh CONSOLE LABEL MODE STATE [AGAIN]: the result lines of a
# nested run (rig/boot/nested.sh) from its console log, on stdout. MODE is
# "", nopaging or distro (L2 is Debian, rig/guest/l2-distro-end: its
# L2-DISTRO line names it), STATE how the emulator ended, AGAIN a note that this is
# a second boot. tests/nested/judge.sh feeds it a recorded log and broken
# copies of it: each check must fail on its broken copy.
source "$(dirname "$0")/../lib/common.sh"
source "$RIG/lib/console.sh"

console=${1:?usage: nested-judge.sh CONSOLE LABEL MODE STATE [AGAIN]}
label=${2:?}
mode=${3:-}
state=${4:-}
again=${5:-}

# lines TAG: the guest's lines with TAG, without the kernel's timestamp.
lines() {
	guest_lines "$console" "s/^$1 //p"
}

result() {
	echo "$1 $label $2"
}

if ! guest_said "$console" '^NESTED-END'; then
	result FAIL "(L1 did not finish: $state$again; see $console)"
	exit 0
fi
qemu=$(lines L1-QEMU-EXIT)
if [ "$qemu" != rc=0 ] || [ -z "$(lines L2-END)" ]; then
	result FAIL "(QEMU in L1: '${qemu:-no exit line}', L2 ${qemu:+did not reach its end}; see $console)"
	exit 0
fi
what="boot, workload, exitstat, cpuid"
if [ "$mode" = distro ]; then
	# Debian's boot must have reached multi-user.target with no unit
	# failed: a unit that fails in a VM but not on a real host is a bug.
	distro=$(lines L2-DISTRO)
	if [[ $distro != *" failed=0"* ]]; then
		result FAIL "(Debian's boot: '${distro:-no L2-DISTRO line}'; failed units: $(lines L2-FAILED | awk '{ print $1 }' | paste -sd' ' -); see $console)"
		exit 0
	fi
	what="Debian to multi-user.target, exitstat, cpuid: $distro"
fi
result PASS "L2 ($what; QEMU exit 0, $(lines L1-PAGING))$again"

# The whole run's table: "reason name... exits cycles cyc/exit share bar".
want="10 30 12"
[ "$mode" = nopaging ] || want+=" 48"
missing=$(lines L2-END | awk -v want="$want" '
	$1 ~ /^[0-9]+$/ { for (i = 2; i <= NF; i++) if ($i ~ /%$/) { n[$1] = $(i - 3); break } }
	END { split(want, w, " "); for (i in w) if (!(n[w[i]] > 0)) printf " %s", w[i] }')
if [ -z "$missing" ]; then
	result PASS "table (exits under reasons $want)"
else
	result FAIL "table (no exits under reason(s)$missing; see $console)"
fi

read -r before cpuid after < <(lines L2-AGREE | sed 's/[a-z]*=//g') || true
if [ -n "${after:-}" ] && [ -n "${before:-}" ] && ((before < cpuid && cpuid < after && after - before < 200)); then
	result PASS "cpuid (EAX $cpuid of cpuid -l 0x4ffffffd -s 10, exitstat $before before, $after after)"
else
	result FAIL "cpuid (exitstat before '${before:-}', cpuid's EAX '${cpuid:-}', exitstat after '${after:-}': not in order; see $console)"
fi

samples=$(lines L1-SAMPLE | awk '$1 < last { down++ } { last = $1; n++ }
	END { printf "%d %d %d", n, down, last }')
read -r n down last <<<"$samples"
if ((n >= 10 && down == 0)); then
	result PASS "samples ($n of the VM's exits in L1's debugfs, never down, last $last)"
else
	result FAIL "samples ($n samples, $down going down; see $console)"
fi
