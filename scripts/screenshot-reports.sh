#!/usr/bin/env bash
# Takes headless Chromium screenshots of report pages so a person can look at them:
#   scripts/screenshot-reports.sh runs/svm-vs-softmax/report.html [more.html ...]
# writes runs/svm-vs-softmax/report.png beside each page. Needs Chromium
# (Debian: apt-get install -y chromium). WIDTH and HEIGHT override the 1400×2000 window.
set -euo pipefail

if [ "$#" -eq 0 ]; then
    echo "usage: $0 REPORT.html [REPORT.html ...]" >&2
    exit 2
fi

browser=""
for candidate in chromium chromium-browser google-chrome; do
    if command -v "$candidate" >/dev/null 2>&1; then browser="$candidate"; break; fi
done
if [ -z "$browser" ]; then
    echo "$0: no Chromium found; install it with 'apt-get install -y chromium'" >&2
    exit 1
fi

for page in "$@"; do
    if [ ! -f "$page" ]; then
        echo "$0: $page: no such file" >&2
        exit 1
    fi
    absolute="$(cd "$(dirname "$page")" && pwd)/$(basename "$page")"
    png="${absolute%.html}.png"
    "$browser" --headless --no-sandbox --disable-gpu --hide-scrollbars \
        --window-size="${WIDTH:-1400},${HEIGHT:-2000}" --screenshot="$png" "file://$absolute" >/dev/null 2>&1
    echo "$png"
done
