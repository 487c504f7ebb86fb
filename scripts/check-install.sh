#!/usr/bin/env bash
# Checks an installation made by scripts/install.sh PREFIX: the binary links no library of the
# Swift toolchain and runs without it (an empty environment, no LD_LIBRARY_PATH, and, where the
# system allows a private mount namespace, with the toolchain's folder hidden); `init` then
# `build` make a site whose every link resolves; the man page and the completions are there.
#
# Usage: scripts/check-install.sh PREFIX
set -euo pipefail
cd "$(dirname "$0")/.."
prefix="${1:?usage: scripts/check-install.sh PREFIX}"
prefix="$(cd "$prefix" && pwd)"
tool="$prefix/bin/reportsite"
fail() { echo "error: $*" >&2; exit 1; }

[[ -x "$tool" ]] || fail "$tool is missing"
for file in share/man/man1/reportsite.1 share/bash-completion/completions/reportsite \
  share/zsh/site-functions/_reportsite share/fish/vendor_completions.d/reportsite.fish; do
  [[ -s "$prefix/$file" ]] || fail "$prefix/$file is missing or empty"
done

# No Swift runtime, Foundation or dispatch library, and nothing from the toolchain's folder.
toolchain="$(dirname "$(dirname "$(readlink -f "$(command -v swift)")")")"
libraries="$(ldd "$tool")"
if grep -E 'libswift|libFoundation|lib_Foundation|libdispatch|libBlocksRuntime' <<<"$libraries" \
  || grep -F "$toolchain" <<<"$libraries"; then
  fail "$tool links libraries of the Swift toolchain ($toolchain)"
fi
if readelf -d "$tool" | grep -E 'RPATH|RUNPATH' | grep -F "$toolchain"; then
  fail "$tool searches the Swift toolchain ($toolchain) for libraries"
fi

work="$(mktemp -d /tmp/reportsite-install-check.XXXXXX)"
trap 'rm -rf "$work"' EXIT
# Runs the installed tool as a user without Swift would: an empty environment.
bare() { env -i PATH=/usr/bin:/bin LD_LIBRARY_PATH= HOME="$work" "$tool" "$@"; }
version="$(bare --version)"
bare init "$work/site" >/dev/null
(cd "$work/site" && bare build --quiet && bare check --strict >/dev/null && bare pack --output "$work/site.zip" >/dev/null)
python3 scripts/check-site.py "$work/site/Output" >/dev/null || fail "the site built by the installed binary has broken links"
hidden=""
# With the toolchain's folder itself out of reach: an empty file system mounted over it in a
# private mount namespace (this process and its children only), where the system allows one.
unshare_flags=()
if unshare --mount true 2>/dev/null; then
  unshare_flags=(--mount)
elif unshare --mount --map-root-user true 2>/dev/null; then
  unshare_flags=(--mount --map-root-user)
fi
if ((${#unshare_flags[@]})); then
  unshare "${unshare_flags[@]}" sh -c '
    mount -t tmpfs none "$1" && cd "$3" &&
    env -i PATH=/usr/bin:/bin LD_LIBRARY_PATH= HOME="$3" "$2" init hidden >/dev/null &&
    cd hidden && env -i PATH=/usr/bin:/bin LD_LIBRARY_PATH= HOME="$3" "$2" build --quiet' \
    sh "$toolchain" "$tool" "$work" || fail "$tool does not run with $toolchain hidden"
  [[ -f "$work/hidden/Output/index.html" ]] || fail "the build with $toolchain hidden wrote no site"
  hidden=", and init and build with $toolchain hidden"
fi
echo "Installed binary: $version, $(du -h "$tool" | cut -f1), links $(grep -c '=>' <<<"$libraries") system libraries and none of the toolchain; init, build, check and pack ran in an empty environment$hidden."
