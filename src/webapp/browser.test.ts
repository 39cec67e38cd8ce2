// Which Chromium the browser tests launch: the explicit path, Debian's, else the npm package's build.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { resolveChromium, unpackOnce } from './browser.js';

describe('resolveChromium', () => {
  it('takes CHROMIUM_PATH when set and present', async () => {
    const c = await resolveChromium({ CHROMIUM_PATH: '/opt/c/chrome' }, (p) => p === '/opt/c/chrome');
    expect(c).toMatchObject({ executablePath: '/opt/c/chrome', source: 'CHROMIUM_PATH' });
  });

  it('refuses a CHROMIUM_PATH that does not exist, naming it', async () => {
    await expect(resolveChromium({ CHROMIUM_PATH: '/nowhere/chromium' }, () => false)).rejects.toThrow('/nowhere/chromium');
  });

  it("prefers Debian's Chromium when no path is given", async () => {
    const c = await resolveChromium({}, (p) => p === '/usr/bin/chromium');
    expect(c).toMatchObject({ executablePath: '/usr/bin/chromium', source: 'debian' });
  });

  it('falls back to the Chromium inside @sparticuz/chromium when no system browser exists', async () => {
    const c = await resolveChromium({}, () => false);
    expect(c.source).toBe('npm');
    expect(fs.existsSync(c.executablePath)).toBe(true);
    expect(c.args).toContain('--no-sandbox');
    expect(c.args).not.toContain('--disable-web-security');
    expect(c.args).not.toContain('--single-process'); // it fails the second browser context
  });
});

describe('unpackOnce (the npm Chromium unpacked by one process at a time)', () => {
  const tmp = () => fs.mkdtempSync(path.join(os.tmpdir(), 'icse-unpack-'));
  // Writes the "binary" in pieces, as the package's unpack does: it exists long before it is complete.
  const slowUnpack = (dir: string, calls: { n: number }) => async () => {
    calls.n++;
    const bin = path.join(dir, 'chromium');
    fs.writeFileSync(bin, 'part 1;');
    await new Promise((r) => setTimeout(r, 150));
    fs.appendFileSync(bin, 'complete');
    return bin;
  };

  it('lets concurrent callers wait for one complete unpack', async () => {
    const dir = tmp(),
      calls = { n: 0 };
    const paths = await Promise.all([1, 2, 3].map(() => unpackOnce(slowUnpack(dir, calls), dir)));
    expect(calls.n).toBe(1);
    expect(new Set(paths)).toEqual(new Set([path.join(dir, 'chromium')]));
    expect(fs.readFileSync(path.join(dir, 'chromium'), 'utf8')).toBe('part 1;complete');
    // Later callers take the finished one without unpacking.
    await unpackOnce(slowUnpack(dir, calls), dir);
    expect(calls.n).toBe(1);
  });

  it('unpacks again over a binary an interrupted unpack left, and takes over a stale lock', async () => {
    const dir = tmp(),
      calls = { n: 0 };
    fs.writeFileSync(path.join(dir, 'chromium'), 'part 1;'); // no marker: cut short
    fs.mkdirSync(path.join(dir, 'icse-chromium.lock'));
    const old = new Date(Date.now() - 10_000);
    fs.utimesSync(path.join(dir, 'icse-chromium.lock'), old, old);
    await unpackOnce(slowUnpack(dir, calls), dir, { staleMs: 1_000, waitMs: 5_000 });
    expect(calls.n).toBe(1);
    expect(fs.readFileSync(path.join(dir, 'chromium'), 'utf8')).toBe('part 1;complete');
    expect(fs.existsSync(path.join(dir, 'icse-chromium.lock'))).toBe(false);
  });
});
