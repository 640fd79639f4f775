# SPDX-License-Identifier: GPL-2.0
# The Intel VMX rig: Bochs emulating an Ice Lake CPU (VMX with EPT, VPID,
# unrestricted guest, PML; kvm_intel refuses its VMX preemption timer),
# booting an isolinux ISO. Sourced by boot.sh.

rig_emulator=bochs
rig_package=bochs
# The KVM vendor module that must come up in the guest.
rig_module=kvm_intel
# Wall-clock seconds for boot plus all tests, and for one selftest (the
# slowest, sync_regs_test, takes about 3.5 minutes).
rig_timeout=2400
test_timeout=600
# exit_stats_stress runs its load for rig.stress_seconds of the guest's
# clock, which runs about 30 times slower than the wall clock here (27
# to 35 measured).
rig_cmdline="rig.stress_seconds=2${VMX_CMDLINE:+ $VMX_CMDLINE}"
# The nested demo (rig/boot/nested.sh; see rig-svm.sh): shorter in guest
# time, as that runs slower here.
nested_cmdline="rig.sample_ms=20 rig.phase_seconds=1 rig.interval=0.25"
nested_timeout=1800
nested_silence=180

# rig_start KERNEL INITRD CMDLINE CONSOLE_LOG: run the guest; returns when
# the emulator exits (a reboot ends Bochs with a triple-fault panic).
rig_start() {
	local iso=$WORK/vmx-iso rc=$WORK/bochsrc

	rm -rf "$iso" "$WORK/vmx.iso"
	mkdir -p "$iso/isolinux"
	cp /usr/lib/ISOLINUX/isolinux.bin /usr/lib/syslinux/modules/bios/ldlinux.c32 \
		"$iso/isolinux/"
	cp "$1" "$iso/bzImage"
	cp "$2" "$iso/initrd.gz"
	printf 'DEFAULT rig\nPROMPT 0\nLABEL rig\n  KERNEL /bzImage\n  INITRD /initrd.gz\n  APPEND %s\n' \
		"$3" >"$iso/isolinux/isolinux.cfg"
	xorriso -as mkisofs -quiet -o "$WORK/vmx.iso" -b isolinux/isolinux.bin \
		-c isolinux/boot.cat -no-emul-boot -boot-load-size 4 -boot-info-table "$iso"

	cat >"$rc" <<-BOCHSRC
		cpu: model=corei7_icelake_u, count=1, ips=200000000
		memory: guest=1024, host=1024
		clock: sync=none
		romimage: file=/usr/share/bochs/BIOS-bochs-latest
		vgaromimage: file=/usr/share/vgabios/vgabios.bin
		ata0-master: type=cdrom, path="$WORK/vmx.iso", status=inserted
		boot: cdrom
		com1: enabled=1, mode=file, dev="$4"
		display_library: rfb, options="timeout=0"
		mouse: enabled=0
		speaker: enabled=0
		sound: waveoutdrv=dummy, waveindrv=dummy, midioutdrv=dummy
		log: /proc/self/fd/3
		panic: action=fatal
		error: action=report
		info: action=ignore
	BOCHSRC
	# kvm_intel reads DEBUGCTL (MSR 0x1d9), which Bochs does not know, on
	# every VM entry; Bochs reads it as 0 and logs each read (over a
	# million lines a run). Keep everything else.
	exec 3> >(grep -v 'RDMSR: Unknown register 0x1d9$' >"$LOGS/vmx.bochs.log")
	# Debian's Bochs starts in its debugger: "c" lets it run.
	echo c >"$WORK/bochs-debugger.rc"
	# Debian's Bochs has no headless display; rfb is the one that needs no
	# X server. A private network namespace keeps its VNC port off every
	# network but its own loopback; a user who is not root makes it inside
	# a user namespace of its own.
	local userns=()
	[ "$(id -u)" = 0 ] || userns=(--map-root-user)
	exec unshare "${userns[@]}" --net bochs -q -f "$rc" -rc "$WORK/bochs-debugger.rc" </dev/null
}
