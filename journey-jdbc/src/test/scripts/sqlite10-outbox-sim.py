# A model of the SQLite outbox's layouts alone, WAL frames per insert (docs/benchmarks.md, "SQLite, round 10").
import sqlite3, uuid, os, random, struct
designs = {
 'A current': ["CREATE TABLE o (action_id VARCHAR(256) PRIMARY KEY, subject VARCHAR(200) NOT NULL, seq BIGINT NOT NULL, next_attempt_at BIGINT NOT NULL, lease_until BIGINT, lease_owner VARCHAR(128), doc_version INT NOT NULL, doc TEXT NOT NULL, CONSTRAINT oo UNIQUE (subject, seq))",
   "CREATE INDEX ready ON o (next_attempt_at)"],
 'B key index': ["CREATE TABLE o (action_key INTEGER NOT NULL, action_id VARCHAR(256) NOT NULL, subject VARCHAR(200) NOT NULL, seq BIGINT NOT NULL, next_attempt_at BIGINT NOT NULL, lease_until BIGINT, lease_owner VARCHAR(128), doc_version INT NOT NULL, doc TEXT NOT NULL, CONSTRAINT oo UNIQUE (subject, seq))",
   "CREATE INDEX ready ON o (next_attempt_at)", "CREATE INDEX k ON o (action_key)"],
 'C key rowid': ["CREATE TABLE o (action_key INTEGER PRIMARY KEY, action_id VARCHAR(256) NOT NULL, subject VARCHAR(200) NOT NULL, seq BIGINT NOT NULL, next_attempt_at BIGINT NOT NULL, lease_until BIGINT, lease_owner VARCHAR(128), doc_version INT NOT NULL, doc TEXT NOT NULL, CONSTRAINT oo UNIQUE (subject, seq))",
   "CREATE INDEX ready ON o (next_attempt_at)"],
 'D norowid subj': ["CREATE TABLE o (action_key INTEGER NOT NULL, action_id VARCHAR(256) NOT NULL, subject VARCHAR(200) NOT NULL, seq BIGINT NOT NULL, next_attempt_at BIGINT NOT NULL, lease_until BIGINT, lease_owner VARCHAR(128), doc_version INT NOT NULL, doc TEXT NOT NULL, PRIMARY KEY (subject, seq)) WITHOUT ROWID",
   "CREATE INDEX ready ON o (next_attempt_at)", "CREATE INDEX k ON o (action_key)"],
}
N=int(os.environ.get('N','6000')); G=27; KEEP=int(os.environ.get('KEEP','0'))
rnd=random.Random(1)
ids=[str(uuid.UUID(int=rnd.getrandbits(128))) for _ in range(N)]
subj=os.environ.get('SUBJ','seq')
for name, ddl in designs.items():
    p='/tmp/sqlite10/sim.db'
    for f in (p, p+'-wal', p+'-shm'):
        if os.path.exists(f): os.remove(f)
    c=sqlite3.connect(p, isolation_level=None)
    c.execute('PRAGMA journal_mode=WAL'); c.execute('PRAGMA wal_autocheckpoint=0')
    for s in ddl: c.execute(s)
    c.execute('PRAGMA wal_checkpoint(TRUNCATE)')
    for g in range(0, N, G):
        c.execute('BEGIN')
        for i in range(g, min(N, g+G)):
            a=ids[i]; k=struct.unpack('>q', bytes.fromhex(a.replace('-','')[:16]))[0]
            s = 'contact:s%d' % (i if subj=='seq' else rnd.randrange(10**9))
            doc='x'*260
            if name.startswith('A'):
                c.execute('INSERT INTO o VALUES (?,?,?,?,NULL,NULL,1,?)', (a, s, 65536, 1772442000000000000+i, doc))
            else:
                c.execute('INSERT INTO o (action_key, action_id, subject, seq, next_attempt_at, doc_version, doc) VALUES (?,?,?,?,?,1,?)', (k, a, s, 65536, 1772442000000000000+i, doc))
            if KEEP and i >= KEEP:
                old=ids[i-KEEP]
                if name.startswith('A'): c.execute('DELETE FROM o WHERE action_id=?', (old,))
                else:
                    ko=struct.unpack('>q', bytes.fromhex(old.replace('-','')[:16]))[0]
                    c.execute('DELETE FROM o WHERE action_key=? AND action_id=?', (ko, old))
        c.execute('COMMIT')
    frames=(os.path.getsize(p+'-wal')-32)/(4096+24)
    print(f'{name:16s} N={N} keep={KEEP} subj={subj}: {frames/N:.3f} frames per row')
