# A model of the audit's signal-id index alone (docs/benchmarks.md, "SQLite, round 12"): WAL frames per row
# written by that index, rows inserted 27 per transaction after `pre` rows already there, for the text index on
# signal_id (schema 10) and an index of a 64-bit key of the id (ActionKeys' function), with the benchmark's
# sequential ids ("s-<n>") and with random ids (UUIDs).   python3 sqlite12-audit-signal-sim.py
import sqlite3, os, struct, sys, uuid, collections, hashlib
def key(s):
    h = 0xcbf29ce484222325
    for ch in s:
        h ^= ord(ch); h = (h * 0x100000001b3) & 0xFFFFFFFFFFFFFFFF
    h ^= h >> 33; h = (h * 0xff51afd7ed558ccd) & 0xFFFFFFFFFFFFFFFF
    h ^= h >> 33; h = (h * 0xc4ceb9fe1a85ec53) & 0xFFFFFFFFFFFFFFFF
    h ^= h >> 33
    return h - (1 << 64) if h >= (1 << 63) else h
def run(layout, ids, pre, n, group=27):
    d = '/tmp/sqlite12-audit-sim'; os.makedirs(d, exist_ok=True)
    p = os.path.join(d, 'a.db')
    for f in (p, p + '-wal', p + '-shm'):
        if os.path.exists(f): os.remove(f)
    c = sqlite3.connect(p, isolation_level=None)
    c.execute('pragma journal_mode=wal'); c.execute('pragma wal_autocheckpoint=0')
    c.execute('create table audit (id integer primary key autoincrement, subject text, doc text, signal_id text, signal_key integer)')
    c.execute('create index ix on audit (signal_key)' if layout == 'key' else 'create index ix on audit (signal_id)')
    def gen(i):
        return str(uuid.UUID(bytes=hashlib.md5(str(i).encode()).digest())) if ids == 'uuid' else 's-%d' % i
    c.execute('begin')
    for i in range(pre):
        s = gen(-1 - i) if ids == 'uuid' else 'old-%d' % i
        c.execute('insert into audit (subject, doc, signal_id, signal_key) values (?,?,?,?)', ('contact:o%d' % i, 'x', s, key(s)))
    c.execute('commit'); c.execute('pragma wal_checkpoint(TRUNCATE)')
    i = 0
    while i < n:
        c.execute('begin')
        for j in range(i, min(n, i + group)):
            s = gen(j)
            c.execute('insert into audit (subject, doc, signal_id, signal_key) values (?,?,?,?)', ('contact:s%d' % j, 'x', s, key(s)))
        c.execute('commit'); i += group
    wal = open(p + '-wal', 'rb').read(); ps = struct.unpack('>I', wal[8:12])[0]
    off = 32; frames = []
    while off + 24 + ps <= len(wal):
        frames.append(struct.unpack('>I', wal[off:off+4])[0]); off += 24 + ps
    owner = {r[1]: r[0] for r in c.execute('select name, pageno from dbstat')}
    cnt = collections.Counter(owner.get(f, '?') for f in frames)
    size = c.execute("select count(*) from dbstat where name='ix'").fetchone()[0]
    c.close()
    return cnt['ix'] / n, size
for ids in ('bench', 'uuid'):
    for pre in (0, 100000, 1000000):
        r = {l: run(l, ids, pre, 6000) for l in ('text', 'key')}
        print(f'ids {ids:5s} pre {pre:8d}: text {r["text"][0]:.3f} frames/row ({r["text"][1]} pages)  key {r["key"][0]:.3f} ({r["key"][1]} pages)', flush=True)
