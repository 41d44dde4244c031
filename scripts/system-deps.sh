#!/usr/bin/env bash
# Debian packages the dashboard and its tests need: Chromium (the meeting pack's chart images,
# browser tests), poppler (one-pager PNG cards, PDF checks in tests), Thai fonts for the
# browser tests' screenshots of the dashboard (the documents and chart images no longer need
# them: they use Sarabun from the fontpkg-sarabun wheel) and nginx (the load balancer in front
# of two replicas that tests/e2e/test_nginx.py runs with deploy/nginx.conf; nginx-light where
# Debian still has it, else nginx). Installs only what is missing; without root or sudo it says
# what to install and exits 0 (the pack then builds without its charts, the nginx test skips).
set -euo pipefail
need=()
for pkg in chromium fonts-thai-tlwg poppler-utils; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || need+=("$pkg")
done
nginx_missing=0
command -v nginx >/dev/null || [ -x /usr/sbin/nginx ] || nginx_missing=1
[ ${#need[@]} -eq 0 ] && [ "$nginx_missing" -eq 0 ] && exit 0
if [ "$(id -u)" -eq 0 ]; then SUDO=""; elif command -v sudo >/dev/null; then SUDO="sudo"; else
  [ "$nginx_missing" -eq 1 ] && need+=("nginx-light|nginx")
  echo "system-deps: please install: ${need[*]} (apt-get install --no-install-recommends)" >&2; exit 0
fi
$SUDO apt-get update -qq
if [ "$nginx_missing" -eq 1 ]; then
  # nginx-light is gone from newer Debian releases, where the plain nginx package is as small
  if apt-cache show nginx-light >/dev/null 2>&1; then need+=(nginx-light); else need+=(nginx); fi
fi
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${need[@]}"
