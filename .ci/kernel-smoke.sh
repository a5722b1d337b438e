#!/usr/bin/env bash
# Kernel smoke test for CI: installs QEMU and the guest tools if they are missing (Debian,
# root or sudo), builds the kernel guest (cached in ~/.cache/snapref), and re-records five
# golden scripts on a real Linux 6.1 kernel in QEMU, failing if the kernel's transcripts or
# disk images differ from testdata/goldens. Takes about 2 minutes on TCG (no /dev/kvm needed).
# Set SNAPREF_SKIP_KERNEL=1 to skip (prints why and exits 0).
set -euo pipefail
cd "$(dirname "$0")/.."
if [ "${SNAPREF_SKIP_KERNEL:-}" = 1 ]; then
  echo "kernel smoke: skipped (SNAPREF_SKIP_KERNEL=1)"
  exit 0
fi
res=conformance/src/main/resources/dev/snapref/conformance/kernel
if ! command -v qemu-system-x86_64 >/dev/null || ! command -v cpio >/dev/null || ! [ -x /bin/busybox ] \
   || ! command -v dmsetup >/dev/null || ! { command -v modinfo || [ -x /sbin/modinfo ]; } >/dev/null \
   || ! command -v xz >/dev/null; then
  echo "== kernel smoke: installing QEMU and guest tools"
  bash "$res/install-qemu.sh" </dev/null
fi
echo "== kernel smoke: 5 golden scripts on the kernel"
./snapref goldens --check \
  testdata/goldens/handover-full.dms \
  testdata/goldens/bad-tables.dms \
  testdata/goldens/used-cow-reload.dms \
  testdata/goldens/never-resumed.dms \
  testdata/goldens/overflow-po.dms
