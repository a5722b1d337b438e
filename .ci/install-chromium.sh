#!/usr/bin/env bash
# Installs Debian's chromium for the report's browser test (ReportInBrowserTest) if no chromium
# is on the PATH: root or sudo, apt-get. Prints what it did; fails if it cannot install it (CI
# runs the browser test; locally the test skips itself without a browser).
set -euo pipefail
for b in chromium chromium-browser google-chrome; do
  if command -v "$b" >/dev/null; then
    echo "chromium: found $(command -v "$b")"
    exit 0
  fi
done
SUDO=""
if [ "$(id -u)" != 0 ]; then SUDO=sudo; fi
export DEBIAN_FRONTEND=noninteractive
echo "chromium: installing Debian's chromium package (for the report's browser test)"
$SUDO apt-get update -q
$SUDO apt-get install -y -q --no-install-recommends chromium
command -v chromium >/dev/null
