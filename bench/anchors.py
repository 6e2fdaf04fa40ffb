#!/usr/bin/env python3
"""Two anchor search engines on the benchmark's own corpus and queries, in-process.

So that Gongkai can say how its own search index compares, this builds two well-known engines
over the same documents and runs the same 200 fixed queries against them, in this Python
process (no HTTP, no page rendering):

  xapian   Xapian (Debian: apt-get install -y python3-xapian) with CJK n-grams: TermGenerator
           and QueryParser with FLAG_CJK_NGRAM (CJK text becomes unigrams with positions and
           bigrams without), BM25 ranking, words ANDed (set_default_op(OP_AND)), quoted text a
           phrase (FLAG_PHRASE, of the unigrams). Filters are boolean terms (XO<org id>,
           XK<kind>, XV<validity>, XY<year of 成文日期>) applied with OP_FILTER. The database is
           compacted after the build (xapian-compact's job) and queried compacted.
  trigram  SQLite FTS5 with the trigram tokenizer (pip install pysqlite3-binary) over a
           companion table `docs` (external content: id, org, kind, validity, year, title, body,
           indexes on the four filter columns); ranking ORDER BY bm25(fts); filters are a join
           on `docs` (a CROSS JOIN when there is a MATCH, so the full-text query leads). Every
           space-separated word and every quoted phrase must occur (substring).

Corpus: the published items of a loaded benchmark database (opened read-only), in rowid order;
title and the body's plain text (tags stripped, block tags as line breaks, entities unescaped).
The same plain text is given to both engines and to the brute-force check. Document n (from 1)
is docid n in Xapian and rowid n in FTS5.

Measured, per engine (JSON to --out, a short summary on stdout):
  build    documents, seconds, documents/s, index bytes on disk and their ratio to the raw
           plain text (UTF-8 bytes of title + body). Xapian: the build (add documents, commit)
           and the compaction, sizes of both. FTS5: storing the rows in `docs` (with its
           indexes), then the index ('rebuild') and 'optimize'; the index's size is the growth
           of the database file through those two steps (the file holds the text as well; its
           whole size is reported too).
  queries  bench/queries.txt (filters after a tab: org=N, the Nth benchmark organisation;
           kind=, validity= raw values; from=/to= years of 成文日期). One untimed warm-up pass,
           then the 200 queries 3 times (like bench/search_http.py); each timing covers query
           construction, execution, the top 20 ids by the engine's ranking and the match count.
           p50/p95/p99/max over the 600 timings, the 10 slowest queries by median.
           Match counts: Xapian's get_matches_estimated() with the default check_at_least=0
           (an estimate, often rounded; how many were exact is recorded), and the whole run
           again with check_at_least = all documents ("queries_exact_totals"), which makes the
           count exact like FTS5's count(*) OVER ().
  phrases  for the quoted-phrase queries without filters, each engine's set of matching
           documents (all of them, exact, untimed) against a brute-force substring scan of the
           plain text in memory: missing and extra documents.

Caveats, stated once:
  * FTS5 trigram cannot MATCH a word shorter than 3 characters. Such words become
    (title LIKE '%w%' OR body LIKE '%w%') on the FTS table, which the index cannot help
    with: a scan of the stored text. A query whose every word is short is answered by that
    scan alone, unranked (rowid order, since bm25() needs MATCH); a query with some long
    words is MATCHed on those and the short ones are checked row by row. Both counts are
    reported ("like_only", "like_mixed"); it is the honest cost of this engine.
  * The engines do not mean the same by an unquoted CJK word: FTS5 trigram matches it as a
    substring; Xapian's n-gram query is the AND of its unigrams and bigrams anywhere in the
    document, so it matches more. Totals differ for that reason; per-query totals are in
    the JSON. Xapian's positions skip punctuation, so a Xapian phrase can match across a
    comma ("extra" in the phrase check).
  * Indexed text is title + body only; Gongkai also indexes 文号, 索引号, keywords and summary.
  * Xapian defaults otherwise (flush threshold, no stemmer); FTS5 columns unweighted in bm25.

Usage:
  bench/anchors.py bench/work/sqlite-100000/gongkai.sqlite --out bench/results/sqlite-100000/anchors.json
  bench/anchors.py DB --limit 5000 --engines xapian          # a quick try
Options: --limit N (first N documents), --engines xapian,trigram, --work DIR (default
bench/work/anchors-<N>/, deleted and made afresh on every run), --queries, --rounds, --out
(default <work>/anchors.json).
"""
import argparse, html, json, os, platform, re, shutil, statistics, sys, time

