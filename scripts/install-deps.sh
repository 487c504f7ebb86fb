#!/usr/bin/env bash
# Installs what ReportSite needs on Debian/Ubuntu when it is missing.
#   scripts/install-deps.sh          libcmark-dev and pkg-config (to build the site)
#   scripts/install-deps.sh --test   also headless Chromium, its driver, CJK fonts and Python's
#                                    selenium and pytest (to run the browser tests)
# Needs the Swift toolchain already on PATH (https://swift.org/install).
set -euo pipefail

packages=(libcmark-dev pkg-config)
python_packages=()
if [[ "${1:-}" == "--test" ]]; then
  packages+=(chromium chromium-driver fonts-noto-cjk)
  python_packages+=(selenium pytest)
fi

if ! command -v swift >/dev/null 2>&1; then
  echo "error: the Swift toolchain is not on PATH; install it from https://swift.org/install" >&2
  exit 1
fi

sudo=""
if [[ $(id -u) -ne 0 ]] && command -v sudo >/dev/null 2>&1; then sudo="sudo"; fi

missing=()
for package in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
done
if ((${#missing[@]})); then
  if ! command -v apt-get >/dev/null 2>&1; then
    echo "error: missing ${missing[*]} and no apt-get here; install them with your package manager" >&2
    exit 1
  fi
  if [[ $(id -u) -ne 0 && -z "$sudo" ]]; then
    echo "error: missing ${missing[*]}; run as root or install sudo" >&2
    exit 1
  fi
  echo "Installing ${missing[*]} ..."
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${missing[@]}" >/dev/null
fi

for package in "${python_packages[@]}"; do
  python3 -c "import $package" 2>/dev/null && continue
  # pip first (a Python of one's own); a Debian system Python refuses pip (PEP 668), so then apt.
  python3 -m pip install -q "$package" 2>/dev/null \
    || { $sudo apt-get install -y -qq "python3-$package" >/dev/null; } \
    || { echo "error: cannot install the Python package $package" >&2; exit 1; }
done
