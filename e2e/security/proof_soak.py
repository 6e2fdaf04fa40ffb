#!/usr/bin/env python3
"""Proof: steady mixed GET load on the public site for two minutes without errors and without the
server's memory growing.

Crawls the demo site for its public URLs (home, every organisation's 信息公开 pages and columns, every
published item, 政策文件库, search, the read-only API), fetches each once (so that the page cache and
other lazily built state is in place), then runs --workers closed-loop clients with keep-alive
connections for --seconds. Searches combine pieces of the ~300 title words in pairs with page numbers
(tens of thousands of distinct queries), so an unbounded per-query cache would show. The server's RSS
is read from /proc/<pid>/status every --sample seconds.

Passes when every response is 200, no request fails at network level, and the RSS at the end of the
run exceeds the RSS at the end of the warm-up (--warmup seconds) by less than --max-growth-mb.

The bound, 16 MiB: after the warm-up crawl every cacheable page is already in the page cache (the demo
has far fewer pages than GONGKAI_PAGE_CACHE_PAGES = 2000), so what may still grow is allocator
fragmentation and buffers sized to the concurrency, which level off within seconds (measured: +0.2 MiB
over the last 90 s, on a footprint of about 64 MiB). The window holds about 20,000 requests (~200/s
here), so a leak of 1 KiB per request, or per distinct search, exceeds the bound; so does any steady
growth above 11 MiB a minute.
"""
import argparse
import json
import os
import random
import re
import sys
import threading
import time
import urllib.parse

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import gkserver as gk  # noqa: E402


def crawl(port):
    """The public URLs of the demo site, grouped by kind."""
    c = gk.Client(port)
    urls = {"home": ["/"], "org": [], "column": [], "item": [], "api": ["/api/v1/organisations"], "static": []}
    status, _, body = c.get("/api/v1/organisations")
    assert status == 200, status
    orgs = json.loads(body)
    for o in orgs:
        oid = o["id"]
        for suffix in ("", "/guide", "/rules", "/fdzdgknr", "/annual-reports", "/catalogue"):
            urls["org"].append(f"/xxgk/{oid}{suffix}")
        status, _, body = c.get(f"/api/v1/organisations/{oid}/columns")
        if status == 200:
            for col in json.loads(body):
                urls["column"].append(f"/xxgk/{oid}/fdzdgknr/{col['key']}")
        urls["api"].append(f"/api/v1/organisations/{oid}/columns")
        urls["api"].append(f"/api/v1/items?organisation={oid}")
    titles = []
    page = 1
    while page <= 50:
        status, _, body = c.get(f"/api/v1/items?per_page=100&page={page}")
        assert status == 200, status
        d = json.loads(body)
        for it in d["items"]:
            urls["item"].append(urllib.parse.urlsplit(it["url"]).path)
            urls["api"].append(f"/api/v1/items/{it['id']}")
            titles.append(it["title"])
        if page * 100 >= d["total"]:
            break
        page += 1
    status, _, html = c.get("/")
    urls["static"] = sorted(set(re.findall(r'href="(/static/[^"]+)"', html)))
    c.close()
    # Existing pages only: a crawl that reaches a 404 is a broken link, not load.
    return urls, titles


