# SPDX-License-Identifier: GPL-2.0
# The Intel VMX rig: Bochs emulating an Ice Lake CPU (VMX with EPT, VPID,
# unrestricted guest, PML; on Bochs 2.7 no posted interrupts, and kvm_intel
# refuses its VMX preemption timer),
# booting an isolinux ISO. Sourced by boot.sh.

# RIG_BOCHS: 2.7, Debian 12's package (no posted interrupts, so KVM runs
# without APICv), or 3.0, Debian trixie's source built by
# rig/build/bochs.sh ('make bochs'), which has them.
case ${RIG_BOCHS:=2.7} in
2.7)
	rig_emulator=bochs
	rig_install="run 'make deps' (Debian package bochs)"
	bochs_display='rfb, options="timeout=0"'
	bochs_debugger=1
	bochs_ips=200000000
	bochs_sound="sound: waveoutdrv=dummy, waveindrv=dummy, midioutdrv=dummy"
	vmx_cmdline_bochs=
	;;
3.0)
	rig_emulator=$TOP/work/bochs/bin/bochs
	rig_install="run 'make bochs'"
	bochs_display=nogui
	bochs_debugger=0
	# Built without sound: no sound line at all.
	bochs_sound=
	# Bochs' TSC counts its instructions (ips a second), but its CPUID
	# leaf 0x15 claims 1497.6 MHz, so Linux's tsc_khz is wrong by
	# ips/1.4976 GHz; and its VMX preemption timer runs at the TSC's rate
	# (IA32_VMX_MISC[4:0] = 0). KVM refuses a timer faster than a tenth
	# of its maximum value a second (vmx_setup_preemption_timer(): 130.9
	# MHz with this leaf 0x15 in 7.3, 429 MHz in 6.12): at 125 MHz, told
	# to Linux, it takes it.
	bochs_ips=125000000
	vmx_cmdline_bochs="tsc_early_khz=$((bochs_ips / 1000))"
	;;
*) die "RIG_BOCHS is '$RIG_BOCHS'; it must be 2.7 or 3.0" ;;
esac
# The KVM vendor module that must come up in the guest.
rig_module=kvm_intel
# Wall-clock seconds for boot plus all tests, and for one selftest (the
# slowest, sync_regs_test, takes about 3.5 minutes).
rig_timeout=2400
test_timeout=600
# exit_stats_stress runs its load for rig.stress_seconds of the guest's
# clock, which runs about 30 times slower than the wall clock here (27
# to 35 measured).
rig_cmdline="rig.stress_seconds=2${VMX_CMDLINE:+ $VMX_CMDLINE}${vmx_cmdline_bochs:+ $vmx_cmdline_bochs}"
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
		cpu: model=corei7_icelake_u, count=1, ips=$bochs_ips
		memory: guest=1024, host=1024
		clock: sync=none
		romimage: file=/usr/share/bochs/BIOS-bochs-latest
		vgaromimage: file=/usr/share/vgabios/vgabios.bin
		ata0-master: type=cdrom, path="$WORK/vmx.iso", status=inserted
		boot: cdrom
		com1: enabled=1, mode=file, dev="$4"
		display_library: $bochs_display
		mouse: enabled=0
		speaker: enabled=0
		$bochs_sound
		log: /proc/self/fd/3
		panic: action=fatal
		error: action=report
		info: action=ignore
	BOCHSRC
	# kvm_intel reads DEBUGCTL (MSR 0x1d9), which Bochs does not know, on
	# every VM entry; Bochs reads it as 0 and logs each read (over a
	# million lines a run). Keep everything else.
	exec 3> >(grep -v 'RDMSR: Unknown register 0x1d9$' >"$LOGS/vmx.bochs.log")
	# Debian's Bochs starts in its debugger: "c" lets it run. The one
	# built here has none.
	local debugger=()
	if [ "$bochs_debugger" = 1 ]; then
		echo c >"$WORK/bochs-debugger.rc"
		debugger=(-rc "$WORK/bochs-debugger.rc")
	fi
	# Debian's Bochs has no headless display; rfb is the one that needs no
	# X server. A private network namespace keeps its VNC port off every
	# network but its own loopback; a user who is not root makes it inside
	# a user namespace of its own.
	local userns=()
	[ "$(id -u)" = 0 ] || userns=(--map-root-user)
	exec unshare "${userns[@]}" --net "$rig_emulator" -q -f "$rc" "${debugger[@]}" </dev/null
}
