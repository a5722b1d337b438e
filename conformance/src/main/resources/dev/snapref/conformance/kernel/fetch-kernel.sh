#!/bin/bash
# Fetches a Debian kernel package into the snapref kernel cache without installing it: keeps
# the kernel image (boot/vmlinuz-RELEASE), modules.builtin and the modules the
# guest needs (lib/modules/RELEASE/...): a trimmed unpacked package, itself a local kernel folder.
#
# usage: fetch-kernel.sh OUTDIR PACKAGE      exit 3: apt-get could not download PACKAGE
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
. "$HERE/guest-modules.sh"
OUT=$1; PKG=$2
for t in apt-get dpkg-deb; do
  command -v $t >/dev/null 2>&1 || { echo "fetch-kernel.sh: missing $t (a Debian host is needed)" >&2; exit 2; }
done
mkdir -p "$OUT"
WORK=$(mktemp -d "$OUT/fetch.XXXXXX")
trap 'rm -rf "$WORK"' EXIT
if ! (cd "$WORK" && apt-get download "$PKG" >/dev/null 2>"$WORK/apt.err"); then
  cat "$WORK/apt.err" >&2; exit 3
fi
dpkg-deb -x "$WORK"/*.deb "$WORK/kroot"
IMG=$(sr_find_image "$WORK/kroot") || { echo "fetch-kernel.sh: $PKG holds no kernel image" >&2; exit 2; }
MD=$(sr_find_moddir "$WORK/kroot") || { echo "fetch-kernel.sh: $PKG holds no lib/modules/RELEASE" >&2; exit 2; }
REL=$(basename "$MD")
K=$WORK/kernel
mkdir -p "$K/boot" "$K/lib/modules/$REL"
cp "$IMG" "$K/boot/vmlinuz-$REL"
for f in modules.builtin modules.order; do
  [ -f "$MD/$f" ] && cp "$MD/$f" "$K/lib/modules/$REL/"
done
FILES=$(sr_module_files "$MD")
for f in $FILES; do
  rel=${f#"$MD"/}
  mkdir -p "$K/lib/modules/$REL/$(dirname "$rel")"
  cp "$f" "$K/lib/modules/$REL/$rel"
done
rm -rf "$OUT/kernel.new"
mv "$K" "$OUT/kernel.new"
echo "$REL"
