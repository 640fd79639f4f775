#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# results.sh RIG STATE: read RIG's console log (STATE: done, exited or hang,
# from boot.sh; the watchdog file says why it hung) and write
# work/SERIES/results/RIG.txt, one line per test:
#   PASS|FAIL|SKIP|XFAIL|XPASS RIG NAME [(note)]
# Guest lines are the console lines "[ time] rig: ..." written by the
# guest's init (rig/lib/console.sh). The boot passes only if KVM came up
# with the rig's vendor module and the kernel logged no warning. A test
# with no result line is always a FAIL, and so is a test that skipped (it
# checked nothing), unless tests/known-failures lists it: then it is XFAIL
# (or SKIP) only if it printed the text listed for it.
source "$(dirname "$0")/../lib/common.sh"
source "$RIG/lib/lists.sh"
source "$RIG/lib/console.sh"

rig=$1 state=$2
source "$RIG/lib/rig-$rig.sh"
# RIG_LABEL (boot.sh): the name of this boot's logs, results and lines.
label=${RIG_LABEL:-$rig}
console=$LOGS/$label.console.log
tap=$LOGS/$label.tap
watchdog=$LOGS/$label.watchdog
out=$RESULTS/$label.txt
mkdir -p "$RESULTS"

guest_lines "$console" >"$tap"

# The guest as a whole: did it boot, and did it get through the tests?
boot_error=
# RIG_BUILT (boot.sh): the version the bzImage was built as.
banner=$(kernel_lines "$console" '/^Linux version /{s///p;q}')
panic=$(grep -m1 -o 'Kernel panic - not syncing.*' "$console" || true)
if [ -n "$panic" ]; then
	boot_error="kernel panic: ${panic#Kernel panic - not syncing: }"
elif [ -n "${RIG_BUILT:-}" ] && [ -n "$banner" ] && [[ $banner != *" $RIG_BUILT" ]]; then
	boot_error="not the kernel that was built: it printed '${banner##*) }', the bzImage's header says '$RIG_BUILT'"
elif [ "$state" = hang ]; then
	# boot.sh's "boot" line in the watchdog file: silent, or out of time.
	why=$(sed -n 's/^boot //p' "$watchdog" 2>/dev/null || true)
	boot_error="guest hung: ${why:-no end marker}, last line: $(tail -n1 "$console" | cut -c1-100)"
elif [ "$state" = exited ]; then
	boot_error="emulator exited before the guest finished (its own messages: $LOGS/$label.emulator.log)"
fi
# A kernel warning anywhere in the run (the kernel's own lines, not the
# guest's "rig: " lines): WARN_ON() and friends, lockdep ("WARNING: possible
# ..."), BUG(), an oops, a lockup, the sanitizers of the debug kernels
# ("BUG: KASAN: ...", "BUG: KFENCE: ...", "BUG: KCSAN: ...", "UBSAN: ...",
# "BUG: sleeping function called from invalid context") and kmemleak's
# "kmemleak: N new suspected memory leaks"; unless tests/known-failures
# lists it as not the series' doing (the emulated CPU's, or the base
# kernel's).
kernel_warnings=$(kernel_lines "$console" '/^\(WARNING: \|BUG: \|Oops: \|kernel BUG at \|UBSAN: \|kmemleak: [0-9]* new suspected\)/p')

