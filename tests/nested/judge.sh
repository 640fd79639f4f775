#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# judge.sh: the nested run's judge (rig/judge/nested-judge.sh) on recorded
# console logs of good SVM runs (the rig's lines only): svm.console.log
# (the small L2) and svm-distro.console.log (Debian as L2, nested.sh
# distro); and on broken copies of them, each made by one sed script: a
# good log must pass all four checks, each broken one must fail the check
# named with it. Prints one TAP line per log; exits 1 if any is judged wrong.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
judge=$here/../../rig/judge/nested-judge.sh
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# log|name|check that must fail|sed script that breaks the log
cases=(
	"svm|good||"
	"svm|L1 never finished|did not finish|/NESTED-END/d"
	"svm|QEMU failed|QEMU in L1|s/L1-QEMU-EXIT rc=0/L1-QEMU-EXIT rc=1/"
	"svm|no HLT exits|table|/L2-END  *12  HLT/d"
	"svm|no NPF exits|table|/L2-END  *48  EPT violation/d"
	"svm|cpuid's EAX after exitstat's|cpuid|s/cpuid=[0-9]*/cpuid=999999/"
	"svm|exitstat counts the wrong way|cpuid|s/before=\\([0-9]*\\) cpuid=\\([0-9]*\\) after=\\([0-9]*\\)/before=\\3 cpuid=\\2 after=\\1/"
	"svm|a sample going down|samples|0,/L1-SAMPLE [0-9]*[1-9]\$/s/\\(L1-SAMPLE [0-9]*\\)[1-9]\$/\\10000/"
	"svm-distro|good||"
	"svm-distro|a unit failed|Debian's boot|s/failed=0/failed=1/"
	"svm-distro|no line from Debian's unit|Debian's boot|/L2-DISTRO/d"
	"svm-distro|no NPF exits|table|/L2-END  *48  NPF/d"
	"svm-distro|cpuid's EAX after exitstat's|cpuid|s/cpuid=[0-9]*/cpuid=999999/"
)
n=0 bad=0
for c in "${cases[@]}"; do
	IFS='|' read -r log name check script <<<"$c"
	n=$((n + 1))
	mode=
	[ "$log" != svm-distro ] || mode=distro
	sed -e "${script:-p;d}" "$here/$log.console.log" >"$tmp/console.log"
	out=$("$judge" "$tmp/console.log" nested-svm "$mode" exited "")
	fails=$(grep -c '^FAIL' <<<"$out" || true)
	if [ -z "$check" ]; then
		ok=$([ "$fails" = 0 ] && [ "$(grep -c '^PASS' <<<"$out")" = 4 ] && echo y || echo n)
	else
		ok=$(grep -q "^FAIL nested-svm.*$check\|^FAIL nested-svm $check" <<<"$out" && echo y || echo n)
	fi
	if [ "$ok" = y ]; then
		echo "ok $n $log: $name${check:+ (fails: $check)}"
	else
		echo "not ok $n $log: $name: expected ${check:-4 PASS}, got: $(tr '\n' ';' <<<"$out")"
		bad=$((bad + 1))
	fi
done
echo "1..$n"
[ "$bad" = 0 ]
