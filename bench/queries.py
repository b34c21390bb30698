#!/usr/bin/env python3
"""Query latency, median and 95th percentile, of every examples/queries/*.rq.

usage:
  queries.py http URL RUNS QUERY.rq...      SPARQL protocol (POST form), e.g. frus-ld serve, oxigraph serve
  queries.py rdflib FILE.nq RUNS QUERY.rq... rdflib in process, union default graph

Prints one line per query: name, median ms, p95 ms, rows. A query is run
RUNS times after a warm-up run, or for BUDGET seconds (default 60) when that
comes first, with at least one timed run.
"""
import os
import statistics
import sys
import time
import urllib.error
import urllib.parse
import urllib.request


def percentile(xs, p):
    xs = sorted(xs)
    k = max(0, min(len(xs) - 1, round(p / 100 * (len(xs) - 1))))
    return xs[k]


def http_runner(url):
    def run(q):
        data = urllib.parse.urlencode({"query": q}).encode()
        rq = urllib.request.Request(url, data=data, headers={"Accept": "text/csv"})
        with urllib.request.urlopen(rq, timeout=600) as r:
            body = r.read()
        return max(0, body.count(b"\n") - 1)

    return run


def rdflib_runner(path):
    import rdflib

    ds = rdflib.Dataset(default_union=True)
    t = time.perf_counter()
    ds.parse(path, format="nquads")
    print(f"# rdflib parsed {len(ds)} quads in {time.perf_counter() - t:.1f} s", flush=True)

    def run(q):
        return len(list(ds.query(q)))

    return run


def main():
    kind, target, runs = sys.argv[1], sys.argv[2], int(sys.argv[3])
    run = http_runner(target) if kind == "http" else rdflib_runner(target)
    for path in sys.argv[4:]:
        q = open(path, encoding="utf-8").read()
        budget = float(os.environ.get("BUDGET", "60"))
        name = path.rsplit("/", 1)[-1].removesuffix(".rq")
        start = time.perf_counter()
        try:
            rows = run(q)  # warm-up
        except urllib.error.HTTPError as e:
            # the endpoint's own time limit (503) or another refusal
            secs = time.perf_counter() - start
            print(f"{name}\t>{secs * 1000:.0f}\t>{secs * 1000:.0f}\tHTTP {e.code}", flush=True)
            continue
        warm = (time.perf_counter() - start) * 1000
        if kind == "http" and warm >= budget * 1000:
            # an endpoint that answers its own time-out with a status 200
            # (oxigraph serve) stopped the query: no rows to count
            print(f"{name}\t>{warm:.0f}\t>{warm:.0f}\tstopped", flush=True)
            continue
        # a query slower than the budget is timed once: its warm-up run
        times = [warm] if warm > budget * 1000 else []
        while len(times) < runs and (not times or time.perf_counter() - start < budget):
            t = time.perf_counter()
            run(q)
            times.append((time.perf_counter() - t) * 1000)
        print(f"{name}\t{statistics.median(times):.1f}\t{percentile(times, 95):.1f}\t{rows}", flush=True)


if __name__ == "__main__":
    main()
