#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# doc-table.sh UNIT: exitstat's reasons table (reasons.c) must be the table
# "Basic exit reasons" of exit-leaves.rst, as the upstream series in
# ../patches/upstream-7.3/ adds it: the same reasons with the same names.
# (Which are handled, the table's other columns, the leaves tell exitstat.)
set -euo pipefail
unit=$(realpath "${1:?usage: doc-table.sh UNIT (the built tests/unit.c)}")
cd "$(dirname "$0")"

doc=$(grep -l 'exit-leaves.rst' ../../patches/upstream-7.3/*.patch | xargs grep -l '^+Reason Name' | head -n1)
[ -n "$doc" ] || { echo "not ok: no patch in ../../patches/upstream-7.3 adds exit-leaves.rst's reasons table"; exit 1; }

want=$(sed -n 's/^+//p' "$doc" |
	awk '/^Reason Name/ { t = 1; next } t && /^Examples/ { exit }
	     t && /^[0-9]/ && $(NF-2) == "yes" {
		name = $2; for (i = 3; i <= NF - 3; i++) name = name " " $i
		print $1 "\t" name }')
if diff -u <(echo "$want") <("$unit" --reasons); then
	echo "ok: reasons.c matches the reasons table of $(basename "$doc")"
else
	echo "not ok: reasons.c differs from the reasons table of $(basename "$doc") (- doc, + reasons.c)"
	exit 1
fi
