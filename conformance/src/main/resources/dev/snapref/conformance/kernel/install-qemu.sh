#!/bin/bash
# Installs what `snapref run --target kernel` needs on a Debian/Ubuntu host (run as root).
# The guest kernel is NOT installed: build-guest.sh fetches its .deb with `apt-get download`
# and unpacks it with `dpkg-deb -x` into the guest cache.
set -euo pipefail
SUDO=""
if [ "$(id -u)" != 0 ]; then SUDO=sudo; fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -q
$SUDO apt-get install -y -q --no-install-recommends qemu-system-x86 busybox-static dmsetup cpio kmod xz-utils
