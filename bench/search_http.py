#!/usr/bin/env python3
"""Search latency and throughput through HTTP, and the server's memory.

Sends every query of bench/queries.txt to /search (the portal page, which renders snippets for its
20 results) over a kept-alive connection: one warm-up pass, then --rounds measured passes, one
request at a time. Then --concurrency clients send the list in a loop for --duration seconds.
Prints and writes a JSON summary.
"""
import argparse, http.client, json, statistics, threading, time, urllib.parse


def read_queries(path, orgs):
    out = []
    for line in open(path, encoding="utf-8"):
        line = line.rstrip("\n")
        if not line or line.startswith("#"):
            continue
        text, *rest = line.split("\t")
        params = {"q": text}
        for f in rest:
            for pair in f.split("&"):
                k, v = pair.split("=", 1)
                params[k] = str(orgs[int(v) - 1]) if k == "org" else v
        out.append((line, "/search?" + urllib.parse.urlencode(params)))
    return out


def percentile(values, p):
    s = sorted(values)
    k = max(0, min(len(s) - 1, int(round(p / 100 * len(s) + 0.5)) - 1))
    return s[k]


def memory(pid):
    fields = {}
    for line in open(f"/proc/{pid}/status"):
        k, v = line.split(":", 1)
        if k in ("VmRSS", "VmHWM"):
            fields[k] = int(v.split()[0]) // 1024
    return fields


def get(conn, path):
    conn.request("GET", path, headers={"Accept": "text/html"})
    r = conn.getresponse()
    body = r.read()
    return r.status, body


def main():
    a = argparse.ArgumentParser()
    a.add_argument("--host", default="127.0.0.1")
    a.add_argument("--port", type=int, default=8090)
    a.add_argument("--pid", type=int, required=True)
    a.add_argument("--queries", default="bench/queries.txt")
    a.add_argument("--load", required=True, help="load.json written by gongkai-bench load (organisation ids)")
    a.add_argument("--rounds", type=int, default=3)
    a.add_argument("--concurrency", type=int, default=4)
    a.add_argument("--duration", type=float, default=30)
    a.add_argument("--out")
    args = a.parse_args()
    orgs = [o["id"] for o in json.load(open(args.load))["organisations"]]
    queries = read_queries(args.queries, orgs)

    conn = http.client.HTTPConnection(args.host, args.port, timeout=60)
    errors = 0
    for _, path in queries:  # warm-up
        status, _ = get(conn, path)
        errors += status != 200
    times, per_query = [], {}
    for _ in range(args.rounds):
        for line, path in queries:
            t = time.perf_counter()
            status, body = get(conn, path)
            ms = (time.perf_counter() - t) * 1000
            errors += status != 200
            times.append(ms)
            per_query.setdefault(line, []).append(ms)
    conn.close()

    done = [0]
    failed = [0]
    lock = threading.Lock()
    stop = time.perf_counter() + args.duration

    def client(offset):
        c = http.client.HTTPConnection(args.host, args.port, timeout=60)
        n = offset
        while time.perf_counter() < stop:
            status, _ = get(c, queries[n % len(queries)][1])
            n += 1
            with lock:
                done[0] += 1
                failed[0] += status != 200
        c.close()

    started = time.perf_counter()
    threads = [threading.Thread(target=client, args=(k * 37,)) for k in range(args.concurrency)]
    for t in threads: t.start()
    for t in threads: t.join()
    elapsed = time.perf_counter() - started

    slowest = sorted(((statistics.median(v), k) for k, v in per_query.items()), reverse=True)[:10]
    result = {
        "queries": len(queries), "rounds": args.rounds, "requests": len(times), "errors": errors + failed[0],
        "p50_ms": round(percentile(times, 50), 1), "p95_ms": round(percentile(times, 95), 1),
        "p99_ms": round(percentile(times, 99), 1), "max_ms": round(max(times), 1), "mean_ms": round(statistics.mean(times), 1),
        "throughput_rps": round(done[0] / elapsed, 1), "throughput_clients": args.concurrency,
        "memory_mb": memory(args.pid),
        "slowest": [{"query": k, "median_ms": round(v, 1)} for v, k in slowest],
    }
    text = json.dumps(result, ensure_ascii=False, indent=2)
    print(text)
    if args.out:
        open(args.out, "w", encoding="utf-8").write(text)


if __name__ == "__main__":
    main()
