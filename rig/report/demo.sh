#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# demo.sh: after both rigs ran, show for each how KVM came up (vendor
# module, nested paging / EPT, what the kernel said), the VMX capability
# report (or, on the SVM rig, why it refused to load) and its results;
# then the nested demo's tables and charts, the Debian L2's beside the
# small one's (rig/report/nested-report.sh).
source "$(dirname "$0")/../lib/common.sh"
source "$RIG/lib/console.sh"

declare -A title=(
	[svm]="AMD SVM: $([ "${RIG_SVM:-bochs}" = bochs ] && echo "Bochs, ryzen" || echo "QEMU TCG, -cpu max")"
	[vmx]="Intel VMX: Bochs, corei7_icelake_u"
)
for rig in svm vmx; do
	echo
	echo "=== ${title[$rig]}"
	# Logs of an earlier run are not this run's.
	if [ ! -s "$RESULTS/$rig.txt" ]; then
		echo "the $rig rig did not run; see the ERROR lines above"
		continue
	fi
	grep -m1 '^kvm: ' "$LOGS/$rig.tap" || echo "kvm: no report from the guest"
	echo "--- kernel log"
	kernel_lines "$LOGS/$rig.console.log" '/^\(kvm\|kvm_intel\|kvm_amd\|x86\/cpu\|tsc\): /p' |
		head -n 12 || true
	echo "--- the VMX capability report (vmxcap/): insmod vmxcap.ko"
	if [ "$RIG_SERIES" != 6.12 ]; then
		echo "vmxcap/ builds against 6.12 only: RIG_SERIES=6.12 make demo shows it"
	elif [ "$rig" = vmx ]; then
		sed -n 's/^vmxcap-file: vmxcap: //p' "$LOGS/$rig.tap"
	else
		# Busybox's insmod runs the module's init twice (rig/judge/vmxcap-judge.sh).
		kernel_lines "$LOGS/$rig.console.log" '/^vmxcap: /p' |
			grep -v 'taints kernel' | uniq || true
		sed -n 's/^\(insmod: .*vmxcap.ko.*\)/\1/p' "$LOGS/$rig.tap" | head -n1
	fi
	echo "--- full console log: $LOGS/$rig.console.log"
done
echo
# Inside a guest: L2 under QEMU with KVM in L1, with paging on and off,
# and Debian as L2.
"$RIG/report/nested-report.sh" svm vmx
# vmxcap/ builds against 6.12 only (the Makefile's initramfs rule).
vmxcap=
[ "$RIG_SERIES" != 6.12 ] || vmxcap=vmxcap
exec "$RIG/report/summary.sh" $vmxcap svm vmx nested-svm nested-svm-nopaging \
	nested-svm-distro nested-vmx nested-vmx-nopaging nested-charts
