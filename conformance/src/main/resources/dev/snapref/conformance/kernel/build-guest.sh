#!/bin/bash
# Builds the snapref kernel guest: a kernel image and a busybox initramfs holding dmsetup
# (with the libraries ldd names and the loader), the dm and virtio modules, and the guest
# runner (guest-init.sh, guest-lib.sh from the same directory as this script).
#
# usage: build-guest.sh OUTDIR (--kernel-package NAME | --kernel BZIMAGE --modules DIR)
# Writes OUTDIR/vmlinuz and OUTDIR/initrd.img. Never installs the kernel on the host.
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
OUT=$1; shift
PKG=""; KERNEL=""; MODDIR=""
while [ $# -gt 0 ]; do
  case "$1" in
    --kernel-package) PKG=$2; shift 2;;
    --kernel) KERNEL=$2; shift 2;;
    --modules) MODDIR=$2; shift 2;;
    *) echo "build-guest.sh: unknown argument $1" >&2; exit 2;;
  esac
done
need() { command -v "$1" >/dev/null 2>&1 || { echo "build-guest.sh: missing $1 (install: $2)" >&2; exit 2; }; }
need cpio cpio; need dmsetup dmsetup; need gzip gzip
BUSYBOX=""
for b in /bin/busybox /usr/bin/busybox; do
  if [ -x "$b" ] && file -L "$b" 2>/dev/null | grep -q 'statically linked'; then BUSYBOX=$b; break; fi
  if [ -x "$b" ] && ! ldd "$b" >/dev/null 2>&1; then BUSYBOX=$b; break; fi
done
[ -n "$BUSYBOX" ] || { echo "build-guest.sh: no static busybox (install: busybox-static)" >&2; exit 2; }
mkdir -p "$OUT"
WORK=$(mktemp -d "$OUT/build.XXXXXX")
trap 'rm -rf "$WORK"' EXIT
if [ -n "$PKG" ]; then
  need apt-get apt; need dpkg-deb dpkg
  (cd "$WORK" && apt-get download "$PKG" >/dev/null 2>"$WORK/apt.err") || {
    cat "$WORK/apt.err" >&2; echo "build-guest.sh: apt-get download $PKG failed (run apt-get update?)" >&2; exit 2; }
  dpkg-deb -x "$WORK"/*.deb "$WORK/kroot"
  KERNEL=$(ls "$WORK"/kroot/boot/vmlinuz-* | head -n1)
  MODDIR=$(ls -d "$WORK"/kroot/lib/modules/* | head -n1)
fi
[ -f "$KERNEL" ] || { echo "build-guest.sh: no kernel image ($KERNEL)" >&2; exit 2; }
[ -d "$MODDIR" ] || { echo "build-guest.sh: no module directory ($MODDIR)" >&2; exit 2; }
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
# modules, in load order; uncompressed or decompressed copies of .ko, .ko.xz, .ko.zst
MODS="virtio_ring virtio virtio_pci_modern_dev virtio_pci_legacy_dev virtio_pci virtio_blk dm-mod dm-bufio dm-snapshot"
for m in $MODS; do
  f=$(find "$MODDIR" \( -name "$m.ko" -o -name "$m.ko.xz" -o -name "$m.ko.zst" -o -name "$m.ko.gz" \
        -o -name "${m//-/_}.ko" -o -name "${m//-/_}.ko.xz" -o -name "${m//-/_}.ko.zst" \) | head -n1)
  if [ -z "$f" ]; then
    if grep -qE "/(${m}|${m//-/_})\.ko" "$MODDIR/modules.builtin" 2>/dev/null; then continue; fi
    echo "build-guest.sh: module $m not found under $MODDIR (and not built in)" >&2; exit 2
  fi
  case "$f" in
    *.xz) xz -dc "$f" > "$R/lib/modules/$m.ko";;
    *.zst) zstd -qdc "$f" > "$R/lib/modules/$m.ko";;
    *.gz) gzip -dc "$f" > "$R/lib/modules/$m.ko";;
    *) cp "$f" "$R/lib/modules/$m.ko";;
  esac
done
echo "$MODS" > "$R/lib/modules/order"
cp "$HERE/guest-init.sh" "$R/init"
cp "$HERE/guest-lib.sh" "$R/lib/snapref-guest.sh"
chmod +x "$R/init"
(cd "$R" && find . | LC_ALL=C sort | cpio -o -H newc --quiet | gzip -1) > "$WORK/initrd.img"
cp "$KERNEL" "$WORK/vmlinuz"
mv "$WORK/initrd.img" "$OUT/initrd.img"
mv "$WORK/vmlinuz" "$OUT/vmlinuz"
echo "build-guest.sh: guest in $OUT"
