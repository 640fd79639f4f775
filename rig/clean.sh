#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# clean.sh: remove work/ (both series), never while a run holds its lock. The lock file is
# in work/, so work/ is renamed under the lock and the renamed directory
# deleted after: a run that starts meanwhile gets a new work/ of its own.
source "$(dirname "$0")/lib/common.sh"

old=$TOP/work.old.$$
mv "$TOP/work" "$old"
rm -rf "$old" "$TOP"/work.old.* ||
	die "could not remove all of $old (files of another user?); remove it as their owner"
