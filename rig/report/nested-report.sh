#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# nested-report.sh RIG...: the nested demo's answers, from the console logs of
# rig/boot/nested.sh (nested-RIG, and nested-RIG-nopaging where it ran):
# L2's exitstat table and interval lines, cpuid against exitstat, the exits
# of the whole L2 boot per reason with paging on and off side by side, the
# most and least frequent reasons and where the cycles go; and where
# nested-RIG-distro ran, Debian's boot beside the small L2's. Written to
# work/nested.md and printed. Charts (gnuplot), next to the logs:
#   work/SERIES/logs/nested-RIG-rate.png     exits per second of L1's clock, from
#                                     QEMU's start: boot and workload
#   work/SERIES/logs/nested-RIG-reasons.png  the boot's exits per reason (and
#                                     Debian's boot's)
#   work/SERIES/logs/nested-RIG-distro-rate.png  exits per second through
#                                     Debian's boot
# Each chart is a result line in work/SERIES/results/nested-charts.txt.
source "$(dirname "$0")/../lib/common.sh"
source "$RIG/lib/console.sh"

out=$WORK/nested.md
declare -A title=(
	[svm]="AMD SVM: QEMU TCG, -cpu max; L2 in QEMU with KVM in L1"
	[vmx]="Intel VMX: Bochs, corei7_icelake_u; L2 in QEMU with KVM in L1"
)

# lines LABEL TAG: the guest's lines with TAG, without the timestamp.
lines() {
	guest_lines "$LOGS/$1.console.log" "s/^$2 //p"
}

# timed LABEL TAG: "SECONDS REST" for each line with TAG (L1's clock).
timed() {
	timed_guest_lines "$LOGS/$1.console.log" "s/^\([0-9.]*\) $2 /\1 /p"
}

# reasons LABEL TAG: "reason exits cycles name" of a table, by reason,
# tab-separated (names have spaces).
reasons() {
	lines "$1" "$2" | awk -v OFS='\t' '$1 ~ /^[0-9]+$/ {
		for (i = 2; i <= NF; i++) if ($i ~ /%$/) break
		name = $2; for (j = 3; j < i - 3; j++) name = name " " $j
		print $1, $(i - 3), $(i - 2), name }' | sort -n
}

# top LABEL KEY N [TOTAL]: the N reasons of the boot with most (KEY 2:
# exits, 3: cycles; -N: fewest), as "reason name (value)", or with TOTAL
# "reason name (share of TOTAL)".
top() {
	local order=r
	[ "$3" -gt 0 ] || order=
	reasons "$1" L2-BOOT | sort -t$'\t' -k"$2,$2n$order" | head -n "${3#-}" |
		awk -F'\t' -v k="$2" -v t="${4:-0}" '{
			v = t > 0 ? sprintf("%.1f%%", 100 * $k / t) : $k
			printf "%s%s %s (%s)", sep, $1, $4, v; sep = ", " }'
}

# totals LABEL TAG: "exits cycles" of the table's totals leaf line.
totals() {
	lines "$1" "$2" | awk '/totals \(0x4FFFFFFF\)/ { print $3, $4 }'
}

ran() {
	[ -s "$LOGS/$1.console.log" ] && guest_said "$LOGS/$1.console.log" '^L2-END'
}

# rate LABEL: "seconds exits/s" between L1's samples, from the first one.
rate() {
	timed "$1" L1-SAMPLE | awk 'NR == 1 { t0 = $1 }
		NR > 1 && $1 > t { printf "%.2f %.0f\n", $1 - t0, ($2 - n) / ($1 - t) }
		{ t = $1; n = $2 }'
}

chart_rate() {
	local rig=$1 png=$LOGS/nested-$1-rate.png t0 plot=() label title
	for label in "nested-$rig" "nested-$rig-nopaging"; do
		ran "$label" || continue
		rate "$label" >"$LOGS/$label.rate.dat"
		title="two-dimensional paging on (markers: L2 init and phases)"
		[ "$label" = "nested-$rig" ] || title="two-dimensional paging off"
		plot+=("'$LOGS/$label.rate.dat' using 1:2 with steps title '$title'")
	done
	# The events of the paging run, on L1's clock from its first sample.
	t0=$(timed "nested-$rig" L1-SAMPLE | awk 'NR == 1 { print $1 }')
	{
		echo "set terminal pngcairo size 1000,500 noenhanced"
		echo "set output '$png'"
		echo "set title 'L2 under KVM in L1, $rig rig: VM-exits per second (L1 debugfs, summed over vCPUs)'"
		echo "set xlabel 'seconds of L1 clock since QEMU created the VM'"
		echo "set ylabel 'exits per second'"
		echo "set logscale y"
		echo "set key below"
		{
			timed "nested-$rig" L2-BOOT | head -n1 | awk '{ print $1, "init" }'
			timed "nested-$rig" L2-PHASE | awk '{ print $1, $2 }'
		} | awk -v t0="${t0:-0}" '{ printf "set arrow from %.2f, graph 0 to %.2f, graph 1 nohead dt 2\n", $1 - t0, $1 - t0
			printf "set label \"%s\" at %.2f, graph 0.95 rotate by 90 right\n", $2, $1 - t0 }'
		echo "plot $(IFS=,; echo "${plot[*]}")"
	} | gnuplot
}

