// The fleet test (issue 18 item 5), on the PostgreSQL server only: 2 API processes + 2 worker processes
// (`icse serve --role api|worker`, child processes) on one schema, media in an S3-speaking store (npm
// s3rver). A seizure uploaded through API A is triaged through B; a second seizure whose items match the
// first is uploaded through B and one worker is SIGKILLed mid-ingest: every file ends with exactly one item,
// processed once, with the right verdicts; then a bounded loopback load run (autocannon) on both API
// processes answers no 5xx; the audit chain sealed by four processes verifies.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import sharp from 'sharp';
import autocannon from 'autocannon';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generatedImage, multipartBody } from '../seizures/fixtures.js';
import { DEMO_PASSWORD } from '../demo/accounts.js';
import { startProcess, startS3Child, type FleetProcess } from './processes.js';

const url = process.env.DATABASE_URL;
const NEW_IMAGES = 40;
const schema = `fleet_${randomBytes(5).toString('hex')}`;
const procs: FleetProcess[] = [];
let s3: Awaited<ReturnType<typeof startS3Child>> | null = null;
let s3Dir = '';

async function call(p: FleetProcess, method: string, route: string, opts: { cookie?: string; json?: unknown; body?: Buffer; contentType?: string } = {}) {
  const headers: Record<string, string> = {};
  if (opts.cookie) headers.cookie = `icse_session=${opts.cookie}`;
  let body: BodyInit | undefined;
  if (opts.json !== undefined) {
    headers['content-type'] = 'application/json';
    body = JSON.stringify(opts.json);
  }
  if (opts.body) {
    headers['content-type'] = opts.contentType!;
    body = new Uint8Array(opts.body);
  }
  const r = await fetch(`${p.url}${route}`, { method, headers, body });
  const text = await r.text();
  let json: any = null;
  try {
    json = JSON.parse(text);
  } catch {
    /* not JSON */
  }
  return { status: r.status, json, text, headers: r.headers };
}

