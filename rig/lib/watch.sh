# SPDX-License-Identifier: GPL-2.0
# Booting a guest in its rig's emulator and watching its console: the one
# loop of rig/boot/boot.sh, rig/boot/nested.sh and rig/dev/boots.sh.
# Sourced after common.sh and console.sh.
#
# The hang rule, the same for every boot: the guest is hung when its
# console has had no new guest line (GUEST_LINE, console.sh) for SILENT
# seconds of wall clock; and a boot ends at its DEADLINE whatever it
# prints. Every hang seen so far stopped the guest as a whole (Bochs' VMX
# guest whose preemption timer test never takes its interrupt, QEMU's TCG
# gone idle with the guest's timers stopped, L1 halted for good with its
# timer interrupt pending), and a stopped guest prints nothing more. A
# slow one still does: its init logs each test's start and end, and
# exit_stats_test each subtest; L1 logs a sample every few milliseconds of
# its clock. So silence tells a hang from slowness, where a limit per test
# could not (Bochs runs the guest about 35 times slower than the wall
# clock, and each test at its own pace), and it holds for the nested demo,
# which runs no tests. Only guest lines count: the kernel of a guest whose
# init is stuck may go on printing (stall and lockup reports). The guest's
# own clock times nothing here: under Bochs it runs slow, in a hang it
# stops. SILENT is the caller's: a test's limit plus a minute where the
# guest runs selftests (so that kselftest's own timeout, where the guest's
# clock keeps up, reports first), a few of L1's samples in the nested demo
# (nested_silence, rig/lib/rig-RIG.sh).

# start_emulator RIG KERNEL INITRD CMDLINE CONSOLE CMD: boot KERNEL and
# INITRD with CMDLINE on RIG's emulator (rig_start, rig/lib/rig-RIG.sh) in
# the background, its serial console in CONSOLE (emptied first) and the
# exact command in CMD (record_cmd); the emulator's own output goes where
# this function's does. Sets emulator_pid.
start_emulator() {
	local rig=$1 kernel=$2 initrd=$3 cmdline=$4 console=$5 cmd=$6
	emulator_pidfile=$WORK/$rig.emulator.pid
	# An emulator of a run that was killed (SIGKILL: no EXIT trap) goes now.
	if [ -f "$emulator_pidfile" ]; then
		kill -- -"$(cat "$emulator_pidfile")" 2>/dev/null || true
		rm -f "$emulator_pidfile"
	fi
	: >"$console"
	# In a session of its own (killed as a group), without the run's lock
	# (fd 9): an emulator left behind by a killed run must not hold it.
	RIG_CMD_FILE=$cmd setsid bash -c "source '$RIG/lib/common.sh'; source '$RIG/lib/rig-$rig.sh'; rig_start \"\$@\"" \
		rig "$kernel" "$initrd" "$cmdline" "$console" 9>&- &
	emulator_pid=$!
	echo "$emulator_pid" >"$emulator_pidfile"
	# shellcheck disable=SC2064 # this emulator's pid, not the next one's
	trap "kill -- -$emulator_pid 2>/dev/null || true" EXIT
}

# watch_console CONSOLE END SILENT DEADLINE: watch the emulator that
# start_emulator started until its guest logs a line that starts with END
# (done), the emulator exits (exited), the hang rule above fires (silent)
# or $SECONDS reaches DEADLINE (timeout); then stop the emulator. Sets
# watch_state to the word in brackets.
watch_console() {
	local console=$1 end=$2 silent=$3 deadline=$4 lines last=-1 quiet=$SECONDS
	watch_state=timeout
	while ((SECONDS < deadline)); do
		if guest_said "$console" "^$end"; then
			watch_state=done
			break
		fi
		if ! kill -0 "$emulator_pid" 2>/dev/null; then
			watch_state=exited
			# The last lines may still be on their way to the file.
			! guest_said "$console" "^$end" || watch_state=done
			break
		fi
		lines=$(guest_line_count "$console")
		[ "$lines" = "$last" ] || { last=$lines quiet=$SECONDS; }
		if ((SECONDS - quiet > silent)); then
			watch_state=silent
			break
		fi
		sleep 2
	done
	kill -- -"$emulator_pid" 2>/dev/null || true
	wait "$emulator_pid" 2>/dev/null || true
	rm -f "$emulator_pidfile"
	trap - EXIT
}
