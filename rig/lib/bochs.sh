# SPDX-License-Identifier: GPL-2.0
# The Bochs rigs (rig-vmx.sh, rig-svm.sh with RIG_SVM=bochs): which Bochs,
# and how to boot a kernel on it from an isolinux ISO. Sourced by them.
#
# RIG_BOCHS: 3.0, Debian trixie's source built by rig/build/bochs-build.sh
# ('make bochs'), which has posted interrupts (APICv); or 2.7, Debian 12's
# package, which has none, so that KVM runs without APICv there.
case ${RIG_BOCHS:=3.0} in
2.7)
	rig_emulator=bochs
	rig_install="run 'make deps' (Debian package bochs)"
	bochs_display='rfb, options="timeout=0"'
	bochs_debugger=1
	bochs_ips=200000000
	bochs_sound="sound: waveoutdrv=dummy, waveindrv=dummy, midioutdrv=dummy"
	# Linux calibrates this one's TSC itself.
	bochs_cmdline=
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
	bochs_cmdline="tsc_early_khz=$((bochs_ips / 1000))"
	;;
*) die "RIG_BOCHS is '$RIG_BOCHS'; it must be 2.7 or 3.0" ;;
esac
# bochs_start RIG MODEL KERNEL INITRD CMDLINE CONSOLE_LOG: run the guest of
# RIG (its files are work/SERIES/RIG.*) on Bochs' CPU MODEL, with bochs_megs
# MiB of memory (1024); returns when Bochs exits (a reboot ends it with a
# triple-fault panic).
bochs_start() {
	local name=$1 model=$2 iso=$WORK/$1-iso rc=$WORK/$1.bochsrc
	shift 2
	# A recorded boot (RIG_CMD_FILE) keeps its own ISO next to its command,
	# so that the next boot of RIG does not change what the command boots.
	[ -z "${RIG_CMD_FILE:-}" ] || iso=${RIG_CMD_FILE%.cmd}-iso

	rm -rf "$iso" "$iso.iso"
	mkdir -p "$iso/isolinux"
	cp /usr/lib/ISOLINUX/isolinux.bin /usr/lib/syslinux/modules/bios/ldlinux.c32 \
		"$iso/isolinux/"
	cp "$1" "$iso/bzImage"
	cp "$2" "$iso/initrd.gz"
	printf 'DEFAULT rig\nPROMPT 0\nLABEL rig\n  KERNEL /bzImage\n  INITRD /initrd.gz\n  APPEND %s\n' \
		"$3" >"$iso/isolinux/isolinux.cfg"
	xorriso -as mkisofs -quiet -o "$iso.iso" -b isolinux/isolinux.bin \
		-c isolinux/boot.cat -no-emul-boot -boot-load-size 4 -boot-info-table "$iso"
	rm -rf "$iso"

	cat >"$rc" <<-BOCHSRC
		cpu: model=$model, count=${bochs_cpus:-1}, ips=$bochs_ips
		memory: guest=${bochs_megs:-1024}, host=${bochs_megs:-1024}
		clock: sync=none
		romimage: file=/usr/share/bochs/BIOS-bochs-latest
		vgaromimage: file=/usr/share/vgabios/vgabios.bin
		ata0-master: type=cdrom, path="$iso.iso", status=inserted
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
	exec 3> >(grep -v 'RDMSR: Unknown register 0x1d9$' >"$LOGS/$name.bochs.log")
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
	local cmd=(unshare "${userns[@]}" --net "$rig_emulator" -q -f "$rc" "${debugger[@]}")
	# Rerun by hand: the next boot of RIG replaces the configuration, so the
	# command names a copy, which logs to a file instead of fd 3. (Rerunning
	# it writes the console again.)
	if [ -n "${RIG_CMD_FILE:-}" ]; then
		local line
		while IFS= read -r line; do
			[[ $line != log:* ]] || line="log: $RIG_CMD_FILE.bochs.log"
			printf '%s\n' "$line"
		done <"$rc" >"$RIG_CMD_FILE.bochsrc"
		record_cmd "$RIG_CMD_FILE" "${cmd[@]/#"$rc"/"$RIG_CMD_FILE.bochsrc"}"
	fi
	exec "${cmd[@]}" </dev/null
}
