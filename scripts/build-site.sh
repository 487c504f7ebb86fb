#!/usr/bin/env bash
# Builds the site from Content/ into Output/, installing what is missing first.
# Extra arguments go to `reportsite build` (e.g. --output /tmp/site).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh
swift build -c release --product reportsite
.build/release/reportsite build "$@"
echo "Open Output/index.html in a browser (straight from disk works)."
