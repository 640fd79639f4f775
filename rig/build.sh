#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# build.sh TREE NAME TARGET...: build TARGETs of configuration NAME out of
# tree in TREE/.out-NAME, through ccache. Kbuild decides what is stale.
source "$(dirname "$0")/lib.sh"

tree=${1:?usage: build.sh TREE NAME TARGET...}
name=${2:?usage: build.sh TREE NAME TARGET...}
shift 2

"$RIG/kconfig.sh" "$tree" "$name"
say "building $name: $*"
mkdir -p "$CCACHE_DIR"
run_logged "$LOGS/build-$name.log" \
	make -C "$tree" O=".out-$name" -j"$JOBS" CC="ccache gcc" "$@"
mkdir -p "$WORK/results"
echo "PASS build $name (every fragment option kept; make $*)" >"$WORK/results/build-$name.txt"