import pysqlite3 as sqlite3

try:
    import xapian
except ImportError:  # Debian's python3-xapian, when this runs on another Python 3 of the same version
    sys.path.append("/usr/lib/python3/dist-packages")
    try:
        import xapian
    except ImportError:
        xapian = None

# The kinds that are not administrative organs (OrganisationKind.isAdministrativeOrgan: not a
# village, not a public enterprise, not an affiliated institution).
NOT_ORGANS = ("village_committee", "residents_committee", "school", "hospital", "utility",
              "environmental_service", "public_transport", "affiliated_institution")
BENCH_ORGANISATIONS = 20  # DocumentGenerator.organisationCount

BLOCK_TAG = re.compile(r"</?(?:p|div|br|li|ul|ol|h[1-6]|table|thead|tbody|tr|td|th|blockquote|pre|"
                       r"section|article|header|footer|figure|figcaption|hr|dl|dt|dd)\b[^>]*>", re.I)
ANY_TAG = re.compile(r"<[^>]*>")


def plain_text(body_html):
    """Tags out, block tags as line breaks, entities unescaped, lines trimmed, empty lines dropped."""
    text = html.unescape(ANY_TAG.sub("", BLOCK_TAG.sub("\n", body_html)))
    return "\n".join(line.strip(" \t\u3000") for line in text.split("\n") if line.strip(" \t\u3000"))


# ---------------------------------------------------------------- corpus, organisations, queries

def benchmark_organisations(source, db_path):
    """Bench.organisations(): organisations by id, administrative organs that are active, first 20."""
    marks = ",".join("?" * len(NOT_ORGANS))
    ids = [r[0] for r in source.execute(
        f"SELECT id FROM organisations WHERE is_active = 1 AND kind NOT IN ({marks}) ORDER BY id LIMIT ?",
        NOT_ORGANS + (BENCH_ORGANISATIONS,))]
    note = "derived in SQL"
    loaded = os.path.join(os.path.dirname(db_path), "loaded")  # load.json, kept by bench/run.sh
    if os.path.exists(loaded):
        recorded = [o["id"] for o in json.load(open(loaded, encoding="utf-8"))["organisations"]]
        note = "derived in SQL; same as the loader's list" if recorded == ids else \
            f"derived in SQL; DIFFERS from the loader's list {recorded}"
    return ids, note


def read_corpus(source, limit):
    sql = ("SELECT organisation_id, kind, validity, written_on, title, body_html FROM information_items "
           "WHERE status = 'published' ORDER BY rowid")
    rows = source.execute(sql + (" LIMIT ?" if limit else ""), (limit,) if limit else ())
    docs = []
    for org, kind, validity, written_on, title, body in rows:
        docs.append({"org": org, "kind": kind, "validity": validity, "year": int(written_on[:4]),
                     "title": title, "body": plain_text(body)})
    return docs


def read_queries(path, orgs):
    """(line, text, filters) with filters {org: id, kind, validity, years: (from, to) or None}."""
    out = []
    for line in open(path, encoding="utf-8"):
        line = line.rstrip("\n")
        if not line.strip() or line.startswith("#"):
            continue
        text, *rest = line.split("\t")
        raw = {}
        for field in rest:
            for pair in field.split("&"):
                k, v = pair.split("=", 1)
                raw[k] = v
        f = {"org": orgs[int(raw["org"]) - 1] if "org" in raw else None,
             "kind": raw.get("kind"), "validity": raw.get("validity"), "years": None}
        if "from" in raw or "to" in raw:
            lo, hi = int(raw.get("from", 1900)), int(raw.get("to", 2100))
            f["years"] = (min(lo, hi), max(lo, hi))
        out.append((line, text, f))
    return out


def parts(text):
    """The words and quoted phrases of a query: [(text, quoted)]."""
    return [(q, True) if q else (w, False) for q, w in re.findall(r'"([^"]*)"|(\S+)', text) if q or w]


def has_filters(f):
    return any(f[k] for k in ("org", "kind", "validity", "years"))


