#!/usr/bin/env bash
# Set up, build and run every test through ctest, in two configurations:
#   build/        g++, RelWithDebInfo, with the conformance matrix (the main suite)
#   build-clang/  clang++ with AddressSanitizer and UndefinedBehaviorSanitizer: every
#                 test again, which also proves the simulation is the same across
#                 compilers (golden trace hashes and random draws are pinned in the
#                 tests); the same build holds the libFuzzer targets, and then each runs
#                 briefly (scripts/fuzz.sh, FUZZ_SECONDS each, default 20 here;
#                 docs/fuzzing.md).
# One sanitized clang build instead of a sanitized g++ build, a plain clang build and a
# fuzzing build keeps CI inside its time budget (docs/ci.md).
# Each configuration prints the seed its property tests use and how to replay them.
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/setup.sh

jobs="$(nproc)"
run_suite() {
  local dir="$1"; shift
  local started=$SECONDS
  echo "== $dir: build"
  ./scripts/build.sh "$dir" "$@"
  echo "== $dir: built in $((SECONDS - started)) s; test"
  local tested=$SECONDS
  ctest --test-dir "$dir" --output-on-failure --parallel "$jobs" --timeout 600
  echo "== $dir: tested in $((SECONDS - tested)) s"
}

start=$SECONDS
run_suite build -DCMAKE_BUILD_TYPE=RelWithDebInfo
# -O1 keeps the sanitized tests and the fuzzers quick without hiding what ASan finds.
run_suite build-clang -DCMAKE_BUILD_TYPE=Debug "-DCMAKE_CXX_FLAGS_DEBUG=-O1 -g" \
  -DCMAKE_CXX_COMPILER=clang++ -DDSCOSIM_SANITIZE=ON -DDSCOSIM_BUILD_FUZZERS=ON \
  -DDSCOSIM_CONFORMANCE_MATRIX=OFF
echo "== all test configurations passed in $((SECONDS - start)) s"

fuzz_start=$SECONDS
FUZZ_DIR=build-clang FUZZ_SECONDS="${FUZZ_SECONDS:-20}" ./scripts/fuzz.sh
echo "== fuzzers passed in $((SECONDS - fuzz_start)) s; everything in $((SECONDS - start)) s"
