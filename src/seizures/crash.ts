// Crash scenario: a real server process ingests a generated seizure, is killed with SIGKILL mid-way
// (during an upload request, with processing in flight), restarted, and the client re-sends everything.
// The triage must equal that of an uninterrupted run: nothing lost, nothing doubled.
import { settled } from '../shared/failures.js';
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { unpackTemplate, type Template } from '../testing/template.js';
import { generatedImage, multipartBody } from './fixtures.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const USER = 'de.investigator@demo.icse';

export interface CrashFile {
  name: string;
  data: Buffer;
}

/** N small generated images, plus exact duplicates and empty files sprinkled in (deterministic). */
export async function crashDataset(n: number): Promise<CrashFile[]> {
  const files: CrashFile[] = [];
  for (let i = 0; i < n; i++) {
    if (i % 50 === 49) files.push({ name: `img/${String(i).padStart(5, '0')}-dup.png`, data: files[i - 7]!.data });
    else if (i % 97 === 96) files.push({ name: `img/${String(i).padStart(5, '0')}-empty.jpg`, data: Buffer.alloc(0) });
    else files.push({ name: `img/${String(i).padStart(5, '0')}.png`, data: await generatedImage(i + 1, { width: 64, height: 48 }) });
  }
  return files;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as net.AddressInfo).port;
      s.close(() => resolve(port));
    });
    s.on('error', reject);
  });
}

export class ServerProcess {
  child: ChildProcess | null = null;
  port = 0;
  cookie = '';
  log = '';
  constructor(
    readonly dataDir: string,
    readonly env: Record<string, string> = {},
  ) {}

  get base() {
    return `http://127.0.0.1:${this.port}`;
  }

