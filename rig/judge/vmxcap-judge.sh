#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# vmxcap-judge.sh RIG: judge the VMX capability report (vmxcap/) from
# RIG's boot, one result line per module, for rig/judge/results.sh. The
# guest's init loaded each module, printed its debugfs file, unloaded it,
# and printed the oracle: the kernel's own "vmx flags" of /proc/cpuinfo, which
# arch/x86/kernel/cpu/feat_ctl.c derives from the same MSRs, and what
# kvm_intel enabled, which KVM could only do with those controls.
#   VMX rig: the report must be in the kernel log and in debugfs alike;
#   every "vmx flags" flag, and every control that kvm_intel's parameters
#   need, can be set; with EPT on, CR3-load and CR3-store exiting can be
#   cleared (KVM clears them: only the TRUE MSR says that it may); the
#   module unloads and leaves no file. Each mutant (vmxcap/mutants/) must
#   fail one of those.
#   SVM rig: the load fails, and the kernel log has one distinct line
#   from the module: why (busybox's insmod runs its init twice).
source "$(dirname "$0")/../lib/common.sh"
source "$RIG/lib/console.sh"
source "$RIG/lib/mutant-runner.sh"

rig=${1:?usage: vmxcap-judge.sh RIG}
label=${RIG_LABEL:-$rig}
tap=$LOGS/$label.tap
console=$LOGS/$label.console.log

# debugfs_file NAME: module NAME's debugfs file, as the guest printed it.
debugfs_file() {
	sed -n "s/^vmxcap-file: $1: //p" "$tap"
}

# logged NAME: what module NAME wrote to the kernel log (not the module
# loader's line about the taint, which names the first module it loads).
logged() {
	kernel_lines "$console" "s/^$1: //p" |
		grep -vx 'loading out-of-tree module taints kernel\.' || true
}

# controls REPORT: how many control lines (a "can set" and a "can clear").
controls() {
	awk 'substr($0, 57, 3) ~ /^(yes|no )$/ && substr($0, 66, 3) ~ /^(yes|no )$/' <<<"$1" | wc -l
}

# column REPORT PATTERN COLUMN: the yes/no in COLUMN (57: can set, or a
# capability; 66: can clear) of the first line of REPORT that ends in
# "  [flag]" or has the control name PATTERN.
column() {
	awk -v pat="$2" -v col="$3" '
		(substr(pat, 1, 1) == "[" ? substr($0, length($0) - length(pat) + 1) == pat \
					  : substr($0, 8, 48) ~ "^" pat " *$") {
			print substr($0, col, 3); exit
		}' <<<"$1"
}

# needs PARAM: the flags of the controls that kvm_intel's PARAM=Y uses
# (arch/x86/kvm/vmx/vmx.c, setup_vmcs_config() and hardware_setup()).
needs() {
	case $1 in
	flexpriority) echo "vtpr vapic" ;;
	enable_apicv | apicv) echo "vtpr vapic_reg vid posted_intr" ;;
	enable_shadow_vmcs) echo shadow_vmcs ;;
	enable_ipiv) echo ipi_virt ;;
	eptad) echo ept_ad ;;
	*) echo "$1" ;;
	esac
}

# settable REPORT WHO FLAG...: unless REPORT says that every FLAG can be
# set, why not.
settable() {
	local report=$1 who=$2 f
	shift 2
	for f in "$@"; do
		[ "$(column "$report" "[$f]" 57)" = yes ] ||
			{ echo "$who, the report does not say that [$f] can be set"; return; }
	done
}

# oracle NAME: why module NAME's report is wrong; nothing if it is right.
oracle() {
	local name=$1 report why flag param
	report=$(debugfs_file "$name")
	[ -n "$report" ] || { echo "no report in debugfs"; return; }
	[ "$report" = "$(logged "$name")" ] ||
		{ echo "the kernel log and debugfs differ"; return; }
	for flag in $(sed -n 's/^vmxcap-cpuinfo: //p' "$tap"); do
		# shellcheck disable=SC2046
		why=$(settable "$report" "/proc/cpuinfo has $flag" $(needs "$flag"))
		[ -z "$why" ] || { echo "$why"; return; }
	done
	for param in $(sed -n 's/^vmxcap-kvm: \(.*\)=Y$/\1/p' "$tap"); do
		# shellcheck disable=SC2046
		why=$(settable "$report" "kvm_intel has $param=Y" $(needs "$param"))
		[ -z "$why" ] || { echo "$why"; return; }
	done
	if grep -qx 'vmxcap-kvm: ept=Y' "$tap"; then
		for f in CR3-load CR3-store; do
			[ "$(column "$report" "$f exiting" 66)" = yes ] ||
				{ echo "kvm_intel runs EPT guests without $f exiting, the report says it cannot be cleared"; return; }
		done
	fi
	grep -qx "vmxcap-unload: $name" "$tap" || { echo "rmmod failed"; return; }
	if grep -qx "vmxcap-left: $name" "$tap"; then
		echo "its debugfs file outlived it"
	fi
}

modules=$(sed -n 's/^vmxcap-load: \([a-z0-9_]*\) rc=.*/\1/p' "$tap")
if ! grep -qx 'vmxcap-load: vmxcap rc=.*' "$tap"; then
	echo "FAIL $label vmxcap (never loaded: not in the initramfs? see $tap)"
	exit 0
fi

if [ "$rig" = svm ]; then
	rc=$(sed -n 's/^vmxcap-load: vmxcap rc=//p' "$tap")
	# Busybox's insmod tries finit_module(), then init_module(): the
	# module's init runs, and says why it refuses, twice.
	lines=$(logged vmxcap | uniq)
	if [ "$rc" = 0 ]; then
		echo "FAIL $label vmxcap (loaded on a CPU without VMX; see $tap)"
	elif [ "$(wc -l <<<"$lines")" != 1 ] || [[ $lines != "not loaded: "* ]]; then
		echo "FAIL $label vmxcap (refused, but not with one line in the kernel log; see $console)"
	else
		echo "PASS $label vmxcap (refused, insmod rc=$rc: \"$lines\")"
	fi
	exit 0
fi

why=$(oracle vmxcap)
if [ -n "$why" ]; then
	echo "FAIL $label vmxcap ($why; see $tap)"
else
	report=$(debugfs_file vmxcap)
	echo "PASS $label vmxcap ($(controls "$report") controls;" \
		"$(sed -n 's/^vmxcap-cpuinfo: //p' "$tap" | wc -w) vmx flags can be set;" \
		"kvm_intel: $(sed -n 's/^vmxcap-kvm: \(.*\)=Y$/\1/p' "$tap" | tr '\n' ' ')consistent; unloaded)"
fi
# The mutants that rig/build/vmxcap.sh built (rig/lib/mutant-runner.sh).
for name in $modules; do
	[ "$name" != vmxcap ] || continue
	patch=$(ls "$TOP"/vmxcap/mutants/"${name#vmxcap_m}"-*.patch 2>/dev/null || echo "$name")
	why=$(oracle "$name")
	if [ -n "$why" ]; then
		mutant_result killed "$label vmxcap mutant" "$patch" "the oracle: $why" "$tap"
	else
		mutant_result survived "$label vmxcap mutant" "$patch" "the oracle found nothing wrong" "$tap"
	fi
done
