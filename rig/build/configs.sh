#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# configs.sh TREE: build the compile-only configurations: KVM as modules
# with the Intel vendor module only (config/intel.config), so that it does
# not rely on code or exports that only KVM_AMD pulls in, and a 32-bit
# kernel with KVM (config/i386.config). The Intel-only one is the modular
# kernel's configuration without KVM_AMD and starts from a copy of its
# build (seed_build), so Kbuild only rebuilds what KVM_AMD touches. The
# AMD-only build is the debug kernels' (config/debug.config, kcsan.config:
# KVM_INTEL off, KVM and KVM_AMD built in): a modular one of its own
# rebuilt some 430 files (KVM_INTEL is tested in asm/hardirq.h and
# asm/idtentry.h), 295 s of a cold run (copying the modular build and
# building), for what only an export made under KVM_INTEL would break.
source "$(dirname "$0")/../lib/common.sh"

tree=${1:?usage: configs.sh TREE}
[ -f "$tree/.out-modules/vmlinux" ] || die "build the modular kernel first ('make modules')"
RIG_SEED=modules "$RIG/build/kernel.sh" "$tree" intel:boot+intel vmlinux modules
"$RIG/build/kernel.sh" "$tree" i386 vmlinux modules
say "Intel-only and 32-bit configurations: ${SECONDS}s"
