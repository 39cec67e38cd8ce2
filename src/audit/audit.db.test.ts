// The audit chain: reads and writes of case data are audited; the chain is keyed (HMAC, key outside the
// database) and checkpointed outside the database, so edits, deletions, a chain recomputed without the
// key and a cut tail with the head moved back are all detected; writers do not wait on each other.
import fs from 'node:fs';
import path from 'node:path';
import { createHash, randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { dbKind, startTestSystem, type TestSystem } from '../testing/harness.js';
import { recordAudit, rowContent } from './audit.js';
import { verifyAuditChain } from './verify.js';
import { AuditSealer, linkMac, parseCheckpoints } from './sealer.js';
import { systemPrincipal } from '../access/principal.js';

let sys: TestSystem;
beforeAll(async () => {
  sys = await startTestSystem();
});
afterAll(async () => {
  await sys?.close();
});

const verify = (s: TestSystem, extra: { checkpointFiles?: string[] } = {}) =>
  verifyAuditChain(s.ctx.db, {
    key: s.ctx.audit.key,
    chain: s.ctx.audit.chain,
    checkpointFiles: [s.ctx.audit.checkpointFile, ...(extra.checkpointFiles ?? [])],
  });

async function withTriggersOff(s: TestSystem, fn: () => Promise<void>) {
  await sql`ALTER TABLE audit_log DISABLE TRIGGER audit_log_no_update`.execute(s.ctx.db);
  await sql`ALTER TABLE audit_seal DISABLE TRIGGER audit_seal_no_update`.execute(s.ctx.db);
  try {
    await fn();
  } finally {
    await sql`ALTER TABLE audit_log ENABLE TRIGGER audit_log_no_update`.execute(s.ctx.db);
    await sql`ALTER TABLE audit_seal ENABLE TRIGGER audit_seal_no_update`.execute(s.ctx.db);
  }
}

/** A system with some sealed history of its own (tampering tests must not disturb each other). */
async function systemWithHistory(cases = 3) {
  const s = await startTestSystem();
  for (let i = 0; i < cases; i++) {
    const c = await s.api('POST', '/api/v1/cases', { as: 'br.investigator@demo.icse', body: { reference: `H-${i}`, title: 'history' } });
    await s.api('GET', `/api/v1/cases/${c.json().id}`, { as: 'br.investigator@demo.icse' });
  }
  // Seals all and checkpoints, then no background sealing: sealAll() alone returns early when a background tick
  // holds the head, and a tick during the tampering would seal or checkpoint under the test's feet.
  await s.ctx.audit.sealer.stop();
  return s;
}

/** The last checkpoint written (stop() has written the current head's, so checkpoint() may have nothing new). */
const lastCheckpoint = async (s: TestSystem) =>
  (await s.ctx.audit.sealer.checkpoint()) ?? parseCheckpoints(fs.readFileSync(s.ctx.audit.checkpointFile, 'utf8')).checkpoints.at(-1)!;

/** What an attacker with database rights but without the key does: recompute every link from `fromPos` on. */
async function recomputeWithoutKey(s: TestSystem, fromPos: number, guess: 'sha256' | 'wrong-key') {
  const wrongKey = randomBytes(32);
  const seals = await s.ctx.db
    .selectFrom('audit_seal as a')
    .innerJoin('audit_log as l', 'l.seq', 'a.seq')
    .selectAll('l')
    .select(['a.pos', 'a.mac'])
    .orderBy('a.pos')
    .execute();
  let prev = seals.find((r) => Number(r.pos) === fromPos - 1)?.mac ?? '0'.repeat(64);
  for (const r of seals.filter((x) => Number(x.pos) >= fromPos)) {
    const content = rowContent({ ...r, seq: Number(r.seq) });
    const mac =
      guess === 'sha256' ? createHash('sha256').update(prev).update('\n').update(content).digest('hex') : linkMac(wrongKey, prev, Number(r.pos), content);
    await s.ctx.db.updateTable('audit_seal').set({ mac }).where('pos', '=', r.pos).execute();
    prev = mac;
  }
  await s.ctx.db.updateTable('audit_head').set({ hash: prev }).where('id', '=', 1).execute();
}

describe('audit', () => {
  it('records reads and writes of case data with actor, object and address', async () => {
    const created = await sys.api('POST', '/api/v1/cases', { as: 'de.investigator@demo.icse', body: { reference: 'A-1', title: 'audited' } });
    const id = created.json().id;
    await sys.api('GET', `/api/v1/cases/${id}`, { as: 'de.investigator@demo.icse' });
    const rows = await sys.ctx.db
      .selectFrom('audit_log')
      .selectAll()
      .where('object_type', '=', 'case')
      .where('object_id', '=', String(id))
      .orderBy('seq')
      .execute();
    expect(rows.map((r) => r.action)).toEqual(['case.create', 'case.read']);
    expect(rows[1]).toMatchObject({ actor_email: 'de.investigator@demo.icse', actor_country: 'DE', ip: '127.0.0.1' });
  });

  it('only the dpo reads the audit API; verify through the API checks the chain and the checkpoint file', async () => {
    expect((await sys.api('GET', '/api/v1/audit', { as: 'admin@demo.icse' })).statusCode).toBe(403);
    const r = await sys.api('GET', '/api/v1/audit?objectType=case', { as: 'dpo@demo.icse' });
    expect(r.statusCode).toBe(200);
    expect(r.json().entries.length).toBeGreaterThan(0);
    // The background sealer may have sealed and checkpointed this head already (then checkpoint() returns
    // null): seal through the coalesced run so a tick in flight finishes first, then look at the file.
    await sys.ctx.audit.sealer.seal();
    await sys.ctx.audit.sealer.sealAll();
    await sys.ctx.audit.sealer.checkpoint();
    const head = await sys.ctx.db.selectFrom('audit_head').select('seq').where('id', '=', 1).executeTakeFirstOrThrow();
    const written = parseCheckpoints(fs.readFileSync(sys.ctx.audit.checkpointFile, 'utf8')).checkpoints;
    expect(written.map((c) => c.pos)).toContain(Number(head.seq));
    const v = (await sys.api('GET', '/api/v1/audit/verify', { as: 'dpo@demo.icse' })).json();
    expect(v).toMatchObject({ ok: true });
    expect(v.checkpoints).toBeGreaterThanOrEqual(1);
    expect(v.rows).toBeGreaterThan(0);
  });

  it('refuses UPDATE and DELETE of rows and links through the database triggers', async () => {
    await sys.ctx.audit.sealer.sealAll();
    await expect(sql`UPDATE audit_log SET action = 'x' WHERE seq = 1`.execute(sys.ctx.db)).rejects.toThrow(/append-only/);
    await expect(sql`DELETE FROM audit_log WHERE seq = 1`.execute(sys.ctx.db)).rejects.toThrow(/append-only/);
    await expect(sql`UPDATE audit_seal SET mac = 'x' WHERE pos = 1`.execute(sys.ctx.db)).rejects.toThrow(/append-only/);
  });

  it('the key is not in the database: the key file sits in the data dir (0600)', async () => {
    const file = path.join(sys.config.dataDir, 'audit.key');
    expect(fs.readFileSync(file, 'utf8').trim()).toBe(sys.ctx.audit.key.toString('hex'));
    expect(fs.statSync(file).mode & 0o077).toBe(0);
    const hex = sys.ctx.audit.key.toString('hex');
    const found = await sql<{ n: number }>`SELECT count(*)::int AS n FROM audit_log WHERE details::text LIKE ${'%' + hex + '%'}`.execute(sys.ctx.db);
    expect(found.rows[0]!.n).toBe(0);
  });

  it('an edited row is found at its position, and a deleted middle row too', async () => {
    const s = await systemWithHistory();
    try {
      expect((await verify(s)).ok).toBe(true);
      const victim = await s.ctx.db.selectFrom('audit_seal').select(['pos', 'seq']).where('pos', '=', 3).executeTakeFirstOrThrow();
      await withTriggersOff(s, async () => {
        await sql`UPDATE audit_log SET object_id = '999' WHERE seq = ${victim.seq}`.execute(s.ctx.db);
      });
      const edited = await verify(s);
      expect(edited).toMatchObject({ ok: false, brokenAtPos: 3, brokenAtSeq: Number(victim.seq) });
      expect(edited.ok || edited.reason).toMatch(/edited/);
      const fifth = await s.ctx.db.selectFrom('audit_seal').select('seq').where('pos', '=', 2).executeTakeFirstOrThrow();
      await withTriggersOff(s, async () => {
        await sql`DELETE FROM audit_log WHERE seq = ${fifth.seq}`.execute(s.ctx.db);
      });
      const deleted = await verify(s);
      expect(deleted).toMatchObject({ ok: false, brokenAtPos: 2 });
      expect(deleted.ok || deleted.reason).toMatch(/missing from the log: deleted/);
    } finally {
      await s.close();
    }
  });

  it('editing a row and recomputing every later link without the key is detected (SHA-256, or a guessed key)', async () => {
    for (const guess of ['sha256', 'wrong-key'] as const) {
      const s = await systemWithHistory();
      try {
        const head = await s.ctx.db.selectFrom('audit_head').select('seq').executeTakeFirstOrThrow();
        const target = await s.ctx.db
          .selectFrom('audit_seal')
          .select(['pos', 'seq'])
          .where('pos', '=', Number(head.seq) - 2)
          .executeTakeFirstOrThrow();
        await withTriggersOff(s, async () => {
          await sql`UPDATE audit_log SET actor_email = 'someone.else@demo.icse' WHERE seq = ${target.seq}`.execute(s.ctx.db);
          await recomputeWithoutKey(s, Number(target.pos), guess);
        });
        const r = await verify(s);
        expect(r).toMatchObject({ ok: false, brokenAtPos: Number(target.pos) });
        expect(r.ok || r.reason).toMatch(/recomputed without the key/);
      } finally {
        await s.close();
      }
    }
  });

  it('cutting the tail and moving audit_head back is found by the checkpoint file and by the log', async () => {
    const s = await systemWithHistory(4);
    try {
      const cp = await lastCheckpoint(s);
      expect(cp.pos).toBeGreaterThan(3);
      // The same checkpoint as the structured log carries it (a log file given to verify instead).
      const logFile = path.join(s.config.dataDir, 'server.log');
      fs.writeFileSync(
        logFile,
        `${JSON.stringify({ level: 30, msg: 'listening' })}\n${JSON.stringify({ level: 30, auditCheckpoint: cp, msg: 'audit checkpoint' })}\n`,
      );
      expect(parseCheckpoints(fs.readFileSync(logFile, 'utf8')).checkpoints).toEqual([cp]);
      const keep = cp.pos - 3;
      const kept = await s.ctx.db.selectFrom('audit_seal').select('mac').where('pos', '=', keep).executeTakeFirstOrThrow();
      await withTriggersOff(s, async () => {
        const cut = await s.ctx.db.selectFrom('audit_seal').select('seq').where('pos', '>', keep).execute();
        await s.ctx.db.deleteFrom('audit_seal').where('pos', '>', keep).execute();
        await s.ctx.db
          .deleteFrom('audit_log')
          .where(
            'seq',
            'in',
            cut.map((c) => c.seq),
          )
          .execute();
        await s.ctx.db.updateTable('audit_head').set({ seq: keep, hash: kept.mac }).where('id', '=', 1).execute();
      });
      // Inside the database alone the shortened chain is consistent...
      expect((await verifyAuditChain(s.ctx.db, { key: s.ctx.audit.key, chain: s.ctx.audit.chain })).ok).toBe(true);
      // ...the checkpoint written outside it is not.
      const byFile = await verify(s);
      expect(byFile).toMatchObject({ ok: false, brokenAtPos: keep + 1 });
      expect(byFile.ok || byFile.reason).toMatch(/checkpoint .* recorded chain position \d+, but the chain now ends at \d+/);
      fs.rmSync(s.ctx.audit.checkpointFile);
      const byLog = await verifyAuditChain(s.ctx.db, { key: s.ctx.audit.key, chain: s.ctx.audit.chain, checkpointFiles: [logFile] });
      expect(byLog).toMatchObject({ ok: false, brokenAtPos: keep + 1 });
    } finally {
      await s.close();
    }
  });

  it('a forged or edited checkpoint is refused', async () => {
    const s = await systemWithHistory(1);
    try {
      const cp = await lastCheckpoint(s);
      fs.appendFileSync(s.ctx.audit.checkpointFile, JSON.stringify({ ...cp, pos: cp.pos + 50 }) + '\n');
      const r = await verify(s);
      expect(r.ok || r.reason).toMatch(/not signed by the audit key/);
    } finally {
      await s.close();
    }
  });

  it('verify covers rows not yet sealed; a restarted sealer continues from the head', async () => {
    const s = await startTestSystem();
    try {
      await s.ctx.audit.sealer.stop(); // seals what exists, then no background sealing
      const before = await verify(s);
      expect(before).toMatchObject({ ok: true, unsealed: 0 });
      for (let i = 0; i < 3; i++) await s.api('POST', '/api/v1/cases', { as: 'de.investigator@demo.icse', body: { reference: `U-${i}`, title: 'unsealed' } });
      const pending = await verify(s);
      expect(pending).toMatchObject({ ok: true, rows: before.rows, headSeq: before.ok ? before.headSeq : -1 });
      expect(pending.unsealed).toBeGreaterThanOrEqual(3);
      expect(pending.oldestUnsealedAt).not.toBeNull();
      // A pending marker deleted by hand leaves a row neither sealed nor pending: reported.
      // (First, a new sealer instance — as after a crash and restart — picks up where the head is.)
      const restarted = new AuditSealer(s.ctx.db, { key: s.ctx.audit.key, chain: s.ctx.audit.chain, dataDir: null });
      expect(await restarted.sealAll()).toBe(pending.unsealed);
      const after = await verify(s);
      expect(after).toMatchObject({ ok: true, unsealed: 0, rows: before.rows + pending.unsealed });
      const seq = await recordAuditNow(s);
      await s.ctx.db.deleteFrom('audit_pending').where('seq', '=', seq).execute();
      const orphan = await verify(s);
      expect(orphan.ok || orphan.reason).toMatch(/neither sealed nor waiting/);
    } finally {
      await s.close();
    }
  });

  it.runIf(dbKind === 'postgres')('an open audited transaction does not hold up another (no global lock); seals follow seq order', async () => {
    const s = await startTestSystem();
    try {
      let release!: () => void;
      const gate = new Promise<void>((r) => {
        release = r;
      });
      let firstSeq = 0;
      const slow = s.ctx.db.transaction().execute(async (trx) => {
        firstSeq = await recordAudit(trx, systemPrincipal('test'), { action: 'test.slow', objectType: 'test' });
        await gate;
      });
      while (!firstSeq) await new Promise((r) => setTimeout(r, 10));
      // With the old global lock this would wait for the open transaction and hit the lock timeout.
      const fastSeq = await s.ctx.db.transaction().execute(async (trx) => {
        await sql`SET LOCAL lock_timeout = '1500ms'`.execute(trx);
        return recordAudit(trx, systemPrincipal('test'), { action: 'test.fast', objectType: 'test' });
      });
      expect(fastSeq).toBeGreaterThan(firstSeq);
      // The committed row is sealed while the lower seq is still open (the background sealer may hold the head a moment).
      for (let i = 0; i < 100 && !(await s.ctx.db.selectFrom('audit_seal').select('pos').where('seq', '=', fastSeq).executeTakeFirst()); i++) {
        await s.ctx.audit.sealer.sealAll();
        await new Promise((r) => setTimeout(r, 50));
      }
      release();
      await slow;
      await s.ctx.audit.sealer.stop(); // seals the rest even if a background tick holds the head now
      const seals = await s.ctx.db.selectFrom('audit_seal').select(['pos', 'seq']).where('seq', 'in', [firstSeq, fastSeq]).orderBy('pos').execute();
      expect(seals.map((x) => Number(x.seq))).toEqual([fastSeq, firstSeq]); // the late commit is sealed later
      expect(await verify(s)).toMatchObject({ ok: true, unsealed: 0 });
    } finally {
      await s.close();
    }
  });
});

async function recordAuditNow(s: TestSystem): Promise<number> {
  return s.ctx.db.transaction().execute((trx) => recordAudit(trx, systemPrincipal('test'), { action: 'test.orphan', objectType: 'test' }));
}
