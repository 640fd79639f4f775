#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# results.sh RIG STATE: read RIG's console log (STATE: done, exited or hang,
# from boot.sh) and write work/results/RIG.txt, one line per test:
#   PASS|FAIL|SKIP|XFAIL|XPASS RIG NAME [(note)]
# Guest lines are the console lines "[ time] rig: ..." written by rig/init.
source "$(dirname "$0")/../lib/common.sh"
source "$RIG/lib/lists.sh"

rig=$1 state=$2
console=$LOGS/$rig.console.log
tap=$LOGS/$rig.tap
out=$WORK/results/$rig.txt
mkdir -p "$WORK/results"

# The serial console ends lines with CR LF.
sed -n 's/\r$//; s/^\[ *[0-9.]*\] rig: //p' "$console" >"$tap"

# The guest as a whole: did it boot, and did it get through the tests?
boot_error=
panic=$(grep -m1 -o 'Kernel panic - not syncing.*' "$console" || true)
if [ -n "$panic" ]; then
	boot_error="kernel panic: ${panic#Kernel panic - not syncing: }"
elif [ "$state" = hang ]; then
	boot_error="guest hung: no end marker before the rig timeout, last line: $(tail -n1 "$console" | cut -c1-100)"
elif [ "$state" = exited ]; then
	boot_error="emulator exited before the guest finished (its own messages: $LOGS/$rig.emulator.log)"
fi

# subtests NAME: the results of NAME's own TAP (kselftest harness), as
# indented lines that summary.sh does not count.
subtests() {
	awk -v hdr="# selftests: kvm: $1" '
		$0 == hdr { inside = 1; next }
		inside && /^(not )?ok [0-9]+ selftests: kvm: / { exit }
		inside && /^# (not )?ok [0-9]+ / {
			sub(/^# /, "")
			res = /^not ok/ ? "FAIL" : / # SKIP/ ? "SKIP" : "PASS"
			sub(/^(not )?ok [0-9]+ /, "")
			if (sub(/ # SKIP */, " ("))
				$0 = $0 ")"
			print "    - " res " " $0
		}' "$tap"
}

# skip_reason NAME: the test's own SKIP message, if it printed one.
skip_reason() {
	awk -v hdr="# selftests: kvm: $1" '
		$0 == hdr { inside = 1; next }
		inside && /^(not )?ok [0-9]+ selftests: kvm: / { exit }
		inside && /SKIP/ { sub(/^# */, ""); reason = $0 }
		END { print reason }' "$tap"
}

{
	if [ -n "$boot_error" ]; then
		echo "FAIL $rig boot ($boot_error)"
		echo "ERROR: $rig rig: $boot_error; see $console" >&2
	elif ! grep -q '^RIG-BEGIN' "$tap"; then
		echo "FAIL $rig boot (the guest never reached /init)"
	else
		echo "PASS $rig boot ($(grep -m1 '^kvm: ' "$tap" || echo 'kvm: no report'))"
	fi

	for t in $(rig_tests "$rig"); do
		read -r action reason <<<"$(known_failure "$rig" "$t")"
		if [ "$action" = norun ]; then
			echo "SKIP $rig $t (known failure, not run: $reason)"
			continue
		fi
		line=$(grep -E "^(not )?ok [0-9]+ selftests: kvm: $t( |\$)" "$tap" | tail -n1 || true)
		note=
		case $line in
		"") res=FAIL note="no result: the guest stopped before it finished" ;;
		"ok "*"# SKIP"*) res=SKIP note=$(skip_reason "$t") ;;
		"ok "*) res=PASS ;;
		*"#"*) res=FAIL note=${line##*# } ;;
		*) res=FAIL ;;
		esac
		if [ "$action" = xfail ]; then
			case $res in
			PASS) res=XPASS note="listed in tests/known-failures but passed" ;;
			FAIL) res=XFAIL note="known failure: $reason" ;;
			esac
		fi
		[ "$res" = FAIL ] && note="${note:+$note; }see $tap"
		echo "$res $rig $t${note:+ ($note)}"
		if has_subtests "$t"; then
			subtests "$t"
		fi
	done
} >"$out"
cat "$out"
