#!/usr/bin/env bash
# Check the Debian libraries WeasyPrint (and, with --browser, the browser tests)
# need. As root with apt-get they are installed; otherwise the first missing one
# stops the build with one line naming its Debian package.
set -euo pipefail

libs=("pango-1.0:libpango-1.0-0" "pangoft2-1.0:libpangoft2-1.0-0" "harfbuzz-subset:libharfbuzz-subset0")
missing=()
for entry in "${libs[@]}"; do
  lib=${entry%%:*}; pkg=${entry##*:}
  ldconfig -p 2>/dev/null | grep -q "lib${lib}\.so" || missing+=("$pkg")
done
fc-list 2>/dev/null | grep -qi "DejaVuSans.ttf" || missing+=("fonts-dejavu-core")
if [[ "${1:-}" == "--browser" ]] && ! command -v chromium >/dev/null; then
  missing+=("chromium")
fi
[[ ${#missing[@]} -eq 0 ]] && exit 0

if [[ $(id -u) -eq 0 ]] && command -v apt-get >/dev/null; then
  echo "Installing Debian packages: ${missing[*]}" >&2
  export DEBIAN_FRONTEND=noninteractive
  { apt-get update -qq && apt-get install -y -qq --no-install-recommends "${missing[@]}"; } >/dev/null \
    || { echo "Missing system package: apt-get install ${missing[0]} failed" >&2; exit 1; }
  exit 0
fi
echo "Missing system package: ${missing[0]} (sudo apt-get install ${missing[*]})" >&2
exit 1