  async start(): Promise<void> {
    this.port = await freePort();
    // `node --import tsx` keeps it one process, so SIGKILL really kills the server (npx/tsx would fork).
    this.child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: {
        ...process.env,
        NODE_ENV: 'development',
        ICSE_DEMO: '1',
        ICSE_DEMO_MEDIA: '0',
        ICSE_HASH_WORKERS: '1', // 64×48 images: a second worker thread would cost more to start than it saves
        ICSE_DATA_DIR: this.dataDir,
        PORT: String(this.port),
        LOG_LEVEL: 'warn',
        ...this.env,
      },
    });
    this.child.stdout!.on('data', (d: Buffer) => {
      this.log += d.toString();
    });
    this.child.stderr!.on('data', (d: Buffer) => {
      this.log += d.toString();
    });
    const t0 = Date.now();
    for (;;) {
      if (this.child.exitCode !== null) throw new Error(`server exited: ${this.log.slice(-2000)}`);
      const ok = await fetch(`${this.base}/health`).then(
        (r) => r.ok,
        () => false,
      );
      if (ok) break;
      if (Date.now() - t0 > 120_000) throw new Error(`server did not start: ${this.log.slice(-2000)}`);
      await new Promise((r) => setTimeout(r, 200));
    }
    const login = await fetch(`${this.base}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: USER, password: 'demo-password' }),
    });
    if (!login.ok) throw new Error(`login failed: ${login.status} ${await login.text()}`);
    this.cookie = (login.headers.get('set-cookie') ?? '').split(';')[0]!;
  }

  async api(method: string, url: string, body?: unknown, headers: Record<string, string> = {}) {
    const isBuf = Buffer.isBuffer(body);
    const r = await fetch(`${this.base}${url}`, {
      method,
      headers: { cookie: this.cookie, ...(body !== undefined && !isBuf ? { 'content-type': 'application/json' } : {}), ...headers },
      body: body === undefined ? undefined : isBuf ? new Uint8Array(body) : JSON.stringify(body),
    });
    const text = await r.text();
    return { status: r.status, json: () => JSON.parse(text), text };
  }

  kill9() {
    this.child?.kill('SIGKILL');
  }

  async stop() {
    if (!this.child || this.child.exitCode !== null) return;
    const exited = new Promise((r) => this.child!.once('exit', r));
    this.child.kill('SIGTERM');
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([exited, new Promise((r) => (timer = setTimeout(r, 20_000)))]);
    clearTimeout(timer); // an exited child leaves nothing that keeps the caller's process alive
    if (this.child.exitCode === null) this.child.kill('SIGKILL');
  }
}

export async function uploadChunks(server: ServerProcess, seizureId: number, files: CrashFile[], chunk: number, onChunk?: (sent: number) => void) {
  for (let i = 0; i < files.length; i += chunk) {
    const { body, contentType } = multipartBody(files.slice(i, i + chunk));
    const r = await server.api('POST', `/api/v1/seizures/${seizureId}/files`, body, { 'content-type': contentType });
    if (r.status !== 200) throw new Error(`upload failed: ${r.status} ${r.text}`);
    onChunk?.(Math.min(files.length, i + chunk));
  }
}

export async function waitComplete(server: ServerProcess, seizureId: number, timeoutMs: number) {
  const t0 = Date.now();
  for (;;) {
    const s = (await server.api('GET', `/api/v1/seizures/${seizureId}`)).json();
    if (s.status === 'complete') return s;
    if (Date.now() - t0 > timeoutMs) throw new Error(`not complete after ${timeoutMs} ms: ${JSON.stringify(s)}`);
    await new Promise((r) => setTimeout(r, 300));
  }
}

/** The comparable outcome per path: status, result, error reason, duplicate-of path. */
export async function triageOutcome(server: ServerProcess, seizureId: number) {
  const r = await server.api('GET', `/api/v1/seizures/${seizureId}/triage?all=true`);
  const items = r.json().items as Array<{
    itemId: number;
    path: string;
    status: string;
    result: string | null;
    error: { reason: string } | null;
    note: string | null;
  }>;
  return {
    count: items.length,
    distinctPaths: new Set(items.map((i) => i.path)).size,
    byPath: Object.fromEntries(
      items.map((i) => [i.path, `${i.status}|${i.result ?? ''}|${i.error?.reason ?? ''}|${(i.note ?? '').replace(/item \d+ /, 'item # ')}`]),
    ),
  };
}

export interface CrashReport {
  n: number;
  killedAfterFiles: number;
  itemsBeforeKill: number;
  processedBeforeKill: number;
  equal: boolean;
  interrupted: Awaited<ReturnType<typeof triageOutcome>>;
  reference: Awaited<ReturnType<typeof triageOutcome>>;
  seconds: number;
}

async function setupSeizure(server: ServerProcess, label: string) {
  const c = await server.api('POST', '/api/v1/cases', { reference: `CRASH-${label}`, title: 'crash test' });
  const s = await server.api('POST', `/api/v1/cases/${c.json().id}/seizures`, { label });
  return s.json().id as number;
}

export async function runCrashScenario(opts: { n: number; chunk?: number; log?: (m: string) => void; template?: Template }): Promise<CrashReport> {
  const t0 = Date.now();
  const log = opts.log ?? (() => undefined);
  const chunk = opts.chunk ?? 50;
  const files = await crashDataset(opts.n);
  const url = process.env.DATABASE_URL;
  const schemas: string[] = [];
  const envFor = (): Record<string, string> => {
    if (!url) return {};
    const schema = `crash_${randomBytes(5).toString('hex')}`;
    schemas.push(schema);
    // A short lease: on a shared server the dead process's claims are handed back after it.
    return { DATABASE_URL: url, ICSE_DB_SCHEMA: schema, ICSE_INGEST_LEASE_SECONDS: '4' };
  };
  const dirA = fs.mkdtempSync(path.join(os.tmpdir(), 'icse-crash-'));
  const dirB = fs.mkdtempSync(path.join(os.tmpdir(), 'icse-ref-'));
  const envA = envFor();
  if (opts.template && !url) await Promise.all([dirA, dirB].map((d) => unpackTemplate(opts.template!, d)));
  const servers: ServerProcess[] = [];
  const server = (dir: string, env: Record<string, string>) => {
    const s = new ServerProcess(dir, env);
    servers.push(s);
    return s;
  };
  try {
    // The reference (uninterrupted) run goes alongside the interrupted one.
    const reference = (async () => {
      const b = server(dirB, envFor());
      await b.start();
      const refSeizure = await setupSeizure(b, 'crash');
      await uploadChunks(b, refSeizure, files, chunk);
      await waitComplete(b, refSeizure, 900_000);
      const out = await triageOutcome(b, refSeizure);
      await b.stop();
      log('reference run complete');
      return out;
    })();
    void settled(reference); // awaited below; meanwhile its failure is not an unhandled rejection

    const a = server(dirA, envA);
    await a.start();
    const seizure = await setupSeizure(a, 'crash');
    const killAt = Math.max(chunk, Math.floor(files.length / 2 / chunk) * chunk);
    log(`uploading ${files.length} files; SIGKILL after ${killAt}, during the next request`);
    await uploadChunks(a, seizure, files.slice(0, killAt), chunk);
    // Let processing get going, so the kill lands with batches in flight too.
    for (let t = 0; t < 100; t++) {
      const c = (await a.api('GET', `/api/v1/seizures/${seizure}`)).json().counts;
      if (c.done + c.error >= Math.min(20, killAt / 4)) break;
      await new Promise((r) => setTimeout(r, 100));
    }
    const { body, contentType } = multipartBody(files.slice(killAt, killAt + chunk));
    // The kill cuts this request off: an answer or a reset connection are both expected.
    const inflight = settled(a.api('POST', `/api/v1/seizures/${seizure}/files`, body, { 'content-type': contentType }));
    await new Promise((r) => setTimeout(r, 100));
    const exited = new Promise((r) => a.child!.once('exit', r));
    a.kill9();
    await exited;
    await inflight;

    const a2 = server(dirA, envA);
    await a2.start();
    const atRestart = (await a2.api('GET', `/api/v1/seizures/${seizure}`)).json().counts;
    log(`restarted; ${atRestart.items} items recorded before the kill (${atRestart.done + atRestart.error} processed)`);
    await uploadChunks(a2, seizure, files, chunk); // the client re-sends everything: held files are no-ops
    await waitComplete(a2, seizure, 900_000);
    const interrupted = await triageOutcome(a2, seizure);
    await a2.stop();
    const ref = await reference;
    const equal = JSON.stringify(interrupted.byPath) === JSON.stringify(ref.byPath);
    return {
      n: files.length,
      killedAfterFiles: killAt,
      itemsBeforeKill: atRestart.items,
      processedBeforeKill: atRestart.done + atRestart.error,
      equal,
      interrupted,
      reference: ref,
      seconds: (Date.now() - t0) / 1000,
    };
  } finally {
    for (const s of servers) {
      try {
        s.kill9();
      } catch {
        /* gone */
      }
    }
    for (const d of [dirA, dirB]) fs.rmSync(d, { recursive: true, force: true });
    if (url && schemas.length) {
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      for (const s of schemas) await client.query(`DROP SCHEMA IF EXISTS "${s}" CASCADE; DROP SCHEMA IF EXISTS "${s}_boss" CASCADE`);
      await client.end();
    }
  }
}
