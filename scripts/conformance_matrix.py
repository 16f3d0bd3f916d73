#!/usr/bin/env python3
"""Runs the conformance matrix: every example integration under every profile it
claims, good and with each planted bug (examples/*/matrix.json), and checks that the
good one passes every rule of the profile and each bug fails exactly its rules
(`expectFail`), plus at most the rules listed in `mayFail` with the reason in `why`.

  scripts/conformance_matrix.py --dscosim build/cli/dscosim --examples build/examples \
      [--jobs 4] [--repeat 1] [--only BUG] [--seed 1] [--keep DIR]

Exit 0 when every run matched, 1 when one did not, 2 when the harness could not run.
Each run prints its verdict line; a mismatch prints the run's console report and the
command that reproduces it."""
import argparse
import concurrent.futures
import json
import os
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
BINARIES = {"supplier": "supplier/dscosim-example-supplier",
            "stream_consumer": "stream_consumer/dscosim-example-stream-consumer"}


def load_matrix(examples_dir):
    entries = []
    for example, binary in BINARIES.items():
        path = os.path.join(ROOT, "examples", example, "matrix.json")
        with open(path) as f:
            for entry in json.load(f):
                entry = dict(entry)
                entry["example"] = example
                entry["binary"] = os.path.join(examples_dir, binary)
                entries.append(entry)
    return entries


def run_one(args, entry, index, work):
    out_json = os.path.join(work, f"run{index}.json")
    command = [entry["binary"]] + (["--bug", entry["bug"]] if entry.get("bug") else [])
    argv = [args.dscosim, "conform", "--profile", entry["profile"], "--seed", str(args.seed),
            "--json", out_json, "--work-dir", os.path.join(work, f"run{index}"), "--"] + command
    started = time.monotonic()
    proc = subprocess.run(argv, capture_output=True, text=True)
    elapsed = time.monotonic() - started
    name = f"{entry['profile']} {entry['example']} bug={entry.get('bug') or '-'}"
    if proc.returncode == 2 or not os.path.exists(out_json):
        return name, False, elapsed, f"harness failed (exit {proc.returncode}):\n{proc.stdout}{proc.stderr[-3000:]}"
    with open(out_json) as f:
        report = json.load(f)
    failed = sorted(r["id"] for r in report["rules"] if r["outcome"] == "FAIL")
    expected = sorted(entry.get("expectFail", []))
    # mayFail: a rule the bug's nature touches only in some timings (matrix.json says why).
    allowed = set(expected) | set(entry.get("mayFail", []))
    problems = []
    if not set(expected) <= set(failed) or not set(failed) <= allowed:
        problems.append(f"failed {failed or 'nothing'}, expected {expected or 'nothing'}"
                        + (f" (and maybe {sorted(entry['mayFail'])})" if entry.get("mayFail") else ""))
    if not entry.get("bug"):
        unexercised = [r["id"] for r in report["rules"] if r["outcome"] == "NOT EXERCISED"]
        if unexercised:
            problems.append(f"the good integration left rules not exercised: {unexercised}")
    if problems:
        return name, False, elapsed, "; ".join(problems) + "\n" + proc.stdout
    return name, True, elapsed, ""


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--dscosim", required=True)
    p.add_argument("--examples", required=True, help="the build's examples/ directory")
    p.add_argument("--jobs", type=int, default=4)
    p.add_argument("--repeat", type=int, default=1)
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("--only", help="only entries whose bug (or 'good') matches")
    p.add_argument("--profile", help="only entries of this profile")
    p.add_argument("--keep", help="keep work files here instead of a temporary directory")
    args = p.parse_args()

    entries = load_matrix(args.examples)
    if args.only:
        entries = [e for e in entries if (e.get("bug") or "good") == args.only]
    if args.profile:
        entries = [e for e in entries if e["profile"] == args.profile]
    if not entries:
        print("conformance matrix: no entries", file=sys.stderr)
        return 2
    work = args.keep or tempfile.mkdtemp(prefix="dscosim-matrix-")
    os.makedirs(work, exist_ok=True)
    print(f"conformance matrix: {len(entries)} runs x {args.repeat}, {args.jobs} at a time, seed {args.seed}, work {work}",
          flush=True)
    started = time.monotonic()
    mismatches = 0
    for round_ in range(args.repeat):
        with concurrent.futures.ThreadPoolExecutor(max_workers=args.jobs) as pool:
            futures = [pool.submit(run_one, args, e, round_ * 1000 + i, work) for i, e in enumerate(entries)]
            for future in concurrent.futures.as_completed(futures):
                name, ok, elapsed, detail = future.result()
                print(f"[round {round_ + 1}] {'ok      ' if ok else 'MISMATCH'} {name} ({elapsed:.0f} s)", flush=True)
                if not ok:
                    mismatches += 1
                    print("    " + detail.replace("\n", "\n    "), flush=True)
    print(f"conformance matrix: {mismatches} mismatches in {len(entries) * args.repeat} runs, "
          f"{time.monotonic() - started:.0f} s", flush=True)
    if mismatches:
        print(f"reproduce one: {args.dscosim} conform --profile PROFILE --seed {args.seed} -- EXAMPLE --bug BUG")
    return 1 if mismatches else 0


if __name__ == "__main__":
    sys.exit(main())
