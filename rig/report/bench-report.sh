#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# bench-report.sh: make bench's report. From the bench boots of each rig
# (rig/boot/bench.sh: the patched and the unpatched benchmark kernel) the
# tables of exit_stats_bench's figures, in Markdown: the exit loops, the
# query cost, contention, the accounting window and memory. Written to work/bench.md and printed;
# exits non-zero if a bench boot failed or gave no figures.
source "$(dirname "$0")/../lib/common.sh"

out=$WORK/bench.md
declare -A title=([vmx]="Intel VMX" [svm]="AMD SVM")

# rig_line RIG: the emulator, CPU and KVM's features of RIG's bench boot,
# from its boot result line; and what its TSC is worth.
rig_line() {
	local line
	line=$(sed -n "s/^[A-Z]* bench-$1 boot (\(.*\))\$/\1/p" "$RESULTS/bench-$1.txt" 2>/dev/null || true)
	echo "${line:-no boot line in $RESULTS/bench-$1.txt}."
	case $line in
	*/bochs*) echo "Bochs' TSC advances with emulated instructions: the figures count the work added and repeat exactly." ;;
	*/qemu*) echo "QEMU TCG's TSC is host time: noisy, only large differences mean anything." ;;
	esac
}

# figures LABEL: exit_stats_bench's "bench: key=value ..." lines of a boot.
figures() {
	sed -n 's/^.*bench: //p' "$LOGS/bench-$1.tap" 2>/dev/null || true
}

# loops RIG: loop, unpatched, off, on, tracepoint, ratios, spread.
loops() {
	{
		figures "$1-base" | sed 's/^/kernel=base /'
		figures "$1" | sed 's/^/kernel=patched /'
	} | awk '
		{ delete v; for (i = 1; i <= NF; i++) { split($i, kv, "="); v[kv[1]] = kv[2] } }
		v["loop"] == "" { next }
		{
			col = v["kernel"] == "base" ? (v["mode"] == "off" ? "unpatched" : "") : v["mode"]
			if (col == "") next
			if (!(v["loop"] in seen)) { seen[v["loop"]] = 1; order[n++] = v["loop"] }
			med[v["loop"], col] = v["median"]
			s = v["median"] > 0 ? 100 * (v["max"] - v["min"]) / v["median"] : 0
			if (s > spread[v["loop"]]) spread[v["loop"]] = s
		}
		function cell(l, c) { return (l, c) in med ? med[l, c] : "-" }
		function ratio(l, a, b) {
			if (!((l, a) in med) || !((l, b) in med) || med[l, b] <= 0)
				return "-"
			return sprintf("%.3f", med[l, a] / med[l, b])
		}
		END {
			print "| loop | unpatched | off | on | tracepoint | off/unpatched | on/off | tracepoint/off | spread |"
			print "|---|---|---|---|---|---|---|---|---|"
			for (i = 0; i < n; i++) {
				l = order[i]
				printf "| %s | %s | %s | %s | %s | %s | %s | %s | %.1f%% |\n", l,
					cell(l, "unpatched"), cell(l, "off"), cell(l, "on"),
					cell(l, "tracepoint"), ratio(l, "off", "unpatched"),
					ratio(l, "on", "off"), ratio(l, "tracepoint", "off"), spread[l]
			}
		}'
}

# rows RIG WHAT HEADER KEYS...: a table of the lines that start with WHAT.
rows() {
	local rig=$1 what=$2 header=$3
	shift 3
	echo "$header"
	echo "$header" | sed 's/[^|]*|/---|/g; s/^---//'
	figures "$rig" | awk -v what="$what" -v keys="$*" '
		$1 != what { next }
		{ delete v; for (i = 2; i <= NF; i++) { split($i, kv, "="); v[kv[1]] = kv[2] } }
		{ n = split(keys, k, " "); line = "|"
		  for (i = 1; i <= n; i++) line = line " " v[k[i]] " |"
		  print line }'
}

# skipped RIG TEST: the reason exit_stats_bench gave for skipping TEST.
skipped() {
	sed -n "s/^.*ok [0-9]* bench\\.$2 # SKIP *//p" "$LOGS/bench-$1.tap" 2>/dev/null |
		head -n1 || true
}

report() {
	local rig why total
	total=$(awk '$1 == "total" { print $2 }' "$TIMINGS" 2>/dev/null)
	echo "Figures of \`make bench\` at $(git -C "$TOP" describe --always --dirty), $(date -u '+%F'),"
	echo "${total:-?} s wall on this machine ($(nproc) CPUs); the run writes them to work/bench.md."
	echo
	for rig in vmx svm; do
		echo "## ${title[$rig]}"
		echo
		rig_line "$rig"
		echo
		echo "Exit round trip, TSC ticks per exit (median of the rounds; spread: the"
		echo "largest (max - min) / median of the row's columns):"
		echo
		loops "$rig"
		echo
		echo "Query cost from vCPU 0, ticks per query: one reason (0x4FFFFFFD ECX=10),"
		echo "the totals (0x4FFFFFFF):"
		echo
		rows "$rig" query "| leaf | vCPUs | median | min | max |" leaf vcpus median min max
		echo
		why=$(skipped "$rig" contention)
		if [ -n "$why" ]; then
			echo "Contention (CPUID loop of vCPU 1 while vCPU 0 queries): not measured: $why."
		else
			echo "Contention, CPUID loop of vCPU 1, ticks per exit:"
			echo
			rows "$rig" contention "| vCPU 0 | CPUs | median | min | max |" querier cpus median min max
		fi
		echo
		echo "The statistics' own accounting window, TSC ticks per exit (0x4FFFFFFD's"
		echo "cycles over its count; the floor of exit_stats_test's cycles check,"
		echo "MIN_CYCLES_PER_EXIT, is measured against the icr row):"
		echo
		rows "$rig" window "| loop | round | exits | ticks | per exit |" loop round exits cycles per_exit
		echo
		echo "Memory (slab + vmalloc in /proc/meminfo while the VMs exist):"
		echo
		rows "$rig" memory "| per | VMs | vCPUs | off kB | on kB | bytes added |" per vms vcpus off_kb on_kb bytes
		echo
	done
}

report >"$out"
cat "$out"
echo "(written to $out)"

rc=0
for label in bench-vmx bench-vmx-base bench-svm bench-svm-base; do
	if [ ! -s "$RESULTS/$label.txt" ]; then
		echo "FAIL $label: no results (see the ERROR lines above and $LOGS/$label.console.log)"
		rc=1
	elif grep -q '^FAIL' "$RESULTS/$label.txt"; then
		grep '^FAIL' "$RESULTS/$label.txt"
		rc=1
	elif [ -z "$(figures "${label#bench-}")" ]; then
		echo "FAIL $label: no figures in $LOGS/$label.tap"
		rc=1
	fi
done
exit $rc
