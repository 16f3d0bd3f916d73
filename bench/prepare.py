#!/usr/bin/env python3
"""Prepares dscosim serve for the wrk workload (scripts/bench_http.sh, bench/README.md).

    bench/prepare.py SERVE_JSON_LINE_FILE

Reads the JSON line `dscosim serve` printed, then, with plain HTTP calls against the
server (urllib, no third-party packages):
  - takes the first retailer and its first trading partner (a supplier);
  - fetches an access token for the retailer;
  - creates one conversation with an initial message (the workload uses it until its own
    first create answers);
  - if the server has the stream routes: creates an inventory stream, runs a `sync`
    operation so it holds events, waits for them, and picks the partition-0 start
    position (to read from) and the last event id (to commit).
Prints the wrk script arguments, key=value separated by spaces, on stdout; notes go to
stderr. `streams=0` means the server answered the stream routes with 403/404 (no route).
"""
import json
import sys
import time
import urllib.error
import urllib.parse
import urllib.request


def call(method, url, token=None, body=None, form=None):
    headers = {}
    data = None
    if token:
        headers["Authorization"] = "Bearer " + token
    if form is not None:
        data = urllib.parse.urlencode(form).encode()
        headers["Content-Type"] = "application/x-www-form-urlencoded"
    elif body is not None:
        data = json.dumps(body).encode()
        headers["Content-Type"] = "application/json"
    req = urllib.request.Request(url, data=data, method=method, headers=headers)
    try:
        with urllib.request.urlopen(req, timeout=10) as r:
            text = r.read().decode()
            return r.status, text
    except urllib.error.HTTPError as e:
        return e.code, e.read().decode()


def main() -> int:
    line = json.loads(open(sys.argv[1]).readline())
    api = line["apiUrl"]
    retailer = next(a for a in line["accounts"] if a["role"] == "retailer")
    partner = retailer["tradingPartners"][0]["dscoAccountId"]
    status, text = call("POST", api + "/oauth2/token",
                        form={"grant_type": "client_credentials", "client_id": retailer["clientId"],
                              "client_secret": retailer["clientSecret"]})
    if status != 200:
        print(f"token: {status} {text}", file=sys.stderr)
        return 1
    token = json.loads(text)["access_token"]
    status, text = call("POST", api + "/conversation", token,
                        {"title": "Benchmark seed conversation", "type": {"type": "standard"},
                         "otherPartyDscoAccountId": partner,
                         "initialMessage": {"message": "Hello from the benchmark"}})
    if status != 201:
        print(f"create conversation: {status} {text}", file=sys.stderr)
        return 1
    conversation = json.loads(text)["id"]
    out = {"prefix": urllib.parse.urlparse(api).path, "client_id": retailer["clientId"],
           "client_secret": retailer["clientSecret"], "token": token, "partner": partner,
           "conversation": conversation, "streams": "0", "stream": "bench-inventory",
           "position": "0", "commit": "0"}

    stream_id = "bench-inventory"
    status, text = call("POST", api + "/stream", token,
                        {"id": stream_id, "objectType": "inventory",
                         "description": "benchmark: inventory changes",
                         "query": {"queryType": "inventory"}})
    if status in (403, 404, 405):
        print(f"streams: the server has no stream routes yet ({status}); the workload leaves "
              "out steps 5 and 6", file=sys.stderr)
        print(" ".join(f"{k}={v}" for k, v in out.items()))
        return 0
    if status not in (200, 201):
        print(f"create stream: {status} {text}", file=sys.stderr)
        return 1
    created = json.loads(text)
    stream_id = created.get("id", stream_id)
    status, text = call("POST", api + "/stream/" + urllib.parse.quote(stream_id, safe=""), token,
                        {"operationType": "sync"})
    if status not in (200, 201, 202):
        print(f"sync stream: {status} {text}", file=sys.stderr)
        return 1
    position = None
    events = []
    deadline = time.time() + 15
    while time.time() < deadline:
        status, text = call("GET", api + "/stream?id=" + urllib.parse.quote(stream_id, safe=""), token)
        if status != 200:
            print(f"list streams: {status} {text}", file=sys.stderr)
            return 1
        streams = json.loads(text)
        stream = streams[0] if isinstance(streams, list) else streams
        partition = next(p for p in stream["partitions"] if int(p.get("partitionId", 0)) == 0)
        position = partition["position"]
        status, text = call("GET", api + "/stream/" + urllib.parse.quote(stream_id, safe="") + "/0/" +
                            urllib.parse.quote(position, safe=""), token)
        if status != 200:
            print(f"read stream: {status} {text}", file=sys.stderr)
            return 1
        events = json.loads(text).get("events", [])
        if events:
            break
        time.sleep(0.2)
    if not events:
        print("stream: no events after the sync", file=sys.stderr)
        return 1
    out.update({"streams": "1", "stream": stream_id, "position": position, "commit": events[-1]["id"]})
    print(f"stream {stream_id}: {len(events)} events from position {position}; "
          f"{len(text)} bytes per read", file=sys.stderr)
    print(" ".join(f"{k}={v}" for k, v in out.items()))
    return 0


if __name__ == "__main__":
    sys.exit(main())
