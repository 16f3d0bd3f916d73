#!/usr/bin/env bash
# HTTP benchmark: dscosim serve against a Prism mock of the vendor's spec and a WireMock
# standalone with equivalent stubs, under the same wrk workload (bench/workload.lua), one
# target after the other in one run. See bench/README.md and docs/benchmarks.md
# ("HTTP server").
#
#   scripts/bench_http.sh            build, measure startup, run all three targets
#
# Environment:
#   BENCH_DURATION=30s     measured run per target       BENCH_WARMUP=10s  warm-up per target
#   BENCH_CONNECTIONS=64   wrk connections               BENCH_THREADS=2   wrk threads
#   BENCH_TARGETS="dscosim prism wiremock"               BENCH_SERVE_THREADS=64 (--threads)
#   BENCH_DIAG=1           also run dscosim without the message-list step (diagnosis)
#   BENCH_STARTUP_RUNS=10  startup measurements (0: skip)
#   BUILD_DIR=build        SPEC=../shared/reference/dsco-api-spec.yaml
#   BENCH_BUILD=0          use the dscosim already built in BUILD_DIR
#   BENCH_QUIET_WAIT=600   seconds to wait before each target for no compiler and a
#                          1-minute load under 1.5 (the load is recorded either way)
# Results go to bench/out/<time>/ (wrk outputs, server logs, summary.md) and the summary
# table is printed at the end.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)

duration=${BENCH_DURATION:-30s}
warmup=${BENCH_WARMUP:-10s}
connections=${BENCH_CONNECTIONS:-64}
wrk_threads=${BENCH_THREADS:-2}
targets=${BENCH_TARGETS:-"dscosim prism wiremock"}
serve_threads=${BENCH_SERVE_THREADS:-64}
startup_runs=${BENCH_STARTUP_RUNS:-10}
build_dir=${BUILD_DIR:-build}
spec=${SPEC:-$root/../shared/reference/dsco-api-spec.yaml}
port_dscosim=${PORT_DSCOSIM:-18180}
port_prism=${PORT_PRISM:-18181}
port_wiremock=${PORT_WIREMOCK:-18182}
out=bench/out/$(date -u +%Y%m%dT%H%M%SZ)
mkdir -p "$out"

say() { printf '[bench] %s\n' "$*" >&2; }
sudo_if_needed() { if [[ $(id -u) -eq 0 ]]; then "$@"; else sudo "$@"; fi; }

pids=()
cleanup() {
  for pid in "${pids[@]:-}"; do
    [[ -n "$pid" ]] && kill "$pid" 2>/dev/null && wait "$pid" 2>/dev/null || true
  done
}
trap cleanup EXIT
stop() {  # stop one server we started, by its pid
  kill "$1" 2>/dev/null || true
  wait "$1" 2>/dev/null || true
}

wait_http() {  # URL [seconds]: until anything answers
  local deadline=$((SECONDS + ${2:-60}))
  until curl -s -o /dev/null "$1"; do
    ((SECONDS < deadline)) || { say "no answer from $1"; return 1; }
    sleep 0.2
  done
}

# --- tools -------------------------------------------------------------------------------
if ! command -v wrk >/dev/null; then
  say "installing wrk"
  sudo_if_needed apt-get update -qq && sudo_if_needed apt-get install -y -qq wrk >/dev/null
fi
for tool in curl python3 node npm java; do
  command -v "$tool" >/dev/null || { say "needs $tool"; exit 1; }
done
if [[ ! -x bench/node_modules/.bin/prism || ! -d bench/node_modules/wiremock ]]; then
  say "installing Prism and WireMock from npm into bench/node_modules"
  (cd bench && if [[ -f package-lock.json ]]; then npm ci --no-audit --no-fund; else npm install --no-audit --no-fund; fi) >&2
fi
prism=bench/node_modules/.bin/prism
wiremock_jar=$(ls bench/node_modules/wiremock/build/wiremock-standalone-*.jar | head -1)

if [[ "${BENCH_BUILD:-1}" == 1 ]]; then
  say "building dscosim ($build_dir)"
  { [[ -f "$build_dir/CMakeCache.txt" ]] || cmake -S . -B "$build_dir" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo; } \
    >"$out/build.log" 2>&1 || { tail -30 "$out/build.log"; exit 1; }
  cmake --build "$build_dir" --target dscosim --parallel "$(nproc)" >>"$out/build.log" 2>&1 \
    || { tail -30 "$out/build.log"; exit 1; }
fi
dscosim=$build_dir/cli/dscosim

