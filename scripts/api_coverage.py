#!/usr/bin/env python3
"""docs/api-coverage.md from the vendor spec and the fake's route table.

  scripts/api_coverage.py --dscosim build/cli/dscosim --write   regenerate the page
  scripts/api_coverage.py --dscosim build/cli/dscosim --check   fail when it is stale, or
                                                               when a route is not at its
                                                               operation's method and path

Every operation of the spec is listed: "served" when a route with its operationId is at
the spec's method and path, "partly" when NOTES says so, "not yet" otherwise. The spec is
read line by line (its paths section is regular), so no YAML package is needed.
"""
import argparse
import json
import os
import re
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SPEC = os.path.join(ROOT, "..", "shared", "reference", "dsco-api-spec.yaml")
PAGE = os.path.join(ROOT, "docs", "api-coverage.md")

# operationId -> (status override or None, note). Deviations and partial support.
NOTES = {
    "getAccessToken": (None, "client credentials, form-encoded; `expires_in` 3600 on the virtual clock"),
    "createOrder": (None, "idempotent replay of the same PO answers 200; multi-supplier POs split"),
    "getOrderById": (None, "404 while the order is in post-processing (3 s)"),
    "getOrders": (None, "the 5-second rule on `until`; scroll ids expire after 5 minutes"),
    "getConversations": (None, "errors are 400 text/plain as the spec says"),
    "updateStreamPosition": (None, "positions with `%2F` or an unencoded `/` both work"),
    "getStreamEventsFromPosition": (None, "positions with `%2F` or an unencoded `/` both work"),
    "getSingleStreamEvent": (None, "15 per minute per account"),
    "helloWorld": (None, "`{\"hello\": \"World!\"}`"),
    "createReturn": (None, "sending the same return again answers 201 with the existing return"),
    "cancelReturn": (None, "answers `{status}` only: the spec's schema has no `return`"),
    "singleInvoice": (None, "an invoice for more units than shipped is accepted and recorded, as the platform does"),
    "getWarehouses": (None, "every match in one page; a `scrollId` answers 404"),
    "getRetailerWarehouses": ("partly", "contacts, schedules, carriers and label properties are not simulated"),
    "exportRetailerWarehouses": ("partly", "as getRetailerWarehouses"),
    "createStreamOperation": (None, "sync, setpartitionowner and repartition finish before the 202"),
    "updateStream": (None, "`incrementVersionNumber`; `objectType` cannot change"),
    "singleShipment": (None, "production's required fields (facts digest)"),
    "requestCancelOrder": (None, "cancelled at once while `created` (200); a request to the supplier later (201)"),
    "updateCatalogLargeBatch": (None, "the `dataUrl` takes JSON Lines by PUT"),
    "updateInventoryLargeBatch": (None, "the `dataUrl` takes JSON Lines by PUT"),
    "createOrderLargeBatch": (None, "the `dataUrl` takes JSON Lines by PUT"),
    "createOrCompleteReturnLargeBatch": (None, "the `dataUrl` takes JSON Lines by PUT"),
}

METHODS = ("get", "post", "put", "delete", "patch")

# Routes that serve a spec operation under a name of their own, with the reason.
EXTRA_ROUTES = {
    # Positions sent with the slash unencoded: one route reads from a position or a
    # range, depending on how many positions the rest of the path holds.
    "getStreamEvents": ("GET", "/stream/{}/{}/{}"),
}


def spec_operations(path):
    ops, current_path, current_method, block = [], None, None, None
    in_paths = False
    with open(path, encoding="utf-8") as f:
        for raw in f:
            line = raw.rstrip("\n")
            if re.match(r"^\S", line):
                in_paths = line.startswith("paths:")
                continue
            if not in_paths:
                continue
            m = re.match(r"^  [\"']?(/[^\"':]*)[\"']?:\s*$", line)
            if m:
                current_path, current_method = m.group(1), None
                continue
            m = re.match(r"^    (\w+):\s*$", line)
            if m and m.group(1) in METHODS:
                current_method = m.group(1).upper()
                continue
            m = re.match(r"^      operationId:\s*(\S+)", line)
            if m and current_method:
                ops.append({"method": current_method, "path": current_path,
                            "operationId": m.group(1), "tag": ""})
                continue
            m = re.match(r"^      (\w+):", line)
            if m:
                block = m.group(1)
                continue
            m = re.match(r"^        - (.+)$", line)
            if m and block == "tags" and ops and ops[-1]["tag"] == "" and ops[-1]["method"] == current_method:
                ops[-1]["tag"] = m.group(1).strip()
    return ops


