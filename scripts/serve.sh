#!/usr/bin/env bash
# The main job: set up, build, and run the fake server on the demo world.
#   scripts/serve.sh [dscosim serve flags...]     (docs/serve.md; e.g. --port 8080)
# Prints one JSON line (apiUrl, controlUrl, seed, accounts with credentials) once it
# is listening, and serves until Ctrl-C.
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/setup.sh >/dev/null
./scripts/build.sh build -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
exec ./build/cli/dscosim serve "$@"
