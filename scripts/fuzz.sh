#!/usr/bin/env bash
# Builds the libFuzzer targets with clang into build-fuzz/ and runs each for a while
# (docs/fuzzing.md).
#   scripts/fuzz.sh [TARGET...]        (default: every target in fuzz/)
# Environment:
#   FUZZ_SECONDS   how long each target runs (default 30)
#   FUZZ_DIR       the build directory (default build-fuzz)
# The seed corpus in fuzz/corpus/<target>/ is read but never written: what the fuzzer
# finds goes to $FUZZ_DIR/corpus/<target>/, and a crashing input to
# $FUZZ_DIR/artifacts/<target>/, with the command that reproduces it.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds="${FUZZ_SECONDS:-30}"
dir="${FUZZ_DIR:-build-fuzz}"
targets=("$@")
if ((${#targets[@]} == 0)); then targets=(fuzz_target_codec fuzz_api_routes); fi

if ! command -v clang++ >/dev/null; then
  echo "fuzz: clang++ is missing; run scripts/setup.sh" >&2
  exit 1
fi
generator=()
if command -v ninja >/dev/null; then generator=(-G Ninja); fi
launcher=()
if command -v ccache >/dev/null; then launcher=(-DCMAKE_CXX_COMPILER_LAUNCHER=ccache); fi
options=(-DDSCOSIM_BUILD_FUZZERS=ON -DDSCOSIM_BUILD_TESTS=OFF -DDSCOSIM_BUILD_BENCHMARKS=OFF)
if [[ ! -f "$dir/CMakeCache.txt" ]]; then
  cmake -S . -B "$dir" "${generator[@]}" "${launcher[@]}" -DCMAKE_BUILD_TYPE=RelWithDebInfo \
    -DCMAKE_CXX_COMPILER=clang++ "${options[@]}"
elif ! grep -q '^DSCOSIM_BUILD_FUZZERS:BOOL=ON' "$dir/CMakeCache.txt"; then
  # A build directory of another kind (scripts/test.sh's build-clang already has them).
  cmake -S . -B "$dir" "${options[@]}" >/dev/null
fi
cmake --build "$dir" --target "${targets[@]}" --parallel "$(nproc)"

status=0
for target in "${targets[@]}"; do
  binary="$dir/fuzz/$target"
  corpus="$dir/corpus/$target"
  artifacts="$dir/artifacts/$target"
  log="$dir/$target.log"
  mkdir -p "$corpus" "$artifacts"
  flags=(-max_total_time="$seconds" -timeout=10 -rss_limit_mb=4096 -max_len=8192
         -print_final_stats=1 -artifact_prefix="$artifacts/")
  if [[ -f "fuzz/$target.dict" ]]; then flags+=(-dict="fuzz/$target.dict"); fi
  stamp="$artifacts/.started"
  touch "$stamp"
  echo "== fuzz: $target for $seconds s"
  if "$binary" "${flags[@]}" "$corpus" "fuzz/corpus/$target" >"$log" 2>&1; then
    # "#N DONE cov: C ft: F corp: K/..." is libFuzzer's last progress line.
    summary="$(grep -E '^#[0-9]+[[:space:]]+DONE' "$log" | tail -n 1 | sed -E 's/^#([0-9]+)[[:space:]]+DONE +/\1 runs, /; s/ +exec\/s:.*//' || true)"
    echo "   passed: ${summary:-see $log}"
  else
    status=1
    echo "   FAILED; the end of $log:" >&2
    tail -n 40 "$log" >&2
    while IFS= read -r crash; do
      echo "   reproduce: $binary $crash" >&2
    done < <(find "$artifacts" -type f -newer "$stamp")
  fi
done
exit "$status"
