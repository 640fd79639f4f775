#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# timings.sh COLUMN: write the step times of the last run
# (work/timings) into COLUMN ("cold" or "warm") of docs/timings.md's
# timing table, between its "timings:" markers. Run it after a 'make check'
# on a fresh clone, cold or warm, and commit docs/timings.md with the result.
source "$(dirname "$0")/../lib/common.sh"

column=${1:?usage: timings.sh cold|warm}
case $column in
cold | warm) ;;
*) die "unknown column '$column' (cold or warm)" ;;
esac
timings=$TIMINGS
[ -s "$timings" ] || die "no $timings: run 'make check' first"
# The run's own lines end with its total; steps run alone after it follow.
run=$(sed '/^total /q' "$timings")
grep -q '^total ' <<<"$run" && grep -q '^each-commit ' <<<"$run" ||
	die "$timings is not from a whole 'make check'"
awk '$3 != 0 { bad = 1 } END { exit bad }' <<<"$run" ||
	die "a step of the last run failed (see $timings): time a passing run"

readme=$TOP/docs/timings.md
awk -v column="$column" -v run="$run" '
	BEGIN {
		steps = split(run, lines, "\n")
		for (i = 1; i <= steps; i++) {
			split(lines[i], f, " ")
			order[i] = f[1]
			secs[f[1]] = f[2]
		}
	}
	/^<!-- timings: end -->$/ { inside = 0 }
	inside && /^\| `/ {
		n = split($0, cell, "|")
		step = cell[2]
		gsub(/[ `]/, "", step)
		seen[step] = 1
		# A step the table has no row for yet gets one before the total,
		# so that the column adds up to it.
		if (step == "total")
			for (i = 1; i <= steps; i++)
				if (!(order[i] in seen))
					printf "| `%s` | %s | %s |  |\n", order[i],
						column == "cold" ? secs[order[i]] : "-",
						column == "cold" ? "-" : secs[order[i]]
		if (step in secs) {
			i = column == "cold" ? 3 : 4
			cell[i] = " " secs[step] " "
			line = ""
			for (j = 2; j < n; j++)
				line = line "|" cell[j]
			$0 = line "|"
		}
	}
	/^<!-- timings: begin -->$/ { inside = 1 }
	{ print }
' "$readme" >"$readme.tmp"
mv "$readme.tmp" "$readme"
say "docs/timings.md: $column column updated from $timings"
