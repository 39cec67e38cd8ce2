// The domain block list and referral packages in a real browser against the real API.
// Block list: FR proposes a domain (the API refuses a single criterion), DE confirms it and it turns active,
// FR's NCB downloads it as text and CSV; the hub finds it in the review list and removes it with a reason.
// Referrals: the hub uploads a JSON report (FR, DE, no country, a bad row), sees the rejected row's reason and
// assigns the unassigned incident; FR's NCB sees only FR incidents (new material first, verdict badges,
// "known to BR" redaction), acknowledges the package and records "case opened" with a case reference.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newPage, shot, signIn, startBrowserSystem, type BrowserSystem } from './browser.js';
import { flipBits, insertMedia, randomHex, type TestMediaInput } from '../series/test-media.js';

const FR = 'fr.investigator@demo.icse',
  DE = 'de.investigator@demo.icse',
  BR = 'br.investigator@demo.icse';
const FR_NCB = 'fr.ncb@demo.icse',
  HUB = 'hub.analyst@demo.icse';
const DOMAIN = 'example-blocked.test';
let b: BrowserSystem;
let entryId: number;

beforeAll(async () => {
  b = await startBrowserSystem();
}, 120_000);
afterAll(async () => {
  await b?.close();
});

async function addMedia(m: TestMediaInput) {
  const row = await insertMedia(b.sys.ctx.db, m);
  await b.sys.ctx.matcher.start();
  b.sys.ctx.matcher.add(row.id, row.pdq); // as ingest does after commit
  return row;
}