# ---------------------------------------------------------------- Xapian

class Xapian:
    name = "xapian"

    def __init__(self, folder):
        self.folder = folder
        self.built = os.path.join(folder, "built")
        self.compacted = os.path.join(folder, "compacted")
        self.check_at_least = 0  # Xapian's default: the total is an estimate

    def build(self, docs):
        db = xapian.WritableDatabase(self.built, xapian.DB_CREATE_OR_OVERWRITE)
        tg = xapian.TermGenerator()
        tg.set_flags(xapian.TermGenerator.FLAG_CJK_NGRAM)
        started = time.perf_counter()
        for n, d in enumerate(docs, 1):
            doc = xapian.Document()
            tg.set_document(doc)
            tg.index_text(d["title"])
            tg.increase_termpos()  # no phrase across title and body
            tg.index_text(d["body"])
            doc.add_boolean_term(f"XO{d['org']}")
            doc.add_boolean_term(f"XK{d['kind']}")
            doc.add_boolean_term(f"XV{d['validity']}")
            doc.add_boolean_term(f"XY{d['year']}")
            db.replace_document(n, doc)
        db.commit()
        db.close()
        build = time.perf_counter() - started
        built_bytes = folder_bytes(self.built)
        started = time.perf_counter()
        xapian.Database(self.built).compact(self.compacted)
        compact = time.perf_counter() - started
        self.open()
        return {"build_seconds": build, "compact_seconds": compact, "seconds": build + compact,
                "index_bytes_built": built_bytes, "index_bytes": folder_bytes(self.compacted),
                "file_bytes": folder_bytes(self.compacted), "documents": self.db.get_doccount()}

    def open(self):
        self.db = xapian.Database(self.compacted)
        self.qp = xapian.QueryParser()
        self.qp.set_database(self.db)
        self.qp.set_default_op(xapian.Query.OP_AND)
        self.flags = (xapian.QueryParser.FLAG_DEFAULT | xapian.QueryParser.FLAG_PHRASE
                      | xapian.QueryParser.FLAG_CJK_NGRAM)

    def query(self, text, f):
        q = self.qp.parse_query(text, self.flags)
        filters = [xapian.Query(t) for t in
                   ([f"XO{f['org']}"] if f["org"] else []) + ([f"XK{f['kind']}"] if f["kind"] else [])
                   + ([f"XV{f['validity']}"] if f["validity"] else [])]
        if f["years"]:
            years = [xapian.Query(f"XY{y}") for y in range(f["years"][0], f["years"][1] + 1)]
            filters.append(xapian.Query(xapian.Query.OP_OR, years))
        if filters:
            q = xapian.Query(xapian.Query.OP_FILTER, q, xapian.Query(xapian.Query.OP_AND, filters))
        return q

    def search(self, text, f):
        enquire = xapian.Enquire(self.db)
        enquire.set_query(self.query(text, f))
        mset = enquire.get_mset(0, 20, self.check_at_least)
        ids = [m.docid for m in mset]
        exact = mset.get_matches_lower_bound() == mset.get_matches_upper_bound()
        return ids, mset.get_matches_estimated(), {"exact_total": exact}

    def all_ids(self, text, f):
        enquire = xapian.Enquire(self.db)
        enquire.set_query(self.query(text, f))
        enquire.set_docid_order(xapian.Enquire.ASCENDING)
        enquire.set_weighting_scheme(xapian.BoolWeight())
        return {m.docid for m in enquire.get_mset(0, self.db.get_doccount())}

    def close(self):
        self.db.close()


# ---------------------------------------------------------------- FTS5 trigram

