#!/usr/bin/env bash
# Fuzzes ReportSite with libFuzzer for a bounded time: report files, report bodies, front
# matter, the importer and the settings files, through one target (Fuzz/, a package of its own,
# so the ordinary build never sees it). Needs the Swift toolchain on Linux (it ships libFuzzer).
#
#   scripts/fuzz.sh [SECONDS] [--no-build]   default 120 s; prints executions per second and any crash
#                                            (--no-build: run the fuzzer already built)
#
# The corpus starts from the real reports, the test fixtures and the importer's sources (copied
# into .build-fuzz/corpus, which is kept between runs). A crash is written to
# .build-fuzz/crashes/; replay it with `FuzzEntryPoints.run(Data(contentsOf:))`, then add it to
# Tests/ReportSiteCoreTests/Fixtures/fuzz/ so that FuzzRegressionTests keeps it fixed.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds="${1:-120}"
scratch=.build-fuzz
if [[ "${2:-}" != "--no-build" ]]; then
  scripts/install-deps.sh
  swift build -c release --package-path Fuzz --scratch-path "$scratch" -Xswiftc -sanitize=fuzzer
fi
binary="$scratch/release/ReportSiteFuzz"

corpus="$scratch/corpus"
crashes="$scratch/crashes"
mkdir -p "$corpus" "$crashes"
# Seeds: the selector byte (0 report file, 1 report body, 2 front matter, 3 importer, 4 settings)
# followed by a real input of that kind.
seed() { { printf "\\x$(printf %02x "$1")"; cat "$2"; } > "$corpus/seed-$1-$(basename "$2")"; }
for file in Content/reports/*.md Tests/ReportSiteCoreTests/Fixtures/invalid/*/Content/reports/*.md \
            Tests/ReportSiteCoreTests/Fixtures/golden/*/Content/reports/*.md; do
  [[ -f "$file" ]] && seed 0 "$file"
done
seed 1 Tests/ReportSiteCoreTests/Fixtures/golden/basic/Content/reports/demo-city-2024.md
seed 2 Content/site.yml
seed 3 Tests/ReportSiteCoreTests/Fixtures/sources/hohhot-2022.txt
seed 3 Tests/ReportSiteCoreTests/Fixtures/sources/anhui-2025.docx
seed 4 Content/topics.yml
if [[ -d Tests/ReportSiteCoreTests/Fixtures/fuzz ]]; then cp Tests/ReportSiteCoreTests/Fixtures/fuzz/* "$corpus/" 2>/dev/null || true; fi

log="$scratch/fuzz.log"
echo "Fuzzing for $seconds s (log: $log) ..."
set +e
# Swift's own crash reporter would take the signal first; libFuzzer must, to save the input.
SWIFT_BACKTRACE=enable=no "$binary" "$corpus" -max_total_time="$seconds" -timeout=20 -rss_limit_mb=4096 -max_len=262144 \
  -artifact_prefix="$crashes/" -print_final_stats=1 >"$log" 2>&1
status=$?
set -e
grep -E "^(stat::number_of_executed_units|stat::average_exec_per_sec|stat::new_units_added|stat::peak_rss_mb)" "$log" || true
grep -E "^(SUMMARY|artifact_prefix)" "$log" || true
if ((status != 0)); then
  echo "error: the fuzzer stopped with status $status; see $log and $crashes/" >&2
  exit "$status"
fi
echo "No crash in $seconds s."
