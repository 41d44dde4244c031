#!/usr/bin/env bash
# Debian packages the dashboard and its tests need: Chromium (the meeting pack's chart images,
# browser tests), poppler (one-pager PNG cards, PDF checks in tests) and Thai fonts for the
# browser tests' screenshots of the dashboard (the documents and chart images no longer need
# them: they use Sarabun from the fontpkg-sarabun wheel). Installs only what is missing; without
# root or sudo it says what to install and exits 0 (the pack then builds without its charts).
set -euo pipefail
need=()
for pkg in chromium fonts-thai-tlwg poppler-utils; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || need+=("$pkg")
done
[ ${#need[@]} -eq 0 ] && exit 0
if [ "$(id -u)" -eq 0 ]; then SUDO=""; elif command -v sudo >/dev/null; then SUDO="sudo"; else
  echo "system-deps: please install: ${need[*]} (apt-get install --no-install-recommends)" >&2; exit 0
fi
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${need[@]}"
