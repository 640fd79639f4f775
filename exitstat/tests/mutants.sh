#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# mutants.sh: each deliberate bug in tests/mutants/ (line 1: what it
# breaks; then a diff against exitstat/) must make 'make check' fail.
# Prints one TAP line per mutant; exits 1 if any survives.
set -euo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

n=0 survived=0
for m in "$top"/tests/mutants/*.patch; do
	n=$((n + 1))
	name=$(basename "$m" .patch)
	rm -rf "$tmp/exitstat" "$tmp/out"
	mkdir -p "$tmp/out"
	cp -r "$top" "$tmp/exitstat"
	ln -sfn "$top/../patches" "$tmp/patches"
	if ! patch -s -p1 -d "$tmp/exitstat" <"$m"; then
		echo "not ok $n $name: does not apply; make it again against exitstat/"
		survived=$((survived + 1))
	elif make -s -C "$tmp/exitstat" check O="$tmp/out" >"$tmp/log" 2>&1; then
		echo "not ok $n $name survived: $(head -n1 "$m")"
		survived=$((survived + 1))
	else
		why=$(grep -m1 '^not ok' "$tmp/log" | sed 's/^not ok [0-9]* //') || true
		[ -n "$why" ] || why="the build: $(grep -m1 'error:' "$tmp/log" | sed 's/^[^ ]* //' || true)"
		echo "ok $n $name killed by: $why"
	fi
done
echo "1..$n"
[ "$survived" = 0 ]
