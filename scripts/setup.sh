#!/usr/bin/env bash
# Installs everything the compiler and its tests need on a fresh Debian machine:
# fonts (Carlito = Calibri metrics, Caladea = Cambria metrics, Liberation = Arial and Times
# New Roman metrics, for office deck templates), WeasyPrint's system
# libraries, poppler-utils and qpdf (PDF checks), LibreOffice Impress (the real-client
# check of the deck and the slide pictures of `brief watch`), Chromium and its driver (the
# preview page's browser test), then this package with its test extras. Safe to run again.
set -euo pipefail
cd "$(dirname "$0")/.."

APT_PACKAGES=(
  fonts-crosextra-carlito fonts-crosextra-caladea fonts-liberation2 fontconfig
  libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz0b libharfbuzz-subset0 libcairo2
  poppler-utils qpdf libreoffice-impress git
  chromium chromium-driver
)

missing=()
for pkg in "${APT_PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
done
if [ ${#missing[@]} -gt 0 ]; then
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

python3 -m pip install -q -e '.[test]'
# pyenv puts console scripts behind shims: make `brief` callable at once.
command -v pyenv >/dev/null 2>&1 && pyenv rehash || true
