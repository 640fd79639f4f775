#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# configs.sh TREE: build the compile-only configurations with KVM as modules
# and only one vendor module (config/intel.config, config/amd.config), so
# that neither vendor relies on code or exports that only the other one
# pulls in, and a 32-bit kernel with KVM (config/i386.config). The
# single-vendor ones are the boot kernel's configuration with KVM as
# modules, like the modular kernel, and start from a copy of its build
# (seed_build), so Kbuild only rebuilds what the changed KVM options
# touch.
source "$(dirname "$0")/../lib/common.sh"

tree=${1:?usage: configs.sh TREE}
[ -f "$tree/.out-modules/vmlinux" ] || die "build the modular kernel first ('make modules')"
for name in intel amd; do
	RIG_SEED=modules "$RIG/build/kernel.sh" "$tree" "$name:boot+$name" vmlinux modules
done
"$RIG/build/kernel.sh" "$tree" i386 vmlinux modules
say "single-vendor and 32-bit configurations: ${SECONDS}s"
