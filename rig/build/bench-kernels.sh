#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# bench-kernels.sh TREE: make bench's two kernels, the boot kernel plus
# config/bench.config (which adds tracing): from TREE into TREE/.out-bench,
# and from the same source without the series (rig/build/base.sh) into
# work/SERIES/linux-base/.out-bench-base. rig/boot/bench.sh boots them.
source "$(dirname "$0")/../lib/common.sh"

tree=${1:?usage: bench-kernels.sh TREE}
base=$WORK/linux-base

"$RIG/build/base.sh" "$tree"
"$RIG/build/kernel.sh" "$tree" bench:boot+bench bzImage
"$RIG/build/kernel.sh" "$base" bench-base:boot+bench bzImage
