#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# rejudge.sh CONSOLE_LOG: judge a saved console log of a rig's boot again
# with rig/judge/results.sh, without booting ('make rejudge LOG=...'), e.g.
# after a change to results.sh or tests/known-failures. The judge gets
# what the boot step gave it, from the LABEL.judge.env that
# rig/boot/boot.sh wrote next to LABEL.console.log (the rig, how the boot
# ended, the kernel's version and build, the RIG_* settings), and reads
# the same logs directory, so it prints the same result lines as the boot
# step did for the same judge; it fails on a FAIL. Its results file goes
# to work/SERIES/rejudge/LABEL.txt, not over the boot step's.
source "$(dirname "$0")/../lib/common.sh"

log=${1:?usage: rejudge.sh CONSOLE_LOG, e.g. make rejudge LOG=work/upstream/logs/svm.console.log}
[ -f "$log" ] || die "no console log $log"
[[ $log == *.console.log ]] || die "$log is not a boot's whole console log (LABEL.console.log)"
log=$(realpath "$log")
env=${log%.console.log}.judge.env
[ -f "$env" ] ||
	die "no $env next to $log: not a boot of a rig (rig/boot/boot.sh), or one from before 'make rejudge'"

rig='' state='' series=$RIG_SERIES settings=()
while IFS= read -r line; do
	case ${line%%=*} in
	rig) rig=${line#*=} ;;
	state) state=${line#*=} ;;
	RIG_SERIES) series=${line#*=} ;;
	RIG_*) settings+=("$line") ;;
	*) die "$env: unknown line '$line'" ;;
	esac
done <"$env"
if [ -z "$rig" ] || [ -z "$state" ]; then
	die "$env names no rig or no state"
fi

say "rejudging $log ($rig, $state) with rig/judge/results.sh"
exec env -u RIG_RUN "${settings[@]}" RIG_SERIES="$series" RIG_LOGS="$(dirname "$log")" \
	RIG_RESULTS="$TOP/work/$series/rejudge" "$RIG/judge/results.sh" "$rig" "$state"
