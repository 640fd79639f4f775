#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# cc.sh: check rig/lib/cc, the compiler Kbuild runs, on what it exists
# for: a .S file that embeds another file with .incbin (as piggy.S embeds
# the compressed vmlinux), compiled twice with that file changed in
# between. Through rig/lib/cc the second object must hold the new bytes.
# Through plain ccache in depend mode, the deliberate bug (what the rig ran
# before rig/lib/cc), ccache 4.7.5 returns the first object: that shows
# the check can fail. Result: work/SERIES/results/cc.txt.
source "$(dirname "$0")/../lib/common.sh"

dir=$WORK/cc-check
rm -rf "$dir"
mkdir -p "$dir" "$RESULTS"
cd "$dir"
printf '.section .rodata\n.incbin "blob"\n' >embed.S
# A cache of its own, so that no earlier run's object can answer.
export CCACHE_DIR=$dir/ccache

# embedded CC TEXT: write TEXT to blob, compile embed.S with CC (the way
# Kbuild calls it), print what the object embeds.
embedded() {
	echo "$2" >blob
	$1 -Wp,-MMD,.embed.o.d -c -o embed.o embed.S
	objcopy -O binary -j .rodata embed.o embed.bin
	cat embed.bin
}

embedded "$RIG/lib/cc" one >/dev/null
fixed=$(embedded "$RIG/lib/cc" two)
embedded "env CCACHE_DEPEND=1 ccache gcc" three >/dev/null
plain=$(embedded "env CCACHE_DEPEND=1 ccache gcc" four)

if [ "$fixed" != two ]; then
	line="FAIL cc incbin (rig/lib/cc compiled a changed .incbin file to the old object: '$fixed', not 'two'; see $dir)"
elif [ "$plain" = three ]; then
	line="PASS cc incbin (rig/lib/cc compiles a changed .incbin file anew; plain ccache in depend mode, the deliberate bug, returned the old object)"
else
	line="PASS cc incbin (rig/lib/cc compiles a changed .incbin file anew; this ccache handles .incbin in depend mode itself, so rig/lib/cc's exception is no longer needed)"
fi
echo "$line" >"$RESULTS/cc.txt"
progress cc || exit $?
