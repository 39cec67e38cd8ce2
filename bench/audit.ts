// npm run bench:audit [-- --seconds 10 --clients 8 --db postgres|pglite|both]
// Audited reads per second (GET /api/v1/cases/:id: a read of case data, one audit row each; and the audited
// transaction alone, without HTTP) with N concurrent clients, in the same run with the old global lock (ICSE_AUDIT_MODE=locked: every audited transaction holds
// audit_head FOR UPDATE until commit) and with the lock-free sealer (default). PostgreSQL: DATABASE_URL or
// postgres://postgres@127.0.0.1:5432/test, a fresh schema per run; PGlite: in memory. After each sealer run
// the chain is sealed and verified.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { loadConfig } from '../src/config.js';
import { startSystem } from '../src/server.js';
import { DEMO_PASSWORD } from '../src/demo/accounts.js';
import { verifyAuditChain } from '../src/audit/verify.js';
import { recordAudit } from '../src/audit/audit.js';
import { systemPrincipal } from '../src/access/principal.js';

const arg = (name: string, def: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1]! : def;
};
const seconds = Number(arg('seconds', '10'));
const clients = Number(arg('clients', '8'));
const which = arg('db', 'both');
const serverUrl = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

async function run(db: 'postgres' | 'pglite', mode: 'locked' | 'sealer') {
  const schema = `bench_audit_${randomBytes(4).toString('hex')}`;
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'icse-bench-audit-'));
  const config = loadConfig({
    NODE_ENV: 'test',
    ICSE_DEMO: '1',
    ICSE_DATA_DIR: dataDir,
    ICSE_AUDIT_MODE: mode,
    LOG_LEVEL: 'silent',
    ...(db === 'postgres' ? { DATABASE_URL: serverUrl, ICSE_DB_SCHEMA: schema } : {}),
  });
  const sys = await startSystem(config, { memoryDb: db === 'pglite', listen: false });
  try {
    const email = 'de.investigator@demo.icse';
    const login = await sys.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email, password: DEMO_PASSWORD } });
    const cookie = login.cookies.find((c) => c.name === 'icse_session')!.value;
    const created = await sys.app.inject({
      method: 'POST',
      url: '/api/v1/cases',
      cookies: { icse_session: cookie },
      payload: { reference: 'BENCH-1', title: 'bench' },
    });
    const id = created.json().id;
    // HTTP: the whole request (session check, route, serialisation) in this process.
    const httpRead = async () => (await sys.app.inject({ method: 'GET', url: `/api/v1/cases/${id}`, cookies: { icse_session: cookie } })).statusCode === 200;
    // Service level: the audited read's transaction alone (read the case, append its audit row, commit).
    const actor = systemPrincipal('bench');
    const dbRead = () =>
      sys.ctx.db.transaction().execute(async (trx) => {
        const row = await trx.selectFrom('cases').select(['id', 'reference']).where('id', '=', id).executeTakeFirst();
        await recordAudit(trx, actor, { action: 'case.read', objectType: 'case', objectId: id });
        return !!row;
      });
    const measure = async (read: () => Promise<boolean>) => {
      for (let i = 0; i < 20; i++) await read(); // warm-up
      let ok = 0,
        bad = 0;
      const until = performance.now() + seconds * 1000;
      const t0 = performance.now();
      await Promise.all(
        Array.from({ length: clients }, async () => {
          while (performance.now() < until) {
            if (await read()) ok++;
            else bad++;
          }
        }),
      );
      return { rps: ok / ((performance.now() - t0) / 1000), bad };
    };
    const http = await measure(httpRead);
    const service = await measure(dbRead);
    await sys.ctx.audit.sealer.sealAll();
    const v = await verifyAuditChain(sys.ctx.db, { key: sys.ctx.audit.key, chain: sys.ctx.audit.chain });
    return { rps: http.rps, bad: http.bad + service.bad, serviceRps: service.rps, verified: v.ok, rows: v.rows };
  } finally {
    await sys.stop();
    if (db === 'postgres') {
      const c = new pg.Client({ connectionString: serverUrl });
      await c.connect();
      await c.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE; DROP SCHEMA IF EXISTS "${schema}_boss" CASCADE`);
      await c.end();
    }
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

const results: Record<string, unknown> = {};
const dbs = which === 'both' ? (['postgres', 'pglite'] as const) : [which as 'postgres' | 'pglite'];
for (const db of dbs) {
  const before = await run(db, 'locked');
  const after = await run(db, 'sealer');
  console.log(
    `${db}: ${clients} clients, ${seconds} s each — audited reads/s over HTTP: before (global audit_head lock) ${before.rps.toFixed(1)}, after (lock-free + sealer) ${after.rps.toFixed(1)}, ×${(after.rps / before.rps).toFixed(2)}; the audited transaction alone: before ${before.serviceRps.toFixed(1)}, after ${after.serviceRps.toFixed(1)}, ×${(after.serviceRps / before.serviceRps).toFixed(2)}; failures: ${before.bad}/${after.bad}; chain verified: ${before.verified}/${after.verified} (${after.rows} rows)`,
  );
  results[db] = {
    clients,
    seconds,
    beforeRps: Number(before.rps.toFixed(1)),
    afterRps: Number(after.rps.toFixed(1)),
    ratio: Number((after.rps / before.rps).toFixed(2)),
    beforeTxPerS: Number(before.serviceRps.toFixed(1)),
    afterTxPerS: Number(after.serviceRps.toFixed(1)),
    txRatio: Number((after.serviceRps / before.serviceRps).toFixed(2)),
    verified: before.verified && after.verified,
  };
}
console.log(JSON.stringify({ bench: 'audit', ...results }));
process.exit(0);
