#!/usr/bin/env bash
# Makes docs/images/page.png, the README's picture of the serve page: indexes the sample logs of every format
# (sample-logs/smtptrail.yaml) into a temporary data folder, serves it on a free port and has headless Chromium
# (Debian's chromium) take the page with a search of the domain example.net (its subdomains included).
#   bash scripts/screenshot.sh [OUT.png]
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
out="${1:-$here/docs/images/page.png}"
command -v chromium >/dev/null || { echo "screenshot: chromium not found (apt-get install chromium)" >&2; exit 1; }
work="$(mktemp -d)"
trap 'kill "$server" 2>/dev/null || true; wait 2>/dev/null || true; rm -rf "$work"' EXIT
"$here/smtptrail" index --data "$work/data" --config "$here/sample-logs/smtptrail.yaml" >/dev/null
"$here/smtptrail" serve --data "$work/data" --port 0 >"$work/serve.out" 2>&1 &
server=$!
for _ in $(seq 100); do
  url="$(sed -n 's/^serving .* at \(http:[^ ]*\) .*/\1/p' "$work/serve.out")"
  [ -n "$url" ] && break
  sleep 0.2
done
[ -n "$url" ] || { cat "$work/serve.out" >&2; exit 1; }
mkdir -p "$(dirname "$out")"
chromium --headless --no-sandbox --disable-gpu --hide-scrollbars --window-size=1280,1100 \
  --virtual-time-budget=8000 --screenshot="$out" "${url}?domain=example.net" >/dev/null 2>&1
echo "screenshot: $out" >&2