# KCSAN also reports the base kernel's own data races (syzbot keeps
# hundreds open; one CI boot caught run_posix_cpu_timers() reading
# tsk->exit_state while wait_consider_task() wrote it). Everything the
# series changes is KVM code, and a race on its data has a KVM function as
# one of the two accesses the report names ("data-race in A / B", or
# "A+off/size" when the other is unknown): such a report is the series'.
# One whose named functions are all outside KVM is the base kernel's,
# counted but not failed. KVM's functions are those defined in the build's
# arch/x86/kvm/built-in.a (RIG_BUILD, boot.sh; it holds virt/kvm too).
# (This would miss a race that the series made inside a non-KVM helper it
# calls; it calls none on its counters.)
kcsan_outside_kvm() {
	local kvm=${RIG_BUILD:-}/arch/x86/kvm/built-in.a
	[ -f "$kvm" ] || die "KCSAN reports in $console, but no $kvm to tell KVM's functions from the base kernel's"
	grep '^BUG: KCSAN: ' <<<"$kernel_warnings" |
		awk 'NR == FNR { kvm[$3]; next }
			{
				line = $0
				sub(/^.* in /, "", line)
				n = split(line, f, " / ")
				for (i = 1; i <= n; i++) {
					sub(/\+.*/, "", f[i])
					if (f[i] in kvm)
						next
				}
				print
			}' <(nm --defined-only "$kvm" | awk '$2 ~ /^[tTwW]$/') -
}
base_races=
! grep -q '^BUG: KCSAN: ' <<<"$kernel_warnings" || base_races=$(kcsan_outside_kvm)
# The rest: known (tests/known-failures) or the first one fails the boot.
# (grep -c prints nothing at all when the list is empty: count with wc.)
rest=$(grep -vxF -f <(printf '%s\n' "$base_races") <<<"$kernel_warnings" || true)
known_count=$(grep -F -f <(known_warnings "$rig_kind") <<<"$rest" | wc -l || true)
base_count=0
[ -z "$base_races" ] || base_count=$(wc -l <<<"$base_races")
warning=$(grep -vF -f <(known_warnings "$rig_kind") <<<"$rest" | head -n1 | cut -c1-160 || true)

# section NAME: the lines kselftest's runner printed for NAME, from its
# "# selftests: kvm: NAME" header to its result line (the last run of it).
section() {
	awk -v hdr="# selftests: kvm: $1" -v res="selftests: kvm: $1" '
		$0 == hdr { text = ""; inside = 1 }
		inside { text = text $0 "\n" }
		inside && /^(not )?ok [0-9]+ / && index($0, res) { inside = 0 }
		END { printf "%s", text }' "$tap"
}

