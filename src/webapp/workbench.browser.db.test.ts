// The investigator's workbench (issue 20) in Chromium against the real API: consultations from both countries'
// sides, notifications read on open and deconfliction leading to the seizure, the evidence side by side, URL state,
// bulk actions and CSV export, an interrupted upload resumed, an expired session that keeps the draft, the
// confirmations, and keyboard focus on the TOTP step.
import fs from 'node:fs';
import { sql } from 'kysely';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newPage, shot, signIn, startBrowserSystem, type BrowserSystem } from './browser.js';
import { sceneJpeg, sceneVariant } from '../demo/scenes.js';
import { multipartBody } from '../seizures/fixtures.js';
import { insertMedia } from '../series/test-media.js';
import { DEMO_PASSWORD } from '../demo/accounts.js';

const FR = 'fr.investigator@demo.icse',
  FR_AN = 'fr.analyst@demo.icse',
  DE = 'de.investigator@demo.icse',
  ADMIN = 'admin@demo.icse';
let b: BrowserSystem;

async function seizureWith(as: string, reference: string, files: Array<{ name: string; data: Buffer }>) {
  const api = b.sys.api;
  const kase = (await api('POST', '/api/v1/cases', { as, body: { reference, title: `case ${reference}`, distribution: 'all' } })).json();
  const seizure = (await api('POST', `/api/v1/cases/${kase.id}/seizures`, { as, body: { label: `seizure ${reference}`, distribution: 'all' } })).json();
  const { body, contentType } = multipartBody(files);
  expect((await api('POST', `/api/v1/seizures/${seizure.id}/files`, { as, body, headers: { 'content-type': contentType } })).statusCode).toBe(200);
  for (let t = Date.now(); (await api('GET', `/api/v1/seizures/${seizure.id}`, { as })).json().status !== 'complete';) {
    if (Date.now() - t > 60_000) throw new Error('seizure not processed in time');
    await new Promise((r) => setTimeout(r, 200));
  }
  const items = (await api('GET', `/api/v1/seizures/${seizure.id}/triage?all=true`, { as })).json().items as Array<{
    path: string;
    mediaId: number;
    itemId: number;
  }>;
  return { caseId: kase.id as number, seizureId: seizure.id as number, items: Object.fromEntries(items.map((i) => [i.path, i])) };
}

beforeAll(async () => {
  b = await startBrowserSystem();
}, 120_000);
afterAll(async () => {
  await b?.close();
});

