// Which Chromium the browser tests launch: the explicit path, Debian's, else the npm package's build.
import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { resolveChromium } from './browser.js';

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
