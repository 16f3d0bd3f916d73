#!/usr/bin/env bash
# Set up, build and run every test through ctest, in three configurations:
#   build/        g++, RelWithDebInfo          (the main suite)
#   build-asan/   g++, AddressSanitizer + UndefinedBehaviorSanitizer
#   build-clang/  clang++, to prove the simulation is the same across compilers
#                 (golden trace hashes and random draws are pinned in the tests)
# and then runs each libFuzzer target briefly (scripts/fuzz.sh into build-fuzz/,
# FUZZ_SECONDS each, default 20 here; docs/fuzzing.md).
# Each configuration prints the seed its property tests use and how to replay them.
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/setup.sh

jobs="$(nproc)"
run_suite() {
  local dir="$1"; shift
  echo "== $dir: build"
  ./scripts/build.sh "$dir" "$@"
  echo "== $dir: test"
  ctest --test-dir "$dir" --output-on-failure --parallel "$jobs" --timeout 600
}

start=$SECONDS
run_suite build -DCMAKE_BUILD_TYPE=RelWithDebInfo
run_suite build-asan -DCMAKE_BUILD_TYPE=Debug -DDSCOSIM_SANITIZE=ON
run_suite build-clang -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCMAKE_CXX_COMPILER=clang++ -DDSCOSIM_CONFORMANCE_MATRIX=OFF
echo "== all test configurations passed in $((SECONDS - start)) s"

fuzz_start=$SECONDS
FUZZ_SECONDS="${FUZZ_SECONDS:-20}" ./scripts/fuzz.sh
echo "== fuzzers passed in $((SECONDS - fuzz_start)) s; everything in $((SECONDS - start)) s"
