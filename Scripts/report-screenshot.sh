#!/usr/bin/env bash
# Renders the report of Scenarios/eu-uk-returns.yaml (with a 1…5 hub sweep) and screenshots it with
# headless Chromium into docs/report-eu-uk.png — the picture in the README.
set -euo pipefail
cd "$(dirname "$0")/.."
swift build -c release --product boomerang >/dev/null
bin=.build/release/boomerang
out=.build/report
mkdir -p "$out"
$bin hubs Scenarios/eu-uk-returns.yaml --min 1 --max 5 --format json -o "$out/sweep.json" || true
$bin report Scenarios/eu-uk-returns.yaml --sweep "$out/sweep.json" -o "$out/report.html"
browser=$(command -v chromium || command -v chromium-browser || command -v google-chrome)
"$browser" --headless --no-sandbox --disable-gpu --hide-scrollbars --user-data-dir="$out/profile" \
    --window-size=1280,1700 --screenshot="$PWD/docs/report-eu-uk.png" "file://$PWD/$out/report.html" 2>/dev/null
echo "wrote docs/report-eu-uk.png"
