#!/usr/bin/env python3
"""FTS5 insert cost by transaction size and hashsize, on the benchmark's own documents.

Reads 5,000 bodies from a loaded benchmark database, makes index terms the way Gongkai does
(CJK bigrams plus the last character of each run, words lower-cased; a close approximation made
with regular expressions, enough to compare settings), and inserts 20,000 documents into fresh
on-disk copies of Gongkai's two FTS5 tables in WAL mode, in transactions of N documents, with
FTS5's hashsize at H. Prints seconds in total and in COMMIT. Needs an SQLite with FTS5 and
contentless_delete (3.43+): pip install pysqlite3-binary.
Usage: bench/fts5_batches.py bench/work/sqlite-100000/gongkai.sqlite
"""
import os, re, sys, tempfile, time
import pysqlite3 as sqlite3


def terms(html):
    text = re.sub(r"<[^>]+>", "\n", html)
    out = []
    for run in re.findall(r"[\u4e00-\u9fff]+|[0-9A-Za-z]+", text):
        if re.match(r"[\u4e00-\u9fff]", run):
            out += [run[i:i + 2] for i in range(len(run) - 1)] + [run[-1]]
        else:
            out.append(run.lower())
    return " ".join(out)


def run(docs, batch, hashsize):
    folder = tempfile.mkdtemp()
    db = sqlite3.connect(os.path.join(folder, "t.sqlite"), isolation_level=None)
    db.execute("PRAGMA journal_mode=WAL")
    for table, cols in (("item_search", "title, body, meta"), ("item_search_titles", "title, meta")):
        db.execute(f"CREATE VIRTUAL TABLE {table} USING fts5({cols}, content='', contentless_delete=1, tokenize='unicode61 remove_diacritics 0')")
        db.execute(f"INSERT INTO {table}({table}, rank) VALUES('hashsize', {hashsize})")
    started, committing = time.perf_counter(), 0.0
    for first in range(0, len(docs), batch):
        db.execute("BEGIN")
        for n in range(first, min(first + batch, len(docs))):
            d = docs[n]
            db.execute("INSERT INTO item_search(rowid, title, body, meta) VALUES (?, ?, ?, ?)", (n + 1, d[:60], d, "o1 kabc vdef y2020"))
            db.execute("INSERT INTO item_search_titles(rowid, title, meta) VALUES (?, ?, ?)", (n + 1, d[:60], "o1 kabc vdef y2020"))
        t = time.perf_counter()
        db.execute("COMMIT")
        committing += time.perf_counter() - t
    total = time.perf_counter() - started
    db.close()
    return total, committing


def main():
    source = sqlite3.connect(sys.argv[1])
    bodies = [r[0] for r in source.execute("SELECT body_html FROM information_items LIMIT 5000")]
    docs = ([terms(b) for b in bodies] * 4)[:20000]
    print(f"{len(docs)} documents, {sum(d.count(' ') + 1 for d in docs)} terms")
    for batch, hashsize in ((250, 8 << 20), (1000, 8 << 20), (1000, 32 << 20), (2500, 64 << 20)):
        total, committing = run(docs, batch, hashsize)
        print(f"batch {batch:5d}  hashsize {hashsize >> 20:3d} MiB  {total:6.2f} s  (COMMIT {committing:5.2f} s)")


if __name__ == "__main__":
    main()