def words_from(titles):
    """Two- and three-character pieces of the titles (Chinese search terms) plus a few of no match."""
    pieces = set()
    for t in titles:
        t = re.sub(r"[^\u4e00-\u9fff]", "", t)
        for n in (2, 3):
            for i in range(0, max(0, len(t) - n + 1)):
                pieces.add(t[i:i + n])
    return sorted(pieces) + ["公开", "养老", "预算", "不存在的词语甲乙"]


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--bin", required=True)
    ap.add_argument("--postgres", help="server URL (postgres://...); a fresh database gk_sec_soak is made on it")
    ap.add_argument("--seconds", type=int, default=120)
    ap.add_argument("--warmup", type=int, default=30)
    ap.add_argument("--workers", type=int, default=6)
    ap.add_argument("--sample", type=float, default=3.0)
    ap.add_argument("--max-growth-mb", type=float, default=16.0)
    ap.add_argument("--keep", action="store_true")
    a = ap.parse_args()
    if not 0 < a.warmup < a.seconds:
        ap.error("--warmup must be between 0 and --seconds")

    t0 = time.monotonic()
    ws = gk.Workspace("soak", a.postgres)
    server = gk.Server(a.bin, ws.dir, ws.database_url, name="soak")
    failures = []
    try:
        print(f"soak: starting demo ({'PostgreSQL' if a.postgres else 'SQLite'}) ...", flush=True)
        server.start("demo")
        urls, titles = crawl(server.port)
        words = words_from(titles)
        fixed = [u for k in ("home", "org", "column", "item", "api", "static") for u in urls[k]]
        print(f"soak: {len(fixed)} public URLs ({', '.join(f'{len(v)} {k}' for k, v in urls.items())}), "
              f"{len(words)} search words")

        # Warm-up crawl: each URL once; all must answer 200.
        c = gk.Client(server.port)
        for u in fixed:
            status, _, _ = c.get(u)
            if status != 200:
                failures.append(f"warm-up crawl: GET {u} answered {status}")
        c.close()
        if len(fixed) < 100 or not urls["item"]:
            failures.append(f"crawl found too little to load ({len(fixed)} URLs, {len(urls['item'])} items)")

        orgs = [u.split("/")[2] for u in urls["org"] if u.count("/") == 2]
        years = list(range(2010, 2027))

        def pick(rng):
            r = rng.random()
            if r < 0.45:
                return "page", rng.choice(fixed)
            if r < 0.65:
                q = urllib.parse.quote(rng.choice(words) + ("" if rng.random() < 0.7 else " " + rng.choice(words)))
                extra = f"&org={rng.choice(orgs)}" if rng.random() < 0.3 else ""
                return "search", f"/search?q={q}{extra}&page={rng.randint(1, 3)}"
            if r < 0.75:
                p = [f"org={rng.choice(orgs)}" if rng.random() < 0.5 else "", f"year={rng.choice(years)}" if rng.random() < 0.5 else ""]
                return "zcwjk", "/zcwjk?" + "&".join(x for x in p if x)
            if r < 0.90:
                return "api-search", f"/api/v1/search?q={urllib.parse.quote(rng.choice(words))}&per_page={rng.randint(1, 100)}"
            return "api-items", f"/api/v1/items?page={rng.randint(1, 5)}&per_page={rng.randint(1, 100)}"

        stop = threading.Event()
        lock = threading.Lock()
        stats = {"requests": 0, "errors": 0, "bytes": 0}
        latencies = {}  # kind -> [seconds]
        error_samples = []

        def worker(n):
            rng = random.Random(1000 + n)
            client = gk.Client(server.port, timeout=30)
            local_lat, count, errors, nbytes = {}, 0, 0, 0
            while not stop.is_set():
                kind, path = pick(rng)
                started = time.monotonic()
                try:
                    status, _, body = client.get(path)
                    ok = status == 200
                    nbytes += len(body)
                except Exception as e:
                    status, ok = f"{type(e).__name__}: {e}", False
                local_lat.setdefault(kind, []).append(time.monotonic() - started)
                count += 1
                if not ok:
                    errors += 1
                    with lock:
                        if len(error_samples) < 10:
                            error_samples.append(f"GET {path} -> {status}")
            client.close()
            with lock:
                stats["requests"] += count
                stats["errors"] += errors
                stats["bytes"] += nbytes
                for k, v in local_lat.items():
                    latencies.setdefault(k, []).extend(v)

        samples = []  # (seconds since load start, RSS KiB)
        threads = [threading.Thread(target=worker, args=(n,), daemon=True) for n in range(a.workers)]
        load_start = time.monotonic()
        samples.append((0.0, server.rss_kib()))
        for t in threads:
            t.start()
        next_sample = load_start + a.sample
        while time.monotonic() - load_start < a.seconds:
            time.sleep(max(0.0, next_sample - time.monotonic()))
            next_sample += a.sample
            if not server.alive():
                failures.append("server process died during the soak")
                break
            samples.append((time.monotonic() - load_start, server.rss_kib()))
        stop.set()
        for t in threads:
            t.join(timeout=60)
        elapsed = time.monotonic() - load_start

        mib = lambda k: k / 1024.0  # noqa: E731
        warm = [s for s in samples if s[0] <= a.warmup]
        window = [s for s in samples if s[0] >= a.warmup]
        at_warm = warm[-1][1]
        at_end = samples[-1][1]
        peak = max(s[1] for s in window) if window else at_end
        growth = mib(at_end - at_warm)
        print(f"soak: {stats['requests']} requests in {elapsed:.0f}s ({stats['requests'] / elapsed:.0f}/s, "
              f"{a.workers} clients, {stats['bytes'] / 1e6:.0f} MB), {stats['errors']} errors")
        for k, v in sorted(latencies.items()):
            print(f"soak:   {k:10} {len(v):6} requests, latency p50 {gk.percentile(v, 50) * 1000:6.1f} ms, "
                  f"p99 {gk.percentile(v, 99) * 1000:6.1f} ms, max {max(v) * 1000:6.0f} ms")
        print("soak: RSS MiB every ~%.0fs: %s" % (a.sample * 5, " ".join(f"{mib(s[1]):.0f}" for s in samples[::5])))
        print(f"soak: RSS before load {mib(samples[0][1]):.1f} MiB, after {a.warmup}s warm-up {mib(at_warm):.1f} MiB, "
              f"peak after warm-up {mib(peak):.1f} MiB, at end {mib(at_end):.1f} MiB: growth over the last "
              f"{elapsed - warm[-1][0]:.0f}s {growth:+.1f} MiB (bound {a.max_growth_mb:.0f} MiB)")
        for e in error_samples:
            print(f"soak:   error: {e}")
        if stats["errors"]:
            failures.append(f"{stats['errors']} failed requests")
        if stats["requests"] < a.seconds * 20:
            failures.append(f"only {stats['requests']} requests: the load did not run")
        if growth >= a.max_growth_mb:
            failures.append(f"RSS grew {growth:.1f} MiB after the warm-up (bound {a.max_growth_mb} MiB)")
        if len(window) < 10:
            failures.append(f"only {len(window)} RSS samples after the warm-up")
    except Exception as e:
        failures.append(f"{type(e).__name__}: {e}")
    finally:
        server.stop()
        if failures:
            print("soak: server log tail:\n" + server.log_tail(20))
        ws.close(keep=a.keep or bool(failures))

    print(f"soak: {time.monotonic() - t0:.0f}s")
    for f in failures:
        print(f"soak: FAIL: {f}")
    print("soak: " + ("FAILED" if failures else "PASSED"))
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
