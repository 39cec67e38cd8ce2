// The web application's assets: split per route and sent precompressed (brotli, else gzip) with the right headers;
// and the pages import no server code outside src/shared.
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestSystem, type TestSystem } from '../testing/harness.js';
import { buildWebIfStale } from '../../web/build.js';
import { WEB_DIST } from './routes.js';

let sys: TestSystem;
beforeAll(async () => {
  await buildWebIfStale();
  sys = await startTestSystem();
}, 120_000);
afterAll(async () => {
  await sys?.close();
});

describe('web assets', () => {
  it('serves the entry script brotli- or gzip-compressed as the client accepts, identical once decoded', async () => {
    const html = (await sys.app.inject({ method: 'GET', url: '/' })).body;
    const entry = /src="(\/assets\/index-[^"]+\.js)"/.exec(html)?.[1];
    expect(entry).toBeDefined();
    const raw = fs.readFileSync(path.join(WEB_DIST, entry!));
    const br = await sys.app.inject({ method: 'GET', url: entry!, headers: { 'accept-encoding': 'gzip, deflate, br' } });
    expect(br.statusCode).toBe(200);
    expect(br.headers['content-encoding']).toBe('br');
    expect(br.headers['vary']).toMatch(/accept-encoding/i);
    expect(br.rawPayload.length).toBeLessThan(raw.length / 3);
    expect(zlib.brotliDecompressSync(br.rawPayload).equals(raw)).toBe(true);
    const gz = await sys.app.inject({ method: 'GET', url: entry!, headers: { 'accept-encoding': 'gzip' } });
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(zlib.gunzipSync(gz.rawPayload).equals(raw)).toBe(true);
    const plain = await sys.app.inject({ method: 'GET', url: entry!, headers: { 'accept-encoding': 'identity' } });
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.rawPayload.equals(raw)).toBe(true);
  });

  it('splits the pages into their own chunks (the triage page is not in the entry script)', () => {
    const assets = fs.readdirSync(path.join(WEB_DIST, 'assets')).filter((n) => n.endsWith('.js'));
    expect(assets.some((n) => /^Triage-.*\.js$/.test(n))).toBe(true);
    const entry = assets.find((n) => n.startsWith('index-'))!;
    expect(fs.readFileSync(path.join(WEB_DIST, 'assets', entry), 'utf8')).not.toContain('Reveal both');
  });

  it('the pages import no server module (only src/shared, which is pure)', () => {
    const web = path.resolve(WEB_DIST, '..', 'src');
    const offenders: string[] = [];
    for (const name of fs.readdirSync(web, { recursive: true }) as string[]) {
      if (!/\.tsx?$/.test(name)) continue;
      for (const m of fs.readFileSync(path.join(web, name), 'utf8').matchAll(/from '((?:\.\.\/)+src\/[^']+)'/g)) {
        if (!/src\/shared\//.test(m[1]!)) offenders.push(`${name}: ${m[1]}`);
      }
    }
    expect(offenders).toEqual([]);
  });
});
