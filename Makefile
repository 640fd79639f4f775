# SPDX-License-Identifier: GPL-2.0
# Build the patched kernel, boot it on the emulated VMX and SVM rigs, run
# the KVM selftests, report. Every step is one script under rig/; docs/make-check.md
# says what each target prints and how long it takes.

# Kbuild cannot build in a path with a space or a colon, and nothing here
# should delete anything on the strength of a path split at a space.
ifneq ($(words $(CURDIR))$(findstring :,$(CURDIR)),1)
$(error this clone is at '$(CURDIR)': Kbuild cannot build in a path with a space or a colon; clone it elsewhere)
endif

# The series the steps work on (rig/lib/common.sh): upstream
# (patches/upstream-7.3/), or 6.12 (patches/backport-6.12/, its backport).
# Each has a work directory of its own, work/SERIES.
RIG_SERIES ?= upstream
export RIG_SERIES
ifneq ($(RIG_SERIES),$(filter 6.12 upstream,$(RIG_SERIES)))
$(error RIG_SERIES is '$(RIG_SERIES)'; it must be upstream or 6.12)
endif
# The Bochs of both Bochs rigs (rig/lib/bochs.sh): 3.0, built from Debian
# trixie's source by 'make bochs' (posted interrupts, so APICv), or 2.7,
# Debian 12's package (no APICv).
RIG_BOCHS ?= 3.0
export RIG_BOCHS
ifneq ($(RIG_BOCHS),$(filter 2.7 3.0,$(RIG_BOCHS)))
$(error RIG_BOCHS is '$(RIG_BOCHS)'; it must be 2.7 or 3.0)
endif
# The SVM rig's emulator (rig/lib/rig-svm.sh): bochs, Bochs' Ryzen (NRIPS,
# so KVM's SVM fastpath), or qemu, QEMU 10's TCG (no NRIPS; 'make qemu').
# The nested demo's SVM runs are on QEMU either way.
# Bochs 2.7 lacks the VMRUN fix of config/bochs/03-*.patch, so with it the
# SVM rig is QEMU unless RIG_SVM says otherwise (and is refused below).
RIG_SVM ?= $(if $(filter 2.7,$(RIG_BOCHS)),qemu,bochs)
export RIG_SVM
ifneq ($(RIG_SVM),$(filter bochs qemu,$(RIG_SVM)))
$(error RIG_SVM is '$(RIG_SVM)'; it must be bochs or qemu)
endif
ifeq ($(RIG_SVM)-$(RIG_BOCHS),bochs-2.7)
$(error RIG_SVM=bochs needs RIG_BOCHS=3.0 (Bochs 2.7 loses SVM's virtual interrupts); with 2.7, set RIG_SVM=qemu)
endif
ifneq ($(filter-out bochs qemu,$(RIG_NESTED_SVM)),)
$(error RIG_NESTED_SVM is '$(RIG_NESTED_SVM)'; it must be qemu or bochs)
endif
# The rest make can check before a step starts (rig/lib/rig-svm.sh, boot.sh).
ifneq ($(words $(RIG_SVM_TCG))$(filter-out single multi,$(RIG_SVM_TCG)),$(if $(RIG_SVM_TCG),1,0))
$(error RIG_SVM_TCG is '$(RIG_SVM_TCG)'; it must be single or multi)
endif
number = $(if $(shell echo '$($(1))' | grep -xE '[1-9][0-9]*'),,$(error $(1) is '$($(1))'; it must be a whole number above 0, in decimal))
$(foreach v,RIG_SVM_CPUS RIG_TIMEOUT RIG_TEST_TIMEOUT,$(if $($(v)),$(call number,$(v))))
# What a boot needs besides Debian's packages.
VMX_EMULATOR := $(if $(filter 3.0,$(RIG_BOCHS)),bochs)
SVM_EMULATOR := $(if $(filter bochs,$(RIG_SVM)),$(VMX_EMULATOR),qemu)
WORK := $(CURDIR)/work/$(RIG_SERIES)
TREE := $(WORK)/linux

# Steps are quiet in a whole run: each prints one progress line, and the run
# prints every result once at the end (rig/report/summary.sh). A step run
# alone prints its own results and fails on a FAIL (progress, common.sh).
.SILENT:
MAKEFLAGS += --no-print-directory

# One step at a time: two kernel builds or emulators never share the CPUs,
# and the each-commit walk owns the tree while it checks out each commit.
.NOTPARALLEL:

# rig/step.sh times each step (work/timings).
STEP := rig/step.sh

# The debug kernels (docs/reliability.md), upstream series; also
# 'make debug' alone.
DEBUG_STEPS := boot-debug boot-kcsan boot-kcsan-qemu mutants-debug
DEBUG_RESULTS := build-debug svm-debug build-kcsan svm-kcsan svm-kcsan-qemu mutants-debug
# make check (CI): the upstream series through every gate, build, rig,
# debug kernel and mutant; then its backport: applies, its form, its boot
# build, both rigs, vmxcap and the nested demo (BACKPORT_STEPS, run by the
# 'backport' step).
CHECK_STEPS := cc judges each-commit kernel modules configs checkpatch commit-messages \
	exitstat boot-svm boot-vmx mutants $(DEBUG_STEPS) backport
RESULTS := cc judges applies each-commit warnings build-boot build-modules build-intel \
	build-i386 checkpatch commit-messages exitstat svm vmx mutants $(DEBUG_RESULTS)
# vmxcap/ and the nested demo are still the 6.12 kernel's (docs/make-check.md).
BACKPORT_STEPS := checkpatch commit-messages kernel vmxcap boot-svm boot-vmx nested-svm
BACKPORT_RESULTS := applies checkpatch commit-messages build-boot vmxcap svm vmx \
	nested-svm
# The nested demo's runs: RIG, or RIG-nopaging (EPT/NPT off in L1).
NESTED_RUNS := nested-svm nested-svm-nopaging nested-vmx nested-vmx-nopaging
# Its distribution L2: Debian booted to multi-user.target (nested.sh distro).
# make demo runs the SVM one: on the VMX rig Debian's kernel loops in its
# first page fault (docs/nested-demo.md).
DISTRO_RUNS := nested-svm-distro nested-vmx-distro

.PHONY: help check demo backport clean tree export deps source kernel modules configs \
	each-commit checkpatch commit-messages selftests initramfs boot-svm boot-vmx \
	kernel-debug kernel-kcsan boot-debug boot-kcsan boot-kcsan-qemu mutants mutants-debug debug timings \
	exitstat vmxcap bench kernel-bench bench-svm bench-vmx nested-initramfs cc judges \
	rejudge bochs qemu mttcg try-svm try-vmx distro-root distro-initramfs $(NESTED_RUNS) \
	$(DISTRO_RUNS)

help:
	echo "Whole runs (one at a time per clone; results at the end, exit status 0 only if all passed; mttcg reports only):"
	echo "  make check          CI: every gate, build, rig, debug kernel and mutant of the upstream series, then the backport's own steps (about 46 minutes cold)"
	echo "  make demo           build, boot both rigs and the nested demo, show how KVM came up and the results"
	echo "  make backport       the 6.12 backport alone: applies, its form, boot build, vmxcap, both rigs, nested-svm"
	echo "  make debug          the debug kernels (CI): KASAN/lockdep/kmemleak and KCSAN on the SVM rig, their mutants"
	echo "  make bench          what the statistics cost on both rigs, patched and unpatched (not CI; figures, no verdict)"
	echo "  make mttcg          KVM's guests on QEMU 10 with 2 CPUs truly at once, with and without the series (not CI)"
	echo "Single steps (the builds fail when they cannot build; the others print their results and fail on a FAIL):"
	echo "  deps source kernel modules configs selftests initramfs vmxcap exitstat cc judges bochs qemu"
	echo "  each-commit checkpatch commit-messages                    review gates of the series"
	echo "  boot-svm boot-vmx                                         boot a rig, run its selftests"
	echo "  rejudge LOG=work/SERIES/logs/LABEL.console.log           judge a boot's saved log again (results.sh), no boot"
	echo "  kernel-debug kernel-kcsan boot-debug boot-kcsan boot-kcsan-qemu mutants mutants-debug   debug kernels; deliberate bugs must fail"
	echo "  kernel-bench bench-svm bench-vmx                          make bench's two kernels; one rig of make bench"
	echo "  nested-initramfs nested-svm nested-svm-nopaging nested-vmx nested-vmx-nopaging   the nested demo"
	echo "  distro-root distro-initramfs nested-svm-distro nested-vmx-distro   its Debian L2 (make demo: SVM only; not CI)"
	echo "Developing the series:"
	echo "  make tree           kernel tree with the series applied, to edit: work/SERIES/dev/linux"
	echo "  make try-svm, try-vmx   build that tree as it is and run exit_stats_test (or RIG_ONLY) on one rig"
	echo "  make export         write the tree's commits back to the series' directory in patches/"
	echo "  make timings COLUMN=cold|warm   the last run's step times into docs/timings.md"
	echo "  make clean          remove work/ (the ccache outside the clone stays)"
	echo "Variables (default):"
	echo "  RIG_SERIES=upstream|6.12 (upstream)  which series: patches/upstream-7.3/ or patches/backport-6.12/"
	echo "  RIG_BOCHS=3.0|2.7 (3.0)              the Bochs of both Bochs rigs"
	echo "  RIG_SVM=bochs|qemu (bochs; qemu with RIG_BOCHS=2.7)   the SVM rig's emulator (also the debug kernels'); the nested demo's SVM runs are on QEMU either way"
	echo "  RIG_ONLY='TEST ...' (all)            boot-svm, boot-vmx: only these selftests of the rig's list"
	echo "  RIG_CMDLINE='ARG ...' (none)         boot-svm, boot-vmx, nested-*: added to the (L1) guest kernel's command line"
	echo "  RIG_KERNEL=BZIMAGE (the boot kernel) boot-svm, boot-vmx: boot another kernel"
	echo "  RIG_LABEL=NAME (svm, vmx)            boot-svm, boot-vmx: name of the logs and results"
	echo "  RIG_TIMEOUT=S, RIG_TEST_TIMEOUT=S    boot-*: limits, whole boot and one test (the rig's; hung: no guest line for a test's limit plus 60 s)"
	echo "  RIG_SVM_CPUS=N (1), RIG_SVM_TCG=single|multi (single)   QEMU's CPUs, in turns or at once"
	echo "  RIG_QEMU=PATH (work/qemu/bin/qemu-system-x86_64)   another QEMU for the SVM rig's QEMU"
	echo "  RIG_NESTED_SVM=qemu|bochs (qemu)     nested-svm*: the emulator of the nested demo's SVM L1"
	echo "  CCACHE_DIR=DIR (/var/cache/kvm-exit-stats/ccache)       where compiles are cached"

# A whole run, under the clone's lock, from no old results; every step is
# tried (make -k) and the summary always printed.
check:
	rig/run.sh $(CHECK_STEPS) -- rig/report/summary.sh $(RESULTS) \
		$(BACKPORT_RESULTS:%=6.12/%)

# The backport's steps, in the run that holds the lock (make check), or alone.
backport:
ifeq ($(RIG_LOCKED),)
	rig/run.sh backport -- rig/report/summary.sh $(BACKPORT_RESULTS:%=6.12/%)
else
	RIG_SERIES=6.12 $(MAKE) -k $(BACKPORT_STEPS)
endif

debug:
	rig/run.sh $(DEBUG_STEPS) -- rig/report/summary.sh $(DEBUG_RESULTS)

demo:
	rig/run.sh boot-svm boot-vmx $(NESTED_RUNS) nested-svm-distro -- rig/report/demo.sh

# Figures, not tests: never part of 'make check' (docs/performance.md).
bench:
	rig/run.sh bench-svm bench-vmx -- rig/report/bench-report.sh

deps:
	$(STEP) deps rig/build/deps.sh

source: deps
	$(STEP) source rig/build/source.sh "$(TREE)"

kernel: source
	$(STEP) kernel rig/build/kernel.sh "$(TREE)" boot bzImage

# Compile-only.
modules: source
	RIG_SEED=boot $(STEP) modules rig/build/kernel.sh "$(TREE)" modules:boot+modules vmlinux modules

# Compile-only: KVM with only the Intel vendor module, and KVM on a 32-bit
# kernel (the debug kernels are the AMD-only build).
configs: modules
	$(STEP) configs rig/build/configs.sh "$(TREE)"

# Review gates: every commit configures and builds; no new warnings (W=1,
# sparse, Sphinx, kernel-doc) compared with the base; the form of the series.
each-commit: source
	$(STEP) each-commit rig/gates/each-commit.sh "$(TREE)"

checkpatch: source
	$(STEP) checkpatch rig/gates/checkpatch.sh "$(TREE)"

commit-messages:
	$(STEP) commit-messages rig/gates/commit-messages.sh

# The compiler Kbuild runs (rig/lib/cc) against its deliberate bug.
cc: deps
	$(STEP) cc rig/gates/cc.sh

# The judges of console logs (results.sh, the nested judge) on recorded
# logs, and results.sh's deliberate bugs (tests/results/mutants/).
judges: deps
	$(STEP) judges rig/gates/judges.sh

# A boot's saved console log judged again by results.sh, without booting:
# make rejudge LOG=work/upstream/logs/svm.console.log.
rejudge:
	rig/judge/rejudge.sh "$(LOG)"

# The guest tool: static build, unit tests without KVM, its mutants.
exitstat: deps
	$(STEP) exitstat rig/gates/exitstat.sh

selftests: kernel
	$(STEP) selftests rig/build/selftests.sh "$(TREE)"

# The VMX capability report (vmxcap/): built against the boot kernel, W=1,
# checkpatch; loaded by both rigs' boots.
vmxcap: kernel
	$(STEP) vmxcap rig/build/vmxcap.sh "$(TREE)"

# vmxcap/ builds against 6.12 only (rdmsrl_safe(); 7.3 has rdmsrq_safe()).
initramfs: selftests $(if $(filter 6.12,$(RIG_SERIES)),vmxcap)
	$(STEP) initramfs rig/build/initramfs.sh

boot-svm: kernel initramfs $(SVM_EMULATOR)
	$(STEP) boot-svm rig/boot/boot.sh svm

boot-vmx: kernel initramfs $(VMX_EMULATOR)
	$(STEP) boot-vmx rig/boot/boot.sh vmx

# The debug kernels: the boot kernel plus config/debug.config (KASAN & co.)
# or config/kcsan.config.
kernel-debug: source
	$(STEP) kernel-debug rig/build/kernel.sh "$(TREE)" debug:boot+debug bzImage

kernel-kcsan: source
	$(STEP) kernel-kcsan rig/build/kernel.sh "$(TREE)" kcsan:boot+kcsan bzImage

# The SVM rig again, on the debug kernels.
boot-debug: kernel-debug initramfs $(SVM_EMULATOR)
	$(STEP) boot-debug rig/boot/debug.sh "$(TREE)" debug svm

boot-kcsan: kernel-kcsan initramfs $(SVM_EMULATOR)
	$(STEP) boot-kcsan rig/boot/debug.sh "$(TREE)" kcsan svm

# KCSAN's stress load again, on QEMU: more rounds of it (debug.sh).
boot-kcsan-qemu: kernel-kcsan initramfs qemu
	$(STEP) boot-kcsan-qemu rig/boot/debug.sh "$(TREE)" kcsan svm qemu

# Each deliberate bug of tests/mutants/SERIES/ must make exit_stats_test fail.
mutants: kernel initramfs $(VMX_EMULATOR) $(SVM_EMULATOR)
	$(STEP) mutants rig/gates/kernel-mutants.sh "$(TREE)" boot

# The nested demo (docs/nested-demo.md): QEMU with KVM in L1 runs
# an ordinary Linux (L2), which reads the leaves with exitstat and cpuid.
nested-initramfs: kernel exitstat
	$(STEP) nested-initramfs rig/build/nested-initramfs.sh

$(NESTED_RUNS): kernel nested-initramfs $(VMX_EMULATOR) qemu
	$(STEP) $@ rig/boot/nested.sh $(subst -, ,$(@:nested-%=%))

# The distribution L2: a Debian root made by mmdebstrap (work/distro/, both
# series), then L1's initramfs with it as L2's disk.
distro-root: deps
	$(STEP) distro-root rig/build/distro-root.sh

distro-initramfs: distro-root nested-initramfs
	$(STEP) distro-initramfs rig/build/distro-initramfs.sh

$(DISTRO_RUNS): kernel distro-initramfs $(VMX_EMULATOR) qemu
	$(STEP) $@ rig/boot/nested.sh $(subst -, ,$(@:nested-%=%))

# make bench's kernels: the boot kernel plus config/bench.config, with the
# series and without it (rig/build/base.sh).
kernel-bench: source
	$(STEP) kernel-bench rig/build/bench-kernels.sh "$(TREE)"

bench-svm: kernel-bench initramfs $(SVM_EMULATOR)
	$(STEP) bench-svm rig/boot/bench.sh "$(TREE)" svm

bench-vmx: kernel-bench initramfs $(VMX_EMULATOR)
	$(STEP) bench-vmx rig/boot/bench.sh "$(TREE)" vmx

mutants-debug: boot-debug boot-kcsan boot-kcsan-qemu
	$(STEP) mutants-debug rig/gates/kernel-mutants.sh "$(TREE)" debug kcsan

bochs: deps
	$(STEP) bochs rig/build/bochs-build.sh

# QEMU 10 (bookworm-backports) into work/qemu/: the SVM rig's QEMU.
qemu: deps
	$(STEP) qemu rig/build/qemu.sh

# Why the debug kernels' CPUs run in turns (docs/reliability.md); not CI.
mttcg: kernel initramfs qemu
	rig/dev/mttcg.sh "$(TREE)"

tree: deps
	rig/dev/tree.sh

# The edit loop: make tree's tree, edits and all, built and booted on one
# rig with exit_stats_test (or RIG_ONLY); its files in work/SERIES/try/.
try-svm: deps $(SVM_EMULATOR)
	rig/dev/try.sh svm $(RIG_ONLY)

try-vmx: deps $(VMX_EMULATOR)
	rig/dev/try.sh vmx $(RIG_ONLY)

export:
	rig/dev/export.sh

# After a 'make check' on a fresh clone: its step times into docs/timings.md.
timings:
	rig/dev/timings.sh "$(COLUMN)"

# Not while a run holds the lock.
clean:
	rig/clean.sh
