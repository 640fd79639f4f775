#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# kconfig.sh TREE NAME [FRAGMENT[+FRAGMENT...]]: write TREE/.out-NAME/.config
# as tinyconfig plus config/common.config and each config/FRAGMENT.config in
# order (default: NAME), with scripts/kconfig/merge_config.sh, then check
# that olddefconfig kept every option the fragments ask for.
source "$(dirname "$0")/../lib/common.sh"

usage="usage: kconfig.sh TREE NAME [FRAGMENT[+FRAGMENT...]]"
tree=${1:?$usage}
name=${2:?$usage}
out=$tree/.out-$name
# The each-commit walk keeps one log per commit (KCONFIG_LOG).
log=${KCONFIG_LOG:-$LOGS/kconfig-$name.log}
fragments=("$TOP/config/common.config")
IFS=+ read -ra names <<<"${3:-$name}"
for f in "${names[@]}"; do
	[ -f "$TOP/config/$f.config" ] || die "no config fragment config/$f.config"
	fragments+=("$TOP/config/$f.config")
done

# The stamp covers the fragments and the tree's Kconfig files as checked
# out, so a commit that changes a Kconfig file is configured (and its
# fragments checked) again.
want=$({
	inputs_hash "$0" "${fragments[@]}"
	git -C "$tree" ls-files -s -- '*Kconfig*' '*/configs/*.config'
	git -C "$tree" diff HEAD -- '*Kconfig*' '*/configs/*.config'
} | sha256sum | cut -d' ' -f1)
if [ -f "$out/.config" ] && stamp_matches "$out/.rig-config" "$want"; then
	exit 0
fi
rm -f "$out/.rig-config"
mkdir -p "$out" "$LOGS"

say "configuring $name: tinyconfig + ${fragments[*]#$TOP/}"
{
	make -C "$tree" O=".out-$name" tinyconfig &&
		"$tree/scripts/kconfig/merge_config.sh" -m -O "$out" "$out/.config" "${fragments[@]}" &&
		make -C "$tree" O=".out-$name" olddefconfig
} >"$log" 2>&1 || die "configuring $name failed; see $log"

# Every "CONFIG_X=v" and "# CONFIG_X is not set" of the fragments must be in
# the final .config exactly as written; where two fragments set the same
# option, the later one wins, as in merge_config.sh.
lost=$(grep -hE '^(CONFIG_[A-Za-z0-9_]+=|# CONFIG_[A-Za-z0-9_]+ is not set)' "${fragments[@]}" |
	awk '{ opt = $0; sub(/^# /, "", opt); sub(/[= ].*/, "", opt)
		if (!(opt in line)) order[n++] = opt; line[opt] = $0 }
		END { for (i = 0; i < n; i++) print line[order[i]] }' |
	while IFS= read -r line; do
		case $line in
		"# "*) opt=${line#\# } opt=${opt% is not set} ;;
		*) opt=${line%%=*} ;;
		esac
		actual=$(grep -E "^($opt=|# $opt is not set)" "$out/.config" || echo "# $opt is not set")
		[ "$actual" = "$line" ] || echo "  $line (got: $actual)"
	done)
[ -z "$lost" ] || die "config $name lost options of its fragments after olddefconfig:
$lost
(see $out/.config and $log)"

stamp_write "$out/.rig-config" "$want"
