#!/usr/bin/env python3
"""Validates scenario files against docs/scenario.schema.json (JSON Schema 2020-12).

    scripts/validate_scenarios.py FILE_OR_DIR...      (a directory: every *.json in it)

Also checks that the schema refuses a few documents dscosim's parser refuses, so the
schema cannot drift into accepting everything. Exit 0 all valid, 1 otherwise.
Needs python3-jsonschema (scripts/setup.sh installs it).
"""
import json
import pathlib
import sys

try:
    import jsonschema
except ImportError:
    sys.exit("validate_scenarios: python3-jsonschema is missing; run scripts/setup.sh")

ROOT = pathlib.Path(__file__).resolve().parent.parent
SCHEMA = json.loads((ROOT / "docs" / "scenario.schema.json").read_text())
VALIDATOR = jsonschema.Draft202012Validator(SCHEMA)

# Documents the parser refuses; the schema must refuse them too.
REFUSED = {
    "another version": {"dscosimScenario": 2, "world": {"demo": True}, "steps": []},
    "no world": {"dscosimScenario": 1, "steps": []},
    "unknown top-level field": {"dscosimScenario": 1, "world": {"demo": True}, "steps": [], "sede": 1},
    "a status that is not one": {"dscosimScenario": 1, "world": {"demo": True},
                                 "steps": [{"as": "r1", "op": "getOrders", "expect": {"status": 42}}]},
    "a pointer without a slash": {"dscosimScenario": 1, "world": {"demo": True},
                                  "steps": [{"as": "r1", "op": "getOrders", "expect": {"json": {"x": 1}}}]},
    "an unknown operator": {"dscosimScenario": 1, "world": {"demo": True},
                            "steps": [{"as": "r1", "op": "getOrders", "expect": {"json": {"/x": {"$near": 1}}}}]},
    "a call without an account": {"dscosimScenario": 1, "world": {"demo": True}, "steps": [{"op": "getOrders"}]},
    "both advances": {"dscosimScenario": 1, "world": {"demo": True},
                      "steps": [{"advance": {"seconds": 1, "to": "2026-01-01T00:00:00Z"}}]},
    "a check without expectations": {"dscosimScenario": 1, "world": {"demo": True},
                                     "steps": [{"check": {"kind": "order", "id": "1"}}]},
}


def files(args):
    for arg in args:
        path = pathlib.Path(arg)
        if path.is_dir():
            yield from sorted(p for p in path.glob("*.json"))
        else:
            yield path


def main(args):
    if not args:
        sys.exit(__doc__)
    failures = 0
    count = 0
    for path in files(args):
        count += 1
        document = json.loads(path.read_text())
        for error in sorted(VALIDATOR.iter_errors(document), key=lambda e: list(e.absolute_path)):
            failures += 1
            where = "/".join(str(p) for p in error.absolute_path) or "(document)"
            print(f"{path}: {where}: {error.message[:300]}")
    for name, document in REFUSED.items():
        if VALIDATOR.is_valid(document):
            failures += 1
            print(f"schema accepts what the parser refuses: {name}")
    print(f"validate_scenarios: {count} files, {len(REFUSED)} refusals, {failures} problems")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
