#!/usr/bin/env bash
# Runs every test: the Swift test suite (units, golden sites, invalid sites, the real Content/
# end to end), then the browser tests in headless Chromium against the real site, opened from
# disk and over HTTP, and the data tests (figures.csv and figures.json read with Python).
# Installs what is missing first. Writes nothing into the working tree.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh --test

swift build --build-tests
swift test

site=$(mktemp -d /tmp/reportsite-site.XXXXXX)
trap 'rm -rf "$site"' EXIT
.build/debug/reportsite build --output "$site/Output" --quiet
# Two separate processes (so two hash seeds) must write byte-identical sites.
.build/debug/reportsite build --output "$site/Again" --quiet
if ! diff -r -x .reportsite-manifest.json -x .reportsite-cache "$site/Output" "$site/Again" >/dev/null; then
  echo "error: two builds of the same content differ:" >&2
  diff -rq -x .reportsite-manifest.json -x .reportsite-cache "$site/Output" "$site/Again" >&2
  exit 1
fi
echo "Two builds in separate processes are byte-identical."
REPORTSITE_OUTPUT="$site/Output" python3 -m pytest -q Tests/Browser Tests/Data