# subtests NAME: the results of NAME's own TAP (kselftest harness), as
# indented lines that summary.sh does not count.
subtests() {
	section "$1" | awk '
		/^# (not )?ok [0-9]+ / {
			sub(/^# /, "")
			res = /^not ok/ ? "FAIL" : / # SKIP/ ? "SKIP" : "PASS"
			sub(/^(not )?ok [0-9]+ /, "")
			if (sub(/ # SKIP */, " ("))
				$0 = $0 ")"
			print "    - " res " " $0
		}'
}

# failed_only_with NAME TEXTS: true if NAME's harness output has a failed
# subtest and every failed subtest printed one of TEXTS (lines), between
# its "RUN" and its "not ok" line.
failed_only_with() {
	section "$1" | TEXTS=$2 awk '
		BEGIN { n = split(ENVIRON["TEXTS"], text, "\n") }
		/^# #  RUN / { block = ""; inside = 1 }
		inside { block = block $0 "\n" }
		/^# not ok [0-9]+ / {
			failed++
			for (i = 1; i <= n; i++)
				if (index(block, text[i])) { known++; break }
			inside = 0
		}
		END { exit !(failed > 0 && known == failed) }'
}

# skip_reason NAME: the test's own SKIP message, if it printed one.
skip_reason() {
	section "$1" | awk '/SKIP/ { sub(/^# */, ""); reason = $0 } END { print reason }'
}

{
	if [ -n "$boot_error" ]; then
		echo "FAIL $label boot ($boot_error)"
		echo "ERROR: $label: $boot_error; see $console" >&2
	elif ! grep -q '^RIG-BEGIN' "$tap"; then
		echo "FAIL $label boot (the guest never reached /init)"
	else
		kvm=$(grep -m1 '^kvm: ' "$tap" || echo 'kvm: no report')
		if [[ $kvm != "kvm: module $rig_module,"* ]]; then
			echo "FAIL $label boot (KVM did not come up with $rig_module: $kvm; see $console)"
		elif [ -n "$warning" ]; then
			echo "FAIL $label boot (the kernel warned: $warning; see $console)"
		else
			[ "$known_count" = 0 ] ||
				kvm+="; $known_count known warnings, not the series' (tests/known-failures)"
			[ "$base_count" = 0 ] ||
				kvm+="; $base_count KCSAN reports naming no KVM function, the base kernel's"
			echo "PASS $label boot ($rig_kind, $rig_cpu; $kvm)"
		fi
	fi

	tests=${RIG_ONLY:-$(rig_tests "$rig")}
	[ -n "$tests" ] || echo "FAIL $label tests (tests/selftests.list lists none for $rig)"
	for t in $tests; do
		IFS=$'\t' read -r action expect reason <<<"$(known_failure "$rig_kind" "$t" | head -n1)"
		case $action in
		"" | norun) ;;
		*)
			if [ -z "$expect" ] || [ "$expect" = - ]; then
				echo "FAIL $label $t (tests/known-failures lists it as $action without the text it must print)"
				continue
			fi
			;;
		esac
		if [ "$action" = norun ]; then
			echo "SKIP $label $t (known failure, not run: $reason)"
			continue
		fi
		line=$(grep -E "^(not )?ok [0-9]+ selftests: kvm: $t( |\$)" "$tap" | tail -n1 || true)
		note=
		case $line in
		"")
			res=FAIL note="no result: the guest stopped before it finished"
			hung=$(grep -m1 "^$t " "$watchdog" 2>/dev/null || true)
			[ -z "$hung" ] || note="hung: ${hung#"$t "}"
			;;
		"ok "*"# SKIP"*) res=SKIP note=$(skip_reason "$t") ;;
		"ok "*) res=PASS ;;
		*"#"*) res=FAIL note=${line##*# } ;;
		*) res=FAIL ;;
		esac
		if [ "$res" = SKIP ]; then
			if [ "$action" = skip ] && section "$t" | grep -qF -- "$expect"; then
				note="known: $reason; the test says: $note"
			else
				res=FAIL note="skipped, so it checked nothing: ${note:-no reason given}"
			fi
		fi
		# A test may have several flaky lines, one per known failure.
		if [ "$action" = flaky ] && [ "$res" = FAIL ] && [ -n "$line" ]; then
			flaky=$(known_failure "$rig_kind" "$t" | awk -F '\t' -v OFS='\t' '$1 == "flaky" { print $2, $3 }')
			printed=$(section "$t")
			known= seen=
			while IFS=$'\t' read -r e r; do
				known+="${known:+ or }\"$e\""
				# Each known failure the test printed, with its reason.
				[[ $printed != *"$e"* ]] || seen+="${seen:+; }\"$e\": $r"
			done <<<"$flaky"
			if failed_only_with "$t" "$(cut -f1 <<<"$flaky")"; then
				res=XFAIL note="known emulator failure, every failed subtest printed one of tests/known-failures' texts: $seen"
			else
				note="${note:+$note; }failed otherwise than by the known $known"
			fi
		fi
		if [ "$action" = xfail ]; then
			case $res in
			PASS) res=XPASS note="listed in tests/known-failures but passed" ;;
			FAIL)
				if [ -n "$line" ] && section "$t" | grep -qF -- "$expect"; then
					res=XFAIL note="known failure: $reason"
				else
					note="${note:+$note; }listed in tests/known-failures, but without its expected \"$expect\""
				fi
				;;
			esac
		fi
		[ "$res" = FAIL ] && note="${note:+$note; }see $tap"
		echo "$res $label $t${note:+ ($note)}"
		if has_subtests "$t"; then
			subtests "$t"
		fi
	done
	# The VMX capability report, loaded by the full run's first boot; vmxcap/
	# is built for the 6.12 series only (the Makefile's initramfs).
	[ -n "${RIG_ONLY:-}" ] || [ -n "$boot_error" ] || [ "$RIG_SERIES" != 6.12 ] ||
		"$RIG/judge/vmxcap-judge.sh" "$rig"
} >"$out"
progress "$label" || exit $?
