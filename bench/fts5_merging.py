#!/usr/bin/env python3
"""FTS5 merging during a bulk load, on the benchmark's own documents.

Inserts N documents (terms made as in bench/fts5_batches.py from 5,000 bodies of a loaded
benchmark database, repeated) into fresh on-disk copies of Gongkai's two FTS5 tables in WAL mode,
2,500 per transaction with a 32 MiB hashsize (the loader's settings), under several merge
settings: FTS5's defaults (automerge 4, crisismerge 16) and fewer merges while loading, each
followed by what would leave the index as the defaults do or better ('optimize'). Prints the
seconds of the load and of the finishing step, the data blocks' size, the segment count and the
time of a few queries afterwards. Needs pysqlite3-binary (SQLite 3.43+).
Usage: bench/fts5_merging.py bench/work/sqlite-100000/gongkai.sqlite [N]
"""
import os, shutil, sys, tempfile, time
import pysqlite3 as sqlite3

sys.path.insert(0, os.path.dirname(__file__))
from fts5_batches import terms  # noqa: E402  (the same approximation of Gongkai's terms)


QUERIES = ['"社会 会救 救助"', '"政务 务公 公开" AND meta : o3', '"实施 施方 方案"', '"临时 时救 救助"', '"高标 标准 准农 农田 田建 建设"']


def run(docs, automerge, crisismerge, finish):
    folder = tempfile.mkdtemp()
    db = sqlite3.connect(os.path.join(folder, "t.sqlite"), isolation_level=None)
    db.execute("PRAGMA journal_mode=WAL")
    tables = (("item_search", "title, body, meta"), ("item_search_titles", "title, meta"))
    for table, cols in tables:
        db.execute(f"CREATE VIRTUAL TABLE {table} USING fts5({cols}, content='', contentless_delete=1, tokenize='unicode61 remove_diacritics 0')")
        db.execute(f"INSERT INTO {table}({table}, rank) VALUES('hashsize', {32 << 20})")
        db.execute(f"INSERT INTO {table}({table}, rank) VALUES('automerge', {automerge})")
        db.execute(f"INSERT INTO {table}({table}, rank) VALUES('crisismerge', {crisismerge})")
    started = time.perf_counter()
    for first in range(0, len(docs), 2500):
        db.execute("BEGIN")
        for n in range(first, min(first + 2500, len(docs))):
            d = docs[n]
            meta = f"o{n % 20 + 1} kabc vdef y{2010 + n % 17}"
            db.execute("INSERT INTO item_search(rowid, title, body, meta) VALUES (?, ?, ?, ?)", (n + 1, d[:60], d, meta))
            db.execute("INSERT INTO item_search_titles(rowid, title, meta) VALUES (?, ?, ?)", (n + 1, d[:60], meta))
        db.execute("COMMIT")
    loading = time.perf_counter() - started
    started = time.perf_counter()
    if finish == "optimize":
        for table, _ in tables:
            db.execute(f"INSERT INTO {table}({table}) VALUES('optimize')")
    finishing = time.perf_counter() - started
    for table, _ in tables:
        db.execute(f"INSERT INTO {table}({table}, rank) VALUES('automerge', 4)")
        db.execute(f"INSERT INTO {table}({table}, rank) VALUES('crisismerge', 16)")
    size = db.execute("SELECT sum(length(block)) FROM item_search_data").fetchone()[0]
    segments = db.execute("SELECT count(*) FROM item_search_idx").fetchone()[0]
    q = time.perf_counter()
    for _ in range(3):
        for m in QUERIES:
            db.execute("SELECT rowid FROM item_search WHERE item_search MATCH ? ORDER BY rowid DESC LIMIT 1001", (m,)).fetchall()
    querying = (time.perf_counter() - q) / 3
    db.close()
    shutil.rmtree(folder)
    return loading, finishing, size, segments, querying


def main():
    source = sqlite3.connect(sys.argv[1])
    count = int(sys.argv[2]) if len(sys.argv) > 2 else 200_000
    bodies = [r[0] for r in source.execute("SELECT body_html FROM information_items LIMIT 5000")]
    base = [terms(b) for b in bodies]
    docs = [base[n % len(base)] for n in range(count)]
    print(f"{len(docs)} documents, {sum(d.count(' ') + 1 for d in docs)} terms, SQLite {sqlite3.sqlite_version}")
    for automerge, crisismerge, finish in ((4, 16, "none"), (4, 16, "optimize"), (0, 16, "optimize"), (0, 64, "optimize"), (8, 16, "none")):
        loading, finishing, size, segments, querying = run(docs, automerge, crisismerge, finish)
        print(f"automerge {automerge:2d} crisismerge {crisismerge:2d} then {finish:8s}: load {loading:6.1f} s + {finishing:5.1f} s = "
              f"{loading + finishing:6.1f} s, {len(docs) / (loading + finishing):6.0f} docs/s, data {size / 2**20:7.1f} MiB, "
              f"{segments} idx rows, 5 queries {querying * 1000:6.1f} ms", flush=True)


main()
