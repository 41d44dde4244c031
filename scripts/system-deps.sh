#!/usr/bin/env bash
# Debian packages the tests and exports need: Chromium (browser tests, chart images), Thai
# fonts (charts, PDFs, screenshots) and poppler (PDF -> PNG). Installs only what is missing.
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
