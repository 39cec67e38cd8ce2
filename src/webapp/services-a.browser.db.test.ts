// The firearms (iARMS) and stop-payment (I-GRIP) pages in a real browser against the real API: a German record
// found by a French serial search, a no-hit search turned into a trace request that the German NCB answers, and
// a French stop-payment request drafted, sent, answered "held" by the German NCB, with the held total seen by
// France; the hub's overdue view. Screenshots go to test-artifacts/screenshots/ (firearms-*, payments-*).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import { newPage, shot, signIn, startBrowserSystem, type BrowserSystem } from './browser.js';

const FR = 'fr.investigator@demo.icse',
  FR_NCB = 'fr.ncb@demo.icse',
  DE = 'de.investigator@demo.icse',
  DE_NCB = 'de.ncb@demo.icse',
  HUB = 'hub.analyst@demo.icse';
let b: BrowserSystem;
beforeAll(async () => {
  b = await startBrowserSystem();
}, 120_000);
afterAll(async () => {
  await b?.close();
});

/** Selects the option of a <select> whose text contains `text` (labels carry details such as calibre). */
async function choose(select: Locator, text: string) {
  const option = select.locator('option', { hasText: text }).first();
  await option.waitFor({ state: 'attached' });
  await select.selectOption((await option.getAttribute('value'))!);
}
const idFrom = (page: Page, re: RegExp) => Number(re.exec(new URL(page.url()).pathname)![1]);
/** A datetime-local value `hours` ago in the browser's (= this process's) time zone. */
function localAgo(hours: number) {
  const d = new Date(Date.now() - hours * 3_600_000);
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}T${p(d.getHours())}:${p(d.getMinutes())}`;
}

describe('firearms and stop-payment pages', () => {
  it('firearms: DE records a stolen pistol, FR finds it by serial (hit, Germany), a no-hit search becomes a trace request the DE NCB answers', async () => {
    const de = await newPage(b);
    await signIn(b, de.page, DE);
    await de.page.getByRole('link', { name: 'Services' }).click();
    await de.page.getByRole('link', { name: 'Firearms (iARMS)' }).click();
    await de.page.getByRole('navigation', { name: 'Firearms' }).getByRole('link', { name: 'Records' }).click();
    await de.page.getByRole('link', { name: 'Record a firearm' }).click();
    await de.page.getByLabel('Find in the reference table').fill('compact');
    await choose(de.page.getByLabel('Firearm (reference table)'), 'EA-9 Compact');
    await de.page.getByLabel('Serial number').fill('DE-4711 x');
    await de.page.getByRole('button', { name: 'Save record' }).click();
    await expect.poll(() => de.page.getByRole('alert').textContent()).toMatch(/choose the status/);
    await de.page.getByLabel('Status').selectOption('stolen');
    await de.page.getByLabel('Date lost, stolen or seized').fill('2025-11-02');
    await de.page.getByLabel('Place').fill('Köln');
    await de.page.getByLabel('National reference').fill('KÖ-25-99');
    await de.page.getByRole('button', { name: 'Save record' }).click();
    await de.page.getByTestId('record-status').waitFor();
    expect(await de.page.getByTestId('record-status').textContent()).toBe('stolen');
    const recordId = idFrom(de.page, /\/firearms\/records\/(\d+)$/);
    const stored = (await b.sys.api('GET', `/api/v1/firearms/records/${recordId}`, { as: DE })).json();
    expect(stored).toMatchObject({
      serialKey: 'DE4711X',
      status: 'stolen',
      recordingCountry: 'DE',
      eventDate: '2025-11-02',
      place: 'Köln',
      firearm: { model: 'EA-9 Compact' },
    });
    await shot(de.page, 'firearms-record');

    // The same wanted firearm again: the API's conflict is shown as is.
    await de.page.goto('/firearms/records/new');
    await choose(de.page.getByLabel('Firearm (reference table)'), 'EA-9 Compact');
    await de.page.getByLabel('Serial number').fill('DE4711X');
    await de.page.getByLabel('Status').selectOption('lost');
    await de.page.getByRole('button', { name: 'Save record' }).click();
    await expect.poll(() => de.page.getByRole('alert').textContent()).toMatch(/your country already records this firearm as wanted/);

    const fr = await newPage(b);
    await signIn(b, fr.page, FR);
    await fr.page.goto('/firearms');
    await fr.page.getByLabel('Serial number').fill('de 4711-X');
    await fr.page.getByRole('button', { name: 'Search', exact: true }).click();
    await expect.poll(() => fr.page.getByTestId('search-verdict').textContent()).toMatch(/^Hit/);
    const hit = fr.page.getByTestId('hit');
    await expect.poll(() => hit.getByTestId('hit-country').textContent()).toBe('Germany (DE)');
    expect(await hit.getByTestId('hit-contact').textContent()).toBe('NCB Wiesbaden');
    expect(await hit.getByTestId('hit-status').textContent()).toBe('stolen');
    expect(await hit.textContent()).toContain('Example Arms EA-9 Compact');
    // France may not open Germany's record: the hit says whom to ask instead of linking to a 404.
    expect(await hit.getByRole('link', { name: `Record #${recordId}` }).count()).toBe(0);
    expect(await hit.textContent()).toMatch(/held by Germany \(DE\); ask NCB Wiesbaden/);
    await shot(fr.page, 'firearms-hit');
    const deInbox = (await b.sys.api('GET', '/api/v1/notifications', { as: DE_NCB })).json().notifications as Array<{ kind: string; link: string }>;
    expect(deInbox.some((n) => n.kind === 'firearm.hit' && n.link === `/firearms/records/${recordId}`)).toBe(true);

    // No hit: the page offers a trace request; the reference entry names the country of manufacture (DE).
    await fr.page.getByLabel('Serial number').fill('NOHIT-0042');
    await fr.page.getByLabel('Make (optional)').fill('Example Arms');
    await fr.page.getByRole('button', { name: 'Search', exact: true }).click();
    await expect.poll(() => fr.page.getByTestId('search-verdict').textContent()).toBe('No hit');
    const searchId = idFrom(fr.page, /\/firearms\/searches\/(\d+)$/);
    await fr.page.getByRole('button', { name: 'Request a trace…' }).click();
    const form = fr.page.getByRole('form', { name: 'Trace request' });
    await choose(form.getByLabel('Firearm (reference table)'), 'EA-38');
    expect(await form.getByLabel('Country of manufacture').inputValue()).toBe('DE');
    await form.getByLabel('Note to the NCBs').fill('Seized at Marseille port, frame number filed off partly.');
    await shot(fr.page, 'firearms-no-hit-trace-form');
    await form.getByRole('button', { name: 'Send trace request' }).click();
    await fr.page.getByTestId('trace-status').waitFor();
    expect(await fr.page.getByTestId('trace-status').textContent()).toBe('open');
    const traceId = idFrom(fr.page, /\/firearms\/traces\/(\d+)$/);
    expect(await fr.page.getByTestId('trace-answers').textContent()).toMatch(/Germany \(DE\)country of manufacturepending/);
    const received = (await b.sys.api('GET', '/api/v1/firearms/traces?box=received', { as: DE_NCB })).json().traces as Array<{
      id: number;
      searchId: number;
      firearm: { model: string };
      recipients: unknown[];
    }>;
    expect(received.find((t) => t.id === traceId)).toMatchObject({
      searchId,
      firearm: { model: 'EA-38' },
      recipients: [{ country: 'DE', basis: ['manufacture'], status: 'pending' }],
    });

    // The German NCB answers in its trace inbox.
    const ncb = await newPage(b);
    await signIn(b, ncb.page, DE_NCB);
    await ncb.page.goto('/firearms/traces');
    await ncb.page
      .getByTestId('traces-received')
      .getByRole('link', { name: `Trace #${traceId}` })
      .click();
    const answer = ncb.page.getByRole('form', { name: 'Answer the trace request' });
    await answer.getByLabel('Found', { exact: true }).check();
    await answer.getByRole('button', { name: 'Send answer' }).click();
    await expect.poll(() => answer.getByRole('alert').textContent()).toMatch(/gives the history/);
    await answer.getByLabel('History of the firearm').fill('Made 2019 by Example Arms, Suhl; exported 2020 to a licensed dealer in Lyon (FR).');
    await answer.getByRole('button', { name: 'Send answer' }).click();
    await expect.poll(() => ncb.page.getByTestId('trace-status').textContent()).toBe('answered');
    expect(await ncb.page.getByRole('form', { name: 'Answer the trace request' }).count()).toBe(0);
    await shot(ncb.page, 'firearms-trace-answered');

    await fr.page.reload();
    await expect.poll(() => fr.page.getByTestId('trace-answers').textContent()).toMatch(/found.*exported 2020 to a licensed dealer in Lyon/);
    expect(await fr.page.getByRole('form', { name: 'Answer the trace request' }).count()).toBe(0); // an investigator of the requester

    // Germany changes the status, then marks the pistol recovered: France's search no longer hits.
    await de.page.goto(`/firearms/records/${recordId}`);
    const change = de.page.getByRole('form', { name: 'Change the record' });
    await change.getByLabel('New status').selectOption('trafficked');
    await change.getByLabel('Notes').fill('Offered for sale on a forum, December 2025.');
    await change.getByRole('button', { name: 'Save changes' }).click();
    await expect.poll(() => de.page.getByTestId('record-status').textContent()).toBe('trafficked');
    expect(await de.page.getByTestId('record-facts').textContent()).toContain('Offered for sale on a forum');
    const recover = de.page.getByRole('group', { name: 'Mark recovered' });
    await recover.getByLabel('Recovery note').fill('Found during a search in Lyon.');
    await recover.getByRole('button', { name: 'Mark recovered' }).click();
    await expect.poll(() => de.page.getByTestId('record-status').textContent()).toBe('recovered');
    expect(await de.page.getByRole('form', { name: 'Change the record' }).count()).toBe(0); // a recovered record is closed
    expect((await b.sys.api('GET', `/api/v1/firearms/records/${recordId}`, { as: DE })).json()).toMatchObject({
      status: 'recovered',
      reportedStatus: 'trafficked',
      recoveryNote: 'Found during a search in Lyon.',
    });
    await shot(de.page, 'firearms-recovered');
    await fr.page.goto('/firearms');
    await fr.page.getByLabel('Serial number').fill('DE4711X');
    await fr.page.getByRole('button', { name: 'Search', exact: true }).click();
    await expect.poll(() => fr.page.getByTestId('search-verdict').textContent()).toBe('No hit');

    expect([fr.errors, ncb.errors, de.errors]).toEqual([[], [], []]);
    await Promise.all([fr.context.close(), ncb.context.close(), de.context.close()]);
  });

  it('payments: FR drafts a request with a transfer to a German IBAN, FR NCB sends it, DE NCB answers "held", FR sees the held total', async () => {
    const fr = await newPage(b);
    await signIn(b, fr.page, FR);
    await fr.page.getByRole('link', { name: 'Services' }).click();
    await fr.page.getByRole('link', { name: 'Stop-payment requests (I-GRIP)' }).click();
    await fr.page.getByRole('link', { name: 'New stop-payment request' }).click();
    await fr.page.getByLabel('Offence').selectOption('sextortion');
    await fr.page.getByLabel('National reference').fill('PJ-2026-0777');
    await fr.page.getByLabel('Summary of the facts').fill('Minor victim extorted over a messaging app; parents wired the money this morning.');
    const t1 = fr.page.getByRole('group', { name: 'Transfer 1' });
    await t1.getByLabel('Amount').fill('1,250.50');
    expect(await t1.getByLabel('Currency').inputValue()).toBe('EUR');
    await expect.poll(() => t1.getByTestId('amount-preview').textContent()).toBe('EUR 1,250.50 = 125050 minor units');
    await t1.getByLabel('Time sent').fill(localAgo(3));
    await t1.getByLabel('Sending bank').fill('Banque Exemple Paris');
    await t1.getByLabel('Beneficiary name').fill('M. Mule');
    await t1.getByLabel('Beneficiary bank').fill('Commerzbank');
    await t1.getByLabel('BIC / SWIFT').fill('COBADEFFXXX');
    await t1.getByLabel('IBAN or account number').fill('DE89370400440532013001'); // one digit wrong
    await fr.page.getByRole('button', { name: 'Save draft' }).click();
    await expect.poll(() => fr.page.getByRole('alert').textContent()).toMatch(/transfer 1: IBAN DE89370400440532013001 fails its checksum/);
    await t1.getByLabel('IBAN or account number').fill('DE89 3704 0044 0532 0130 00');
    expect(await t1.getByLabel('Receiving country').locator('option:checked').textContent()).toBe('Germany (from the IBAN)');
    await shot(fr.page, 'payments-new');
    await fr.page.getByRole('button', { name: 'Save draft' }).click();
    await fr.page.getByTestId('payment-status').waitFor();
    expect(await fr.page.getByTestId('payment-status').textContent()).toBe('draft');
    const id = idFrom(fr.page, /\/payments\/(\d+)$/);
    const draft = (await b.sys.api('GET', `/api/v1/payments/${id}`, { as: FR })).json();
    expect(draft.transfers).toMatchObject([
      {
        amountMinor: 125_050,
        currency: 'EUR',
        receivingCountry: 'DE',
        beneficiaryAccount: 'DE89370400440532013000',
        accountIsIban: true,
        beneficiaryBic: 'COBADEFFXXX',
        outcome: 'pending',
      },
    ]);
    expect(await fr.page.getByTestId('payment-transfers').textContent()).toContain('IBAN DE89370400440532013000');
    expect(await fr.page.getByRole('button', { name: 'Send to the receiving NCBs' }).count()).toBe(0); // investigators draft, the NCB sends
    await shot(fr.page, 'payments-draft');

    const frNcb = await newPage(b);
    await signIn(b, frNcb.page, FR_NCB);
    await frNcb.page.goto(`/payments/${id}`);
    await frNcb.page.getByRole('button', { name: 'Send to the receiving NCBs' }).click();
    await expect.poll(() => frNcb.page.getByTestId('payment-status').textContent()).toBe('sent');
    await shot(frNcb.page, 'payments-sent');

    const de = await newPage(b);
    await signIn(b, de.page, DE_NCB);
    await de.page.goto('/payments');
    await de.page.getByLabel('Side').selectOption('received');
    await de.page
      .getByTestId('payment-list')
      .getByRole('link', { name: `#${id} sextortion` })
      .click();
    const transferId = draft.transfers[0].id as number;
    const answer = de.page.getByRole('form', { name: `Answer for transfer ${transferId}` });
    await answer.getByLabel('Outcome').selectOption('held');
    await answer.getByLabel('Amount held (EUR)').fill('2000');
    await answer.getByRole('button', { name: 'Send answer' }).click();
    await expect.poll(() => answer.getByRole('alert').textContent()).toMatch(/more than the EUR 1,250.50 sent/);
    await answer.getByLabel('Amount held (EUR)').fill('1000');
    await answer.getByLabel('Note to the requester').fill('Commerzbank froze the account at 10:05.');
    await answer.getByRole('button', { name: 'Send answer' }).click();
    await expect.poll(() => de.page.getByTestId(`transfer-${transferId}`).getByTestId('transfer-outcome').textContent()).toBe('held');
    expect(await de.page.getByTestId('held-EUR').textContent()).toBe('EUR 1,000.00');
    await shot(de.page, 'payments-answered');

    await fr.page.reload();
    const total = fr.page.getByTestId('total-EUR');
    await expect.poll(() => fr.page.getByTestId('held-EUR').textContent()).toBe('EUR 1,000.00');
    expect(await total.textContent()).toContain('EUR 1,250.50');
    expect(await fr.page.getByTestId('payment-transfers').textContent()).toMatch(/EUR 1,000.00 held.*Commerzbank froze the account/);
    const after = (await b.sys.api('GET', `/api/v1/payments/${id}`, { as: FR })).json();
    expect(after.totals).toEqual([{ currency: 'EUR', transfers: 1, requestedMinor: 125_050, heldMinor: 100_000, requested: '1250.50', held: '1000.00' }]);
    await shot(fr.page, 'payments-held');
    expect([fr.errors, frNcb.errors, de.errors]).toEqual([[], [], []]);
    await Promise.all([fr.context.close(), frNcb.context.close(), de.context.close()]);
  });

  it('payments: the hub sees a late request in the overdue view, with the country still to answer', async () => {
    const hoursAgo = (h: number) => new Date(Date.now() - h * 3_600_000).toISOString();
    const transfer = {
      amountMinor: 500_000,
      currency: 'USD',
      transferredAt: hoursAgo(30),
      sendingBank: 'Banque Exemple Paris',
      beneficiaryName: 'Trading Ltd',
      beneficiaryBank: 'Deutsche Bank',
      beneficiaryBic: 'DEUTDEFF',
      beneficiaryAccount: 'DE89370400440532013000',
    };
    const brl = {
      amountMinor: 2_500_000,
      currency: 'BRL',
      transferredAt: hoursAgo(29),
      sendingBank: 'Banque Exemple Paris',
      beneficiaryName: 'J. Silva',
      beneficiaryBank: 'Banco Exemplo',
      beneficiaryAccount: 'BR1800360305000010009795493C1',
    };
    const created = await b.sys.api('POST', '/api/v1/payments', {
      as: FR,
      body: { offence: 'romance_scam', summary: 'Victim sent savings to two accounts.', responseHours: 1, transfers: [transfer, brl] },
    });
    expect(created.statusCode, created.body).toBe(201);
    const r = created.json();
    expect((await b.sys.api('POST', `/api/v1/payments/${r.id}/send`, { as: FR_NCB })).statusCode).toBe(200);
    await b.sys.ctx.db
      .updateTable('payment_requests')
      .set({ response_due_at: new Date(Date.now() - 3 * 3_600_000) })
      .where('id', '=', r.id)
      .execute();
    const de = r.transfers.find((t: { receivingCountry: string }) => t.receivingCountry === 'DE');
    expect(
      (await b.sys.api('POST', `/api/v1/payments/${r.id}/answers`, { as: DE_NCB, body: { answers: [{ transferId: de.id, outcome: 'not_found' }] } }))
        .statusCode,
    ).toBe(200);

    const hub = await newPage(b);
    await signIn(b, hub.page, HUB);
    await hub.page.goto('/payments');
    await hub.page.getByRole('link', { name: 'Overdue answers' }).click();
    const row = hub.page
      .getByTestId('overdue-list')
      .getByRole('row')
      .filter({ hasText: `#${r.id} romance scam` });
    await row.waitFor();
    expect(await row.textContent()).toMatch(/France \(FR\)Brazil \(BR\)1 of 2BRL 25,000.00/);
    expect(await row.textContent()).toMatch(/3 h 0 min|2 h 59 min/);
    await shot(hub.page, 'payments-overdue-hub');

    // Germany has answered its transfer: its NCB's overdue view does not list the request.
    const ncb = await newPage(b);
    await signIn(b, ncb.page, DE_NCB);
    await ncb.page.goto('/payments/overdue');
    await ncb.page.getByRole('heading', { name: 'Overdue answers' }).waitFor();
    await expect.poll(() => ncb.page.locator('main').textContent()).toMatch(/Nothing overdue|#\d+/);
    expect(await ncb.page.getByRole('link', { name: `#${r.id} romance scam` }).count()).toBe(0);
    expect([hub.errors, ncb.errors]).toEqual([[], []]);
    await Promise.all([hub.context.close(), ncb.context.close()]);
  });
});
