// Browser-test helpers: the system listening on a random port, Chromium driven by playwright-core (Debian's when
// installed, else the one inside the npm package @sparticuz/chromium), sign-in through the real form (TOTP computed
// like an authenticator app), screenshots under test-artifacts/.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { startTestSystem, type TestSystem } from '../testing/harness.js';
import { DEMO_PASSWORD, DEMO_TOTP_SECRET } from '../demo/accounts.js';
import { totpNow } from '../identity/totp.js';
import { buildWebIfStale } from '../../web/build.js';

const DEBIAN_CHROMIUM = '/usr/bin/chromium';
export interface ChromiumChoice {
  executablePath: string;
  args: string[];
  source: 'CHROMIUM_PATH' | 'debian' | 'npm';
}

/**
 * Which Chromium the browser tests drive: CHROMIUM_PATH when set (it must exist), else Debian's /usr/bin/chromium,
 * else the build shipped inside the devDependency @sparticuz/chromium (unpacked to /tmp on first use), so
 * `npm install && npm test` needs no system browser. ICSE_CHROMIUM=npm forces the npm build (to test the fallback).
 */
export async function resolveChromium(env: NodeJS.ProcessEnv = process.env, exists: (p: string) => boolean = fs.existsSync): Promise<ChromiumChoice> {
  const common = [
    '--no-sandbox',
    '--disable-gpu',
    '--disable-quic',
    '--no-first-run',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
  ];
  if (env.ICSE_CHROMIUM !== 'npm') {
    if (env.CHROMIUM_PATH) {
      if (!exists(env.CHROMIUM_PATH))
        throw new Error(`CHROMIUM_PATH=${env.CHROMIUM_PATH} does not exist; unset it to use Debian's or the npm package's Chromium`);
      return { executablePath: env.CHROMIUM_PATH, args: common, source: 'CHROMIUM_PATH' };
    }
    if (exists(DEBIAN_CHROMIUM)) return { executablePath: DEBIAN_CHROMIUM, args: common, source: 'debian' };
  }
  const { default: bundled } = await import('@sparticuz/chromium');
  // The package's flags are tuned for serverless hosts: --single-process fails the second browser context, and the
  // tests keep web security on like a real browser.
  const dropped = new Set(['--single-process', '--disable-web-security', '--allow-running-insecure-content']);
  const args = bundled.args.filter((a) => !dropped.has(a));
  return { executablePath: await unpackOnce(() => bundled.executablePath()), args, source: 'npm' };
}

/**
 * The npm build's unpack (to <tmp>/chromium) by one process at a time. The package only checks that the binary
 * exists, and it exists from the first byte written: two test files starting at once had one launch a half-written
 * binary (spawn ETXTBSY). One process unpacks under a lock directory and leaves a marker when it is complete; the
 * others wait for the marker. A binary without the marker is a cut-short unpack and is unpacked again; a lock left
 * by a process that died is taken over after `staleMs`.
 */
export async function unpackOnce(unpack: () => Promise<string>, dir = os.tmpdir(), opts = { staleMs: 120_000, waitMs: 300_000 }): Promise<string> {
  const marker = path.join(dir, 'icse-chromium.ready'),
    lock = path.join(dir, 'icse-chromium.lock'),
    bin = path.join(dir, 'chromium');
  const deadline = Date.now() + opts.waitMs;
  for (;;) {
    if (fs.existsSync(marker) && fs.existsSync(bin)) return bin;
    try {
      fs.mkdirSync(lock);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      const since = fs.statSync(lock, { throwIfNoEntry: false })?.mtimeMs;
      if (since !== undefined && Date.now() - since > opts.staleMs) fs.rmSync(lock, { recursive: true, force: true });
      if (Date.now() > deadline) throw new Error(`another process has been unpacking Chromium into ${dir} for too long (lock ${lock})`);
      await new Promise((r) => setTimeout(r, 100));
      continue;
    }
    try {
      if (!fs.existsSync(marker)) fs.rmSync(bin, { force: true });
      const p = await unpack();
      fs.writeFileSync(marker, p);
      return p;
    } finally {
      fs.rmSync(lock, { recursive: true, force: true });
    }
  }
}

export const SCREENSHOTS = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../test-artifacts/screenshots');

export interface BrowserSystem {
  sys: TestSystem;
  baseUrl: string;
  browser: Browser;
  close(): Promise<void>;
}

export async function startBrowserSystem(): Promise<BrowserSystem> {
  const chromiumChoice = await resolveChromium();
  await buildWebIfStale();
  const sys = await startTestSystem();
  await sys.app.listen({ host: '127.0.0.1', port: 0 });
  const addr = sys.app.server.address();
  if (!addr || typeof addr === 'string') throw new Error('the test server is not listening on a TCP port');
  const baseUrl = `http://127.0.0.1:${addr.port}`;
  // playwright-core gives every launch a fresh --user-data-dir (a new temp profile, removed on close);
  // it refuses the flag in args, so the profile isolation is its own.
  const browser = await chromium.launch({ executablePath: chromiumChoice.executablePath, headless: true, args: chromiumChoice.args });
  fs.mkdirSync(SCREENSHOTS, { recursive: true });
  return {
    sys,
    baseUrl,
    browser,
    close: async () => {
      await browser.close().catch(sys.ctx.log.failed('closing the browser'));
      await sys.close();
    },
  };
}

/** A fresh browser context (own cookies) at 1280×800 unless told otherwise; page errors fail loudly. */
export async function newPage(b: BrowserSystem, viewport = { width: 1280, height: 800 }): Promise<{ context: BrowserContext; page: Page; errors: string[] }> {
  const context = await b.browser.newContext({ baseURL: b.baseUrl, viewport });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.setDefaultTimeout(15_000);
  return { context, page, errors };
}

/** Signs in through the form; for the TOTP account, waits for the code field the API asks for. */
export async function signIn(b: BrowserSystem, page: Page, email: string, opts: { screenshot?: string } = {}): Promise<void> {
  await page.goto('/');
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  const user = await b.sys.ctx.db.selectFrom('users').select(['id', 'totp_secret']).where('email', '=', email).executeTakeFirstOrThrow();
  if (user.totp_secret) {
    const code = page.getByLabel('Authenticator code');
    await code.waitFor();
    if (opts.screenshot) await shot(page, opts.screenshot);
    // Codes are single-use per 30 s step: clear the replay marker so a test may sign the same user in twice.
    await b.sys.ctx.db.updateTable('users').set({ totp_last_step: null }).where('id', '=', user.id).execute();
    await code.fill(totpNow(user.totp_secret === DEMO_TOTP_SECRET ? DEMO_TOTP_SECRET : user.totp_secret));
    await page.getByRole('button', { name: 'Verify code' }).click();
  }
  await page.getByTestId('whoami').waitFor();
}

export async function shot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: path.join(SCREENSHOTS, `${name}.png`), fullPage: false });
}
