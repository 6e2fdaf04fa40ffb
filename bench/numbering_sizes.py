"""How much FTS5's body index depends on the document numbers (issue 21): the same terms stored
under the numbering layouts considered, the index optimised, its data blocks summed.

  python3 bench/numbering_sizes.py DB window   # a time slice of DB holding ~100,000 documents
  python3 bench/numbering_sizes.py DB all      # every document of DB

The terms are an approximation of Gongkai's tokenizer (CJK bigrams plus a run's last character,
Latin/digit words; markup dropped by a regular expression): enough to compare layouts, not to
reproduce the index. Needs pysqlite3-binary (FTS5 with contentless_delete)."""
import pysqlite3 as sqlite3, re, sys, os, time
db = sys.argv[1]; window = sys.argv[2] == 'window'
src = sqlite3.connect(f'file:{db}?mode=ro', uri=True)
if window:
    lo, hi = src.execute("SELECT min(published), max(published) FROM item_search_keys").fetchone()
    # a slice of the time span holding about 100,000 documents keeps the full database's density
    total = src.execute("SELECT count(*) FROM item_search_keys").fetchone()[0]
    mid = (lo+hi)/2; half = (hi-lo)*50000/total
    rows = src.execute("SELECT k.doc, k.published, i.body_html FROM item_search_keys k JOIN information_items i ON i.id = k.item_id WHERE k.published BETWEEN ? AND ?", (mid-half, mid+half)).fetchall()
else:
    rows = src.execute("SELECT k.doc, k.published, i.body_html FROM item_search_keys k JOIN information_items i ON i.id = k.item_id").fetchall()
print(len(rows), flush=True)
def terms(html):
    t = re.sub(r'<[^>]+>', ' ', html)
    out=[]
    for run in re.findall(r'[\u3400-\u4dbf\u4e00-\u9fff]+|[0-9A-Za-z]+', t):
        if '\u3400' <= run[0]:
            out += [run[i:i+2] for i in range(len(run)-1)] + [run[-1]]
        else: out.append(run.lower())
    return ' '.join(out)
docs = sorted(((d, p, terms(b)) for d, p, b in rows), key=lambda x: x[1])
def build(name, numbered):
    path=os.environ.get('SCRATCH', '/tmp/numbering-sizes.sqlite')
    if os.path.exists(path): os.remove(path)
    c=sqlite3.connect(path)
    c.execute("CREATE VIRTUAL TABLE s USING fts5(body, content='', contentless_delete=1, tokenize='unicode61 remove_diacritics 0')")
    numbered.sort()
    for i in range(0, len(numbered), 2500):
        c.executemany("INSERT INTO s(rowid, body) VALUES (?,?)", numbered[i:i+2500]); c.commit()
    c.execute("INSERT INTO s(s) VALUES('optimize')"); c.commit()
    n=c.execute("select sum(length(block)) from s_data").fetchone()[0]
    print(f"{name:12s} s_data {n/2**20:8.1f} MiB", flush=True)
def timed(unit, slots):
    used={}; out=[]
    for d,p,t in docs:
        b=(1<<62)+int(max(0,p)//unit)*slots
        n=used.get(b,b); used[b]=n+1; out.append((n,t))
    return out
# the numbers DB holds: the millisecond x 2^20 layout in databases loaded before 2026-12-03
# the numbers DB holds: the millisecond x 2^20 layout in databases loaded before 2026-12-03
build('ms2^20', [(d, t) for d,p,t in docs])
build('sec*1024', timed(1, 1024))
build('min*64', timed(60, 64))
build('min*16', timed(60, 16))
build('sec*4', timed(1, 4))
build('sequential', [(k+1,t) for k,(d,p,t) in enumerate(docs)])
