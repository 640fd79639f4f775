#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# cli.sh EXITSTAT: exitstat's command line, without KVM: each refused use
# exits 1 with its message, before any CPUID; --help and -h exit 0. TAP.
set -euo pipefail
bin=${1:?usage: cli.sh EXITSTAT}

# status|what stderr (or, for 0, stdout) must contain|arguments
cases=(
	"0|Usage: exitstat|--help"
	"0|Usage: exitstat|-h"
	"1|unrecognized option|--bogus"
	"1|invalid option|-y"
	"1|unexpected argument 'extra'|extra"
	"1|--sort is 'count', 'cycles' or 'rate'|-s size"
	"1|--interval wants a number of at least 0.01|-i 0"
	"1|--count wants a number of at least 1|-i 1 -c 0"
	"1|--count needs --interval|--count 3"
	"1|--reason is a 32-bit value|-r 4294967296"
	"1|--all does not go with --interval without --json|-i 1 -a"
	"1|--sort does not go with --interval without --json|--interval=1 --sort=cycles"
	"1|--raw does not go with any other option|--raw -i 1"
	"1|--raw does not go with any other option|--raw --json"
	"1|--reason does not go with any other option|-r 10 -j"
	"1|--reason does not go with any other option|-r 10 -i 1"
	"1|--names is 'auto', 'intel' or 'amd'|--names=svm"
	"1|--names does not go with --interval without --json|-i 1 -n amd"
	"1|--reason does not go with any other option|-r 10 -n intel"
	"1|--filter '(': |-f ("
	"1|--filter 'zzz' matches no reason's number or name|--filter=zzz"
	"1|--filter '128' matches no reason|-f hlt -f 128"
	"1|--filter does not go with --interval without --json|-i 1 -f hlt"
	"1|--raw does not go with any other option|--raw -x"
	"1|--csv does not go with --json|--csv --json"
	"1|--sort=rate needs --top or --once|-s rate"
	"1|--sort=rate needs --top or --once|-i 1 -j --sort=rate"
	"1|--once does not go with --top|--top -1"
	"1|--json does not go with --top|-t -j"
	"1|--csv does not go with --once|--once --csv"
	"1|--count does not go with --once|-1 -c 3"
	"1|--reason does not go with any other option|-t -r 3"
	"1|--interval wants a number of at least 0.01|-t -i 0.001"
	"1|--all does not go with --csv|-C -a"
	"1|--names does not go with --interval --csv|-i 1 -C -n amd"
	"1|--reason does not go with any other option|--exclude-self -r 10"
)
n=0 bad=0
for c in "${cases[@]}"; do
	IFS='|' read -r want text args <<<"$c"
	n=$((n + 1))
	rc=0
	# shellcheck disable=SC2086 # args: the words of the command line
	out=$(timeout 10 "$bin" $args 2>&1 </dev/null) || rc=$?
	if [ "$rc" = "$want" ] && grep -qF -- "$text" <<<"$out"; then
		echo "ok $n exitstat $args: exit $want, \"$text\""
	else
		echo "not ok $n exitstat $args: want exit $want and \"$text\", got exit $rc: $(head -n1 <<<"$out")"
		bad=$((bad + 1))
	fi
done
echo "1..$n"
[ "$bad" = 0 ]
