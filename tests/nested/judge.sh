#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# judge.sh: the nested run's judge (rig/judge/nested-judge.sh) on a
# recorded console log of a good SVM run (svm.console.log, the rig's lines
# only) and on broken copies of it, each made by one sed script: the good
# log must pass all four checks, each broken one must fail the check named
# with it. Prints one TAP line per log; exits 1 if any is judged wrong.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
judge=$here/../../rig/judge/nested-judge.sh
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# name|check that must fail|sed script that breaks the log
cases=(
	"good||"
	"L1 never finished|did not finish|/NESTED-END/d"
	"QEMU failed|QEMU in L1|s/L1-QEMU-EXIT rc=0/L1-QEMU-EXIT rc=1/"
	"no HLT exits|table|/L2-END  *12  HLT/d"
	"no NPF exits|table|/L2-END  *48  EPT violation/d"
	"cpuid's EAX after exitstat's|cpuid|s/cpuid=[0-9]*/cpuid=999999/"
	"exitstat counts the wrong way|cpuid|s/before=\\([0-9]*\\) cpuid=\\([0-9]*\\) after=\\([0-9]*\\)/before=\\3 cpuid=\\2 after=\\1/"
	"a sample going down|samples|0,/L1-SAMPLE [0-9]*[1-9]\$/s/\\(L1-SAMPLE [0-9]*\\)[1-9]\$/\\10000/"
)
n=0 bad=0
for c in "${cases[@]}"; do
	IFS='|' read -r name check script <<<"$c"
	n=$((n + 1))
	sed -e "${script:-p;d}" "$here/svm.console.log" >"$tmp/console.log"
	out=$("$judge" "$tmp/console.log" nested-svm "" exited "")
	fails=$(grep -c '^FAIL' <<<"$out" || true)
	if [ -z "$check" ]; then
		ok=$([ "$fails" = 0 ] && [ "$(grep -c '^PASS' <<<"$out")" = 4 ] && echo y || echo n)
	else
		ok=$(grep -q "^FAIL nested-svm.*$check\|^FAIL nested-svm $check" <<<"$out" && echo y || echo n)
	fi
	if [ "$ok" = y ]; then
		echo "ok $n $name${check:+ (fails: $check)}"
	else
		echo "not ok $n $name: expected ${check:-4 PASS}, got: $(tr '\n' ';' <<<"$out")"
		bad=$((bad + 1))
	fi
done
echo "1..$n"
[ "$bad" = 0 ]
