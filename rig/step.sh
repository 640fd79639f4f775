#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# step.sh NAME CMD...: run one step of the rig and record its wall-clock
# time in work/timings ("NAME SECONDS EXIT-STATUS"; NAME is "6.12/NAME"
# for the backport's steps), which the summary prints and docs/timings.md's
# timing table is made from.
source "$(dirname "$0")/lib/common.sh"

name=${1:?usage: step.sh NAME CMD...}
shift
start=$SECONDS
rc=0
"$@" || rc=$?
[ "$RIG_SERIES" = upstream ] || name=$RIG_SERIES/$name
echo "$name $((SECONDS - start)) $rc" >>"$TIMINGS"
exit "$rc"
