// The investigator's main flow in a real browser against the real API: upload a seizure with per-file
// progress, triage it (known exact / known near / new / error, and a match redacted to "known to BR"),
// reveal a veiled thumbnail with the keyboard, open the matched series, comment on it, identify its victim,
// and see the new status from Germany. Known material is seeded through the API by users of DE and BR.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newPage, shot, signIn, startBrowserSystem, type BrowserSystem } from './browser.js';
import { sceneJpeg, sceneVariant } from '../demo/scenes.js';
import { multipartBody } from '../seizures/fixtures.js';

const FR = 'fr.investigator@demo.icse',
  DE = 'de.investigator@demo.icse',
  BR = 'br.investigator@demo.icse';
let b: BrowserSystem;
let series: { id: number; number: string };

async function seedKnown(as: string, reference: string, distribution: string, files: Array<{ name: string; data: Buffer }>) {
  const api = b.sys.api;
  const kase = (await api('POST', '/api/v1/cases', { as, body: { reference, title: `known material ${reference}`, distribution } })).json();
  const seizure = (await api('POST', `/api/v1/cases/${kase.id}/seizures`, { as, body: { label: 'seized disk', distribution } })).json();
  const { body, contentType } = multipartBody(files);
  const up = await api('POST', `/api/v1/seizures/${seizure.id}/files`, { as, body, headers: { 'content-type': contentType } });
  expect(up.statusCode, up.body).toBe(200);
  for (let t = Date.now(); (await api('GET', `/api/v1/seizures/${seizure.id}`, { as })).json().status !== 'complete';) {
    if (Date.now() - t > 45_000) throw new Error('seed seizure not processed in time');
    await new Promise((r) => setTimeout(r, 200));
  }
  const items = (await api('GET', `/api/v1/seizures/${seizure.id}/triage?all=true`, { as })).json().items as Array<{ path: string; mediaId: number }>;
  return Object.fromEntries(items.map((i) => [i.path, i.mediaId]));
}

beforeAll(async () => {
  b = await startBrowserSystem();
  // Germany holds two scenes in a series shared with everyone, with one victim not yet identified;
  // Brazil holds a third scene it keeps to itself.
  const de = await seedKnown(DE, 'DE-K', 'all', [
    { name: 'kitchen-1.jpg', data: await sceneJpeg(201) },
    { name: 'kitchen-2.jpg', data: await sceneJpeg(202) },
  ]);
  series = (await b.sys.api('POST', '/api/v1/series', { as: DE, body: { name: 'Yellow kitchen' } })).json();
  expect(
    (await b.sys.api('POST', `/api/v1/series/${series.id}/media`, { as: DE, body: { mediaIds: [de['kitchen-1.jpg'], de['kitchen-2.jpg']] } })).json().assigned,
  ).toHaveLength(2);
  expect((await b.sys.api('POST', `/api/v1/series/${series.id}/victims`, { as: DE, body: { label: 'Victim A' } })).statusCode).toBe(201);
  await seedKnown(BR, 'BR-K', 'country', [{ name: 'garden.jpg', data: await sceneJpeg(203) }]);
}, 150_000);
afterAll(async () => {
  await b?.close();
});

