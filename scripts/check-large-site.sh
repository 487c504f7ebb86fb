#!/usr/bin/env bash
# Builds a generated site of N reports (default 1000: Benchmarks/benchmark.py's copies of
# Content/reports, each with its digits permuted) with BINARY (default the debug one), then checks with
# scripts/check-site.py that every page is at most 2 MB and every internal link and fragment
# resolves. Not timed: speed is measured by Benchmarks/benchmark.py. Writes under /dev/shm when
# it exists (else /tmp) and removes what it wrote.
#   scripts/check-large-site.sh [N] [BINARY]
set -euo pipefail
cd "$(dirname "$0")/.."
count="${1:-1000}"
binary="${2:-.build/debug/reportsite}"
base=/tmp
[[ -d /dev/shm && -w /dev/shm ]] && base=/dev/shm
work=$(mktemp -d "$base/reportsite-large.XXXXXX")
trap 'rm -rf "$work"' EXIT
python3 - "$count" "$work/Content" <<'PY'
import importlib.util, os, sys
spec = importlib.util.spec_from_file_location("benchmark", os.path.join("Benchmarks", "benchmark.py"))
benchmark = importlib.util.module_from_spec(spec)
spec.loader.exec_module(benchmark)
size, slugs = benchmark.make_site(int(sys.argv[1]), "Content", sys.argv[2])
print(f"Generated {len(slugs)} reports ({size / 1e6:.1f} MB of Markdown).")
PY
"$binary" build --content "$work/Content" --output "$work/Output" --quiet
python3 scripts/check-site.py "$work/Output" --max-page-bytes 2000000
