#!/usr/bin/env bash
# Configures and builds one configuration of dscosim.
#   scripts/build.sh [DIR] [cmake options...]     (DIR defaults to build)
# With DSCOSIM_BUILD_TARGET set, builds only that target (and what it needs).
set -euo pipefail
cd "$(dirname "$0")/.."
dir="${1:-build}"
shift || true
generator=()
if command -v ninja >/dev/null; then generator=(-G Ninja); fi
if [[ ! -f "$dir/CMakeCache.txt" ]]; then
  cmake -S . -B "$dir" "${generator[@]}" "$@"
else
  cmake -S . -B "$dir" "$@" >/dev/null
fi
target=()
if [[ -n "${DSCOSIM_BUILD_TARGET:-}" ]]; then target=(--target "$DSCOSIM_BUILD_TARGET"); fi
cmake --build "$dir" --parallel "$(nproc)" "${target[@]}"
