#!/usr/bin/env bash
# Debian packages the tests need: Chromium (Playwright drives it via executable_path),
# a CJK font (otherwise Chromium prints Chinese as empty boxes) and poppler's pdftotext.
set -euo pipefail
packages=(chromium fonts-noto-cjk poppler-utils)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0
if [ "$(id -u)" -ne 0 ]; then
  echo "缺少系统软件包：${missing[*]}。请以 root 运行：apt-get install -y ${missing[*]}" >&2
  # Outside CI the browser tests then skip with this reason; in CI they fail.
  [ "${CI:-}" = "true" ] && exit 1 || exit 0
fi
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends "${missing[@]}"