describe('workbench', () => {
  it('an invited country reads, replies and cites media from its inbox; the owner sees the reply', async () => {
    const kase = (
      await b.sys.api('POST', '/api/v1/cases', { as: FR, body: { reference: 'FR-CONS-1', title: 'Kept in France', distribution: 'agency' } })
    ).json();
    const t = (
      await b.sys.api('POST', `/api/v1/cases/${kase.id}/consultations`, {
        as: FR,
        body: { subject: 'Is this room yours?', countries: ['DE'], message: 'Please compare with your series.' },
      })
    ).json();
    const deMedium = await insertMedia(b.sys.ctx.db, { ownerEmail: DE, distribution: 'all' });

    const { context, page, errors } = await newPage(b);
    await signIn(b, page, DE);
    const unreadBefore = Number(await page.getByTestId('unread-count').textContent());
    await page.getByRole('navigation').getByRole('link', { name: /Inbox/ }).click();
    await page.getByRole('link', { name: 'Consultation from FR: Is this room yours?' }).click();
    await page.waitForURL(`**/consultations/${t.id}`);
    const thread = page.getByTestId('consultation');
    await thread.getByText('Please compare with your series.').waitFor();
    expect(await page.title()).toBe('Consultation · Is this room yours? · ICSE');
    // Opening it read it: the header count went down by one.
    // The badge goes away at zero: count it instead of waiting for its text (which waits out the default timeout).
    const unread = page.getByTestId('unread-count');
    await expect.poll(async () => ((await unread.count()) ? Number(await unread.textContent()) : 0)).toBe(unreadBefore - 1);
    await thread.getByRole('textbox', { name: 'Reply', exact: true }).fill('Yes: our series S-2026-000001 shows the same wallpaper.');
    await thread.getByLabel(/Cite media/).fill(`#${deMedium.id}`);
    await thread.getByRole('button', { name: 'Send' }).click();
    await thread
      .getByTestId('cited-media')
      .getByRole('link', { name: `medium #${deMedium.id}` })
      .waitFor();
    await shot(page, 'consultation-invited');
    // The case itself stays France's.
    await page.goto(`/cases/${kase.id}`);
    await page.getByTestId('not-found').waitFor();
    expect(errors).toEqual([]);
    await context.close();

    const fr = await newPage(b);
    await signIn(b, fr.page, FR);
    await fr.page.goto(`/cases/${kase.id}`);
    await fr.page.getByRole('tab', { name: 'Consultations' }).click();
    const frThread = fr.page.getByTestId('consultation');
    await frThread.getByText('Yes: our series S-2026-000001 shows the same wallpaper.').waitFor();
    expect(await frThread.textContent()).toMatch(/\(DE\)/);
    await frThread
      .getByTestId('cited-media')
      .getByRole('link', { name: `medium #${deMedium.id}` })
      .waitFor();
    await shot(fr.page, 'consultation-owner');
    expect(fr.errors).toEqual([]);
    await fr.context.close();
  });

  it('shows the evidence side by side, keeps filter and selection in the URL, and does bulk actions and CSV export', async () => {
    const de = await seizureWith(DE, 'DE-EV', [{ name: 'original.jpg', data: await sceneJpeg(401) }]);
    const series = (await b.sys.api('POST', '/api/v1/series', { as: DE, body: { name: 'Orange hall', distribution: 'all' } })).json();
    await b.sys.api('POST', `/api/v1/series/${series.id}/media`, { as: DE, body: { mediaIds: [de.items['original.jpg']!.mediaId] } });
    const fr = await seizureWith(FR, 'FR-EV', [
      { name: 'mirrored.jpg', data: await sceneVariant(401, 'flipped') },
      { name: 'new-1.jpg', data: await sceneJpeg(402) },
      { name: 'new-2.jpg', data: await sceneJpeg(403) },
    ]);

    const { context, page, errors } = await newPage(b);
    await signIn(b, page, FR);
    // The deconfliction notice leads to the seizure, and opening it reads it.
    await page.goto('/notifications');
    const notice = page.getByRole('link', { name: new RegExp(`Seizure "seizure FR-EV" matches series ${series.number}`) });
    await notice.click();
    await page.waitForURL(new RegExp(`/seizures/${fr.seizureId}\\?series=${series.id}$`));
    const read = (await b.sys.api('GET', '/api/v1/notifications?kind=deconfliction', { as: FR }))
      .json()
      .notifications.find((n: { title: string }) => n.title.includes(series.number));
    await expect
      .poll(
        async () =>
          (await b.sys.api('GET', '/api/v1/notifications?kind=deconfliction', { as: FR })).json().notifications.find((n: { id: number }) => n.id === read.id)
            .read,
      )
      .toBe(true);

    await page.getByTestId('filter-known_near').click();
    const cells = page.getByTestId('grid-cell');
    await expect.poll(() => cells.count()).toBe(1);
    await cells.first().click();
    const details = page.getByTestId('item-details');
    const sbs = details.getByTestId('side-by-side');
    // The known item's side loads after the panel opens (its own query): count() does not wait, so poll.
    await expect.poll(() => sbs.locator('img').count()).toBe(2);
    expect(await sbs.locator('img').evaluateAll((els) => els.map((e) => e.getAttribute('data-revealed')))).toEqual(['false', 'false']);
    expect(await details.getByTestId('distance').textContent()).toMatch(/^\d+ of 256 bits differ; ≤ 31 is a match$/);
    // The copy is a left-right mirror (sharp's flop) of the known picture.
    expect(await details.getByTestId('transform').textContent()).toBe('mirrored (left and right swapped)');
    expect(await details.getByTestId('series').textContent()).toBe(`${series.number} · Orange hall`);
    expect(await details.getByTestId('victim-status').textContent()).toBe('victim not identified');
    await shot(page, 'evidence-side-by-side');
    // At 1024 px the selected item's panel stays in view (a sheet over the bottom of the window).
    await page.setViewportSize({ width: 1024, height: 768 });
    await page.mouse.wheel(0, 2000);
    const box = (await details.boundingBox())!;
    expect(box.y).toBeGreaterThanOrEqual(0);
    expect(box.y + Math.min(box.height, 100)).toBeLessThanOrEqual(768);
    await shot(page, 'evidence-1024');
    await page.setViewportSize({ width: 1280, height: 800 });
    // Filter and selection are in the URL: a reload comes back to the same place, Back to the previous filter.
    const itemId = fr.items['mirrored.jpg']!.itemId;
    expect(page.url()).toMatch(new RegExp(`filter=known_near.*item=${itemId}`));
    await page.reload();
    await details.getByTestId('side-by-side').waitFor();
    await page.goBack();
    await expect.poll(() => page.url()).not.toMatch(/filter=/);
    await expect.poll(() => cells.count()).toBe(3);

    // Bulk: the two new items are selected, categorised and exported.
    await page.getByTestId('filter-new').click();
    await expect.poll(() => cells.count()).toBe(2);
    await page.getByRole('button', { name: 'Select all on this page' }).click();
    const bulk = page.getByTestId('bulk');
    await bulk.getByText('2 selected', { exact: true }).waitFor();
    await bulk.getByLabel('Category').selectOption('0');
    await bulk.getByRole('button', { name: 'Categorise' }).click();
    await bulk.getByRole('status').getByText('2 items categorised as non-pertinent').waitFor();
    const newMedia = [fr.items['new-1.jpg']!.mediaId, fr.items['new-2.jpg']!.mediaId];
    for (const id of newMedia) expect((await b.sys.api('GET', `/api/v1/media/${id}/category`, { as: FR })).json().myVote).toBe(0);
    const [selection] = await Promise.all([page.waitForEvent('download'), bulk.getByRole('button', { name: 'Export the selection (CSV)' }).click()]);
    const csv = fs
      .readFileSync((await selection.path())!, 'utf8')
      .trim()
      .split('\n');
    expect(csv[0]).toMatch(/^item_id,path,result/);
    expect(
      csv
        .slice(1)
        .map((l) => l.split(',')[1])
        .sort(),
    ).toEqual(['new-1.jpg', 'new-2.jpg']);
    await shot(page, 'bulk-actions');
    const [all] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-csv').click()]);
    expect(
      fs
        .readFileSync((await all.path())!, 'utf8')
        .trim()
        .split('\n'),
    ).toHaveLength(4);
    // The home page lists the agency's seizures with what is left to review.
    await page.getByRole('link', { name: 'ICSE' }).click();
    const work = page.getByTestId('my-work');
    await work.getByRole('link', { name: 'seizure FR-EV' }).waitFor();
    expect(await work.textContent()).toMatch(/1 near and 2 new to review/);
    await shot(page, 'home');
    expect(errors).toEqual([]);
    await context.close();

    // First load of the triage page on loopback: a new browser context (empty cache), signed in, then the page's URL
    // until its first thumbnail cell shows (the bound: under 1 s). Printed; bounded loosely for a shared CI machine.
    const cold = await newPage(b);
    await signIn(b, cold.page, FR);
    const t0 = Date.now();
    await cold.page.goto(`/seizures/${fr.seizureId}`);
    await cold.page.getByTestId('grid-cell').first().waitFor();
    const ms = Date.now() - t0;
    console.log(`triage first load: ${ms} ms`);
    expect(ms).toBeLessThan(3000);
    await cold.context.close();
  });

  it('sorts and groups the triage grid by camera (EXIF make and model), kept in the URL', async () => {
    const shotWith = async (seed: number, make?: string, model?: string) =>
      make
        ? sharp(await sceneJpeg(seed))
            .withExif({ IFD0: { Make: make, Model: model ?? '' } })
            .jpeg()
            .toBuffer()
        : sceneJpeg(seed);
    const fr = await seizureWith(FR, 'FR-CAM', [
      { name: 'canon-1.jpg', data: await shotWith(501, 'Canon', 'Canon EOS 5D') },
      { name: 'nikon.jpg', data: await shotWith(502, 'NIKON CORPORATION', 'NIKON D750') },
      { name: 'canon-2.jpg', data: await shotWith(503, 'Canon', 'Canon EOS 5D') },
      { name: 'none.jpg', data: await shotWith(504) },
    ]);
    const { context, page, errors } = await newPage(b);
    await signIn(b, page, FR);
    await page.goto(`/seizures/${fr.seizureId}`);
    const cells = page.getByTestId('grid-cell');
    await expect.poll(() => cells.count()).toBe(4);
    await page.getByTestId('group').selectOption('camera');
    await expect.poll(() => page.url()).toMatch(/group=camera/);
    const groups = page.getByTestId('grid-group');
    await expect.poll(() => groups.count()).toBe(3);
    // Named by the model where it repeats the make; the items without a camera last.
    expect(await groups.evaluateAll((els) => els.map((e) => e.getAttribute('aria-label')))).toEqual([
      'Canon EOS 5D',
      'NIKON CORPORATION NIKON D750',
      'no camera recorded',
    ]);
    const labels = () => cells.evaluateAll((els) => els.map((e) => e.querySelector('.cell-label')!.textContent));
    expect(await groups.first().getByTestId('grid-cell').count()).toBe(2);
    // Within a group, the chosen sort (path).
    await page.getByTestId('sort').selectOption('path');
    await expect.poll(labels).toEqual(['canon-1.jpg', 'canon-2.jpg', 'nikon.jpg', 'none.jpg']);
    await cells.nth(2).click();
    expect(await page.getByTestId('item-details').getByTestId('camera').textContent()).toBe('NIKON CORPORATION NIKON D750');
    await shot(page, 'triage-grouped-by-camera');
    // Sorting by camera without grouping; Back returns to the grouped view, a reload keeps it.
    await page.getByTestId('group').selectOption('');
    await page.getByTestId('sort').selectOption('camera');
    await expect.poll(() => groups.count()).toBe(0);
    await expect.poll(labels).toEqual(['canon-1.jpg', 'canon-2.jpg', 'nikon.jpg', 'none.jpg']);
    await page.goBack();
    await page.goBack();
    await expect.poll(() => groups.count()).toBe(3);
    await page.reload();
    await expect.poll(() => groups.count()).toBe(3);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('resumes an interrupted upload into the same seizure, after warning before leaving', async () => {
    const kase = (await b.sys.api('POST', '/api/v1/cases', { as: FR, body: { reference: 'FR-UP-1', title: 'Interrupted' } })).json();
    const files = [
      { name: 'one.jpg', mimeType: 'image/jpeg', buffer: await sceneJpeg(501) },
      { name: 'two.jpg', mimeType: 'image/jpeg', buffer: await sceneJpeg(502) },
      { name: 'three.jpg', mimeType: 'image/jpeg', buffer: await sceneJpeg(503) },
    ];
    const { context, page, errors } = await newPage(b);
    await signIn(b, page, FR);
    // The network drops the second file's request.
    let cut = true;
    await page.route('**/api/v1/seizures/*/files', async (route) => {
      if (cut && (route.request().postDataBuffer()?.includes('two.jpg') ?? false)) {
        await route.abort('connectionreset');
        return;
      }
      await route.continue();
    });
    await page.goto(`/cases/${kase.id}/upload`);
    await page.getByLabel('Seizure label').fill('Tablet');
    await page.getByTestId('file-input').setInputFiles(files);
    await page.getByRole('button', { name: 'Upload', exact: true }).click();
    await page.getByTestId('upload-interrupted').waitFor();
    expect(await page.getByTestId('upload-list').locator('tr[data-state="done"]').count()).toBe(2);
    await shot(page, 'upload-interrupted');

    // Leaving while files are sending asks first; declining stays on the page.
    cut = false;
    await page.unroute('**/api/v1/seizures/*/files');
    await page.route('**/api/v1/seizures/*/files', async (route) => {
      await new Promise((r) => setTimeout(r, 2500));
      await route.continue();
    });
    await page.getByRole('button', { name: 'Retry failed files' }).click();
    await page.getByTestId('upload-list').locator('tr[data-state="sending"]').waitFor();
    // The router's blocker asks after it re-renders, so the prompt may come after the click has returned: wait for it.
    const asked = new Promise<string>((resolve) =>
      page.once('dialog', (d) => {
        resolve(d.message());
        void d.dismiss();
      }),
    );
    await page.getByRole('navigation').getByRole('link', { name: 'Series' }).click();
    expect(await Promise.race([asked, new Promise((r) => setTimeout(() => r('no prompt within 10 s'), 10_000))])).toMatch(/still being sent/);
    expect(page.url()).toMatch(/\/upload$/);
    await page.getByTestId('to-triage').waitFor({ timeout: 30_000 });
    await page.unroute('**/api/v1/seizures/*/files');
    await page.getByTestId('to-triage').click();

    // Later: "Add or resume files" on the triage page; the same three files again, the held ones are skipped.
    await page.getByTestId('add-files').click();
    await page.getByTestId('resume-note').waitFor();
    await page.getByTestId('file-input').setInputFiles(files);
    await page.getByRole('button', { name: 'Upload', exact: true }).click();
    await expect.poll(() => page.getByTestId('upload-list').locator('tr[data-state="done"]').count(), { timeout: 30_000 }).toBe(3);
    expect(await page.getByTestId('upload-list').textContent()).toMatch(/already held/);
    const seizureId = Number(new URL(page.url()).searchParams.get('seizure'));
    const s = (await b.sys.api('GET', `/api/v1/seizures/${seizureId}`, { as: FR })).json();
    expect(s.counts).toMatchObject({ items: 3, error: 0 });
    expect(errors).toEqual([]);
    await context.close();
  });

  it('says why after the session expired, keeps what was typed and returns to the page', async () => {
    const kase = (await b.sys.api('POST', '/api/v1/cases', { as: FR_AN, body: { reference: 'FR-EXP-1', title: 'Expiry', distribution: 'all' } })).json();
    await b.sys.api('POST', `/api/v1/cases/${kase.id}/consultations`, { as: FR_AN, body: { subject: 'Draft kept?', countries: ['DE'], message: 'first' } });
    const { context, page, errors } = await newPage(b);
    await signIn(b, page, FR_AN);
    await page.goto(`/cases/${kase.id}`);
    await page.getByRole('tab', { name: 'Consultations' }).click();
    const reply = page.getByTestId('consultation').getByRole('textbox', { name: 'Reply', exact: true });
    await reply.fill('A long answer typed while the session ran out');
    const user = await b.sys.ctx.db.selectFrom('users').select('id').where('email', '=', FR_AN).executeTakeFirstOrThrow();
    await sql`UPDATE sessions SET expires_at = now() - interval '1 minute' WHERE user_id = ${user.id}`.execute(b.sys.ctx.db);
    await page.getByTestId('consultation').getByRole('button', { name: 'Send' }).click();
    await page.getByTestId('session-expired').waitFor();
    expect(page.url()).toMatch(new RegExp(`/cases/${kase.id}$`));
    await shot(page, 'session-expired');
    await page.getByLabel('Email').fill(FR_AN);
    await page.getByLabel('Password').fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByTestId('whoami').waitFor();
    expect(page.url()).toMatch(new RegExp(`/cases/${kase.id}$`));
    await page.getByRole('tab', { name: 'Consultations' }).click();
    expect(await page.getByTestId('consultation').getByRole('textbox', { name: 'Reply', exact: true }).inputValue()).toBe(
      'A long answer typed while the session ran out',
    );
    expect(errors).toEqual([]);
    await context.close();
  });

  it('asks before changing a role, disabling a user, closing a case and withdrawing an identification', async () => {
    const target = 'de.analyst@demo.icse';
    const role = async () => await b.sys.ctx.db.selectFrom('users').select(['role', 'disabled']).where('email', '=', target).executeTakeFirstOrThrow();
    const { context, page, errors } = await newPage(b);
    await signIn(b, page, ADMIN);
    await page.goto('/admin');
    const row = page.getByTestId(`user-${target}`);
    await row.getByLabel(`role of ${target}`).selectOption('admin');
    const dialog = page.getByTestId('confirm');
    await dialog.getByText('will become Administrator').waitFor();
    await shot(page, 'confirm-role');
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    expect((await role()).role).toBe('analyst');
    expect(await row.getByLabel(`role of ${target}`).inputValue()).toBe('analyst');
    await row.getByLabel(`role of ${target}`).selectOption('investigator');
    await dialog.getByRole('button', { name: 'Make Investigator' }).click();
    await expect.poll(async () => (await role()).role).toBe('investigator');
    await row.getByRole('button', { name: 'Disable' }).click();
    await dialog.getByRole('button', { name: 'Disable the account' }).click();
    await expect.poll(async () => (await role()).disabled).toBe(true);
    await context.close();

    const kase = (await b.sys.api('POST', '/api/v1/cases', { as: FR, body: { reference: 'FR-CLOSE-1', title: 'To close' } })).json();
    const fr = await newPage(b);
    await signIn(b, fr.page, FR);
    await fr.page.goto(`/cases/${kase.id}`);
    await fr.page.getByRole('button', { name: 'Close the case' }).click();
    await fr.page.getByTestId('confirm').getByRole('button', { name: 'Cancel' }).click();
    expect((await b.sys.api('GET', `/api/v1/cases/${kase.id}`, { as: FR })).json().status).toBe('open');
    await fr.page.getByRole('button', { name: 'Close the case' }).click();
    await fr.page.getByTestId('confirm').getByRole('button', { name: 'Close the case' }).click();
    await expect.poll(async () => (await b.sys.api('GET', `/api/v1/cases/${kase.id}`, { as: FR })).json().status).toBe('closed');

    // Withdrawing an identification asks first.
    const series = (await b.sys.api('POST', '/api/v1/series', { as: FR, body: { name: 'Withdrawn' } })).json();
    const victim = (await b.sys.api('POST', `/api/v1/series/${series.id}/victims`, { as: FR, body: { label: 'Victim W' } })).json();
    expect(
      (await b.sys.api('POST', `/api/v1/victims/${victim.id}/identify`, { as: FR, body: { country: 'FR', date: new Date().toISOString().slice(0, 10) } }))
        .statusCode,
    ).toBeLessThan(300);
    const identified = async () => (await b.sys.api('GET', `/api/v1/victims/${victim.id}`, { as: FR })).json().identified;
    expect(await identified()).toBe(true);
    await fr.page.goto(`/victims/${victim.id}`);
    await fr.page.getByRole('button', { name: 'Withdraw identification' }).click();
    await fr.page.getByTestId('confirm').getByRole('button', { name: 'Cancel' }).click();
    expect(await identified()).toBe(true);
    await fr.page.getByRole('button', { name: 'Withdraw identification' }).click();
    await shot(fr.page, 'confirm-withdraw');
    await fr.page.getByTestId('confirm').getByRole('button', { name: 'Withdraw identification' }).click();
    await expect.poll(identified).toBe(false);
    expect(errors.concat(fr.errors)).toEqual([]);
    await fr.context.close();
  });

  it('gives the DPO a retention review page', async () => {
    const kase = (await b.sys.api('POST', '/api/v1/cases', { as: FR, body: { reference: 'FR-RET-1', title: 'Old case' } })).json();
    await sql`UPDATE cases SET retention_until = (now() + interval '30 days')::date WHERE id = ${kase.id}`.execute(b.sys.ctx.db);
    const { context, page, errors } = await newPage(b);
    await signIn(b, page, 'dpo@demo.icse');
    await page.getByRole('navigation').getByRole('link', { name: 'Retention' }).click();
    const row = page.getByTestId('retention-list').getByRole('row').filter({ hasText: 'FR-RET-1' });
    await row.waitFor();
    expect(await row.textContent()).toMatch(/review due/);
    await row.getByRole('button', { name: 'Reviews' }).click();
    await page.getByText('Never reviewed.').waitFor();
    expect(await page.title()).toBe('Retention review · ICSE');
    await shot(page, 'retention');
    expect(errors).toEqual([]);
    await context.close();
  });

  it('puts keyboard focus on the authenticator code field', async () => {
    const { context, page } = await newPage(b);
    await page.goto('/');
    await page.getByLabel('Email').fill(FR);
    await page.getByLabel('Password').fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByLabel('Authenticator code').waitFor();
    await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute('name'))).toBe('totp');
    await context.close();
  });
});
