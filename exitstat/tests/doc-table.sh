#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# doc-table.sh UNIT: exitstat's reasons table (reasons.c) must be the table
# "Basic exit reasons" of exit-leaves.rst, as the upstream series in
# ../patches/upstream-7.3/ adds it: the same reasons with the same names.
# (Which are handled, the table's other columns, the leaves tell exitstat.)
# Its SVM names must be those of the reasons that the table "AMD (SVM)
# hosts" translates SVM exits to, each starting with an exit code that
# the table translates to it (CRn, DRn: CR0, DR0).
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

# The AMD table, as "reason<TAB>exit code" lines: the codes in ``...`` of
# its second column, the reason that starts its third (column 48); a line
# with an empty first column goes on with the row above.
svm=$(sed -n 's/^+//p' "$doc" |
	awk '/^Exit code  *Name/ { t = 1; next } t && /^====/ { if (++rules == 2) t = 0; next }
	     t { if (substr($0, 1, 1) != " ") { split(substr($0, 48), c, " "); r = c[1] }
		 s = substr($0, 15, 33)
		 while (match(s, /``[A-Z0-9_]+``/)) {
			print r "\t" substr(s, RSTART + 2, RLENGTH - 4); s = substr(s, RSTART + RLENGTH) } }')
bad=$("$unit" --svm-reasons | awk -F'\t' -v doc="$svm" '
	BEGIN { n = split(doc, d, "\n"); for (i = 1; i <= n; i++) { split(d[i], f, "\t"); code[f[1] "," f[2]] = 1; want[f[1]] = 1 } }
	{ first = $2; sub(/[ ,(\/+].*/, "", first); if (first ~ /[CD]Rn$/) sub(/n$/, "0", first)
	  if (!((($1 "," first) in code))) print "reason " $1 ": \"" $2 "\" starts with no exit code the doc translates to it"
	  delete want[$1] }
	END { for (r in want) print "reason " r ": the doc translates SVM exits to it, reasons.c has no SVM name" }')
if [ -z "$svm" ] || [ -n "$bad" ]; then
	echo "not ok: reasons.c's SVM names differ from the AMD table of $(basename "$doc"): ${bad:-no table found}"
	exit 1
fi
echo "ok: reasons.c's SVM names match the AMD table of $(basename "$doc")"
