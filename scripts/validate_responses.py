#!/usr/bin/env python3
"""Validates every answer the fake gave against the vendor spec's response schemas.

    scripts/validate_responses.py [--spec YAML] [--deviations JSON] [--min N] [--report FILE]
                                  LOG_DIR...

The tests run with DSCOSIM_RESPONSE_LOG=LOG_DIR, so every Api writes its distinct
/api/v3 answers there as JSON lines (fakes/response_log.h). Each answer is checked
against its operation's response for its status and content type, with JSON Schema
2020-12 (python3-jsonschema), and every problem is printed with the operation, the JSON
path and the rule broken. docs/fidelity-deviations.json lists the only accepted
differences, each with its evidence and the test that pins it (docs/fidelity.md).

How the spec is read (docs/fidelity.md, "Reading the spec"):
- `nullable: true`, OpenAPI 3.0's keyword that this 3.1 spec uses throughout, allows null;
- formats `date-time` (RFC 3339) and `date` are checked, the others are annotations;
- a status the operation does not list falls back to its `default` response, if any.

Exit 0 when every problem is an accepted deviation and at least --min answers were
checked; 1 otherwise.
"""
import argparse
import collections
import datetime
import fnmatch
import json
import pathlib
import re
import sys
import warnings

try:
    import jsonschema
    import yaml
except ImportError:
    sys.exit("validate_responses: python3-jsonschema and python3-yaml are needed; run scripts/setup.sh")

ROOT = pathlib.Path(__file__).resolve().parent.parent
DEFAULT_SPEC = ROOT.parent / "shared" / "reference" / "dsco-api-spec.yaml"
DEFAULT_DEVIATIONS = ROOT / "docs" / "fidelity-deviations.json"

RFC3339 = re.compile(
    r"^\d{4}-\d{2}-\d{2}[Tt]\d{2}:\d{2}:\d{2}(\.\d+)?([Zz]|[+-]\d{2}:\d{2})$")
FORMATS = jsonschema.FormatChecker(formats=())


@FORMATS.checks("date-time", raises=ValueError)
def is_date_time(value):
    if not isinstance(value, str):
        return True
    if not RFC3339.match(value):
        raise ValueError("not an RFC 3339 date-time")
    datetime.datetime.fromisoformat(value.replace("Z", "+00:00").replace("z", "+00:00"))
    return True


@FORMATS.checks("date", raises=ValueError)
def is_date(value):
    if isinstance(value, str):
        datetime.date.fromisoformat(value)
    return True


def spec_loader():
    """YAML as JSON reads it: a date in the text stays a string."""
    base = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

    class Loader(base):
        pass

    Loader.yaml_implicit_resolvers = {
        k: [(tag, rx) for tag, rx in v if tag != "tag:yaml.org,2002:timestamp"]
        for k, v in base.yaml_implicit_resolvers.items()}
    return Loader


def as_meant(node):
    """The spec's schemas as their authors meant them: OpenAPI 3.0's `nullable: true` as
    3.1 says it (null is one of the types), and patterns escaped once (the spec writes
    `\\\\d`, a backslash and a `d`, for a digit)."""
    if isinstance(node, dict):
        out = {k: as_meant(v) for k, v in node.items()}
        if isinstance(out.get("pattern"), str):
            out["pattern"] = out["pattern"].replace("\\\\", "\\")
        if out.pop("nullable", False) is True:
            t = out.get("type")
            if isinstance(t, str):
                out["type"] = [t, "null"]
            elif isinstance(t, list) and "null" not in t:
                out["type"] = t + ["null"]
            elif "enum" in out and None not in out["enum"]:
                out["enum"] = out["enum"] + [None]
            elif t is None and ("$ref" in out or "allOf" in out or "oneOf" in out):
                out = {"anyOf": [out, {"type": "null"}]}
        return out
    if isinstance(node, list):
        return [as_meant(v) for v in node]
    return node


def json_path(parts):
    out = "$"
    for p in parts:
        out += "[*]" if isinstance(p, int) else "." + str(p)
    return out


def glob_any(value, patterns):
    """fnmatch, with `[` literal: a path's `[*]` is an index, not a character class."""
    if isinstance(patterns, str):
        patterns = [patterns]
    return any(fnmatch.fnmatchcase(value, p.replace("[*]", "\0").replace("[", "[[]")
                                   .replace("\0", "[[][*]]")) for p in patterns)