# chart_distro_rate RIG: exits per second through Debian's boot, marked
# where systemd reached multi-user.target (the L2-DISTRO line).
chart_distro_rate() {
	local rig=$1 label=nested-$1-distro t0 t1
	rate "$label" >"$LOGS/$label.rate.dat"
	t0=$(timed "$label" L1-SAMPLE | awk 'NR == 1 { print $1 }')
	t1=$(timed "$label" L2-DISTRO | awk -v t0="${t0:-0}" 'NR == 1 { printf "%.2f", $1 - t0 }')
	gnuplot <<-EOF
		set terminal pngcairo size 1000,500 noenhanced
		set output '$LOGS/$label-rate.png'
		set title 'Debian as L2 under KVM in L1, $rig rig: VM-exits per second (L1 debugfs)'
		set xlabel 'seconds of L1 clock since QEMU created the VM'
		set ylabel 'exits per second'
		set logscale y
		set key below
		set arrow from ${t1:-0}, graph 0 to ${t1:-0}, graph 1 nohead dt 2
		set label "multi-user.target" at ${t1:-0}, graph 0.95 rotate by 90 right
		plot '$LOGS/$label.rate.dat' using 1:2 with steps title 'Debian boot, then exitstat and cpuid'
	EOF
}

# per_reason LABEL: "reason exits" of its boot table, sorted for join.
per_reason() {
	reasons "$1" L2-BOOT | cut -f1,2 | sort -k1,1
}

chart_reasons() {
	local rig=$1 png=$LOGS/nested-$1-reasons.png
	join -a1 -a2 -e0 -o 0,1.2,1.3,2.2 <(join -a1 -a2 -e0 -o 0,1.2,2.2 \
		<(per_reason "nested-$rig") <(per_reason "nested-$rig-nopaging")) \
		<(per_reason "nested-$rig-distro") |
		sort -n >"$LOGS/nested-$rig-reasons.dat"
	gnuplot <<-EOF
		set terminal pngcairo size 1000,500 noenhanced
		set output '$png'
		set title 'L2 boots (from reset: the small L2 to its init, Debian to multi-user.target), $rig rig: VM-exits per exit reason'
		set style data histograms
		set style histogram clustered
		set style fill solid 0.8
		set logscale y
		set yrange [0.7:*]
		set xlabel 'basic exit reason (SDM)'
		set ylabel 'exits'
		plot '$LOGS/nested-$rig-reasons.dat' using 2:xtic(1) title 'paging', '' using 3 title 'no paging', \
			'' using 4 title 'Debian boot (paging)'
	EOF
}

# side_by_side LABEL1 LABEL2 COLUMNS: the boots of two runs (their
# L2-BOOT tables) per reason, exits and cycles per exit of each; COLUMNS
# heads those four columns. A run that did not run has "-" in its totals.
side_by_side() {
	local n c m d
	echo "| reason | name | $3 |"
	echo "|---|---|---|---|---|---|"
	join -t$'\t' -a1 -a2 -e0 -o 0,1.4,2.4,1.2,1.3,2.2,2.3 \
		<(reasons "$1" L2-BOOT | sort -k1,1) \
		<(reasons "$2" L2-BOOT | sort -k1,1) |
		sort -n | awk -F'\t' '{ printf "| %s | %s | %s | %s | %s | %s |\n", $1,
			$2 != 0 ? $2 : $3, $4, ($4 > 0 ? int($5 / $4) : "-"),
			$6, ($6 > 0 ? int($7 / $6) : "-") }'
	read -r n c <<<"$(totals "$1" L2-BOOT)"
	read -r m d <<<"$(totals "$2" L2-BOOT 2>/dev/null)"
	echo "| | totals (0x4FFFFFFF) | $n | $((n ? c / n : 0)) | ${m:--} | $((${m:-0} ? ${d:-0} / m : 0)) |"
}

