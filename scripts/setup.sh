#!/usr/bin/env bash
# Installs every Debian 12 package that dscosim's build, tests and benchmarks need.
# Safe to run any number of times: it only calls apt-get when something is missing.
set -euo pipefail

PACKAGES=(
  build-essential cmake ninja-build pkg-config g++ clang
  googletest libgtest-dev libgmock-dev librapidcheck-dev
  nlohmann-json3-dev libcpp-httplib-dev libbenchmark-dev
  python3  # scripts/api_coverage.py (the api_coverage test)
  python3-jsonschema  # scripts/validate_scenarios.py, scripts/validate_responses.py
  python3-yaml  # scripts/validate_responses.py reads the vendor spec (the response_schema test)
  libclang-rt-14-dev  # libFuzzer and the sanitizer runtimes for clang 14 (scripts/fuzz.sh)
  libjemalloc-dev  # dscosim's allocator when present (docs/benchmarks.md, "HTTP server")
)

missing=()
for package in "${PACKAGES[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$package")
  fi
done

if ((${#missing[@]} == 0)); then
  echo "setup: every package is installed"
  exit 0
fi

SUDO=()
if [[ "$(id -u)" -ne 0 ]]; then SUDO=(sudo); fi
echo "setup: installing ${missing[*]}"
"${SUDO[@]}" apt-get update -q
DEBIAN_FRONTEND=noninteractive "${SUDO[@]}" apt-get install -y -q --no-install-recommends "${missing[@]}"
