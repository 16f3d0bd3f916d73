#!/usr/bin/env bash
# The installed package, tried as a C++ user would (docs/library.md):
#   1. `cmake --install` of the build into a fresh prefix: public headers only, static
#      libraries, dscosimConfig.cmake and its version file;
#   2. the outside project in consumer/ configured with find_package(dscosim), built, and
#      its GoogleTest test and rapidcheck property run;
#   3. a missing dependency stops the configure step naming it;
#   4. the same project with dscosim as a subdirectory configures without our tests,
#      tools, -Werror or build type.
# Usage: check.sh BUILD_DIR SOURCE_DIR   (the build already built; ctest runs it)
set -euo pipefail
build="$(cd "$1" && pwd)"
source="$(cd "$2" && pwd)"
work="$build/package-test"
prefix="$work/prefix"
consumer="$source/tests/package/consumer"
generator=()
if command -v ninja >/dev/null; then generator=(-G Ninja); fi
fail() { echo "installed package: $*" >&2; exit 1; }

rm -rf "$work"
mkdir -p "$work"
echo "== install into $prefix"
cmake --install "$build" --prefix "$prefix" >"$work/install.log"
libdir="$(sed -n 's/^CMAKE_INSTALL_LIBDIR:[A-Z]*=//p' "$build/CMakeCache.txt")"
for f in include/dscosim/model/core/status.h include/dscosim/model/world.h \
         include/dscosim/scenarios/properties/check.h include/dscosim/scenarios/worlds/world_builder.h \
         include/dscosim/fakes/testing/fake_server_test.h include/dscosim/fakes/server.h \
         "$libdir/libdscosim_model.a" "$libdir/libdscosim_properties.a" \
         "$libdir/cmake/dscosim/dscosimConfig.cmake" "$libdir/cmake/dscosim/dscosimConfigVersion.cmake"; do
  [ -e "$prefix/$f" ] || fail "$f is not installed"
done
for private in conformance cli tests examples fakes/api_common.h; do
  [ ! -e "$prefix/include/dscosim/$private" ] || fail "include/dscosim/$private is installed but is not public"
done
[ -z "$(find "$prefix" -name '*.cc' -print -quit)" ] || fail "sources are installed"

echo "== find_package(dscosim): configure, build and run the outside project"
cmake -S "$consumer" -B "$work/consumer" "${generator[@]}" -DCMAKE_PREFIX_PATH="$prefix" \
      -DCMAKE_BUILD_TYPE=Release >"$work/consumer-configure.log" 2>&1 ||
  { cat "$work/consumer-configure.log"; fail "the outside project does not configure"; }
cmake --build "$work/consumer" >"$work/consumer-build.log" 2>&1 ||
  { cat "$work/consumer-build.log"; fail "the outside project does not build"; }
ctest --test-dir "$work/consumer" --output-on-failure --no-tests=error

echo "== a missing dependency is named at configure time"
if cmake -S "$consumer" -B "$work/missing" "${generator[@]}" -DCMAKE_PREFIX_PATH="$prefix" \
         -DCMAKE_DISABLE_FIND_PACKAGE_rapidcheck=ON >"$work/missing.log" 2>&1; then
  fail "configured without rapidcheck"
fi
grep -q "dscosim needs rapidcheck (Debian: apt-get install librapidcheck-dev)" "$work/missing.log" ||
  { cat "$work/missing.log"; fail "the error does not name rapidcheck"; }

echo "== add_subdirectory: only the libraries, nothing forced on the parent"
cmake -S "$consumer" -B "$work/subdirectory" "${generator[@]}" -DDSCOSIM_SOURCE_DIR="$source" \
      >"$work/subdirectory.log" 2>&1 ||
  { cat "$work/subdirectory.log"; fail "the outside project does not configure with dscosim as a subdirectory"; }
tests="$(ctest --test-dir "$work/subdirectory" -N | sed -n 's/^Total Tests: //p')"
[ "$tests" = 1 ] || fail "the parent sees $tests tests, not just its own"
targets="$(cmake --build "$work/subdirectory" --target help)"
for tool in dscosim dscosim-example-supplier model_core_test stream_bench; do
  if grep -qE "(^|[ /])$tool(:|$)" <<<"$targets"; then fail "the parent builds our $tool"; fi
done
cache="$work/subdirectory/CMakeCache.txt"
grep -q '^DSCOSIM_WERROR:BOOL=OFF' "$cache" || fail "-Werror is on for the parent"
grep -q '^CMAKE_BUILD_TYPE:STRING=$' "$cache" || fail "the build type is forced on the parent"
ls "$work/subdirectory/dscosim/include/dscosim" | tr '\n' ' ' | grep -qx 'fakes model scenarios ' ||
  fail "the include root holds more than the public rooms"
echo "installed package: all checks passed"
