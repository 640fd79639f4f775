# SPDX-License-Identifier: GPL-2.0
# Helpers for the scripts that make an initramfs (rig/build/initramfs.sh,
# rig/build/nested-initramfs.sh). Sourced after common.sh.

# busybox_root DIR: a root with busybox-static and a link per applet.
busybox_root() {
	mkdir -p "$1"/{bin,dev,proc,sys,tmp}
	cp /bin/busybox "$1/bin/busybox"
	for applet in $(/bin/busybox --list); do
		[ -e "$1/bin/$applet" ] || ln -s busybox "$1/bin/$applet"
	done
}

# guest_init DIR SCRIPT: rig/guest/SCRIPT as DIR's /init, and the library
# every guest script sources, rig/guest/guest-lib.sh, as /rig/guest-lib.sh.
guest_init() {
	mkdir -p "$1/rig"
	install -m 755 "$RIG/guest/$2" "$1/init"
	install -m 644 "$RIG/guest/guest-lib.sh" "$1/rig/guest-lib.sh"
}

# pack DIR FILE: DIR as a gzipped newc cpio archive, in a stable order.
pack() {
	(cd "$1" && find . | LC_ALL=C sort | cpio -o -H newc --quiet | gzip -1) >"$2"
}
