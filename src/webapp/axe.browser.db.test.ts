// Accessibility of every page of the application: axe-core (injected into Chromium) over each route, signed in as
// a user who may open it, with demo-like records behind the ids; no critical or serious violation is allowed.
import fs from 'node:fs';
import { createRequire } from 'node:module';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { newPage, signIn, startBrowserSystem, SCREENSHOTS, type BrowserSystem } from './browser.js';
import { sceneJpeg } from '../demo/scenes.js';
import { multipartBody } from '../seizures/fixtures.js';

const FR = 'fr.investigator@demo.icse',
  FR_NCB = 'fr.ncb@demo.icse',
  DE = 'de.investigator@demo.icse',
  DPO = 'dpo@demo.icse',
  ADMIN = 'admin@demo.icse';
const AXE = fs.readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
let b: BrowserSystem;
const ids: Record<string, number> = {};

interface Violation {
  id: string;
  impact: string | null;
  nodes: Array<{ target: string[] }>;
}

async function axe(page: Page): Promise<Violation[]> {
  // Evaluated through the DevTools protocol: the page's CSP (script-src 'self') does not apply.
  await page.evaluate(AXE);
  return page.evaluate(async () => {
    const r = await (window as unknown as { axe: { run(ctx: unknown, o: unknown): Promise<{ violations: Violation[] }> } }).axe.run(document, {
      resultTypes: ['violations'],
    });
    return r.violations.map((v) => ({ id: v.id, impact: v.impact, nodes: v.nodes.map((n) => ({ target: n.target })) }));
  });
}

/** Rendered and idle: the shell's <main> holds the page and nothing is busy (the shell marks <main> busy while any
 * query loads, a page its own loaders), twice in a row 50 ms apart (a chunk or query can start right after). */
async function settle(page: Page) {
  await page.waitForFunction(
    () => {
      const w = window as unknown as { idleSince?: number };
      const idle = !!document.querySelector('main')?.childElementCount && !document.querySelector('[aria-busy="true"]');
      if (!idle) w.idleSince = undefined;
      else w.idleSince ??= performance.now();
      return idle && performance.now() - w.idleSince! >= 50;
    },
    undefined,
    { timeout: 15_000, polling: 25 },
  );
}

beforeAll(async () => {
  b = await startBrowserSystem();
  const api = b.sys.api;
  const kase = (await api('POST', '/api/v1/cases', { as: FR, body: { reference: 'AXE-1', title: 'Accessibility', distribution: 'all' } })).json();
  const seizure = (await api('POST', `/api/v1/cases/${kase.id}/seizures`, { as: FR, body: { label: 'axe seizure', distribution: 'all' } })).json();
  const { body, contentType } = multipartBody([
    { name: 'a.jpg', data: await sceneJpeg(601) },
    { name: 'broken.jpg', data: Buffer.from('not an image') },
  ]);
  await api('POST', `/api/v1/seizures/${seizure.id}/files`, { as: FR, body, headers: { 'content-type': contentType } });
  for (let t = Date.now(); (await api('GET', `/api/v1/seizures/${seizure.id}`, { as: FR })).json().status !== 'complete' && Date.now() - t < 60_000;)
    await new Promise((r) => setTimeout(r, 200));
  const items = (await api('GET', `/api/v1/seizures/${seizure.id}/triage?all=true`, { as: FR })).json().items as Array<{ mediaId: number | null }>;
  const series = (await api('POST', '/api/v1/series', { as: FR, body: { name: 'Axe series', distribution: 'all' } })).json();
  const victim = (await api('POST', `/api/v1/series/${series.id}/victims`, { as: FR, body: { label: 'Victim X' } })).json();
  const t = (
    await api('POST', `/api/v1/cases/${kase.id}/consultations`, { as: FR, body: { subject: 'Axe thread', countries: ['DE'], message: 'hello' } })
  ).json();
  Object.assign(ids, {
    case: kase.id,
    seizure: seizure.id,
    media: items.find((i) => i.mediaId)!.mediaId!,
    series: series.id,
    victim: victim.id,
    consultation: t.id,
  });
  void DE;
}, 180_000);
afterAll(async () => {
  await b?.close();
});

describe('axe-core on every route', () => {
  it('finds no critical or serious violation on any page', async () => {
    const routes: Array<[string, string | null]> = [
      ['/', null],
      ['/', FR],
      ['/cases', FR],
      [`/cases/${ids.case}`, FR],
      [`/cases/${ids.case}/upload`, FR],
      [`/seizures/${ids.seizure}`, FR],
      [`/seizures/${ids.seizure}?filter=error`, FR],
      ['/series', FR],
      [`/series/${ids.series}`, FR],
      [`/victims/${ids.victim}`, FR],
      [`/media/${ids.media}`, FR],
      ['/notices', FR],
      ['/notices/new', FR_NCB],
      ['/services', FR],
      ['/firearms', FR],
      ['/payments', FR],
      ['/blocklist', FR],
      ['/referrals', FR_NCB],
      ['/consultations', FR],
      [`/consultations/${ids.consultation}`, FR],
      ['/notifications', FR],
      ['/search', FR],
      ['/stats', FR],
      ['/audit', DPO],
      ['/retention', DPO],
      ['/', DPO],
      ['/admin', ADMIN],
      ['/settings', FR],
      ['/no-such-page', FR],
    ];
    const report: Array<{ route: string; as: string; critical: number; serious: number; moderate: number; minor: number; ids: string[] }> = [];
    const pages = new Map<string, { page: Page; close(): Promise<void> }>();
    for (const [route, as] of routes) {
      const key = as ?? 'anonymous';
      if (!pages.has(key)) {
        const p = await newPage(b);
        if (as) await signIn(b, p.page, as);
        pages.set(key, { page: p.page, close: () => p.context.close() });
      }
      const page = pages.get(key)!.page;
      await page.goto(route);
      await settle(page);
      const v = await axe(page);
      const count = (impact: string) => v.filter((x) => x.impact === impact).reduce((n, x) => n + x.nodes.length, 0);
      report.push({
        route,
        as: key,
        critical: count('critical'),
        serious: count('serious'),
        moderate: count('moderate'),
        minor: count('minor'),
        ids: v
          .filter((x) => x.impact === 'critical' || x.impact === 'serious')
          .map(
            (x) =>
              `${x.id}: ${x.nodes
                .slice(0, 3)
                .map((n) => n.target.join(' '))
                .join(' | ')}`,
          ),
      });
    }
    for (const p of pages.values()) await p.close();
    fs.mkdirSync(SCREENSHOTS, { recursive: true });
    fs.writeFileSync(`${SCREENSHOTS}/../axe-report.json`, JSON.stringify(report, null, 2));
    console.log(
      report
        .map((r) => `${r.route.padEnd(28)} ${r.as.padEnd(28)} critical ${r.critical} serious ${r.serious} moderate ${r.moderate} minor ${r.minor}`)
        .join('\n'),
    );
    expect(report.filter((r) => r.critical + r.serious > 0).map((r) => `${r.route} (${r.as}): ${r.ids.join('; ')}`)).toEqual([]);
  }, 300_000);
});
