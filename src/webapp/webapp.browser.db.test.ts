// The investigator web application in a real browser (Debian's Chromium, headless) against the real API:
// sign-in with a second factor, header identity, role-scoped pages, series and the victim identification
// workflow seen from another country, wellness settings. Screenshots go to test-artifacts/screenshots/.
import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newPage, shot, signIn, startBrowserSystem, type BrowserSystem } from './browser.js';

const FR = 'fr.investigator@demo.icse',
  DE = 'de.investigator@demo.icse',
  DPO = 'dpo@demo.icse',
  ADMIN = 'admin@demo.icse';
let b: BrowserSystem;
beforeAll(async () => {
  b = await startBrowserSystem();
}, 120_000);
afterAll(async () => {
  await b?.close();
});

describe('web application', () => {
  it('serves the SPA for pages and keeps the API, docs and health answers', async () => {
    const page = await fetch(`${b.baseUrl}/series/12`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toMatch(/text\/html/);
    expect(page.headers.get('content-security-policy')).toMatch(/default-src 'self'/);
    expect(await page.text()).toContain('<div id="root">');
    const api = await fetch(`${b.baseUrl}/api/v1/no-such-thing`);
    expect(api.status).toBe(404);
    expect((await api.json()).error).toBe('not_found');
    expect((await fetch(`${b.baseUrl}/assets/missing.js`)).status).toBe(404);
    expect((await (await fetch(`${b.baseUrl}/health`)).json()).status).toBe('ok');
    expect((await fetch(`${b.baseUrl}/openapi.json`)).headers.get('content-type')).toMatch(/json/);
  });

  it('signs in with the authenticator code, shows country, agency and role, and signs out', async () => {
    const { context, page, errors } = await newPage(b);
    await page.goto('/');
    await page.getByLabel('Email').fill(FR);
    await page.getByLabel('Password').fill('wrong-password');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect.poll(() => page.getByRole('alert').textContent()).toMatch(/wrong email or password/);
    await context.clearCookies();
    await signIn(b, page, FR, { screenshot: 'login-totp' });
    const who = page.getByTestId('whoami');
    expect(await who.textContent()).toContain('Camille Martin');
    expect(await page.getByTestId('who-country').textContent()).toBe('France (FR)');
    expect(await page.getByTestId('who-agency').textContent()).toBe('OFMIN (Office mineurs)');
    expect(await page.getByTestId('who-role').textContent()).toBe('Investigator');
    await page.getByLabel('Reference').fill('FR-2026-001');
    await page.getByLabel('Title').fill('Operation Lighthouse');
    await page.getByRole('button', { name: 'Open case' }).click();
    await page.getByTestId('case-title').waitFor();
    expect(page.url()).toMatch(/\/cases\/\d+$/);
    await page.getByRole('link', { name: 'Cases' }).click();
    await page.getByTestId('case-list').getByText('FR-2026-001').waitFor();
    await shot(page, 'cases');
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByRole('button', { name: 'Sign in' }).waitFor();
    expect((await b.sys.api('GET', '/api/v1/auth/me')).statusCode).toBe(401);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('shows a forbidden page to a user without rights, and the audit log to the dpo', async () => {
    const kase = (await b.sys.api('POST', '/api/v1/cases', { as: DE, body: { reference: 'DE-1', title: 'German case', distribution: 'all' } })).json();
    const dpo = await newPage(b);
    await signIn(b, dpo.page, DPO);
    expect(await dpo.page.getByTestId('who-role').textContent()).toBe('Data protection officer');
    await dpo.page.goto(`/cases/${kase.id}`);
    const forbidden = dpo.page.getByTestId('forbidden');
    await forbidden.waitFor();
    expect(await forbidden.textContent()).toMatch(/the dpo role may not do this/);
    await shot(dpo.page, 'forbidden-dpo-case');
    await dpo.page.getByRole('link', { name: 'Audit' }).click();
    await dpo.page.getByTestId('audit-table').getByText('case create').first().waitFor();
    // Action from the list of recorded actions, the user's email and today's date; details in words; CSV of the same rows.
    await dpo.page.getByTestId('audit-action').selectOption('case.create');
    await dpo.page.getByLabel('User email').fill(DE);
    const today = new Date().toISOString().slice(0, 10);
    await dpo.page.getByLabel('From').fill(today);
    await dpo.page.getByLabel('To').fill(today);
    await dpo.page.getByRole('button', { name: 'Filter' }).click();
    await expect
      .poll(async () => await dpo.page.getByTestId('audit-table').locator('tbody tr').allTextContents())
      .toEqual([expect.stringMatching(/de\.investigator@demo\.icse \(DE\)case createcase \d+/)]);
    expect(await dpo.page.getByTestId('audit-table').textContent()).not.toMatch(/[{}"]/);
    const [csv] = await Promise.all([dpo.page.waitForEvent('download'), dpo.page.getByTestId('audit-csv').click()]);
    const lines = fs
      .readFileSync((await csv.path())!, 'utf8')
      .trim()
      .split('\n');
    expect(lines).toHaveLength(2);
    expect(lines[1]).toContain(',de.investigator@demo.icse,DE,case.create,case,');
    await shot(dpo.page, 'audit');
    await dpo.context.close();

    const inv = await newPage(b);
    await signIn(b, inv.page, DE);
    expect(await inv.page.getByRole('link', { name: 'Administration' }).count()).toBe(0);
    await inv.page.goto('/admin');
    await inv.page.getByTestId('forbidden').waitFor();
    expect(await inv.page.getByTestId('forbidden').textContent()).toMatch(/investigator role may not do this/);
    await inv.context.close();
  });

  it('lets an administrator see users with their certification date and change it', async () => {
    const { context, page } = await newPage(b, { width: 1920, height: 1080 });
    await signIn(b, page, ADMIN);
    await page.getByRole('navigation').getByRole('link', { name: 'Administration' }).click();
    const row = page.getByTestId('user-br.investigator@demo.icse');
    await row.waitFor();
    const date = row.getByLabel('certified until, br.investigator@demo.icse');
    await date.fill('2030-06-30');
    await row.getByRole('button', { name: 'Set' }).click();
    await expect
      .poll(
        async () =>
          (await b.sys.api('GET', '/api/v1/admin/users', { as: ADMIN })).json().users.find((u: { email: string }) => u.email === 'br.investigator@demo.icse')
            .certifiedUntil,
      )
      .toBe('2030-06-30');
    await shot(page, 'admin-large-screen');
    await context.close();
  });

  it('holds a consultation thread on a case with another country', async () => {
    const kase = (await b.sys.api('POST', '/api/v1/cases', { as: FR, body: { reference: 'FR-C-9', title: 'Shared lead', distribution: 'all' } })).json();
    const { context, page, errors } = await newPage(b);
    await signIn(b, page, FR);
    await page.goto(`/cases/${kase.id}`);
    await page.getByRole('tab', { name: 'Consultations' }).click();
    await page.getByLabel('Subject').fill('Same camera serial?');
    await page.getByLabel('Germany').check();
    await page.getByLabel('Message').fill('Our images carry serial 1234; does BKA hold it?');
    await page.getByRole('button', { name: 'Open consultation' }).click();
    const thread = page.getByTestId('consultation');
    await thread.getByText('Our images carry serial 1234; does BKA hold it?').waitFor();
    const list = (await b.sys.api('GET', `/api/v1/cases/${kase.id}/consultations`, { as: DE })).json();
    expect(list.consultations.map((c: { subject: string }) => c.subject)).toEqual(['Same camera serial?']);
    const reply = await b.sys.api('POST', `/api/v1/consultations/${list.consultations[0].id}/messages`, {
      as: DE,
      body: { body: 'Yes, series S-2026 has it.' },
    });
    expect(reply.statusCode).toBe(201);
    await page.reload();
    await page.getByRole('tab', { name: 'Consultations' }).click();
    await thread.getByText('Yes, series S-2026 has it.').waitFor();
    expect(await thread.textContent()).toMatch(/Jonas Weber \(DE\)/);
    await shot(page, 'case-consultation');
    expect(errors).toEqual([]);
    await context.close();
  });

  it('searches series and victims by name and shows a clear message for a bad query', async () => {
    const series = (await b.sys.api('POST', '/api/v1/series', { as: DE, body: { name: 'Green staircase' } })).json();
    await b.sys.api('POST', `/api/v1/series/${series.id}/victims`, { as: DE, body: { label: 'Girl in green' } });
    const { context, page } = await newPage(b);
    await signIn(b, page, 'br.investigator@demo.icse');
    await page.getByRole('navigation').getByRole('link', { name: 'Search' }).click();
    await page.getByLabel('Search for').fill('staircase');
    await page.getByRole('button', { name: 'Search' }).click();
    await page.getByTestId('search-results').getByRole('link', { name: series.number }).waitFor();
    expect(page.url()).toMatch(/\/search\?series=staircase$/);
    await page.getByLabel('Search by').selectOption('victim');
    await page.getByLabel('Search for').fill('green');
    await page.getByRole('button', { name: 'Search' }).click();
    await page.getByTestId('search-results').getByRole('link', { name: 'Girl in green' }).waitFor();
    // A malformed hash: the field and what is wrong, in words (not the schema's pattern).
    await page.getByLabel('Search by').selectOption('md5');
    await page.getByLabel('Search for').fill('not-a-hash');
    await page.getByRole('button', { name: 'Search' }).click();
    await expect.poll(() => page.getByRole('alert').textContent()).toBe('Md5 is not in the expected form.');
    // The previous search's results are gone with the failed one.
    expect(await page.getByTestId('search-results').count()).toBe(0);
    await shot(page, 'search-error');
    await context.close();
  });

  it('keeps the wellness settings per user', async () => {
    const { context, page } = await newPage(b);
    await signIn(b, page, 'de.analyst@demo.icse');
    await page.getByRole('link', { name: 'Settings' }).click();
    await page.getByRole('slider', { name: 'Blur strength' }).fill('30');
    await page.getByLabel(/greyscale/).uncheck();
    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByText('Saved.').waitFor();
    const me = (await b.sys.api('GET', '/api/v1/auth/me', { as: 'de.analyst@demo.icse' })).json();
    expect(me.settings).toMatchObject({ blur: 30, greyscale: false });
    await page.reload();
    expect(await page.getByTestId('blur-value').textContent()).toBe('30');
    // The veil follows the user's setting: 30 px of blur, colours kept.
    expect(await page.locator('.preview .veiled').evaluate((el) => getComputedStyle(el).filter)).toBe('blur(30px) grayscale(0)');
    await context.close();
  });
  it('an NCB requests a yellow notice, the hub publishes it, another country finds it by name', async () => {
    // The child is a victim of a French series: the NCB asks for the notice from the victim's page.
    const series = (await b.sys.api('POST', '/api/v1/series', { as: FR, body: { name: 'Station series' } })).json();
    const victim = (await b.sys.api('POST', `/api/v1/series/${series.id}/victims`, { as: FR, body: { label: 'Girl at the station' } })).json();
    const ncb = await newPage(b);
    await signIn(b, ncb.page, 'fr.ncb@demo.icse');
    await ncb.page.goto(`/victims/${victim.id}`);
    await ncb.page.getByTestId('victim-notices').getByText('No notice about this victim.').waitFor();
    await ncb.page.getByRole('link', { name: 'Request a yellow notice' }).click();
    await ncb.page.getByTestId('notice-victim').waitFor();
    await ncb.page.getByLabel('Family name').fill('MARTIN');
    await ncb.page.getByLabel('Forename').fill('Zoé');
    await ncb.page.getByLabel('Sex').selectOption('F');
    await ncb.page.getByLabel('Summary').fill('Missing since 1 November, last seen at Lille station.');
    await ncb.page.getByRole('button', { name: 'Save draft' }).click();
    await ncb.page.getByTestId('notice-status').getByText('draft').waitFor();
    await ncb.page.getByRole('link', { name: 'Linked victim' }).waitFor();
    // The API names the missing particulars; the page shows them.
    await ncb.page.getByRole('button', { name: 'Submit for review' }).click();
    // The missing particulars in words, not field names.
    await expect.poll(() => ncb.page.getByRole('alert').textContent()).toMatch(/^the yellow notice is missing: date of birth/);
    const id = Number(ncb.page.url().split('/').pop());
    await b.sys.api('PATCH', `/api/v1/notices/${id}`, { as: 'fr.ncb@demo.icse', body: { subject: { date_of_birth: '2013' } } });
    await ncb.page.reload();
    await ncb.page.getByRole('button', { name: 'Submit for review' }).click();
    await ncb.page.getByTestId('notice-status').getByText('submitted').waitFor();
    await ncb.context.close();

    const hub = await newPage(b);
    await signIn(b, hub.page, 'hub.analyst@demo.icse');
    await hub.page.goto(`/notices/${id}`);
    await hub.page.getByRole('button', { name: 'Publish' }).click();
    await hub.page.getByTestId('notice-status').getByText('published').waitFor();
    expect(await hub.page.getByTestId('notice-title').textContent()).toMatch(/^Yellow notice \d{4}\/\d{4} · Zoé MARTIN$/);
    await hub.context.close();

    const de = await newPage(b);
    await signIn(b, de.page, DE);
    await de.page.goto('/notices');
    await de.page.getByLabel('Name or number').fill('martin');
    await de.page.getByRole('button', { name: 'Find' }).click();
    await de.page.getByTestId('notice-list').getByText('Zoé MARTIN').waitFor();
    await shot(de.page, 'notices');
    // The victim's page lists the published notice for everyone who sees the victim.
    await de.page.goto(`/victims/${victim.id}`);
    await de.page
      .getByTestId('victim-notices')
      .getByRole('link', { name: /^Yellow notice \d{4}\/\d{4}$/ })
      .waitFor();
    expect(await de.page.getByRole('link', { name: 'Request a yellow notice' }).count()).toBe(0);
    expect(de.errors).toEqual([]);
    await de.context.close();
  });
});