class Deviations:
    """docs/fidelity-deviations.json: each accepted difference, matched on the operation,
    status, request target, JSON path, rule and message (globs). A match with `instead` checks the value against
    that schema (refs into the spec allowed); a status deviation names the `bodies` its
    answers must have, by content type (null: any text)."""

    def __init__(self, path):
        self.entries = json.loads(pathlib.Path(path).read_text())["deviations"] if path else []
        self.hits = collections.Counter()

    def find(self, record, path, rule, message="", exclude=(), content_type=None):
        """The first deviation that accepts this error (not counted as a hit: the caller
        counts the ones its answer's verdict used); with `content_type`, a status
        deviation whose bodies include it is preferred."""
        matches = []
        for d in self.entries:
            if d["id"] in exclude:
                continue
            if not glob_any(record["operation"], d.get("operation", "*")):
                continue
            if "status" in d and str(d["status"]) != str(record["status"]):
                continue
            if not glob_any(record["target"], d.get("target", "*")):
                continue
            if not glob_any(rule, d.get("rule", "*")) or not glob_any(path, d.get("path", "*")):
                continue
            if not glob_any(message, d.get("message", "*")):
                continue
            if content_type is None or content_type in d.get("bodies", {}):
                return d
            matches.append(d)
        return matches[0] if matches else None

    def missing_tests(self, root):
        """Deviations whose pinning test is not in the sources under `root`."""
        sources = "\n".join(p.read_text(errors="replace")
                             for p in pathlib.Path(root, "tests").rglob("*_test.cc"))
        out = []
        for d in self.entries:
            suite, _, name = d.get("test", "").partition(".")
            if not re.search(r"TEST(_F|_P)?\(\s*" + re.escape(suite) + r"\s*,\s*" + re.escape(name)
                             + r"\s*\)", sources):
                out.append(d["id"])
        return out


class Checker:
    def __init__(self, spec, deviations):
        self.spec = as_meant(spec)
        self.deviations = deviations
        self.operations = {}
        for path, item in self.spec["paths"].items():
            for method, op in item.items():
                if isinstance(op, dict) and "operationId" in op:
                    self.operations[op["operationId"]] = (method.upper(), path, op)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", DeprecationWarning)
            self.resolver = jsonschema.RefResolver.from_schema(self.spec)
        self.validators = {}
        self.problems = []

    def validator(self, key, schema):
        if key not in self.validators:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore", DeprecationWarning)
                self.validators[key] = jsonschema.Draft202012Validator(
                    schema, resolver=self.resolver, format_checker=FORMATS)
        return self.validators[key]

    def problem(self, record, path, rule, message):
        self.problems.append((record["operation"], record["status"], path, rule, message,
                              record["target"]))

    def validate(self, record, key, schema, value, prefix=(), exclude=()):
        """The problems of `value` against `schema`, with their paths under `prefix`, and
        the deviations that accepted the rest."""
        problems, hits = [], []
        for error in self.validator(key, schema).iter_errors(value):
            p, h = self.unexplained(error, record, prefix, exclude)
            problems += p
            hits += h
        return problems, hits

    def unexplained(self, error, record, prefix=(), exclude=()):
        """The errors under `error` no deviation accepts, as (path, rule, message), and the
        deviations that accepted the others. A deviation's `instead` schema is checked
        without that deviation (so it cannot accept its own replacement's errors)."""
        rule = error.validator
        parts = list(prefix) + list(error.absolute_path)
        path = json_path(parts)
        d = self.deviations.find(record, path, rule, error.message, exclude)
        if d is not None:
            if "instead" not in d:
                return [], [d["id"]]
            problems, hits = self.validate(record, ("instead", d["id"]), d["instead"], error.instance,
                                           parts, tuple(exclude) + (d["id"],))
            return problems, [d["id"]] + hits
        if rule in ("oneOf", "anyOf") and error.context and "valid under each of" not in error.message:
            # No branch matched: accepted when the deviations explain one branch's errors;
            # otherwise the errors of the branch that came closest are the problems.
            branches = collections.defaultdict(list)
            for sub in error.context:
                branches[sub.relative_schema_path[0]].append(sub)
            results = {}
            for branch, subs in branches.items():
                problems, hits = [], []
                for sub in subs:
                    p, h = self.unexplained(sub, record, prefix, exclude)
                    problems += p
                    hits += h
                if not problems:
                    return [], hits
                results[branch] = (problems, hits)
            # A branch that got inside the value (a field wrong) beats one whose type is wrong.
            depth = len(error.absolute_path)
            closest = min(results, key=lambda b: (
                not any(len(sub.absolute_path) > depth for sub in branches[b]), len(results[b][0])))
            return results[closest]
        return [(path, rule, error.message)], []

    def check_body(self, record, key, schema, content_type):
        if content_type != "application/json":
            return
        try:
            body = json.loads(record["body"])
        except ValueError as e:
            return self.problem(record, "$", "json", f"the body does not parse: {e}")
        problems, hits = self.validate(record, key, schema, body)
        self.deviations.hits.update(hits)
        for path, rule, message in problems:
            self.problem(record, path, rule, message)

    def check(self, record):
        op_id, status = operation_of(record), record["status"]
        record["operation"] = op_id
        content_type = record["content_type"].split(";")[0].strip()
        if op_id not in self.operations:
            return self.problem(record, "$", "operation", f"{op_id} is not in the spec")
        _, _, op = self.operations[op_id]
        responses = op.get("responses", {})
        response = responses.get(str(status)) or responses.get(f"{str(status)[0]}XX") \
            or responses.get("default")
        if response is None:
            d = self.deviations.find(record, "$", "status", content_type=content_type)
            if d is not None:
                self.deviations.hits[d["id"]] += 1
            if d is None:
                listed = ", ".join(sorted(responses))
                return self.problem(record, "$", "status",
                                    f"status {status} is not listed (the spec lists {listed})")
            bodies = d.get("bodies", {})
            if content_type not in bodies:
                return self.problem(record, "$", "content-type",
                                    f"{content_type}; deviation {d['id']} allows {', '.join(bodies)}")
            if bodies[content_type] is not None:
                self.check_body(record, ("status", d["id"], content_type), bodies[content_type],
                                content_type)
            return
        content = response.get("content") or {}
        if not content:
            if record["body"]:
                self.problem(record, "$", "content", f"a {content_type} body where the spec gives none")
            return
        if content_type not in content:
            return self.problem(record, "$", "content-type",
                                f"{content_type}; the spec gives {', '.join(content)}")
        schema = content[content_type].get("schema")
        if schema is not None:
            self.check_body(record, (op_id, str(status), content_type), schema, content_type)