def normalize(path):
    """/order/ -> /order; {id} and {...} -> {}."""
    path = re.sub(r"\{[^}]*\}", "{}", path)
    return path.rstrip("/") or "/"


def routes(dscosim):
    out = subprocess.run([dscosim, "routes"], check=True, capture_output=True, text=True).stdout
    return [json.loads(l) for l in out.splitlines() if l.strip()]


def render(ops, table):
    by_id = {}
    for r in table:
        by_id.setdefault(r["operationId"], []).append(r)
    lines = [
        "# API coverage",
        "",
        "Every operation of the vendor's spec (`../shared/reference/dsco-api-spec.yaml`), and",
        "whether `dscosim serve` answers it. Generated by `scripts/api_coverage.py --write` from",
        "the spec and `dscosim routes`; a test (`api_coverage`) fails when this page is stale or",
        "a route is not at its operation's method and path. Rate limits are per account on the",
        "virtual clock.",
        "",
    ]
    served = sum(1 for o in ops if o["operationId"] in by_id)
    lines.append(f"**{served} of {len(ops)} operations served.** Operations outside the model "
                 "(marketplace, pricing, functions, labels, ...) answer the gateway's 403 like any "
                 "unknown route.")
    lines.append("")
    tag = None
    for o in sorted(ops, key=lambda o: (o["tag"], o["path"], o["method"])):
        if o["tag"] != tag:
            tag = o["tag"]
            lines += ["", f"## {tag}", "", "| operation | method | path | status | limit | notes |",
                      "|---|---|---|---|---|---|"]
        rs = by_id.get(o["operationId"], [])
        override, note = NOTES.get(o["operationId"], (None, ""))
        status = override or ("served" if rs else "not yet")
        limit = ""
        if rs and "rateLimit" in rs[0]:
            rl = rs[0]["rateLimit"]
            parts = [f"{rl[k]}/{u}" for k, u in (("perSecond", "s"), ("perMinute", "min"), ("perHour", "h")) if rl[k]]
            limit = ", ".join(parts)
        lines.append(f"| `{o['operationId']}` | {o['method']} | `{o['path']}` | {status} | {limit} | {note} |")
    return "\n".join(lines) + "\n"


def check_routes(ops, table):
    problems = []
    spec = {o["operationId"]: o for o in ops}
    for r in table:
        o = spec.get(r["operationId"])
        if o is None and r["operationId"] in EXTRA_ROUTES:
            method, prefix = EXTRA_ROUTES[r["operationId"]]
            if r["method"] != method or not normalize(r["path"]).startswith(prefix):
                problems.append(f"route {r['operationId']} is at {r['method']} {r['path']}, not {method} {prefix}...")
            continue
        if o is None:
            problems.append(f"route {r['method']} {r['path']} is named {r['operationId']}, which the spec does not have")
        elif o["method"] != r["method"] or normalize(o["path"]) != normalize(r["path"]):
            problems.append(f"route {r['operationId']} is at {r['method']} {r['path']}; the spec has {o['method']} {o['path']}")
    return problems


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--dscosim", default=os.path.join(ROOT, "build", "cli", "dscosim"))
    p.add_argument("--spec", default=SPEC)
    mode = p.add_mutually_exclusive_group(required=True)
    mode.add_argument("--write", action="store_true")
    mode.add_argument("--check", action="store_true")
    a = p.parse_args()
    ops = spec_operations(a.spec)
    if not ops:
        sys.exit(f"no operations found in {a.spec}")
    table = routes(a.dscosim)
    problems = check_routes(ops, table)
    for problem in problems:
        print(problem, file=sys.stderr)
    page = render(ops, table)
    if a.write:
        with open(PAGE, "w", encoding="utf-8") as f:
            f.write(page)
        print(f"wrote {PAGE}")
    else:
        with open(PAGE, encoding="utf-8") as f:
            if f.read() != page:
                problems.append("docs/api-coverage.md is stale: run scripts/api_coverage.py --write")
                print(problems[-1], file=sys.stderr)
    sys.exit(1 if problems else 0)


if __name__ == "__main__":
    main()