class Trigram:
    name = "trigram"

    def __init__(self, folder):
        self.path = os.path.join(folder, "trigram.sqlite")

    def build(self, docs):
        db = sqlite3.connect(self.path, isolation_level=None)
        db.execute("PRAGMA journal_mode=WAL")
        db.execute("PRAGMA synchronous=NORMAL")
        db.execute("CREATE TABLE docs (id INTEGER PRIMARY KEY, org INTEGER NOT NULL, kind TEXT NOT NULL, "
                   "validity TEXT NOT NULL, year INTEGER NOT NULL, title TEXT NOT NULL, body TEXT NOT NULL)")
        for col in ("org", "kind", "validity", "year"):
            db.execute(f"CREATE INDEX docs_{col} ON docs ({col})")
        db.execute("CREATE VIRTUAL TABLE fts USING fts5(title, body, content='docs', content_rowid='id', "
                   "tokenize='trigram')")
        empty = self.checkpointed_size(db)
        started = time.perf_counter()
        for first in range(0, len(docs), 1000):
            db.execute("BEGIN")
            db.executemany("INSERT INTO docs VALUES (?, ?, ?, ?, ?, ?, ?)",
                           [(n + 1, d["org"], d["kind"], d["validity"], d["year"], d["title"], d["body"])
                            for n, d in enumerate(docs[first:first + 1000], first)])
            db.execute("COMMIT")
        store = time.perf_counter() - started
        stored = self.checkpointed_size(db)
        started = time.perf_counter()
        db.execute("INSERT INTO fts(fts) VALUES ('rebuild')")
        index = time.perf_counter() - started
        indexed = self.checkpointed_size(db)
        started = time.perf_counter()
        db.execute("INSERT INTO fts(fts) VALUES ('optimize')")
        optimize = time.perf_counter() - started
        optimized = self.checkpointed_size(db)
        db.close()
        self.db = sqlite3.connect(f"file:{self.path}?mode=ro", uri=True)
        return {"store_seconds": store, "index_seconds": index, "optimize_seconds": optimize,
                "seconds": store + index + optimize, "store_bytes": stored - empty,
                "index_bytes_built": indexed - stored, "index_bytes": optimized - stored,
                "file_bytes": optimized,
                "documents": self.db.execute("SELECT count(*) FROM docs").fetchone()[0]}

    @staticmethod
    def checkpointed_size(db):
        db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        page_size = db.execute("PRAGMA page_size").fetchone()[0]
        return page_size * (db.execute("PRAGMA page_count").fetchone()[0] - db.execute("PRAGMA freelist_count").fetchone()[0])

    def sql(self, text, f, select):
        """The statement and its arguments; path is 'match', 'like_mixed' or 'like_only'."""
        long = [p for p, _ in parts(text) if len(p) >= 3]
        short = [p for p, _ in parts(text) if len(p) < 3]
        where, args = [], []
        if long:
            where.append("fts MATCH ?")
            args.append(" AND ".join('"' + p.replace('"', '""') + '"' for p in long))
        for p in short:
            pattern = "%" + p.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
            where.append("(fts.title LIKE ? ESCAPE '\\' OR fts.body LIKE ? ESCAPE '\\')")
            args += [pattern, pattern]
        join = ""
        if has_filters(f):
            # With MATCH, CROSS JOIN keeps the full-text query outermost: left to itself the planner
            # walks a filter column's index and runs the MATCH once per row (100 times slower).
            join = f" {'CROSS JOIN' if long else 'JOIN'} docs d ON d.id = fts.rowid"
            for col in ("org", "kind", "validity"):
                if f[col]:
                    where.append(f"d.{col} = ?")
                    args.append(f[col])
            if f["years"]:
                where.append("d.year BETWEEN ? AND ?")
                args += list(f["years"])
        path = "like_only" if not long else "like_mixed" if short else "match"
        if select == "top":
            # bm25() cannot sit beside a window function, so the scores come from a subquery.
            score = "bm25(fts)" if long else "fts.rowid"
            sql = (f"SELECT id, count(*) OVER () FROM (SELECT fts.rowid AS id, {score} AS score FROM fts{join} "
                   f"WHERE {' AND '.join(where)}) ORDER BY score LIMIT 20")
        else:
            sql = f"SELECT fts.rowid FROM fts{join} WHERE {' AND '.join(where)}"
        return sql, args, path

    def search(self, text, f):
        sql, args, path = self.sql(text, f, "top")
        rows = self.db.execute(sql, args).fetchall()
        return [r[0] for r in rows], (rows[0][1] if rows else 0), {"path": path}

    def all_ids(self, text, f):
        sql, args, _ = self.sql(text, f, "all")
        return {r[0] for r in self.db.execute(sql, args)}

    def close(self):
        self.db.close()


# ---------------------------------------------------------------- measuring

def folder_bytes(path):
    return sum(os.path.getsize(os.path.join(d, name)) for d, _, names in os.walk(path) for name in names)


