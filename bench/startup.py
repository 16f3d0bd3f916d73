#!/usr/bin/env python3
"""Times `dscosim serve` from launch to its JSON line (scripts/bench_http.sh).

    bench/startup.py BINARY [RUNS] [-- extra serve flags]

The clock starts just before the process is spawned and stops when the first line has
been read from its stdout and parsed as JSON, so it includes exec, dynamic linking,
building the demo world, binding the port and printing. Each run uses --port 0 (a free
port) and is stopped with SIGTERM afterwards. Prints one line per run, then
`STARTUP runs=N min_ms=.. median_ms=.. max_ms=..`.
"""
import json
import signal
import statistics
import subprocess
import sys
import time


def main() -> int:
    args = sys.argv[1:]
    extra = []
    if "--" in args:
        extra = args[args.index("--") + 1:]
        args = args[: args.index("--")]
    binary = args[0]
    runs = int(args[1]) if len(args) > 1 else 10
    times = []
    for i in range(runs):
        start = time.perf_counter_ns()
        proc = subprocess.Popen([binary, "serve", "--port", "0", *extra],
                                stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        line = proc.stdout.readline()
        elapsed_ms = (time.perf_counter_ns() - start) / 1e6
        try:
            json.loads(line)
        except ValueError:
            proc.kill()
            print(f"run {i + 1}: no JSON line: {line!r} {proc.stderr.read()!r}", file=sys.stderr)
            return 1
        proc.send_signal(signal.SIGTERM)
        proc.wait(timeout=10)
        times.append(elapsed_ms)
        print(f"run {i + 1}: {elapsed_ms:.1f} ms")
    print(f"STARTUP runs={runs} min_ms={min(times):.1f} median_ms={statistics.median(times):.1f} "
          f"max_ms={max(times):.1f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
