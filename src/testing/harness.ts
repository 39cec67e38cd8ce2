// Test harness for database and HTTP tests: the same suite runs on PGlite (default, in memory) and on the
// PostgreSQL server when DATABASE_URL is set (each test file gets its own schema, dropped afterwards).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import type { InjectOptions, LightMyRequestResponse } from 'fastify';
import { inject } from 'vitest';
import type { Config } from '../config.js';
import { startSystem, type RunningSystem } from '../server.js';
import { DEMO_PASSWORD, DEMO_TOTP_SECRET } from '../demo/accounts.js';
import { totpNow } from '../identity/totp.js';
import { testConfig, useTemplate } from './template.js';
import { ItemHashPool, videoLimits } from '../seizures/hasher.js';

/**
 * One hashing pool for the test systems of this process (as one template dump): each system would otherwise
 * boot two worker threads of its own (~0.8 s of CPU each) for a few items. A system whose pool size or video
 * limits differ from the shared pool's gets its own. The pool's workers are unref'd when idle, so it never holds the process open.
 */
let sharedPool: ItemHashPool | undefined;
function hashPoolFor(config: Config): ItemHashPool | undefined {
  const limits = videoLimits(config);
  sharedPool ??= new ItemHashPool(config.hashWorkers, limits);
  const same =
    sharedPool.size === config.hashWorkers && sharedPool.video.timeoutMs === limits.timeoutMs && sharedPool.video.maxDurationS === limits.maxDurationS;
  return same ? sharedPool : undefined;
}

export const dbKind = process.env.DATABASE_URL ? 'postgres' : 'pglite';

export interface TestSystem extends RunningSystem {
  config: Config;
  /** Signs in a demo account (or any email/password) and returns its session cookie value. */
  login(email: string, password?: string): Promise<string>;
  /** Calls the API as a signed-in user (session cookie) or anonymously. */
  api(method: InjectOptions['method'], url: string, opts?: { as?: string; body?: unknown; headers?: Record<string, string> }): Promise<LightMyRequestResponse>;
  close(): Promise<void>;
}

export async function startTestSystem(env: Record<string, string> = {}, overrides: Partial<Config> = {}): Promise<TestSystem> {
  const url = process.env.DATABASE_URL;
  const schema = url ? `t_${randomBytes(6).toString('hex')}` : 'public';
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'icse-test-'));
  const config = testConfig({ ICSE_DATA_DIR: dataDir, ICSE_DB_SCHEMA: schema, ...(url ? { DATABASE_URL: url } : {}), ...env }, overrides);
  // On PGlite, start from the run's migrated template (vitest global setup) instead of an empty cluster.
  const templates = url ? null : inject('pgliteTemplates');
  const template = templates ? useTemplate(config.demo ? templates.demo : templates.bare, dataDir) : undefined;
  const system = await startSystem(config, { memoryDb: !url, listen: false, template, hashPool: hashPoolFor(config) });
  const sessions = new Map<string, string>();

  const login = async (email: string, password = DEMO_PASSWORD) => {
    const user = await system.ctx.identity
      .listCountries()
      .then(() => system.ctx.db.selectFrom('users').select(['id', 'totp_secret']).where('email', '=', email).executeTakeFirst());
    const body: Record<string, string> = { email, password };
    if (user?.totp_secret === DEMO_TOTP_SECRET) {
      // Demo codes are single-use per 30 s step: clear the replay marker so several logins per test work.
      await system.ctx.db.updateTable('users').set({ totp_last_step: null }).where('id', '=', user.id).execute();
      body.totp = totpNow(DEMO_TOTP_SECRET);
    }
    const r = await system.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: body });
    if (r.statusCode !== 200) throw new Error(`login ${email} failed: ${r.statusCode} ${r.body}`);
    const cookie = r.cookies.find((c) => c.name === 'icse_session')!.value;
    sessions.set(email, cookie);
    return cookie;
  };

  const api: TestSystem['api'] = async (method, url, opts = {}) => {
    let cookie: string | undefined;
    if (opts.as) cookie = sessions.get(opts.as) ?? (await login(opts.as));
    return system.app.inject({
      method,
      url,
      payload: opts.body as InjectOptions['payload'],
      headers: opts.headers,
      cookies: cookie ? { icse_session: cookie } : undefined,
    });
  };

  const close = async () => {
    await system.stop();
    if (url) {
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      await client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE; DROP SCHEMA IF EXISTS "${schema}_boss" CASCADE`);
      await client.end();
    }
    fs.rmSync(dataDir, { recursive: true, force: true });
  };
  return { ...system, config, login, api, close };
}