def percentile(values, p):  # as in bench/search_http.py
    s = sorted(values)
    k = max(0, min(len(s) - 1, int(round(p / 100 * len(s) + 0.5)) - 1))
    return s[k]


def run_queries(engine, queries, rounds):
    for _, text, f in queries:  # warm-up, untimed
        engine.search(text, f)
    times, per_query, details = [], {}, {}
    for _ in range(rounds):
        for line, text, f in queries:
            t = time.perf_counter()
            ids, total, info = engine.search(text, f)
            ms = (time.perf_counter() - t) * 1000
            times.append(ms)
            per_query.setdefault(line, []).append(ms)
            details[line] = {"total": total, "top": len(ids), **info}
    slowest = sorted(((statistics.median(v), k) for k, v in per_query.items()), reverse=True)[:10]
    result = {"queries": len(queries), "rounds": rounds, "timings": len(times),
              "p50_ms": round(percentile(times, 50), 2), "p95_ms": round(percentile(times, 95), 2),
              "p99_ms": round(percentile(times, 99), 2), "max_ms": round(max(times), 2),
              "mean_ms": round(statistics.mean(times), 2),
              "with_matches": sum(1 for d in details.values() if d["total"] > 0),
              "slowest": [{"query": k, "median_ms": round(v, 2), "max_ms": round(max(per_query[k]), 2)} for v, k in slowest],
              "per_query": [{"query": line, "median_ms": round(statistics.median(per_query[line]), 2), **details[line]}
                            for line, _, _ in queries]}
    if engine.name == "trigram":
        for path in ("match", "like_mixed", "like_only"):
            result[path] = sum(1 for d in details.values() if d["path"] == path)
    else:
        result["exact_totals"] = sum(1 for d in details.values() if d["exact_total"])
    return result


def phrase_check(engine, queries, docs):
    results, missing, extra = [], 0, 0
    for line, text, f in queries:
        ps = parts(text)
        if has_filters(f) or len(ps) != 1 or not ps[0][1]:
            continue
        phrase = ps[0][0]
        truth = {n for n, d in enumerate(docs, 1) if phrase in d["title"] or phrase in d["body"]}
        found = engine.all_ids(text, f)
        m, e = len(truth - found), len(found - truth)
        missing, extra = missing + m, extra + e
        results.append({"phrase": phrase, "brute_force": len(truth), "engine": len(found), "missing": m, "extra": e})
    return {"phrases": len(results), "missing": missing, "extra": extra, "results": results}