{
  echo "machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo), $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), $(. /etc/os-release; echo "$PRETTY_NAME"), kernel $(uname -r)"
  echo "wrk: $(wrk -v 2>&1 | head -1 | awk '{print $1, $2}')"
  echo "prism: $("$prism" --version 2>/dev/null) (node $(node --version))"
  echo "wiremock: $(basename "$wiremock_jar" .jar) ($(java -version 2>&1 | head -1))"
  echo "dscosim: $(git rev-parse --short HEAD 2>/dev/null)$(git diff --quiet 2>/dev/null || echo '+dirty'), $(grep -m1 CMAKE_BUILD_TYPE: "$build_dir/CMakeCache.txt" | cut -d= -f2)"
} | tee "$out/versions.txt" >&2

# --- startup -----------------------------------------------------------------------------
if ((startup_runs > 0)); then
  say "startup: $startup_runs launches of dscosim serve to its JSON line"
  python3 bench/startup.py "$dscosim" "$startup_runs" -- --no-rate-limits --clock realtime \
    | tee "$out/startup.txt" >&2
fi

# --- runs --------------------------------------------------------------------------------
wrk_args=()  # filled from the dscosim preparation; the same for every target

quiet_wait=${BENCH_QUIET_WAIT:-600}
wait_quiet() {  # up to BENCH_QUIET_WAIT seconds for no compiler running and a low load
  local deadline=$((SECONDS + quiet_wait))
  while (($(pgrep -c cc1plus || true) > 0)) || awk '{exit !($1 > 1.5)}' /proc/loadavg; do
    ((SECONDS < deadline)) || { say "machine still busy: $(cut -d' ' -f1-3 /proc/loadavg)"; return 0; }
    sleep 5
  done
}

run_wrk() {  # NAME URL PREFIX [extra script args]
  local name=$1 url=$2 prefix=$3
  shift 3
  local args=("${wrk_args[@]}" "prefix=$prefix" "$@")
  wait_quiet
  echo "$name: before its warm-up, load average $(cut -d' ' -f1-3 /proc/loadavg), compilers running $(pgrep -c cc1plus || true)" \
    | tee -a "$out/load.txt" >&2
  say "$name: warm-up $warmup"
  wrk -t"$wrk_threads" -c"$connections" -d"$warmup" -s bench/workload.lua "$url" -- "${args[@]}" \
    >"$out/$name.warmup.txt" 2>&1
  say "$name: measuring $duration at $connections connections, $wrk_threads wrk threads"
  wrk -t"$wrk_threads" -c"$connections" -d"$duration" --latency -s bench/workload.lua "$url" -- \
    "${args[@]}" | tee "$out/$name.txt" >&2
}

start_dscosim() {  # LOG: starts, sets dscosim_pid, waits for the JSON line
  "$dscosim" serve --port "$port_dscosim" --no-rate-limits --clock realtime \
    --threads "$serve_threads" >"$1" 2>"$1.stderr" &
  dscosim_pid=$!
  pids+=("$dscosim_pid")
  local deadline=$((SECONDS + 20))
  until [[ -s "$1" ]]; do
    ((SECONDS < deadline)) || { say "dscosim printed no JSON line"; cat "$1.stderr" >&2; exit 1; }
    sleep 0.05
  done
}

prepare_dscosim() {  # LOG: prints wrk script arguments
  python3 bench/prepare.py "$1" 2>>"$out/prepare.log"
}

