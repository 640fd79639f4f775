#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# kernel.sh TREE NAME[:FRAGMENTS] TARGET...: configure TREE/.out-NAME from
# config/FRAGMENT.config files (FRAGMENTS: one or more joined by '+',
# default: NAME; see kconfig.sh) and build TARGETs there. Kbuild decides
# what is stale. RIG_SEED=FROM starts a new .out-NAME as a copy of the
# built .out-FROM (seed_build).
source "$(dirname "$0")/../lib/common.sh"

tree=${1:?usage: kernel.sh TREE NAME[:FRAGMENTS] TARGET...}
name=${2%%:*}
fragment=${2#*:}
shift 2

[ -z "${RIG_SEED:-}" ] || seed_build "$tree" "$name" "$RIG_SEED"
"$RIG/build/kconfig.sh" "$tree" "$name" "$fragment"
say "building $name: $*"
run_logged "$LOGS/build-$name.log" kbuild "$tree" "$name" "$@"
mkdir -p "$RESULTS"
echo "PASS build $name (every fragment option kept; make $*)" >"$RESULTS/build-$name.txt"
