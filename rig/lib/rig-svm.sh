# SPDX-License-Identifier: GPL-2.0
# The AMD SVM rig. Sourced by boot.sh. RIG_SVM picks the emulator:
# - bochs (the default): Bochs' Ryzen model (rig/lib/bochs.sh), SVM with
#   NPT and NRIPS, so KVM's SVM fastpath runs; one CPU (RIG_SVM_CPUS);
# - qemu: QEMU 10's TCG with '-cpu max' (QEMU_VERSION, 'make qemu'), which
#   offers SVM with nested paging (NPT) but not NRIPS; the KCSAN kernel's
#   rig, as it is about 5 times as fast as Bochs.

# The KVM vendor module that must come up in the guest.
rig_module=kvm_amd
case ${RIG_SVM:=bochs} in
qemu)
	# What tests/known-failures and the boot's result line call it.
	rig_kind=svm/qemu
	rig_cpu="TCG -cpu max, ${RIG_SVM_CPUS:-1} CPU(s) $([ "${RIG_SVM_TCG:-single}" = multi ] && echo at once || echo in turns)"
	# RIG_QEMU: another QEMU (e.g. Debian 12's 7.2, qemu-system-x86_64,
	# whose SVM bugs tests/known-failures no longer lists).
	rig_emulator=${RIG_QEMU:-$TOP/work/qemu/bin/qemu-system-x86_64}
	rig_install="run 'make qemu'"
	# Wall-clock seconds for boot plus all tests, and for one selftest.
	rig_timeout=900
	test_timeout=300
	# TCG gives the kernel no way to calibrate the TSC: without tsc_early_khz
	# KVM_GET_TSC_KHZ returns 0 and every selftest asserts.
	# exit_stats_stress runs its load for rig.stress_seconds (guest clock).
	# reboot=t: the guest's final reboot is a triple fault, which ends QEMU
	# (-no-reboot) on either machine below; microvm has no keyboard controller
	# or ACPI to reset it.
	rig_cmdline="tsc_early_khz=2600000 tsc=reliable rig.stress_seconds=10 reboot=t"
	# The nested demo (rig/boot/nested.sh): L1 samples the VM's exits every
	# rig.sample_ms, L2's workload phases take rig.phase_seconds each and
	# exitstat prints every rig.interval seconds (all guest clock).
	nested_cmdline="rig.sample_ms=100 rig.phase_seconds=2 rig.interval=0.5"
	nested_timeout=180
	# The distribution L2 (nested.sh distro): Debian to multi-user.target.
	distro_timeout=1200
	nested_silence=30
	;;
bochs)
	source "$RIG/lib/bochs.sh"
	[ "$RIG_BOCHS" != 2.7 ] ||
		die "RIG_SVM=bochs needs RIG_BOCHS=3.0: Bochs 2.7 loses SVM's virtual interrupts (config/bochs/03-*.patch)"
	rig_kind=svm/bochs-$RIG_BOCHS
	# RIG_SVM_CPUS: Bochs runs its CPUs in turns, a few instructions each
	# (the KASAN kernel: rig/boot/debug.sh).
	bochs_cpus=${RIG_SVM_CPUS:-1}
	rig_cpu="Ryzen (ryzen), $bochs_cpus CPU$([ "$bochs_cpus" = 1 ] || echo "s, in turns")"
	# As on the VMX rig (rig-vmx.sh).
	rig_timeout=2400
	test_timeout=600
	rig_cmdline="rig.stress_seconds=2${bochs_cmdline:+ $bochs_cmdline}"
	nested_cmdline="rig.sample_ms=20 rig.phase_seconds=1 rig.interval=0.25"
	nested_timeout=1800
	distro_timeout=3600
	nested_silence=180
	;;
*) die "RIG_SVM is '$RIG_SVM'; it must be qemu or bochs" ;;
esac

# rig_start KERNEL INITRD CMDLINE CONSOLE_LOG: run the guest; returns when
# the emulator exits (the guest reboots when done, -no-reboot ends QEMU).
#
# RIG_SVM_CPUS: the guest's CPUs (default 1; rig/boot/debug.sh boots 2).
# The kernels have no ACPI, so they find CPUs in the firmware's MP table:
# SeaBIOS (the pc machine) lists only the boot CPU, qboot (the microvm
# machine) lists all of them, when the machine has no ACPI tables (QEMU
# 10's microvm has them by default, and then its qboot lists only the boot
# CPU). So more than one CPU boots microvm without ACPI, which also has no
# PCI and no keyboard controller, nothing the tests use. QEMU runs the CPUs
# in one host thread, in turns (thread=single): with one host thread per
# CPU (MTTCG, truly parallel), KVM's guests triple-fault or the whole
# machine hangs, on the kernel without the series too (docs/reliability.md;
# rig/dev/mttcg.sh). RIG_SVM_TCG=multi runs it that way.
# RIG_CMD_FILE: where to write the exact command (record_cmd).
rig_start() {
	if [ "$RIG_SVM" = bochs ]; then
		bochs_start svm ryzen "$@"
		return
	fi
	local cpus=${RIG_SVM_CPUS:-1} machine=pc
	[ "$cpus" = 1 ] || machine=microvm,acpi=off
	local cmd=("$rig_emulator" -machine "$machine" -accel "tcg,thread=${RIG_SVM_TCG:-single}"
		-cpu max -smp "$cpus" -m 2G
		-nodefaults -display none -no-reboot
		-serial "file:$4" -kernel "$1" -initrd "$2" -append "$3")
	record_cmd "${RIG_CMD_FILE:-}" "${cmd[@]}"
	exec "${cmd[@]}"
}