def machine():
    model = next((line.split(":", 1)[1].strip() for line in open("/proc/cpuinfo") if line.startswith("model name")), "?")
    mem = next((int(line.split()[1]) // 1024 for line in open("/proc/meminfo") if line.startswith("MemTotal")), 0)
    return {"cpu": model, "cores": os.cpu_count(), "memory_mb": mem, "python": platform.python_version(),
            "xapian": xapian.version_string() if xapian else None, "sqlite": sqlite3.sqlite_version,
            "date": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())}


def main():
    a = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    a.add_argument("database", help="a loaded benchmark database, e.g. bench/work/sqlite-100000/gongkai.sqlite")
    a.add_argument("--limit", type=int, default=0, help="use only the first N documents")
    a.add_argument("--engines", default="xapian,trigram")
    a.add_argument("--work", help="index folder, deleted and made afresh (default bench/work/anchors-<N>)")
    a.add_argument("--queries", default=os.path.join(os.path.dirname(os.path.abspath(__file__)), "queries.txt"))
    a.add_argument("--rounds", type=int, default=3)
    a.add_argument("--out", help="JSON result (default <work>/anchors.json)")
    a.add_argument("--reuse", action="store_true",
                   help="query the Xapian index an earlier run built in the work folder (same corpus): no build, Xapian only")
    args = a.parse_args()
    if args.reuse and args.engines != "xapian":
        a.error("--reuse measures Xapian alone: add --engines xapian")
    engines = [e.strip() for e in args.engines.split(",") if e.strip()]
    for e in engines:
        if e not in ("xapian", "trigram"):
            a.error(f"unknown engine {e}")
    if "xapian" in engines and xapian is None:
        sys.exit("no xapian module: apt-get install -y python3-xapian")

    source = sqlite3.connect(f"file:{os.path.abspath(args.database)}?mode=ro", uri=True)
    orgs, org_note = benchmark_organisations(source, args.database)
    started = time.perf_counter()
    docs = read_corpus(source, args.limit)
    source.close()
    raw_bytes = sum(len(d["title"].encode()) + len(d["body"].encode()) for d in docs)
    print(f"corpus: {len(docs)} documents, {raw_bytes / 1e6:.1f} MB plain text (title + body), "
          f"read in {time.perf_counter() - started:.1f} s; organisations 1–20 = ids {orgs} ({org_note})")
    queries = read_queries(args.queries, orgs)

    work = os.path.abspath(args.work or os.path.join(os.path.dirname(os.path.abspath(__file__)), "work", f"anchors-{len(docs)}"))
    if os.path.abspath(args.database).startswith(work + os.sep):
        sys.exit("the work folder holds the source database; choose another --work")
    if not args.reuse:
        shutil.rmtree(work, ignore_errors=True)
        os.makedirs(work)
    out = args.out or os.path.join(work, "anchors.json")

    result = {"source": args.database, "documents": len(docs), "raw_text_bytes": raw_bytes,
              "organisations": orgs, "organisations_note": org_note, "queries_file": args.queries,
              "machine": machine(), "engines": {}}
    for name in engines:
        engine = (Xapian if name == "xapian" else Trigram)(os.path.join(work, name))
        os.makedirs(os.path.join(work, name), exist_ok=True)
        if args.reuse:
            engine.open()
            if engine.db.get_doccount() != len(docs):
                sys.exit(f"the kept Xapian index holds {engine.db.get_doccount()} documents, the corpus {len(docs)}")
            # Not built here: the build figures are the earlier run's.
            build = {"reused": True, "index_bytes": folder_bytes(engine.compacted), "documents": engine.db.get_doccount()}
        else:
            print(f"{name}: building …", flush=True)
            build = engine.build(docs)
            build["documents_per_second"] = round(len(docs) / build["seconds"], 1)
        build["index_to_text"] = round(build["index_bytes"] / raw_bytes, 3)
        for k in list(build):
            if k.endswith("seconds"):
                build[k] = round(build[k], 2)
        print(f"{name}: querying …", flush=True)
        measured = run_queries(engine, queries, args.rounds)
        entry = {"build": build, "queries": measured}
        if name == "xapian":  # again, with exact totals (check_at_least = all documents), as FTS5 gives
            engine.check_at_least = len(docs)
            entry["queries_exact_totals"] = run_queries(engine, queries, args.rounds)
        entry["phrases"] = phrases = phrase_check(engine, queries, docs)
        engine.close()
        result["engines"][name] = entry

        built = "kept from an earlier run" if build.get("reused") else f"{build['seconds']:.1f} s ({build['documents_per_second']:.0f} docs/s)"
        line = (f"{name}: build {built}, "
                f"index {build['index_bytes'] / 1e6:.1f} MB = {build['index_to_text']:.2f}× text; "
                f"queries p50 {measured['p50_ms']} ms, p95 {measured['p95_ms']} ms, p99 {measured['p99_ms']} ms, "
                f"max {measured['max_ms']} ms, {measured['with_matches']}/{len(queries)} with matches; "
                f"phrases {phrases['phrases']}: {phrases['missing']} missing, {phrases['extra']} extra")
        if name == "trigram":
            line += f"; LIKE path: {measured['like_only']} queries alone, {measured['like_mixed']} beside MATCH"
        else:
            exact = entry["queries_exact_totals"]
            line += (f"; totals estimated (exact for {measured['exact_totals']}/{len(queries)}); with exact totals: "
                     f"p50 {exact['p50_ms']} ms, p95 {exact['p95_ms']} ms, p99 {exact['p99_ms']} ms, max {exact['max_ms']} ms")
        print(line)
        print("  slowest: " + ", ".join(f"{s['query'].replace(chr(9), ' ')} {s['median_ms']} ms" for s in measured["slowest"][:5]))

    os.makedirs(os.path.dirname(os.path.abspath(out)), exist_ok=True)
    with open(out, "w", encoding="utf-8") as fh:
        json.dump(result, fh, ensure_ascii=False, indent=2)
    print(f"written: {out}")


if __name__ == "__main__":
    main()
