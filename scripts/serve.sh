#!/usr/bin/env bash
# The main job: set up, build, and run the fake server on the demo world.
#   scripts/serve.sh [dscosim serve flags...]     (docs/serve.md; e.g. --port 8080)
# Prints one JSON line (apiUrl, controlUrl, seed, accounts with credentials) once it
# is listening, and serves until Ctrl-C.
set -euo pipefail
cd "$(dirname "$0")/.."
# Only the CLI and what it links is built (not the tests, examples or benchmarks); the
# build's progress goes to stderr, so stdout carries the JSON line alone.
./scripts/setup.sh >&2
DSCOSIM_BUILD_TARGET=dscosim ./scripts/build.sh build -DCMAKE_BUILD_TYPE=RelWithDebInfo >&2
exec ./build/cli/dscosim serve "$@"
