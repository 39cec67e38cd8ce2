// `icse ingest`: in-process against the configured database; resumable; prints the triage summary.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, inject, it, vi } from 'vitest';
import { sql } from 'kysely';
import pg from 'pg';
import { execFileSync } from 'node:child_process';
import { loadConfig } from '../config.js';
import { closeContext, createContext } from '../context.js';
import { seedDemoIdentity } from '../demo/seed.js';
import { generatedImage } from './fixtures.js';
import { runIngestCommand } from './ingest-command.js';
import { unpackTemplate } from '../testing/template.js';

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'icse-cli-'));
const schema = `t_${randomBytes(5).toString('hex')}`;
const saved = { ...process.env };
let caseId = 0;

beforeAll(async () => {
  Object.assign(process.env, { ICSE_DATA_DIR: dataDir, LOG_LEVEL: 'silent', NODE_ENV: 'test', ICSE_DB_SCHEMA: process.env.DATABASE_URL ? schema : 'public' });
  // On PGlite the data directory starts from the run's migrated template (demo accounts included).
  const template = process.env.DATABASE_URL ? null : inject('pgliteTemplates')?.demo;
  if (template) await unpackTemplate(template, dataDir);
  const ctx = await createContext(loadConfig());
  if (!template) await seedDemoIdentity(ctx);
  const u = (await sql<{ id: number; agency_id: number }>`SELECT id, agency_id FROM users WHERE email = 'br.investigator@demo.icse'`.execute(ctx.db)).rows[0]!;
  caseId = (
    await sql<{
      id: number;
    }>`INSERT INTO cases (reference, title, owner_country, owner_agency_id, distribution, created_by) VALUES ('CLI', 'cli', 'BR', ${u.agency_id}, 'country', ${u.id}) RETURNING id`.execute(
      ctx.db,
    )
  ).rows[0]!.id;
  await closeContext(ctx);
  fs.mkdirSync(path.join(dataDir, 'in', 'sub'), { recursive: true });
  for (let i = 0; i < 6; i++) fs.writeFileSync(path.join(dataDir, 'in', i < 3 ? '' : 'sub', `${i}.jpg`), await generatedImage(300 + i, { format: 'jpeg' }));
  fs.writeFileSync(path.join(dataDir, 'in', 'readme.txt'), 'not an image');
}, 60_000);
afterAll(async () => {
  process.env = saved;
  if (process.env.DATABASE_URL) {
    const c = new pg.Client({ connectionString: process.env.DATABASE_URL });
    await c.connect();
    await c.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE; DROP SCHEMA IF EXISTS "${schema}_boss" CASCADE`);
    await c.end();
  }
  fs.rmSync(dataDir, { recursive: true, force: true });
});

async function run(args: string[]) {
  let out = '';
  const spy = vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    out += String(chunk);
    return true;
  });
  const err = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
  try {
    return { code: await runIngestCommand(args), out };
  } finally {
    spy.mockRestore();
    err.mockRestore();
  }
}

describe('icse ingest', () => {
  it('ingests a folder, prints the triage summary, and resumes without re-adding', async () => {
    const first = await run([path.join(dataDir, 'in'), '--case', String(caseId), '--as', 'br.investigator@demo.icse', '--quiet']);
    expect(first.code).toBe(0);
    expect(first.out).toMatch(/seizure \d+: 7 items — known exact 0, known near 0, new 6, errors 1/);
    expect(first.out).toContain('ERROR readme.txt  not_image');
    const again = await run([path.join(dataDir, 'in'), '--case', String(caseId), '--as', 'br.investigator@demo.icse', '--quiet']);
    expect(again.out).toMatch(/7 items .*\(this run: 0 added, 7 already held\)/);
    const bad = await run(['--case', String(caseId)]);
    expect(bad.code).toBe(2);
  }, 120_000);
});

describe('icse ingest: links and special files in the folder (issue 14 item 18)', () => {
  it('gives a symbolic link and a FIFO an item each with a reason, follows neither, and never blocks on the FIFO', async () => {
    const dir = path.join(dataDir, 'links');
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(path.join(dir, 'real.jpg'), await generatedImage(400, { format: 'jpeg' }));
    fs.writeFileSync(path.join(dataDir, 'outside.jpg'), await generatedImage(401, { format: 'jpeg' }));
    fs.symlinkSync(path.join(dataDir, 'outside.jpg'), path.join(dir, 'link.jpg'));
    fs.linkSync(path.join(dir, 'real.jpg'), path.join(dir, 'hard.jpg')); // a hard link is a regular file: read as one
    execFileSync('mkfifo', [path.join(dir, 'pipe')]);
    const r = await run([dir, '--case', String(caseId), '--as', 'br.investigator@demo.icse', '--quiet', '--label', 'links']);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/4 items — known exact 0, known near 0, new 2, errors 2, duplicates 1/);
    expect(r.out).toMatch(/ERROR link\.jpg {2}symlink: a symbolic link to ".*outside\.jpg": links are not followed/);
    expect(r.out).toMatch(/ERROR pipe {2}special_file: a special file \(FIFO\)/);
  }, 120_000);
});
