#!/bin/bash
# Builds the snapref kernel guest from a kernel folder: a copy of its kernel image and a busybox
# initramfs holding dmsetup (with the libraries ldd names and the loader), the dm and virtio
# modules with their dependencies (guest-modules.sh), and the guest runner (guest-init.sh,
# guest-lib.sh from the same directory as this script).
#
# usage: build-guest.sh OUTDIR KERNELDIR
# KERNELDIR: see guest-modules.sh (a trimmed Debian package from fetch-kernel.sh, an install
# folder with lib/modules/RELEASE, or a built tree). Writes OUTDIR/vmlinuz and OUTDIR/initrd.img.
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
. "$HERE/guest-modules.sh"
OUT=$1; KDIR=$2
need() { command -v "$1" >/dev/null 2>&1 || { echo "build-guest.sh: missing $1 (install: $2)" >&2; exit 2; }; }
need cpio cpio; need dmsetup dmsetup; need gzip gzip
BUSYBOX=""
for b in /bin/busybox /usr/bin/busybox; do
  if [ -x "$b" ] && file -L "$b" 2>/dev/null | grep -q 'statically linked'; then BUSYBOX=$b; break; fi
  if [ -x "$b" ] && ! ldd "$b" >/dev/null 2>&1; then BUSYBOX=$b; break; fi
done
[ -n "$BUSYBOX" ] || { echo "build-guest.sh: no static busybox (install: busybox-static)" >&2; exit 2; }
KERNEL=$(sr_find_image "$KDIR") || {
  echo "build-guest.sh: no kernel image in $KDIR (looked for vmlinuz, bzImage, boot/vmlinuz-*, arch/x86/boot/bzImage)" >&2
  exit 2; }
MODDIR=$(sr_find_moddir "$KDIR") || MODDIR=$KDIR
FILES=$(sr_module_files "$MODDIR")
mkdir -p "$OUT"
WORK=$(mktemp -d "$OUT/build.XXXXXX")
trap 'rm -rf "$WORK"' EXIT
R=$WORK/initrd
mkdir -p "$R"/{bin,sbin,usr/bin,usr/sbin,dev,proc,sys,tmp,run,etc,lib/modules,lib64,lib/x86_64-linux-gnu}
cp "$BUSYBOX" "$R/bin/busybox"
# dmsetup is dynamic only: copy it, every library ldd names, and the loader
DMSETUP=$(command -v dmsetup)
cp "$DMSETUP" "$R/sbin/dmsetup"
for lib in $(ldd "$DMSETUP" | grep -o '/[^ ]*'); do
  mkdir -p "$R$(dirname "$lib")"
  cp -L "$lib" "$R$lib"
done
# modules in load order, decompressed (busybox insmod reads plain .ko)
ORDER=""
for f in $FILES; do
  m=$(basename "$f"); m=${m%%.ko*}
  case "$f" in
    *.xz) xz -dc "$f" > "$R/lib/modules/$m.ko";;
    *.zst) zstd -qdc "$f" > "$R/lib/modules/$m.ko";;
    *.gz) gzip -dc "$f" > "$R/lib/modules/$m.ko";;
    *) cp "$f" "$R/lib/modules/$m.ko";;
  esac
  ORDER="$ORDER $m"
done
echo "$ORDER" > "$R/lib/modules/order"
cp "$HERE/guest-init.sh" "$R/init"
cp "$HERE/guest-lib.sh" "$R/lib/snapref-guest.sh"
chmod +x "$R/init"
(cd "$R" && find . | LC_ALL=C sort | cpio -o -H newc --quiet | gzip -1) > "$WORK/initrd.img"
cp "$KERNEL" "$WORK/vmlinuz"
mv "$WORK/initrd.img" "$OUT/initrd.img"
mv "$WORK/vmlinuz" "$OUT/vmlinuz"
echo "build-guest.sh: guest in $OUT (modules:$ORDER)"
