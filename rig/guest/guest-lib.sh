# SPDX-License-Identifier: GPL-2.0
# Sourced by the guests' /init scripts (init, l1-init, l2-init; busybox
# sh). Every initramfs packs it next to its /init as /rig/guest-lib.sh
# (guest_init, rig/lib/guest-root.sh).

# arg NAME: the value of NAME=VALUE on the kernel command line (the rig's
# rig.*, L2's l2.*, tsc_early_khz); nothing if it is not there.
arg() {
	sed -n "s/.*\\<$1=\\([^ ]*\\).*/\\1/p" /proc/cmdline
}

# param MODULE NAME: MODULE's parameter NAME as sysfs has it, or "?".
param() {
	cat "/sys/module/$1/parameters/$2" 2>/dev/null || echo "?"
}

# kmsg TEXT: TEXT as one guest line, "rig: TEXT" in the kernel's log, in
# one write: so it keeps its order with the kernel's lines and carries
# their time, and the host finds it on the console (GUEST_LINE,
# rig/lib/console.sh).
kmsg() {
	echo "rig: $*" >/dev/kmsg
}

# to_kmsg: each line of stdin as a guest line.
to_kmsg() {
	while IFS= read -r line; do
		kmsg "$line"
	done
}
