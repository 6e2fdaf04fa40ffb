#!/usr/bin/env python3
"""Prints a Markdown summary of one bench/run.sh result folder."""
import json, os, sys

d = sys.argv[1]
j = lambda name: json.load(open(os.path.join(d, name)))
load, size, search, phrases, like, pages = j("load.json"), j("size.json"), j("search.json"), j("phrases.json"), j("like.json"), j("pages.json")
p = {x["name"]: x for x in pages}
print(open(os.path.join(d, "machine.txt")).read().strip())
print()
print("| measure | result |")
print("|---|---|")
print(f"| documents loaded | {load['documents']:,} in {load['seconds']} s = **{load['documentsPerSecond']:,}/s** |")
print(f"| raw text | {load['textBytes'] / 2**20:,.0f} MiB UTF-8 ({load['averageCharacters']} characters per document on average) |")
print(f"| database | {size['databaseBytes'] / 2**20:,.0f} MiB = **{size['databaseBytes'] / load['textBytes']:.2f}×** the raw text |")
print(f"| search via HTTP, {search['requests']} requests ({search['queries']} queries × {search['rounds']}) | p50 {search['p50_ms']} ms, **p95 {search['p95_ms']} ms, p99 {search['p99_ms']} ms**, max {search['max_ms']} ms, errors {search['errors']} |")
print(f"| search throughput ({search['throughput_clients']} clients) | {search['throughput_rps']} requests/s |")
print(f"| server memory | {search['memory_mb'].get('VmRSS')} MiB resident after the run, peak {search['memory_mb'].get('VmHWM')} MiB |")
print(f"| phrase completeness | {phrases['phrases']} phrases on a {phrases['sample']:,}-document sample: {phrases['missing']} missing, {phrases['extra']} extra |")
print(f"| LIKE '%…%' scan vs index ({like['queries']} queries, in process) | LIKE mean {like['likeMeanMs']:.0f} ms, index mean {like['indexMeanMs']:.1f} ms: **{like['ratio']:.0f}×** |")
for page in [x for x in ("item", "column", "home") if f"app-{x}" in p]:
    a, n = p[f"app-{page}"], p[f"nginx-{page}"]
    print(f"| {page} page (wrk -t2 -c64 20 s) | app {a['rps']:,.0f} req/s (p99 {a['p99_ms']} ms, errors {a['errors']}), nginx static {n['rps']:,.0f} req/s: **{100 * a['rps'] / n['rps']:.0f} %** |")
uncached = os.path.join(d, "uncached", "pages.json")
if os.path.exists(uncached):
    u = {x["name"]: x for x in json.load(open(uncached))}
    for page in [x for x in ("item", "column", "home") if f"app-{x}" in u]:
        a, n = u[f"app-{page}"], u[f"nginx-{page}"]
        print(f"| {page} page, page cache off | app {a['rps']:,.0f} req/s (p99 {a['p99_ms']} ms, errors {a['errors']}), nginx static {n['rps']:,.0f} req/s: {100 * a['rps'] / n['rps']:.1f} % |")
print()
print("Slowest queries (median of the measured rounds):")
for s in search["slowest"]:
    print(f"- `{s['query']}`: {s['median_ms']} ms")
