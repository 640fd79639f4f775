#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# step.sh NAME CMD...: run one step of the rig and record its wall-clock
# time in work/results/timings ("NAME SECONDS EXIT-STATUS"), which the
# summary prints and README.md's timing table is made from.
source "$(dirname "$0")/lib/common.sh"

name=${1:?usage: step.sh NAME CMD...}
shift
start=$SECONDS
rc=0
"$@" || rc=$?
mkdir -p "$RESULTS"
echo "$name $((SECONDS - start)) $rc" >>"$RESULTS/timings"
exit "$rc"
