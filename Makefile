# SPDX-License-Identifier: GPL-2.0
# Build the patched kernel, boot it on the emulated VMX and SVM rigs, run
# the KVM selftests, report. Every step is one script in rig/; README.md
# says what each target prints and how long it takes.

WORK := $(CURDIR)/work
TREE := $(WORK)/linux

.PHONY: check demo deps source kernel modules selftests initramfs \
	boot-svm boot-vmx each-commit configs checkpatch commit-messages report tree export \
	clean help

# One step at a time: two kernel builds or emulators never share the CPUs,
# and the each-commit walk owns the tree while it checks out each commit.
.NOTPARALLEL:

help:
	@echo "make check      build, boot both rigs, run every test, report (CI)"
	@echo "make demo       build, boot both rigs, show how KVM came up and the results"
	@echo "make tree       kernel tree with the series applied, to edit: work/dev/linux"
	@echo "make export     write work/dev/linux's commits back to patches/"
	@echo "make clean      remove work/ (ccache stays in /var/cache/kvm-exit-stats)"

# A full run from a pristine tree; old results never count.
check:
	rm -rf $(WORK)/results
	$(MAKE) --no-print-directory report

RESULTS := applies each-commit warnings build-boot build-modules build-intel \
	build-amd checkpatch commit-messages svm vmx

report: each-commit kernel modules configs checkpatch commit-messages boot-svm boot-vmx
	rig/report/summary.sh $(RESULTS)

demo:
	rm -rf $(WORK)/results
	$(MAKE) --no-print-directory boot-svm boot-vmx
	rig/report/demo.sh

deps:
	rig/build/deps.sh

source: deps
	rig/build/source.sh $(TREE)

kernel: source
	rig/build/kernel.sh $(TREE) boot bzImage

# Compile-only.
modules: source
	rig/build/kernel.sh $(TREE) modules vmlinux modules

# Compile-only: KVM with only the Intel or only the AMD vendor module.
configs: modules
	rig/build/configs.sh $(TREE)

# Review gates: every commit builds; no new warnings (W=1, sparse, Sphinx,
# kernel-doc) compared with the base; the form of the series.
each-commit: source
	rig/gates/each-commit.sh $(TREE)

commit-messages:
	rig/gates/commit-messages.sh

selftests: kernel
	rig/build/selftests.sh $(TREE)

initramfs: selftests
	rig/build/initramfs.sh

boot-svm: kernel initramfs
	rig/boot/boot.sh svm

boot-vmx: kernel initramfs
	rig/boot/boot.sh vmx

checkpatch: source
	rig/gates/checkpatch.sh $(TREE)

tree: deps
	rig/dev/tree.sh

export:
	rig/dev/export.sh

clean:
	rm -rf $(WORK)
