#!/usr/bin/env bash
# The main job: set up, build, and run the seeded demo simulation.
#   scripts/demo.sh [--seed N] [--days D] [--trace FILE]
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/setup.sh >/dev/null
./scripts/build.sh build -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
exec ./build/cli/dscosim simulate "$@"
