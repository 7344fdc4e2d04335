# Counts a SQLite WAL's frames per B-tree (kept by JdbcStoreBench with JOURNEY_BENCH_KEEP_WAL=<dir>), per signal:
#   python3 sqlite10-walcount.py <dir> <signals>   (docs/benchmarks.md, "SQLite, round 10")
import sys, struct, sqlite3, shutil, os, collections
d = sys.argv[1]; n = int(sys.argv[2]) if len(sys.argv) > 2 else 1
wal = open(os.path.join(d, 'bench.db-wal'), 'rb').read()
ps = struct.unpack('>I', wal[8:12])[0]
off = 32; frames = []; commits = 0
while off + 24 + ps <= len(wal):
    pg, dbsize = struct.unpack('>II', wal[off:off+8])
    frames.append(pg); commits += 1 if dbsize else 0
    off += 24 + ps
tmp = '/tmp/sqlite10/walcopy'; os.makedirs(tmp, exist_ok=True)
for f in ('bench.db', 'bench.db-wal'):
    shutil.copy(os.path.join(d, f), os.path.join(tmp, f))
c = sqlite3.connect(os.path.join(tmp, 'bench.db'))
owner = {r[1]: r[0] for r in c.execute('select name, pageno from dbstat')}
cnt = collections.Counter(owner.get(p, 'free/unknown' if p != 1 else 'page1') for p in frames)
print(f'frames {len(frames)} transactions {commits} per signal {len(frames)/n:.3f} per transaction {len(frames)/max(1,commits):.1f}')
for name, k in cnt.most_common():
    print(f'  {name:40s} {k:7d} {k/n:.3f} per signal')
