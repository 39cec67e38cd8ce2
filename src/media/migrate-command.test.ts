// `icse media migrate` killed with SIGKILL mid-run and run again: every object readable throughout (v1 or
// chunked), none lost or changed, the second run finishes the rest, a third finds nothing to do.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createCipheriv, createHash, randomBytes } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { MediaStore, loadMediaKey } from './store.js';
import { MAGIC_V1, MAGIC_V2 } from './chunked.js';

const ROOT = path.resolve(import.meta.dirname, '../..');
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'icse-migrate-cli-'));
afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));
const file = (name: string) => path.join(dataDir, 'media', name.slice(0, 2), name.slice(2, 4), name);
const magic = (name: string) => fs.readFileSync(file(name)).subarray(0, 8);

function cli(args: string[], onLine?: (line: string, kill: () => void) => void): Promise<{ code: number | null; signal: NodeJS.Signals | null; out: string }> {
  return new Promise((resolve, reject) => {
    const p = spawn(process.execPath, [path.join(ROOT, 'bin/icse.js'), ...args], {
      cwd: ROOT,
      env: { ...process.env, ICSE_DATA_DIR: dataDir, NODE_ENV: 'test' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let buf = '';
    p.stdout.on('data', (d: Buffer) => {
      out += d;
      buf += d;
      let i;
      while ((i = buf.indexOf('\n')) >= 0) {
        const line = buf.slice(0, i);
        buf = buf.slice(i + 1);
        onLine?.(line, () => p.kill('SIGKILL'));
      }
    });
    p.stderr.on('data', (d: Buffer) => {
      out += d;
    });
    p.on('error', reject);
    p.on('close', (code, signal) => resolve({ code, signal, out }));
  });
}

describe('icse media migrate', () => {
  it('continues after a SIGKILL without losing or changing an object', async () => {
    const key = loadMediaKey(dataDir, null);
    const plains = new Map<string, Buffer>();
    for (let i = 0; i < 120; i++) {
      const plain = randomBytes(150_000 + i);
      const name = createHash('sha256').update(plain).digest('hex');
      const iv = randomBytes(12);
      const c = createCipheriv('aes-256-gcm', key, iv);
      fs.mkdirSync(path.dirname(file(name)), { recursive: true });
      fs.writeFileSync(file(name), Buffer.concat([MAGIC_V1, iv, c.update(plain), c.final(), c.getAuthTag()]));
      plains.set(name, plain);
    }
    let converted = 0;
    const killed = await cli(['media', 'migrate'], (line, kill) => {
      if (line.startsWith('converted ') && ++converted === 10) kill();
    });
    expect(killed.signal).toBe('SIGKILL');
    const chunkedAfterKill = [...plains.keys()].filter((n) => magic(n).equals(MAGIC_V2)).length;
    expect(chunkedAfterKill).toBeGreaterThanOrEqual(10);
    expect(chunkedAfterKill).toBeLessThan(plains.size);
    const store = new MediaStore(dataDir, key);
    for (const [name, plain] of plains) expect((await store.read(name)).equals(plain)).toBe(true);

    const rest = await cli(['media', 'migrate', '--quiet']);
    expect(rest.code).toBe(0);
    expect(rest.out).toContain(`${plains.size} objects: ${plains.size - chunkedAfterKill} converted, 0 copied, ${chunkedAfterKill} already chunked, 0 failed`);
    for (const [name, plain] of plains) {
      expect(magic(name).equals(MAGIC_V2)).toBe(true);
      expect((await store.read(name)).equals(plain)).toBe(true);
    }
    const again = await cli(['media', 'migrate']);
    expect(again.code).toBe(0);
    expect(again.out).toContain(`${plains.size} objects: 0 converted, 0 copied, ${plains.size} already chunked, 0 failed`);
    // At most the one object being written at the kill is left as a temporary (swept after an hour).
    expect(fs.readdirSync(path.join(dataDir, 'media', 'tmp')).length).toBeLessThanOrEqual(1);
  }, 120_000);
});