# distro RIG: Debian's boot as L2 (nested.sh distro), beside the small L2's.
distro() {
	local rig=$1 label=nested-$1-distro n c secs
	ran "$label" || return 0
	echo "### Debian as L2 (nested-$rig-distro)"
	echo
	echo "L2: $(lines "$label" L2-DISTRO) (multi-user: seconds of L2's clock when systemd reached multi-user.target; failed: units that failed)."
	echo
	echo "exitstat, run by a systemd unit after multi-user.target: the boot from reset (firmware, Debian's kernel and initramfs, systemd):"
	echo
	lines "$label" L2-BOOT | sed 's/^/    /'
	echo
	lines "$label" L2-CPUID | sed 's/^/    /'
	lines "$label" L2-AGREE | sed 's/^/    /'
	echo
	read -r n c <<<"$(totals "$label" L2-BOOT)"
	secs=$(lines "$label" L2-DISTRO | sed -n 's/.*multi-user=\([0-9.]*\).*/\1/p')
	echo "Debian's boot: $n exits, $c cycles; $(awk -v n="$n" -v s="$secs" 'BEGIN { if (s > 0) printf "%.0f exits per second of L2'"'"'s clock to multi-user.target", n / s }')."
	echo "Most frequent: $(top "$label" 2 3)."
	echo "Most cycles: $(top "$label" 3 3 "$c")."
	echo
	echo "Per reason, the small L2's boot (to its init) and Debian's (to multi-user.target):"
	echo
	side_by_side "nested-$rig" "$label" "small L2: exits | cycles/exit | Debian: exits | cycles/exit"
	echo
	echo "Chart: $LOGS/$label-rate.png (exit rate through Debian's boot)."
	echo
}

report() {
	local rig label chart png
	for rig in "$@"; do
		label=nested-$rig
		echo "## ${title[$rig]}"
		echo
		if ! ran "$label"; then
			echo "Did not run to its end: see $LOGS/$label.console.log and the results."
			echo
			continue
		fi
		echo "L1: $(lines "$label" L1-PAGING), $(lines "$label" L1-STATS)."
		echo
		echo "exitstat in L2, after the boot and the workload:"
		echo
		lines "$label" L2-END | sed 's/^/    /'
		echo
		echo "Debian's cpuid in L2, between two 'exitstat --reason 10':"
		echo
		lines "$label" L2-CPUID | sed 's/^/    /'
		lines "$label" L2-AGREE | sed 's/^/    /'
		echo
		echo "exitstat --interval while L2 works (phases, L2's clock: $(lines "$label" L2-PHASE | paste -sd' ')):"
		echo
		lines "$label" L2-INTERVAL | sed 's/^/    /'
		echo
		read -r n c <<<"$(totals "$label" L2-BOOT)"
		echo "The whole L2 boot, from reset to the first line of its init: $n exits, $c cycles (exitstat's own 129 CPUID queries included)."
		echo "Most frequent: $(top "$label" 2 3)."
		echo "Least frequent: $(top "$label" 2 -3)."
		echo "Most cycles: $(top "$label" 3 3 "$c")."
		echo
		echo "The boot per reason, with two-dimensional paging (EPT/NPT) on and off in L1:"
		echo
		side_by_side "nested-$rig" "nested-$rig-nopaging" \
			"exits | cycles/exit | exits, no paging | cycles/exit, no paging"
		echo
		# A chart is a result: the demo's summary lists it.
		charts="rate reasons"
		! ran "$label-distro" || charts+=" distro-rate"
		for chart in $charts; do
			png=$LOGS/nested-$rig-$chart.png
			rm -f "$png"
			if "chart_${chart/-/_}" "$rig" >"$LOGS/nested-$rig-$chart.gnuplot.log" 2>&1 && [ -s "$png" ]; then
				echo "PASS nested-$rig chart $chart ($png)"
			else
				echo "FAIL nested-$rig chart $chart (gnuplot: see $LOGS/nested-$rig-$chart.gnuplot.log)"
			fi >>"$RESULTS/nested-charts.txt"
		done
		echo "Charts: $LOGS/nested-$rig-rate.png (exit rate), $LOGS/nested-$rig-reasons.png (boot per reason)."
		echo
		distro "$rig"
	done
}

mkdir -p "$RESULTS"
: >"$RESULTS/nested-charts.txt"
report "$@" | tee "$out"