async function login(p: FleetProcess, email: string): Promise<string> {
  const r = await fetch(`${p.url}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password: DEMO_PASSWORD }),
  });
  if (r.status !== 200) throw new Error(`login ${email}: ${r.status} ${await r.text()}`);
  return /icse_session=([^;]+)/.exec(r.headers.get('set-cookie') ?? '')![1]!;
}

async function waitFor<T>(what: string, timeoutMs: number, fn: () => Promise<T | null | undefined | false>, everyMs = 1000): Promise<T> {
  const t0 = Date.now();
  for (;;) {
    const v = await fn();
    if (v) return v;
    if (Date.now() - t0 > timeoutMs)
      throw new Error(`${what}: not after ${timeoutMs} ms\n${procs.map((p) => `--- ${p.name}\n${p.output().slice(-3000)}`).join('\n')}`);
    await new Promise((r) => setTimeout(r, everyMs));
  }
}

describe.runIf(url)('fleet: 2 API + 2 worker processes on one PostgreSQL schema', () => {
  let env: Record<string, string>;
  beforeAll(async () => {
    s3Dir = fs.mkdtempSync(path.join(os.tmpdir(), 'icse-fleet-s3-'));
    s3 = await startS3Child(s3Dir);
    env = {
      ...s3.env,
      NODE_ENV: 'test',
      LOG_LEVEL: 'warn',
      DATABASE_URL: url!,
      ICSE_DB_SCHEMA: schema,
      ICSE_DEMO: '1',
      ICSE_MEDIA_STORE: `s3://icse-media/${schema}`,
      ICSE_MEDIA_KEY: randomBytes(32).toString('hex'),
      ICSE_AUDIT_KEY: randomBytes(32).toString('hex'),
      ICSE_INGEST_LEASE_SECONDS: '20',
      ICSE_AUDIT_CHECKPOINT_SECONDS: '5',
    };
    // A first: it migrates the schema and seeds the demo accounts; then the others at once.
    procs.push(await startProcess('api-a', 'api', env));
    await procs[0]!.waitHealthy();
    procs.push(...(await Promise.all([startProcess('api-b', 'api', env), startProcess('worker-1', 'worker', env), startProcess('worker-2', 'worker', env)])));
    await Promise.all(procs.map((p) => p.waitHealthy()));
  }, 180_000);

  afterAll(async () => {
    await Promise.all(procs.map((p) => p.kill('SIGTERM').catch(() => undefined)));
    await s3?.close().catch(() => undefined);
    const c = new pg.Client({ connectionString: url });
    await c.connect();
    await c.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE; DROP SCHEMA IF EXISTS "${schema}_boss" CASCADE`);
    await c.end();
    for (const p of procs) fs.rmSync(p.dataDir, { recursive: true, force: true });
    fs.rmSync(s3Dir, { recursive: true, force: true });
  }, 60_000);

  it('roles, triage across processes, a worker killed mid-ingest, a load run with no 5xx, one verified audit chain', async () => {
    const [a, b, w1, w2] = procs as [FleetProcess, FleetProcess, FleetProcess, FleetProcess];
    // Roles: workers serve /health only; APIs run no job workers.
    expect(await a.health()).toMatchObject({ role: 'api', database: 'postgres' });
    expect(await w1.health()).toMatchObject({ role: 'worker' });
    expect((await call(w2, 'GET', '/api/v1/cases')).status).toBe(404);

    const as = 'de.investigator@demo.icse';
    const ca = await login(a, as);
    const cb = await login(b, as); // sessions live in the database: either works on both
    const caseId = (await call(a, 'POST', '/api/v1/cases', { cookie: ca, json: { reference: 'FLEET-1', title: 'fleet', distribution: 'all' } })).json.id;

    // Seizure 1 through A, triaged through B.
    const originals = await Promise.all(Array.from({ length: 8 }, (_, i) => generatedImage(9100 + i, { width: 320, height: 240 })));
    const s1 = (await call(a, 'POST', `/api/v1/cases/${caseId}/seizures`, { cookie: ca, json: { label: 'fleet one' } })).json.id;
    const up1 = multipartBody(originals.map((data, i) => ({ name: `one-${i}.jpg`, data })));
    const r1 = await call(a, 'POST', `/api/v1/seizures/${s1}/files`, { cookie: ca, body: up1.body, contentType: up1.contentType });
    expect(r1.status, `${r1.text}\n${a.output()}`).toBeLessThan(300);
    await waitFor(
      'seizure 1 complete (read through B)',
      90_000,
      async () => (await call(b, 'GET', `/api/v1/seizures/${s1}`, { cookie: cb })).json?.status === 'complete',
    );
    const t1 = (await call(b, 'GET', `/api/v1/seizures/${s1}/triage?all=true`, { cookie: cb })).json;
    expect(t1.items).toHaveLength(8);
    expect(t1.items.every((i: any) => i.result === 'new')).toBe(true);
    const mediaOf = Object.fromEntries(t1.items.map((i: any) => [i.path, i.mediaId]));

    // Seizure 2 through B: exact copies and resized copies of seizure 1, and new images; SIGKILL worker 1 mid-way.
    const files: Array<{ name: string; data: Buffer; expect: 'known_exact' | 'known_near' | 'new'; of?: number }> = [];
    originals.slice(0, 4).forEach((data, i) => files.push({ name: `two-copy-${i}.jpg`, data, expect: 'known_exact', of: mediaOf[`one-${i}.jpg`] }));
    for (let i = 4; i < 8; i++)
      files.push({
        name: `two-resized-${i}.jpg`,
        data: await sharp(originals[i]!).resize(200, 150).jpeg({ quality: 85 }).toBuffer(),
        expect: 'known_near',
        of: mediaOf[`one-${i}.jpg`],
      });
    for (let i = 0; i < NEW_IMAGES; i++)
      files.push({ name: `two-new-${i}.jpg`, data: await generatedImage(9300 + i, { width: 480, height: 360 }), expect: 'new' });
    const s2 = (await call(b, 'POST', `/api/v1/cases/${caseId}/seizures`, { cookie: cb, json: { label: 'fleet two' } })).json.id;
    const up2 = multipartBody(files.map((f) => ({ name: f.name, data: f.data })));
    const r2 = await call(b, 'POST', `/api/v1/seizures/${s2}/files`, { cookie: cb, body: up2.body, contentType: up2.contentType });
    expect(r2.status, `${r2.text}\n${b.output()}`).toBeLessThan(300);
    const doneCount = async () => {
      const t = (await call(a, 'GET', `/api/v1/seizures/${s2}/triage?all=true`, { cookie: ca })).json;
      return (t?.items ?? []).filter((i: any) => i.status === 'done' || i.status === 'error').length as number;
    };
    const atKill = await waitFor(
      'some items of seizure 2 processed',
      120_000,
      async () => {
        const n = await doneCount();
        return n >= 2 ? n : null;
      },
      500,
    );
    await w1.kill('SIGKILL');
    expect(atKill).toBeLessThan(files.length); // killed mid-ingest
    expect(w1.child.signalCode).toBe('SIGKILL');
    await waitFor(
      'seizure 2 complete after the kill',
      180_000,
      async () => (await call(a, 'GET', `/api/v1/seizures/${s2}`, { cookie: ca })).json?.status === 'complete',
    );

    const t2 = (await call(b, 'GET', `/api/v1/seizures/${s2}/triage?all=true`, { cookie: cb })).json;
    expect(t2.items).toHaveLength(files.length); // nothing lost, nothing doubled
    const byPath = new Map<string, any>(t2.items.map((i: any) => [i.path, i]));
    expect(byPath.size).toBe(files.length);
    for (const f of files) {
      const item = byPath.get(f.name);
      expect(item, f.name).toBeDefined();
      expect(item.status, f.name).toBe('done');
      expect(item.result, f.name).toBe(f.expect);
      if (f.of) expect(JSON.stringify(item), f.name).toContain(String(f.of));
    }
    // Each item processed (committed) exactly once: its id appears in one seizure.process audit row.
    const c = new pg.Client({ connectionString: url, options: `-c search_path="${schema}"` });
    await c.connect();
    try {
      const audits = await c.query<{ ids: number[] }>(`SELECT details->'itemIds' AS ids FROM audit_log WHERE action = 'seizure.process' AND object_id = $1`, [
        String(s2),
      ]);
      const seen = audits.rows.flatMap((r) => r.ids);
      expect(seen.length).toBe(files.length);
      expect(new Set(seen).size).toBe(files.length);
      const media = await c.query<{ n: number }>(`SELECT count(*)::int AS n FROM media`);
      expect(media.rows[0]!.n).toBe(8 + 4 + NEW_IMAGES); // the originals, the resized copies (files of their own), the new images
    } finally {
      await c.end();
    }

    // Bounded load on both API processes at once (loopback, 15 s): audited reads, health, a 404; no 5xx.
    const load = (p: FleetProcess, cookie: string) =>
      autocannon({
        url: p.url,
        connections: 8,
        duration: 15,
        timeout: 20,
        headers: { cookie: `icse_session=${cookie}` },
        requests: [
          { method: 'GET', path: `/api/v1/seizures/${s2}/triage` },
          { method: 'GET', path: `/api/v1/cases/${caseId}` },
          { method: 'GET', path: '/health' },
          { method: 'GET', path: '/api/v1/cases/999999' },
        ],
      });
    const [la, lb] = await Promise.all([load(a, ca), load(b, cb)]);
    console.log(
      `fleet: worker-1 SIGKILLed with ${atKill}/${files.length} items processed; load 15 s: A ${la.requests.total} requests (${la['2xx']} 2xx, ${la.non2xx} non-2xx, ${la['5xx']} 5xx), B ${lb.requests.total} (${lb['2xx']} 2xx, ${lb.non2xx} non-2xx, ${lb['5xx']} 5xx)`,
    );
    for (const r of [la, lb]) {
      expect(r['5xx']).toBe(0);
      expect(r.errors).toBe(0);
      expect(r['2xx']).toBeGreaterThan(50);
    }

    // One audit chain sealed by four processes (one of them killed) verifies, with each API's checkpoints.
    const dpoA = await login(a, 'dpo@demo.icse');
    const v = await waitFor('audit sealed', 30_000, async () => {
      const r = (await call(a, 'GET', '/api/v1/audit/verify', { cookie: dpoA })).json;
      return r && r.unsealed < 50 ? r : null;
    });
    expect(v).toMatchObject({ ok: true });
    expect(v.rows).toBeGreaterThan(la.requests.total / 2);
    // /health of every live process: role, index sizes and watermarks, queue depth.
    for (const p of [a, b, w2]) {
      const h = (await p.health())!;
      expect(h.indexes.media.size).toBe(8 + 4 + NEW_IMAGES); // every process's index, the killed worker's peers included
      expect(h.queue).toMatchObject({ name: 'ingest.process' });
    }
  }, 270_000);
});
