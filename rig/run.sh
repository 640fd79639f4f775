#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# run.sh STEP... -- REPORT...: one whole run ('make check', 'make demo').
# Holds the clone's lock throughout (a second run in the same clone stops
# at once), starts from no old results, makes every STEP it can (make -k:
# a failed step skips only what depends on it), then runs REPORT, whose
# exit status is the run's.
source "$(dirname "$0")/lib/common.sh"

steps=()
while [ $# -gt 0 ] && [ "$1" != -- ]; do
	steps+=("$1")
	shift
done
[ "${1:-}" = -- ] && [ $# -ge 2 ] || die "usage: run.sh STEP... -- REPORT..."
shift

# The steps leave their result lines and the verdict to REPORT
# (progress, common.sh).
export RIG_RUN=1
rm -rf "$TOP"/work/*/results "$TIMINGS"
mkdir -p "$RESULTS"
start=$SECONDS
make -C "$TOP" -k "${steps[@]}" || true
echo "total $((SECONDS - start)) 0" >>"$TIMINGS"
exec "$@"
