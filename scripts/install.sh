#!/usr/bin/env bash
# Installs reportsite into PREFIX (default /usr/local):
#   PREFIX/bin/reportsite                                   the tool, Swift runtime and Foundation linked in
#   PREFIX/share/man/man1/reportsite.1                      the manual (swift-argument-parser's generate-manual)
#   PREFIX/share/bash-completion/completions/reportsite     shell completions (--generate-completion-script)
#   PREFIX/share/zsh/site-functions/_reportsite
#   PREFIX/share/fish/vendor_completions.d/reportsite.fish
#
# Built in release mode with --static-swift-stdlib, so the binary runs where the Swift toolchain
# is not installed: it links only system libraries (glibc, libstdc++, and libcmark: install
# libcmark0.30.2 on the machine that runs it, libcmark-dev on the one that builds it).
#
# Usage: scripts/install.sh [PREFIX]      (e.g. scripts/install.sh ~/.local)
#
# The static build is a configuration of its own: SwiftPM compiles every module again for it
# (about eight minutes on two cores, then incremental), so it has its own build folder,
# .build-static (REPORTSITE_STATIC_SCRATCH=DIR for another), and never replaces the objects of
# `swift build -c release` in .build, which scripts/build-site.sh and the benchmarks use.
# The binary is stripped of its symbol tables (127 MB → 74 MB; most of the rest is the ICU data
# of Foundation's internationalization, linked in with it).
set -euo pipefail
cd "$(dirname "$0")/.."
prefix="${1:-/usr/local}"
scratch="${REPORTSITE_STATIC_SCRATCH:-.build-static}"
scripts/install-deps.sh

swift build --scratch-path "$scratch" -c release --static-swift-stdlib --product reportsite
bin=$(swift build --scratch-path "$scratch" -c release --static-swift-stdlib --show-bin-path)

mkdir -p "$prefix/bin" "$prefix/share/man/man1" "$prefix/share/bash-completion/completions" \
  "$prefix/share/zsh/site-functions" "$prefix/share/fish/vendor_completions.d"
install -m 755 -s "$bin/reportsite" "$prefix/bin/reportsite"
tool="$prefix/bin/reportsite"

"$tool" --generate-completion-script bash >"$prefix/share/bash-completion/completions/reportsite"
"$tool" --generate-completion-script zsh >"$prefix/share/zsh/site-functions/_reportsite"
"$tool" --generate-completion-script fish >"$prefix/share/fish/vendor_completions.d/reportsite.fish"

# The manual: swift-argument-parser's generate-manual tool, built as a product of that dependency
# in the ordinary debug folder, .build (small: half a minute the first time), and run on the
# installed binary. (Its plugin, `swift package generate-manual`, would build reportsite once more
# in a configuration of its own.) The tool leaves out characters outside ASCII, so the manual
# reads "government work reports ()" where --help reads "(政府工作报告)".
swift build --product generate-manual >/dev/null
manual_tool="$(swift build --show-bin-path)/generate-manual"
"$manual_tool" "$tool" --date "$(date -u +%Y-%m-%d)" --output-directory "$prefix/share/man/man1"

echo "Installed $tool ($("$tool" --version)), its manual and bash, zsh and fish completions under $prefix."
case ":$PATH:" in
  *":$prefix/bin:"*) ;;
  *) echo "Add $prefix/bin to your PATH to run it as reportsite." ;;
esac
