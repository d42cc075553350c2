#!/usr/bin/env bash
# Debian packages the tests need: Chromium (Playwright drives it via executable_path),
# a CJK font (otherwise Chromium prints Chinese as empty boxes), poppler's pdftotext, LibreOffice
# (headless Calc/Writer: the Office files are opened and converted as a reader would) with Liberation,
# the metric-compatible stand-in for Times New Roman, so Writer lays out IDs and digits at Word's widths,
# and Node.js if absent.
#   system-deps.sh          everything the tests need
#   system-deps.sh build    only what building the site needs (the CJK font embedded in checklist PDFs)
set -euo pipefail
if [ "${1:-}" = "build" ]; then
  packages=(fonts-noto-cjk)
else
  packages=(chromium fonts-noto-cjk poppler-utils libreoffice-calc-nogui libreoffice-writer-nogui fonts-liberation2)
fi
missing=()
# Node.js runs the browser's pure modules' tests (node --test tests/js/); the machine image usually has it.
if [ "${1:-}" != "build" ] && ! command -v node >/dev/null 2>&1; then missing+=(nodejs); fi
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0
if [ "$(id -u)" -ne 0 ]; then
  echo "缺少系统软件包：${missing[*]}。请以 root 运行：apt-get install -y ${missing[*]}" >&2
  # Outside CI the browser tests then skip with this reason (and a build without the font
  # stops with a message naming it); in CI they fail.
  [ "${CI:-}" = "true" ] && exit 1 || exit 0
fi
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends "${missing[@]}"