describe('domain block list', () => {
  it("FR proposes a domain, DE confirms it, it is active and FR's NCB downloads it", async () => {
    const fr = await newPage(b);
    await signIn(b, fr.page, FR);
    await fr.page.getByRole('navigation').getByRole('link', { name: 'Services' }).click();
    await fr.page.getByRole('link', { name: 'Domain block list' }).click();
    expect(await fr.page.getByRole('link', { name: 'Download as text' }).count()).toBe(0); // investigators do not distribute the list
    await fr.page.getByLabel('Domain', { exact: true }).fill('https://Example-Blocked.TEST:8443/gallery?id=1');
    await fr.page.getByLabel('Real children apparently under 13').check();
    // One criterion is not enough: the API says why.
    await fr.page.getByRole('button', { name: 'Propose domain' }).click();
    await expect.poll(() => fr.page.getByRole('alert').textContent()).toMatch(/both criteria: real children apparently under 13 and severe abuse/);
    await fr.page.getByLabel('Severe abuse').check();
    await fr.page.getByRole('button', { name: 'Propose domain' }).click();
    await fr.page.getByTestId('entry-status').getByText('pending').waitFor();
    expect(await fr.page.getByTestId('entry-domain').textContent()).toBe(DOMAIN); // cut to its host, lower-cased
    entryId = Number(fr.page.url().split('/').pop());
    expect(await fr.page.getByText('confirmation by an agency of a country other than FR').count()).toBe(1);
    expect(await fr.page.getByRole('button', { name: 'Confirm entry' }).count()).toBe(0); // its own agency cannot confirm it
    await expect.poll(() => fr.page.getByTestId('verifications').textContent()).toMatch(/proposal.*FR.*OFMIN \(Office mineurs\)/);
    await shot(fr.page, 'blocklist-proposed');
    // Proposing it again names the entry to verify instead.
    await fr.page.goto('/blocklist');
    await fr.page.getByLabel('Domain', { exact: true }).fill(DOMAIN);
    await fr.page.getByLabel('Real children apparently under 13').check();
    await fr.page.getByLabel('Severe abuse').check();
    await fr.page.getByRole('button', { name: 'Propose domain' }).click();
    await expect.poll(() => fr.page.getByRole('alert').textContent()).toMatch(/already on the list \(pending/);
    await fr.page.getByRole('link', { name: `Open entry ${entryId}` }).waitFor();
    expect(fr.errors).toEqual([]);
    await fr.context.close();

    const de = await newPage(b);
    await signIn(b, de.page, DE);
    await de.page.goto('/blocklist');
    await de.page.getByLabel('Status').selectOption('pending');
    await de.page.getByLabel('Domain contains').fill('blocked');
    await de.page.getByRole('button', { name: 'Find' }).click();
    await de.page.getByTestId('blocklist-list').getByRole('link', { name: DOMAIN }).click();
    await de.page.getByLabel('Real children apparently under 13').check();
    await de.page.getByLabel('Severe abuse').check();
    await de.page.getByLabel('Verification note (optional)').fill('seen in BKA case 2026/17');
    await de.page.getByRole('button', { name: 'Confirm entry' }).click();
    await de.page.getByTestId('entry-status').getByText('active').waitFor();
    await expect
      .poll(() => de.page.getByTestId('verifications').locator('tbody tr').allTextContents())
      .toEqual([
        expect.stringMatching(/^proposal.*FR.*OFMIN \(Office mineurs\)/),
        expect.stringMatching(/^confirmation.*DE.*BKA SO12.*seen in BKA case 2026\/17/),
      ]);
    expect(await de.page.getByTestId('entry-review-due').textContent()).not.toBe('—');
    await shot(de.page, 'blocklist-active');
    await de.page.getByRole('link', { name: '← block list' }).click();
    await de.page.getByLabel('Status').selectOption('active');
    await expect.poll(() => de.page.getByTestId(`entry-${DOMAIN}`).textContent()).toMatch(/active.*FR.*FR, DE/);
    expect(de.errors).toEqual([]);
    await de.context.close();

    const ncb = await newPage(b);
    await signIn(b, ncb.page, FR_NCB);
    await ncb.page.goto('/blocklist');
    expect(await ncb.page.getByRole('button', { name: 'Propose domain' }).count()).toBe(0);
    const txtHref = await ncb.page.getByRole('link', { name: 'Download as text' }).getAttribute('href');
    const csvHref = await ncb.page.getByRole('link', { name: 'Download as CSV' }).getAttribute('href');
    const txt = await ncb.page.request.get(txtHref!); // the page's own session cookie
    expect(txt.status()).toBe(200);
    expect(txt.headers()['content-type']).toMatch(/^text\/plain/);
    expect(txt.headers()['content-disposition']).toMatch(/attachment; filename="icse-blocklist-\d{4}-\d{2}-\d{2}\.txt"/);
    expect((await txt.text()).split('\n')).toContain(DOMAIN);
    const csv = (await (await ncb.page.request.get(csvHref!)).text()).trim().split('\n');
    expect(csv[0]).toBe('domain,activated_at,review_due');
    expect(csv.some((l) => l.startsWith(`${DOMAIN},`))).toBe(true);
    await shot(ncb.page, 'blocklist-download');
    expect(ncb.errors).toEqual([]);
    await ncb.context.close();
  });

  it('the hub finds the entry in the review list and removes it with a reason; it leaves the download', async () => {
    const hub = await newPage(b);
    await signIn(b, hub.page, HUB);
    await hub.page.goto('/blocklist');
    expect(await hub.page.getByRole('button', { name: 'Propose domain' }).count()).toBe(0); // the hub reviews, it does not propose
    await hub.page.getByRole('link', { name: 'Due for review' }).click();
    await hub.page.getByText(/Nothing due until/).waitFor(); // due in 90 days, not today
    await hub.page.getByLabel('Include entries due within').selectOption('90');
    await hub.page.getByTestId('review-due').getByRole('link', { name: DOMAIN }).click();
    await hub.page.getByRole('button', { name: 'Re-verify entry' }).waitFor();
    await hub.page.getByLabel('Reason for removal').fill('content gone, domain parked');
    await hub.page.getByRole('button', { name: 'Remove from the list' }).click();
    await hub.page.getByTestId('entry-status').getByText('removed').waitFor();
    await hub.page
      .getByText(/content gone, domain parked/)
      .first()
      .waitFor();
    await shot(hub.page, 'blocklist-removed');
    expect(hub.errors).toEqual([]);
    await hub.context.close();
    const dl = await b.sys.api('GET', '/api/v1/blocklist/download?format=txt', { as: FR_NCB });
    expect(dl.statusCode).toBe(200);
    expect(dl.body.split('\n')).not.toContain(DOMAIN);
    // Proposed again, it is a new entry that shows the removed one as history.
    const again = await b.sys.api('POST', '/api/v1/blocklist', { as: DE, body: { domain: DOMAIN, criteria: { childrenUnder13: true, severeAbuse: true } } });
    expect(again.statusCode, again.body).toBe(201);
    const de = await newPage(b);
    await signIn(b, de.page, DE);
    await de.page.goto(`/blocklist/${again.json().id}`);
    await de.page.getByRole('link', { name: `Entry ${entryId}` }).waitFor();
    expect(de.errors).toEqual([]);
    await de.context.close();
  });
});

describe('referral packages', () => {
  it("the hub uploads a report and sees the rejected row; FR's NCB sees only FR incidents, acknowledges and records a case", async () => {
    const deKnown = await addMedia({ ownerEmail: DE, distribution: 'all' });
    const brRestricted = await addMedia({ ownerEmail: BR, distribution: 'agency' });
    const P = randomHex(32),
      newSha = randomHex(32);
    await addMedia({ ownerEmail: DE, distribution: 'all', pdq: P });
    const report = [
      {
        incidentId: 'FR-EXACT',
        incidentTime: '2026-03-01T10:00:00Z',
        country: 'FR',
        account: 'u-991',
        username: 'night_owl',
        ip: '203.0.113.7',
        files: [{ name: 'a.jpg', sha256: deKnown.sha256 }],
      },
      { incidentId: 'FR-NEW', incidentTime: '2026-03-01T11:00:00Z', country: 'fr', files: [{ name: 'b.jpg', md5: randomHex(16), sha256: newSha }] },
      { incidentId: 'FR-RESTRICTED', country: 'FR', files: [{ md5: brRestricted.md5 }] },
      { incidentId: 'FR-NEAR', country: 'FR', files: [{ pdq: flipBits(P, 10) }] },
      { incidentId: 'DE-1', country: 'DE', files: [{ md5: randomHex(16) }] },
      { incidentId: 'NOWHERE-1', files: [{ sha1: randomHex(20) }] },
      { incidentId: 'BAD-HASH', country: 'FR', files: [{ md5: 'xyz' }] },
    ];

    const hub = await newPage(b);
    await signIn(b, hub.page, HUB);
    await hub.page.goto('/services');
    await hub.page.getByRole('link', { name: 'Referral packages' }).click();
    await hub.page.getByLabel('Provider', { exact: true }).fill('ExampleCloud');
    await hub.page.getByLabel('Report reference').fill('R-2026-B1');
    await hub.page
      .getByLabel('Report file (JSON or CSV)')
      .setInputFiles({ name: 'report.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(report)) });
    await hub.page.getByRole('button', { name: 'Upload report' }).click();
    const outcome = hub.page.getByTestId('upload-outcome');
    await outcome.waitFor();
    expect(await outcome.getByTestId('upload-counts').textContent()).toMatch(
      /^7 rows: 6 incidents accepted, 1 row rejected; 1 unassigned · files: 3 new, 1 known-near, 2 known-exact/,
    );
    const rejected = await outcome.getByTestId('rejected-rows').locator('tbody tr').allTextContents();
    expect(rejected).toHaveLength(1);
    expect(rejected[0]).toMatch(/^7BAD-HASHbad_hash.*MD5 hash contains a non-hex character/);
    const frLink = outcome.getByRole('link', { name: /^Package \d+ for FR$/ });
    expect(await frLink.count()).toBe(1);
    expect(await outcome.getByRole('link', { name: /^Package \d+ for DE$/ }).count()).toBe(1);
    const frPkg = Number((await frLink.getAttribute('href'))!.split('/').pop());
    await hub.page.getByTestId('summary-FR').waitFor();
    expect(await hub.page.getByTestId('summary-FR').textContent()).toMatch(/^FR1014/); // 1 package, 0 acknowledged, 1 awaiting, 4 incidents
    await shot(hub.page, 'referrals-upload');
    // The incident without a country goes to Germany by hand.
    await outcome.getByRole('link', { name: 'Assign the unassigned incidents' }).click();
    const nowhere = hub.page.getByTestId('incident-NOWHERE-1');
    expect(await nowhere.textContent()).toMatch(/Not assigned: the provider gave no country/);
    await shot(hub.page, 'referrals-unassigned');
    await nowhere.getByLabel('Assign to country').selectOption('DE');
    await nowhere.getByRole('button', { name: 'Assign' }).click();
    await hub.page.getByText('The queue is empty.').waitFor();
    expect(await hub.page.locator('img').count()).toBe(0);
    expect(hub.errors).toEqual([]);
    await hub.context.close();
    const dePkg = (await b.sys.api('GET', '/api/v1/referrals/packages?country=DE', { as: HUB })).json().packages[0];
    expect(dePkg.counts.incidents).toBe(2);

    const ncb = await newPage(b);
    await signIn(b, ncb.page, FR_NCB);
    await ncb.page.goto('/services');
    await ncb.page.getByRole('link', { name: 'Referral packages' }).click();
    const packages = ncb.page.getByTestId('package-list').locator('tbody tr');
    await packages.first().waitFor();
    expect(await packages.count()).toBe(1); // only France's package
    await ncb.page.getByRole('link', { name: `Package ${frPkg}` }).click();
    await ncb.page.getByTestId('package-title').getByText(`Referral package ${frPkg} · FR`).waitFor();
    const cards = ncb.page.getByTestId('incident-list').locator('article');
    await cards.first().waitFor();
    // Only FR incidents, new material first, then known-near, then known-exact.
    expect(await cards.evaluateAll((els) => els.map((e) => e.getAttribute('data-testid')))).toEqual([
      'incident-FR-NEW',
      'incident-FR-NEAR',
      'incident-FR-EXACT',
      'incident-FR-RESTRICTED',
    ]);
    const verdict = async (id: string) => await ncb.page.getByTestId(`incident-${id}`).getByTestId('referral-file').getAttribute('data-result');
    expect([await verdict('FR-NEW'), await verdict('FR-NEAR'), await verdict('FR-EXACT'), await verdict('FR-RESTRICTED')]).toEqual([
      'new',
      'known_near',
      'known_exact',
      'known_exact',
    ]);
    expect(await ncb.page.getByTestId('incident-FR-NEW').locator('.badge-new').first().textContent()).toBe('new material');
    expect(await ncb.page.getByTestId('incident-FR-NEAR').getByTestId('referral-file').locator('.badge').textContent()).toBe('known-near');
    expect(await ncb.page.getByTestId('incident-FR-RESTRICTED').getByTestId('known').textContent()).toMatch(/^known to BR, contact its NCB/);
    expect(await ncb.page.getByTestId('incident-FR-EXACT').getByTestId('known').textContent()).toMatch(/^known to DE/);
    expect(await ncb.page.getByTestId('incident-FR-EXACT').textContent()).toMatch(/night_owl.*203\.0\.113\.7/);
    expect(await ncb.page.getByTestId('incident-FR-NEW').textContent()).toContain(newSha); // hashes, never file names or media
    expect(await ncb.page.getByText('b.jpg').count()).toBe(0);
    expect(await ncb.page.locator('img').count()).toBe(0);

    await ncb.page.getByRole('button', { name: 'Acknowledge receipt' }).click();
    await ncb.page.getByTestId('package-status').getByText('acknowledged').waitFor();
    const card = ncb.page.getByTestId('incident-FR-NEW');
    await card.getByLabel('Outcome').selectOption({ label: 'case opened' });
    await card.getByRole('button', { name: 'Record action' }).click();
    await expect.poll(() => card.getByRole('alert').textContent()).toMatch(/case_opened names the national case/);
    await card.getByLabel('Case reference').fill('FR-OFMIN-2026-042');
    await card.getByRole('button', { name: 'Record action' }).click();
    await card.getByTestId('incident-status').getByText('actioned').waitFor();
    expect(await card.getByTestId('incident-action').textContent()).toMatch(/case opened · case FR-OFMIN-2026-042/);
    await expect.poll(() => ncb.page.locator('.kpi').allTextContents()).toEqual(expect.arrayContaining(['3open', '1actioned']));
    await shot(ncb.page, 'referrals-package');
    // Another country's package does not exist for France.
    await ncb.page.goto(`/referrals/packages/${dePkg.id}`);
    await ncb.page.getByTestId('not-found').waitFor();
    expect(ncb.errors).toEqual([]);
    await ncb.context.close();

    // The hub's report page: the rejected row, and France's package acknowledged.
    const hub2 = await newPage(b);
    await signIn(b, hub2.page, HUB);
    await hub2.page.goto('/referrals');
    // A CSV report (one line per file): the bad line is reported with its line number; sent again, nothing changes.
    const csv = `incident_id,incident_time,country,ip,md5\nDE-CSV-1,2026-03-02T09:00:00Z,DE,198.51.100.4,${randomHex(16)}\nDE-CSV-2,,DE,999.1.1.1,${randomHex(16)}\n`;
    await hub2.page.getByLabel('Provider', { exact: true }).fill('ExampleCloud');
    await hub2.page.getByLabel('Report reference').fill('R-2026-B2');
    await hub2.page.getByLabel('Report file (JSON or CSV)').setInputFiles({ name: 'report.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
    await hub2.page.getByRole('button', { name: 'Upload report' }).click();
    const out2 = hub2.page.getByTestId('upload-outcome');
    await out2.getByText('Report received').waitFor();
    expect(await out2.getByTestId('upload-counts').textContent()).toMatch(/^2 rows: 1 incident accepted, 1 row rejected; 0 unassigned/);
    expect(await out2.getByTestId('rejected-rows').locator('tbody tr').allTextContents()).toEqual([
      expect.stringMatching(/^3.*bad_ipIP address "999\.1\.1\.1" is not an IPv4 or IPv6 address/),
    ]);
    await hub2.page.getByRole('button', { name: 'Upload report' }).click();
    await out2.getByText(/Already received: nothing changed/).waitFor();
    await hub2.page.getByTestId('report-list').getByRole('link', { name: 'R-2026-B1' }).click();
    await hub2.page.getByTestId('report-title').getByText('Report R-2026-B1 from ExampleCloud').waitFor();
    expect(await hub2.page.getByTestId('rejected-rows').textContent()).toMatch(/BAD-HASH.*bad_hash/);
    expect(await hub2.page.getByTestId('report-packages').textContent()).toMatch(/DE.*2.*FR.*4.*3.*1.*acknowledged/);
    expect(hub2.errors).toEqual([]);
    await hub2.context.close();

    const pkg = (await b.sys.api('GET', `/api/v1/referrals/packages/${frPkg}`, { as: HUB })).json();
    expect(pkg).toMatchObject({ status: 'acknowledged', acknowledgedBy: { name: expect.any(String) }, counts: { incidents: 4, open: 3, actioned: 1 } });
    const incidents = (await b.sys.api('GET', `/api/v1/referrals/packages/${frPkg}/incidents`, { as: FR_NCB })).json().incidents as Array<{
      providerIncidentId: string;
      action: unknown;
    }>;
    expect(incidents.find((i) => i.providerIncidentId === 'FR-NEW')!.action).toMatchObject({ outcome: 'case_opened', caseReference: 'FR-OFMIN-2026-042' });
  });
});