def operation_of(record):
    """The spec's operation: the fake serves two of them under one route name."""
    if record["operation"] != "getStreamEvents":
        return record["operation"]
    # /api/v3/stream/{id}/{partitionId}/ then one position (7 segments unencoded) or two.
    path = record["target"].split("?")[0]
    rest = path[path.index("/stream/") + len("/stream/"):].split("/")[2:]
    return "getStreamEventsFromPosition" if len(rest) <= 7 else "getStreamEventsInRange"


def records(dirs):
    for d in dirs:
        for path in sorted(pathlib.Path(d).glob("responses-*.jsonl")):
            with open(path, encoding="utf-8") as f:
                for line in f:
                    if line.strip():
                        yield json.loads(line)


def self_test(spec, deviations):
    """The check catches what it must and accepts only the list: answers built to break
    one rule each, and answers only a deviation makes valid. Returns the failures."""
    order = {"poNumber": "PO-1", "orderType": "dropship", "shipping": {"city": "A", "region": "B", "postal": "1"},
             "lineItems": [{"quantity": 1, "activity": [{"action": "add", "quantity": 1}]}]}
    event = {"id": "z/1", "source": "stream", "partitionId": 0, "eventReasons": ["create"], "payload": order}

    def rec(op, status, body, target="/api/v3/x", content_type="application/json"):
        return {"operation": op, "method": "GET", "target": target, "status": status,
                "content_type": content_type, "body": body if isinstance(body, str) else json.dumps(body)}

    def without(d, key):
        return {k: v for k, v in d.items() if k != key}

    cases = [  # (record, the violation it must give: (path, rule), or None)
        (rec("getOrderById", 200, order), None),
        (rec("getOrderById", 200, without(order, "shipping")), ("$", "required")),
        (rec("getOrderById", 200, dict(order, orderType="drop ship")), ("$.orderType", "enum")),
        (rec("getOrderById", 200, dict(order, dscoCreateDate="yesterday")), ("$.dscoCreateDate", "format")),
        (rec("getOrderById", 200, dict(order, upc="12345678901")), None),  # not a field of Order
        (rec("getCatalogById", 200, {"sku": "S", "upc": "1234567"}), ("$.upc", "pattern")),
        (rec("getStreamEventsFromPosition", 200, {"partitionId": 0, "events": [event]}), None),
        (rec("getStreamEventsFromPosition", 200,
             {"partitionId": 0, "events": [dict(event, eventReasons=["made_up"])]}),
         ("$.events[*].eventReasons[*]", "enum")),
        # A deviation's replacement is checked without it: no loop, a plain violation.
        (rec("getStreamEventsFromPosition", 200,
             {"partitionId": 0, "events": [dict(event, eventReasons="made_up")]}),
         ("$.events[*].eventReasons", "type")),
        (rec("getInventoryById", 200, 5, target="/api/v3/inventory?returnMultiple=true"), ("$", "type")),
        (rec("getInventoryById", 200, [{"sku": "S", "quantityAvailable": "many"}],
             target="/api/v3/inventory?returnMultiple=true"), ("$[*].quantityAvailable", "type")),
        (rec("getOrderById", 200, dict(order, lineItems=[{"quantity": 1, "activity": [{"quantity": 1}]}])),
         ("$.lineItems[*].activity[*]", "required")),
        (rec("getCatalogChangeLog", 200, {"logs": [{"payload": {"sku": "S"}, "dateProcessed": "2026-01-01T00:00:00Z",
                                                      "status": "success", "requestMethod": "api"}]}),
         ("$.logs[*].payload", "required")),
        (rec("getOrderById", 409, {"messages": [{"description": "x"}]}), ("$", "status")),
        (rec("getOrderById", 404, "not found", content_type="text/plain"), ("$", "content-type")),
        (rec("getOrderById", 404, {"messages": [{"code": "NOT_FOUND", "description": "x"}]}), None),
        (rec("getOrderById", 404, {"message": "x"}), ("$", "required")),
        (rec("getOrderById", 200, "{not json"), ("$", "json")),
        (rec("noSuchOperation", 200, {}), ("$", "operation")),
    ]
    failures = []
    for record, expected in cases:
        checker = Checker(spec, deviations)
        checker.check(dict(record))
        got = [(p[2], p[3]) for p in checker.problems]
        if (expected is None and got) or (expected is not None and expected not in got):
            failures.append(f"{record['operation']} {record['status']} {record['body'][:80]}: "
                            f"expected {expected or 'no violation'}, got {got or 'none'}")
    return failures


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--spec", default=str(DEFAULT_SPEC))
    parser.add_argument("--deviations", default=str(DEFAULT_DEVIATIONS))
    parser.add_argument("--min", type=int, default=1, help="fail when fewer answers were checked")
    parser.add_argument("--report", help="also write the figures as JSON here")
    parser.add_argument("--show", type=int, default=40, help="problems printed per rule")
    parser.add_argument("--self-test", action="store_true",
                        help="prove the check fails what it must, on answers built to break it")
    parser.add_argument("dirs", nargs="*")
    args = parser.parse_args()

    with open(args.spec, encoding="utf-8") as f:
        spec = yaml.load(f, Loader=spec_loader())
    deviations = Deviations(args.deviations)
    if args.self_test:
        failures = self_test(spec, deviations)
        for f in failures:
            print(f"SELF-TEST {f}")
        print(f"validate_responses: self-test {'failed' if failures else 'passed'}")
        return 1 if failures else 0
    if not args.dirs:
        parser.error("give the log directories")
    checker = Checker(spec, deviations)
    seen = set()
    checked = 0
    operations = collections.Counter()
    for record in records(args.dirs):
        key = (operation_of(record), record["status"], record["content_type"], record["body"])
        if key in seen:
            continue
        seen.add(key)
        checked += 1
        operations[record["operation"]] += 1
        checker.check(record)

    grouped = collections.defaultdict(list)
    for p in checker.problems:
        grouped[(p[0], p[1], p[2], p[3])].append(p)
    for (op, status, path, rule), items in sorted(grouped.items(), key=lambda kv: str(kv[0])):
        print(f"VIOLATION {op} {status} {path}: {rule}: {items[0][4][:400]}"
              f"  [{len(items)}x; e.g. {items[0][5][:120]}]")
    unused = [d["id"] for d in deviations.entries if deviations.hits[d["id"]] == 0]
    untested = deviations.missing_tests(ROOT)
    for name in untested:
        print(f"DEVIATION {name}: its pinning test is not in tests/")
    figures = {
        "answers_checked": checked,
        "operations": len(operations),
        "violations": len(checker.problems),
        "distinct_violations": len(grouped),
        "accepted_deviations": dict(sorted(deviations.hits.items())),
        "deviations_not_seen": unused,
    }
    print(f"validate_responses: {checked} distinct answers of {len(operations)} operations checked; "
          f"{len(checker.problems)} violations ({len(grouped)} distinct); "
          f"{sum(deviations.hits.values())} accepted deviations of {len(deviations.hits)} kinds"
          + (f"; not seen this run: {', '.join(unused)}" if unused else ""))
    if args.report:
        pathlib.Path(args.report).write_text(json.dumps(figures, indent=2) + "\n")
    if checked < args.min:
        print(f"validate_responses: only {checked} answers; expected at least {args.min}")
        return 1
    return 1 if checker.problems or untested else 0


if __name__ == "__main__":
    sys.exit(main())