# dscosim goes first: its preparation decides the mix (with or without the stream steps),
# and the same arguments go to Prism and WireMock.
start_dscosim "$out/dscosim.serve.json"
read -r -a prepared < <(prepare_dscosim "$out/dscosim.serve.json") || true
((${#prepared[@]} > 0)) || { cat "$out/prepare.log" >&2; exit 1; }
cat "$out/prepare.log" >&2
for kv in "${prepared[@]}"; do [[ $kv == prefix=* ]] || wrk_args+=("$kv"); done
printf '%s\n' "${wrk_args[@]}" >"$out/workload-args.txt"
streams=$(printf '%s\n' "${wrk_args[@]}" | sed -n 's/^streams=//p')

if [[ " $targets " == *" dscosim "* ]]; then
  run_wrk dscosim "http://127.0.0.1:$port_dscosim" /api/v3
  echo "rss_kib=$(ps -o rss= -p "$dscosim_pid" | tr -d ' ')" >"$out/dscosim.rss"
fi
stop "$dscosim_pid"

if [[ "${BENCH_DIAG:-0}" == 1 ]]; then
  # Diagnosis only: the same mix without step 4 (message list), on a fresh server.
  start_dscosim "$out/dscosim-nolist.serve.json"
  read -r -a diag < <(prepare_dscosim "$out/dscosim-nolist.serve.json")
  saved=("${wrk_args[@]}")
  wrk_args=()
  for kv in "${diag[@]}"; do [[ $kv == prefix=* ]] || wrk_args+=("$kv"); done
  run_wrk dscosim-nolist "http://127.0.0.1:$port_dscosim" /api/v3 skip=4
  wrk_args=("${saved[@]}")
  stop "$dscosim_pid"
fi

if [[ " $targets " == *" prism "* ]]; then
  say "prism: loading $spec"
  t0=$(date +%s%N)
  "$prism" mock "$spec" -p "$port_prism" -v error >"$out/prism.log" 2>&1 &
  prism_pid=$!
  pids+=("$prism_pid")
  wait_http "http://127.0.0.1:$port_prism/" 120
  echo "prism_startup_ms=$((($(date +%s%N) - t0) / 1000000))" >"$out/prism.startup"
  run_wrk prism "http://127.0.0.1:$port_prism" ""
  stop "$prism_pid"
fi

if [[ " $targets " == *" wiremock "* ]]; then
  say "wiremock: $(ls bench/wiremock/mappings | wc -l) stub mappings"
  t0=$(date +%s%N)
  java -jar "$wiremock_jar" --port "$port_wiremock" --bind-address 127.0.0.1 \
    --root-dir bench/wiremock --no-request-journal --disable-request-logging --disable-banner \
    --container-threads "$serve_threads" >"$out/wiremock.log" 2>&1 &
  wiremock_pid=$!
  pids+=("$wiremock_pid")
  wait_http "http://127.0.0.1:$port_wiremock/__admin/health" 120
  echo "wiremock_startup_ms=$((($(date +%s%N) - t0) / 1000000))" >"$out/wiremock.startup"
  run_wrk wiremock "http://127.0.0.1:$port_wiremock" /api/v3
  stop "$wiremock_pid"
fi

# --- summary -----------------------------------------------------------------------------
python3 - "$out" "$streams" <<'EOF' | tee "$out/summary.md"
import os, re, sys
out, streams = sys.argv[1], sys.argv[2]
rows = {}
for name in ["dscosim", "dscosim-nolist", "prism", "wiremock"]:
    path = os.path.join(out, name + ".txt")
    if not os.path.exists(path):
        continue
    text = open(path).read()
    m = re.search(r"RESULT (.*)", text)
    if not m:
        continue
    r = dict(kv.split("=") for kv in m.group(1).split())
    s = re.search(r"statuses: (.*)", text)
    r["statuses"] = s.group(1) if s else ""
    rows[name] = r
print(f"mix: {'6 steps (token, create, add, list, stream read, commit)' if streams == '1' else '4 steps (token, create, add, list; no stream routes)'}")
print()
print("| target | requests/s | p50 ms | p90 ms | p99 ms | max ms | errors | non-2xx | statuses |")
print("|---|---:|---:|---:|---:|---:|---:|---:|---|")
for name, r in rows.items():
    print(f"| {name} | {float(r['rps']):,.0f} | {float(r['p50_ms']):.2f} | {float(r['p90_ms']):.2f} | "
          f"{float(r['p99_ms']):.2f} | {float(r['max_ms']):.2f} | {r['errors']} | {r['non2xx3xx']} | {r['statuses']} |")
if "dscosim" in rows:
    d = float(rows["dscosim"]["rps"])
    print()
    for other, goal in (("prism", 20), ("wiremock", 5)):
        if other in rows:
            ratio = d / float(rows[other]["rps"])
            print(f"dscosim / {other}: {ratio:.2f}x (goal {goal}x: {'met' if ratio >= goal else 'NOT met'})")
    p99 = float(rows["dscosim"]["p99_ms"])
    print(f"dscosim p99: {p99:.2f} ms (goal < 5 ms: {'met' if p99 < 5 else 'NOT met'})")
for f in ("startup.txt",):
    p = os.path.join(out, f)
    if os.path.exists(p):
        m = re.search(r"STARTUP (.*)", open(p).read())
        if m:
            print(f"dscosim startup to JSON line: {m.group(1)} (goal < 50 ms)")
p = os.path.join(out, "load.txt")
if os.path.exists(p):
    print()
    print(open(p).read().strip())
    print()
for f in ("prism.startup", "wiremock.startup", "dscosim.rss"):
    p = os.path.join(out, f)
    if os.path.exists(p):
        print(open(p).read().strip())
EOF
say "results in $out"