describe('seizure triage in the browser', () => {
  it('uploads, triages, reveals, comments and identifies; another country sees the change', async () => {
    const { context, page, errors } = await newPage(b);
    const contentRequests: string[] = [];
    page.on('request', (r) => {
      if (/\/api\/v1\/media\/\d+\/content/.test(r.url())) contentRequests.push(r.url());
    });
    await signIn(b, page, FR);

    // A case, then the upload page: four images and one broken file, each with its own progress bar.
    await page.getByLabel('Reference').fill('FR-OP-7');
    await page.getByLabel('Title').fill('Operation Harbour');
    await page.getByRole('button', { name: 'Open case' }).click();
    await page.getByRole('link', { name: 'Upload a seizure' }).click();
    await page.getByLabel('Seizure label').fill('Phone of suspect');
    await page.getByTestId('file-input').setInputFiles([
      { name: 'a-copy.jpg', mimeType: 'image/jpeg', buffer: await sceneJpeg(201) },
      { name: 'b-resized.jpg', mimeType: 'image/jpeg', buffer: await sceneVariant(202, 'resized') },
      { name: 'c-garden.jpg', mimeType: 'image/jpeg', buffer: await sceneJpeg(203) },
      { name: 'd-holiday.jpg', mimeType: 'image/jpeg', buffer: await sceneJpeg(204) },
      { name: 'e-broken.jpg', mimeType: 'image/jpeg', buffer: Buffer.from('this is not an image at all') },
    ]);
    expect(await page.getByTestId('upload-list').locator('tbody tr').count()).toBe(5);
    await page.getByRole('button', { name: 'Upload', exact: true }).click();
    await page.getByTestId('to-triage').waitFor({ timeout: 30_000 });
    expect(await page.getByTestId('upload-list').locator('tr[data-state="done"]').count()).toBe(5);
    expect(await page.getByTestId('upload-summary').textContent()).toMatch(/5\/5 files/);
    await shot(page, 'upload');
    await page.getByTestId('to-triage').click();

    // The triage fills in while the server processes; then the filters hold each kind of result.
    await expect.poll(() => page.getByTestId('filter-all').textContent(), { timeout: 45_000 }).toMatch(/All\s*5/);
    await expect
      .poll(
        async () => [
          await page.getByTestId('filter-known_exact').textContent(),
          await page.getByTestId('filter-known_near').textContent(),
          await page.getByTestId('filter-new').textContent(),
          await page.getByTestId('filter-error').textContent(),
        ],
        { timeout: 45_000 },
      )
      .toEqual(['Known exact 2', 'Known near 1', 'New 1', 'Errors 1']);
    const cells = page.getByTestId('grid-cell');
    await expect.poll(() => cells.count()).toBe(5);

    // Wellness: every thumbnail is blurred and greyscale until revealed (uploads run in parallel: find cells by name).
    const cell = (name: string) => cells.filter({ hasText: name });
    const holidayImg = cell('d-holiday.jpg').locator('img');
    await holidayImg.waitFor();
    const veiled = await holidayImg.evaluate((el) => getComputedStyle(el).filter);
    expect(veiled).toMatch(/blur\(16px\)/);
    expect(veiled).toMatch(/grayscale\(1\)/);
    await shot(page, 'triage');

    // Known exact: the German series, its victim status and owner.
    await page.getByTestId('filter-known_exact').click();
    await expect.poll(() => cells.count()).toBe(2);
    await cells.filter({ hasText: 'a-copy.jpg' }).click();
    const details = page.getByTestId('item-details');
    expect(await details.getByTestId('series').textContent()).toBe(`${series.number} · Yellow kitchen`);
    expect(await details.getByTestId('victim-status').textContent()).toBe('victim not identified');
    expect(await details.getByTestId('owner').textContent()).toBe('DE');
    expect(await details.getByTestId('distance').textContent()).toBe('identical file (same SHA-256)');
    // Brazil's material is only "known to BR": no series, no owner details.
    await cells.filter({ hasText: 'c-garden.jpg' }).click();
    expect(await details.getByTestId('redaction').textContent()).toBe('known to BR, contact its NCB (NCB Brasília)');
    expect(await details.textContent()).not.toMatch(/Yellow kitchen|Series/);
    await shot(page, 'triage-redacted');

    // Known near: a distance above 0.
    await page.getByTestId('filter-known_near').click();
    await expect.poll(() => cells.count()).toBe(1);
    await cells.first().click();
    expect(Number((await details.getByTestId('distance').textContent())!.split(' ')[0])).toBeGreaterThan(0);
    await page.getByTestId('filter-error').click();
    // Wait for the filtered grid itself (the count alone was already 1 before the filter applied).
    await expect.poll(() => cells.filter({ hasText: 'e-broken.jpg' }).count()).toBe(1);
    await expect.poll(() => cells.count()).toBe(1);
    await cells.filter({ hasText: 'e-broken.jpg' }).click();
    expect(await details.getByTestId('item-error').textContent()).toBeTruthy();

    // Keyboard: arrows move focus, Enter reveals, Enter veils again, o opens the medium's page.
    await page.getByTestId('filter-all').click();
    await expect.poll(() => cells.count()).toBe(5);
    const names = await cells.locator('.cell-label').allTextContents();
    const target = names.indexOf('d-holiday.jpg');
    await cells.first().focus();
    for (let i = 0; i < target; i++) await page.keyboard.press('ArrowRight');
    expect(await cell('d-holiday.jpg').evaluate((el) => el === document.activeElement)).toBe(true);
    if (target > 0) {
      await page.keyboard.press('ArrowLeft');
      expect(await cells.nth(target - 1).evaluate((el) => el === document.activeElement)).toBe(true);
      await page.keyboard.press('ArrowRight');
    }
    await page.keyboard.press('Enter');
    const img = cell('d-holiday.jpg').locator('img');
    await expect.poll(() => img.getAttribute('data-revealed')).toBe('true');
    expect(await img.evaluate((el) => getComputedStyle(el).filter)).toBe('none');
    expect(await cell('a-copy.jpg').locator('img').getAttribute('data-revealed')).toBe('false');
    await shot(page, 'triage-revealed');
    await page.keyboard.press('Enter');
    await expect.poll(() => img.getAttribute('data-revealed')).toBe('false');
    expect(contentRequests).toEqual([]); // thumbnails only, so far
    await page.keyboard.press('o');
    await page.getByTestId('open-full').waitFor();
    expect(page.url()).toMatch(/\/media\/\d+$/);
    expect(contentRequests).toEqual([]);
    // Categorisation vote on the medium's page (one vote is not yet a consensus).
    const votes = page.getByTestId('votes');
    await votes.getByRole('button', { name: 'non-pertinent' }).click();
    await expect.poll(() => votes.getByRole('button', { name: 'non-pertinent' }).getAttribute('aria-pressed')).toBe('true');
    expect(await votes.textContent()).toMatch(/Consensus: pending.*non-pertinent · Camille Martin \(me\)/);
    await page.getByTestId('open-full').click();
    await expect.poll(() => contentRequests.length).toBe(1);
    await shot(page, 'media');
    await page.goBack();

    // From the triage to the German series: comment on it, then identify its victim.
    await page.getByTestId('filter-known_exact').click();
    await cells.filter({ hasText: 'a-copy.jpg' }).click();
    await page
      .getByTestId('item-details')
      .getByRole('link', { name: new RegExp(series.number) })
      .click();
    await page.getByTestId('series-title').waitFor();
    await page.getByPlaceholder(/Write a comment/).fill('Same kitchen tiles seen in our case FR-OP-7.');
    await page.getByRole('button', { name: 'Post comment' }).click();
    await page.getByTestId('comments').locator('.comment').filter({ hasText: 'Same kitchen tiles seen in our case FR-OP-7.' }).waitFor();
    expect(await page.getByTestId('comments').textContent()).toMatch(/Camille Martin \(FR\)/);
    await page.getByTestId('victims-panel').getByRole('link', { name: 'Victim A' }).click();
    await page.getByLabel('Identification date').fill('2026-03-02');
    await page.getByRole('button', { name: 'Mark identified' }).click();
    await expect.poll(() => page.getByTestId('victim-status').textContent()).toMatch(/identified by FR on 02 Mar 2026/);
    await shot(page, 'victim-identified');
    await page.getByLabel('Rescued on').fill('2026-03-05');
    await page.getByRole('button', { name: 'Mark rescued' }).click();
    await expect.poll(() => page.getByTestId('victim-status').textContent()).toMatch(/rescued 05 Mar 2026 · identified by FR/);
    expect(errors).toEqual([]);
    await context.close();

    // Germany: the victim shows as identified by France, the comment is there, and the inbox says so.
    const de = await newPage(b, { width: 1920, height: 1080 });
    await signIn(b, de.page, DE);
    await de.page.getByRole('link', { name: /Inbox/ }).click();
    await de.page
      .getByTestId('inbox')
      .getByText(/comment/i)
      .first()
      .waitFor();
    await shot(de.page, 'inbox');
    await de.page.goto(`/series/${series.id}`);
    await de.page
      .getByTestId('victims-panel')
      .getByText(/rescued 05 Mar 2026 · identified by FR/)
      .waitFor();
    expect(await de.page.getByTestId('victim-counts').textContent()).toMatch(/1 \(1 identified, 1 rescued\)/);
    await de.page.getByTestId('comments').locator('.comment').filter({ hasText: 'Same kitchen tiles seen in our case FR-OP-7.' }).waitFor();
    await shot(de.page, 'series');
    await de.page.getByRole('link', { name: 'Statistics' }).click();
    await de.page.getByTestId('line-chart').first().waitFor();
    await shot(de.page, 'stats');
    await de.context.close();
  });

  it('uploads a whole folder, and a hash list for a hash-only seizure', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'icse-folder-'));
    fs.mkdirSync(path.join(dir, 'DCIM'));
    fs.writeFileSync(path.join(dir, 'DCIM', 'f1.jpg'), await sceneJpeg(301));
    fs.writeFileSync(path.join(dir, 'DCIM', 'f2.jpg'), await sceneJpeg(302));
    const kase = (await b.sys.api('POST', '/api/v1/cases', { as: FR, body: { reference: 'FR-F-1', title: 'Folder' } })).json();
    const { context, page, errors } = await newPage(b);
    await signIn(b, page, FR);
    try {
      await page.goto(`/cases/${kase.id}/upload`);
      await page.getByLabel('Seizure label').fill('Camera card');
      await page.getByTestId('folder-input').setInputFiles(dir);
      await expect
        .poll(() => page.getByTestId('upload-list').locator('td.path').allTextContents())
        .toEqual(expect.arrayContaining([expect.stringMatching(/DCIM\/f1\.jpg$/), expect.stringMatching(/DCIM\/f2\.jpg$/)]));
      await page.getByRole('button', { name: 'Upload', exact: true }).click();
      await page.getByTestId('to-triage').click();
      await expect.poll(() => page.getByTestId('filter-new').textContent(), { timeout: 45_000 }).toBe('New 2');
      // New material goes into a new series of my agency in one step.
      await page.getByTestId('filter-new').click();
      const assign = page.getByTestId('assign-series').first();
      await assign.getByRole('combobox').selectOption('new');
      await assign.getByLabel('Name of the new series').fill('Camera card scenes');
      await assign.getByRole('button', { name: 'Add' }).click();
      await assign
        .getByRole('status')
        .getByText(/2 added to S-\d{4}-\d{6}/)
        .waitFor();
      await assign.getByRole('link').click();
      await page.getByTestId('series-title').getByText('Camera card scenes').waitFor();
      await expect.poll(() => page.getByTestId('grid-cell').count()).toBe(2);

      // Hash-only: only the hashes of Germany's kitchen scene and of an unknown file travel.
      const known = createHash('sha256')
        .update(await sceneJpeg(201))
        .digest('hex');
      await page.goto(`/cases/${kase.id}/upload`);
      await page.getByLabel('Seizure label').fill('Hashes from the national lab');
      await page.getByLabel(/Hashes only/).check();
      await page.getByTestId('folder-input').waitFor({ state: 'detached' });
      await page
        .getByTestId('file-input')
        .setInputFiles({ name: 'hashes.csv', mimeType: 'text/csv', buffer: Buffer.from(`name,sha256\nkitchen.jpg,${known}\nother.jpg,${'ab'.repeat(32)}\n`) });
      await page.getByRole('button', { name: 'Upload', exact: true }).click();
      await page.getByTestId('to-triage').click();
      await expect
        .poll(async () => [await page.getByTestId('filter-known_exact').textContent(), await page.getByTestId('filter-new').textContent()], { timeout: 45_000 })
        .toEqual(['Known exact 1', 'New 1']);
      await shot(page, 'triage-hash-only');
      expect(errors).toEqual([]);
    } finally {
      await context.close();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
