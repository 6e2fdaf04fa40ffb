#!/usr/bin/env python3
"""Where a filtered search's time goes in FTS5, on a loaded benchmark database.

For the slowest filtered queries of bench/queries.txt, times the four index queries the search
makes when the matches are few enough to rank (newest 1,001; the same ranked with bm25; titles;
titles of 解读) and, beside them, a count of the text part alone over the whole index, which is
the work bm25 does for its IDF. Two passes; the second is printed (warm cache).
Usage: bench/fts5_scoring.py bench/work/sqlite-100000/gongkai.sqlite   (pip install pysqlite3-binary)
"""
import sys, time
import pysqlite3 as sqlite3


def fnv36(s):
    h = 0xcbf29ce484222325
    for b in s.encode():
        h = ((h ^ b) * 0x100000001b3) & 0xffffffffffffffff
    digits, out = "0123456789abcdefghijklmnopqrstuvwxyz", ""
    while h:
        out, h = digits[h % 36] + out, h // 36
    return out or "0"


def main():
    db = sqlite3.connect(sys.argv[1])

    def ms(sql, *args):
        t = time.perf_counter()
        rows = db.execute(sql, args).fetchall()
        return (time.perf_counter() - t) * 1000, len(rows)

    kind, repealed, interpretation = "k" + fnv36("normative"), "v" + fnv36("repealed"), "k" + fnv36("interpretation")
    cases = [("社会救助 kind=normative validity=repealed", '"社会 会救 救助"', f"meta : {kind} AND meta : {repealed}"),
             ("管理办法 validity=repealed", '"管理 理办 办法"', f"meta : {repealed}"),
             ("临时救助 from=2010 to=2012", '"临时 时救 救助"', "meta : (y2010 OR y2011 OR y2012)")]
    for _ in range(2):
        lines = []
        for label, text, facets in cases:
            body, title = f"{{title body}} : {text} AND {facets}", f"title : {text} AND {facets}"
            newest = ms("SELECT rowid FROM item_search WHERE item_search MATCH ? ORDER BY rowid DESC LIMIT 1001", body)
            scored = ms("SELECT rowid, -bm25(item_search, 10.0, 1.0, 0.0) FROM item_search WHERE item_search MATCH ? ORDER BY rowid DESC LIMIT 1000", body)
            titles = ms("SELECT rowid FROM item_search_titles WHERE item_search_titles MATCH ? ORDER BY rowid DESC LIMIT 1000", title)
            readings = ms("SELECT rowid FROM item_search_titles WHERE item_search_titles MATCH ? ORDER BY rowid DESC LIMIT 1000", f"{title} AND meta : {interpretation}")
            whole = ms("SELECT count(*) FROM item_search WHERE item_search MATCH ?", f"{{title body}} : {text}")
            lines.append(f"{label}: {newest[1]} matches; newest {newest[0]:.1f} ms, bm25-ranked {scored[0]:.1f} ms, "
                         f"titles {titles[0]:.1f} ms, 解读 titles {readings[0]:.1f} ms; text part counted over the whole index {whole[0]:.1f} ms")
    print("\n".join(lines))


main()
