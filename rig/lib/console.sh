# SPDX-License-Identifier: GPL-2.0
# Reading a guest's serial console log; sourced (needs nothing else, so
# that tests/results/judge.sh sources it too).
#
# The console holds the kernel's log as printk prints it, "[   12.345678]
# TEXT" with CR LF line ends. The guest's own lines are kernel lines too:
# its init writes each one to /dev/kmsg as "rig: TEXT" (kmsg in
# rig/guest/guest-lib.sh), so that they keep their order with the
# kernel's and carry its time. KERNEL_LINE and GUEST_LINE are the one
# place that knows those prefixes: basic regular expressions (grep, sed),
# with the timestamp's seconds in \1.
KERNEL_LINE='^\[ *\([0-9.]*\)\] '
GUEST_LINE="${KERNEL_LINE}rig: "

# console_sed CONSOLE PREFIX SCRIPT: run SCRIPT (sed -n) on each line of
# CONSOLE that PREFIX (a substitution) changes, after it, without the CR;
# SCRIPT's own t and T see only its own substitutions.
console_sed() {
	sed -n "$2
		T
		s/\r*\$//
		t prefix_done
		:prefix_done
		$3" "$1"
}

# kernel_lines CONSOLE [SCRIPT]: the lines of the kernel's log (the
# guest's too, as "rig: TEXT") without the timestamp and the CR; with
# SCRIPT, a sed script run (sed -n) on each of them, only what it prints.
# One sed, no pipe: a caller that wants the first match ends SCRIPT with q
# ('/^Linux version /{p;q}') rather than piping into head, which under
# pipefail fails the step when the sed before it is still writing.
kernel_lines() {
	console_sed "$1" "s/$KERNEL_LINE//" "${2:-p}"
}

# guest_lines CONSOLE [SCRIPT]: the guest's lines without the kernel's
# timestamp, the "rig: " and the CR (kselftest's TAP, the rig's tags);
# SCRIPT as for kernel_lines.
guest_lines() {
	console_sed "$1" "s/$GUEST_LINE//" "${2:-p}"
}

# timed_guest_lines CONSOLE [SCRIPT]: the guest's lines as "SECONDS TEXT",
# SECONDS the guest kernel's clock when it logged the line.
timed_guest_lines() {
	console_sed "$1" "s/$GUEST_LINE/\\1 /" "${2:-p}"
}

# guest_said CONSOLE REGEX: true if a guest line, as guest_lines prints
# it, matches REGEX (grep's basic regular expression).
guest_said() {
	grep -q -- "$2" <(guest_lines "$1")
}

# guest_line_count CONSOLE: how many guest lines CONSOLE has so far.
guest_line_count() {
	grep -c -- "$GUEST_LINE" "$1" || true
}
