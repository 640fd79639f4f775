# SPDX-License-Identifier: GPL-2.0
# The Intel VMX rig: Bochs emulating an Ice Lake CPU (VMX with EPT, VPID,
# unrestricted guest, PML, posted interrupts and the VMX preemption timer;
# Bochs 2.7 has neither of the last two that KVM takes), booting an isolinux
# ISO (rig/lib/bochs.sh). Sourced by boot.sh.

source "$RIG/lib/bochs.sh"
# What tests/known-failures and the boot's result line call this emulator.
rig_kind=vmx/bochs-$RIG_BOCHS
rig_cpu="Ice Lake (corei7_icelake_u), 1 CPU"
# The KVM vendor module that must come up in the guest.
rig_module=kvm_intel
# Wall-clock seconds for boot plus all tests, and for one selftest (the
# slowest, sync_regs_test, takes about 3.5 minutes).
rig_timeout=2400
test_timeout=600
# exit_stats_stress runs its load for rig.stress_seconds of the guest's
# clock, which runs about 30 times slower than the wall clock here (27
# to 35 measured).
rig_cmdline="rig.stress_seconds=2${VMX_CMDLINE:+ $VMX_CMDLINE}${bochs_cmdline:+ $bochs_cmdline}"
# The nested demo (rig/boot/nested.sh; see rig-svm.sh): shorter in guest
# time, as that runs slower here.
nested_cmdline="rig.sample_ms=20 rig.phase_seconds=1 rig.interval=0.25"
nested_timeout=1800
# The distribution L2 (nested.sh distro): Debian to multi-user.target.
distro_timeout=3600
nested_silence=180

# rig_start KERNEL INITRD CMDLINE CONSOLE_LOG: run the guest; returns when
# the emulator exits.
rig_start() {
	bochs_start vmx corei7_icelake_u "$@"
}
