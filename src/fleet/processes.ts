// Child processes of `icse serve --role …` for the fleet test: free loopback ports, captured output, /health
// polling, SIGKILL. Each process has its own data dir; all share one PostgreSQL schema, the media and audit
// keys, and the media store.
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}

export interface FleetProcess {
  name: string;
  role: 'api' | 'worker' | 'all';
  port: number;
  url: string;
  child: ChildProcess;
  dataDir: string;
  output(): string;
  health(): Promise<Record<string, any> | null>;
  waitHealthy(timeoutMs?: number): Promise<Record<string, any>>;
  kill(signal?: NodeJS.Signals): Promise<void>;
}

export async function startProcess(name: string, role: 'api' | 'worker' | 'all', env: Record<string, string>): Promise<FleetProcess> {
  const port = await freePort();
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), `icse-fleet-${name}-`));
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli.ts', 'serve', '--role', role], {
    cwd: root,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, ...env, PORT: String(port), HOST: '127.0.0.1', ICSE_DATA_DIR: dataDir },
  });
  let out = '';
  const keep = (b: Buffer) => {
    out = (out + b.toString()).slice(-20_000);
  };
  child.stdout!.on('data', keep);
  child.stderr!.on('data', keep);
  const url = `http://127.0.0.1:${port}`;
  const health = async () => {
    try {
      const r = await fetch(`${url}/health`, { signal: AbortSignal.timeout(2000) });
      return r.ok ? ((await r.json()) as Record<string, any>) : null;
    } catch {
      return null;
    }
  };
  const proc: FleetProcess = {
    name,
    role,
    port,
    url,
    child,
    dataDir,
    output: () => out,
    health,
    async waitHealthy(timeoutMs = 90_000) {
      const t0 = Date.now();
      for (;;) {
        if (child.exitCode !== null) throw new Error(`${name} exited with ${child.exitCode}:\n${out}`);
        const h = await health();
        if (h) return h;
        if (Date.now() - t0 > timeoutMs) throw new Error(`${name} not healthy after ${timeoutMs} ms:\n${out}`);
        await new Promise((r) => setTimeout(r, 250));
      }
    },
    async kill(signal = 'SIGTERM') {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = new Promise<void>((r) => child.once('exit', () => r()));
      child.kill(signal);
      const timer = setTimeout(() => child.kill('SIGKILL'), 20_000);
      await exited;
      clearTimeout(timer);
    },
  };
  return proc;
}

/**
 * npm s3rver in a child process (the AWS variables for ICSE_MEDIA_STORE, as src/testing/s3.ts). A client
 * SIGKILLed in the middle of a PUT makes s3rver throw on its own temp file (ENOENT, uncaught): in a child
 * that is logged and the server keeps serving, as a real object store would.
 */
export async function startS3Child(
  directory: string,
  bucket = 'icse-media',
): Promise<{ env: Record<string, string>; output(): string; close(): Promise<void> }> {
  const code = `const S3rver = require('s3rver');
process.on('uncaughtException', (err) => process.stderr.write('s3rver: ' + (err && err.message) + '\\n'));
new S3rver({ port: 0, address: '127.0.0.1', silent: true, directory: ${JSON.stringify(path.resolve(directory))}, configureBuckets: [{ name: ${JSON.stringify(bucket)}, configs: [] }] })
  .run().then((a) => process.stdout.write(JSON.stringify(a) + '\\n'));`;
  const child = spawn(process.execPath, ['-e', code], { stdio: ['ignore', 'pipe', 'pipe'], cwd: root });
  let err = '';
  child.stderr!.on('data', (d: Buffer) => {
    err = (err + d.toString()).slice(-5000);
  });
  const port = await new Promise<number>((resolve, reject) => {
    let buf = '';
    child.stdout!.on('data', (d: Buffer) => {
      buf += d.toString();
      const m = /"port":(\d+)/.exec(buf);
      if (m) resolve(Number(m[1]));
    });
    child.once('exit', (c) => reject(new Error(`s3rver exited ${c}: ${err}`)));
  });
  return {
    env: { AWS_ENDPOINT_URL: `http://127.0.0.1:${port}`, AWS_REGION: 'us-east-1', AWS_ACCESS_KEY_ID: 'S3RVER', AWS_SECRET_ACCESS_KEY: 'S3RVER' },
    output: () => err,
    close: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}
