// I-GRIP stop-payment requests: drafted by the victim country's police, sent by its NCB (clock starts), answered
// per transfer by each receiving NCB, totals per currency, notifications, visibility (404 for others), role
// checks (403), IBAN/BIC/currency checks (400), the overdue list, closure and audit rows.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestSystem, type TestSystem } from '../testing/harness.js';
import { auditRows } from '../series/test-media.js';

let sys: TestSystem;
const FR = 'fr.investigator@demo.icse',
  FR_NCB = 'fr.ncb@demo.icse',
  DE = 'de.investigator@demo.icse',
  DE_NCB = 'de.ncb@demo.icse';
const BR = 'br.investigator@demo.icse',
  HUB = 'hub.analyst@demo.icse',
  DPO = 'dpo@demo.icse',
  ADMIN = 'admin@demo.icse';
beforeAll(async () => {
  sys = await startTestSystem();
});
afterAll(async () => {
  await sys?.close();
});

const inbox = async (as: string) =>
  (await sys.api('GET', '/api/v1/notifications', { as })).json().notifications as Array<{ kind: string; title: string; link: string }>;
const ids = (r: { json(): { requests: Array<{ id: number }> } }) => r.json().requests.map((x) => x.id);
const hoursAgo = (h: number) => new Date(Date.now() - h * 3_600_000).toISOString();

// US$42.3M to a German account (IBAN + BIC), EUR 1,500.00 to a German account number, BRL 25,000.00 to a Brazilian IBAN.
const usdToDe = {
  amountMinor: 4_230_000_000,
  currency: 'USD',
  transferredAt: hoursAgo(30),
  sendingBank: 'Banque Exemple Paris',
  sendingAccount: 'FR1420041010050500013M02606',
  transactionReference: 'SWIFT MT103 REF 991',
  beneficiaryName: 'Trading Ltd',
  beneficiaryBank: 'Deutsche Bank',
  beneficiaryBic: 'deutdeff',
  beneficiaryAccount: 'DE89 3704 0044 0532 0130 00',
};
const eurToDe = {
  amountMinor: 150_000,
  currency: 'eur',
  transferredAt: hoursAgo(20),
  sendingBank: 'Banque Exemple Paris',
  beneficiaryName: 'M. Mule',
  beneficiaryBank: 'Commerzbank',
  beneficiaryBic: 'COBADEFFXXX',
  beneficiaryAccount: '0123456789',
};
const brlToBr = {
  amountMinor: 2_500_000,
  currency: 'BRL',
  transferredAt: hoursAgo(10),
  sendingBank: 'Banque Exemple Paris',
  beneficiaryName: 'J. Silva',
  beneficiaryBank: 'Banco Exemplo',
  beneficiaryAccount: 'BR1800360305000010009795493C1',
};

async function sentRequest(transfers: unknown[], extra: Record<string, unknown> = {}) {
  const draft = await sys.api('POST', '/api/v1/payments', {
    as: FR,
    body: { offence: 'sextortion', summary: 'Minor victim extorted; money sent abroad within hours.', transfers, ...extra },
  });
  expect(draft.statusCode, draft.body).toBe(201);
  const sent = await sys.api('POST', `/api/v1/payments/${draft.json().id}/send`, { as: FR_NCB });
  expect(sent.statusCode, sent.body).toBe(200);
  return sent.json();
}

describe('I-GRIP stop-payment requests', () => {
  it('draft by an investigator -> sent by its NCB -> answered per transfer -> totals per currency -> closed', async () => {
    const created = await sys.api('POST', '/api/v1/payments', {
      as: FR,
      body: { offence: 'online_fraud', nationalReference: 'PJ-2026-0042', transfers: [usdToDe, eurToDe, brlToBr] },
    });
    expect(created.statusCode, created.body).toBe(201);
    const r = created.json();
    expect(r).toMatchObject({
      status: 'draft',
      requestingCountry: 'FR',
      sentAt: null,
      responseDueAt: null,
      responseHours: 24,
      receivingCountries: ['BR', 'DE'],
    });
    expect(r.transfers.map((t: { receivingCountry: string }) => t.receivingCountry)).toEqual(['DE', 'DE', 'BR']);
    expect(r.transfers[0]).toMatchObject({
      beneficiaryAccount: 'DE89370400440532013000',
      accountIsIban: true,
      beneficiaryBic: 'DEUTDEFF',
      amount: '42300000.00',
      outcome: 'pending',
    });
    expect(r.transfers[1]).toMatchObject({ currency: 'EUR', beneficiaryAccount: '0123456789', accountIsIban: false });
    expect(r.totals).toEqual([
      { currency: 'BRL', transfers: 1, requestedMinor: 2_500_000, heldMinor: 0, requested: '25000.00', held: '0.00' },
      { currency: 'EUR', transfers: 1, requestedMinor: 150_000, heldMinor: 0, requested: '1500.00', held: '0.00' },
      { currency: 'USD', transfers: 1, requestedMinor: 4_230_000_000, heldMinor: 0, requested: '42300000.00', held: '0.00' },
    ]);

    // A draft stays in the requesting country: 404 for the receivers and the hub.
    for (const as of [DE_NCB, BR, HUB]) expect((await sys.api('GET', `/api/v1/payments/${r.id}`, { as })).statusCode, as).toBe(404);
    // Only the requesting NCB sends; the facts must be stated first.
    expect((await sys.api('POST', `/api/v1/payments/${r.id}/send`, { as: FR })).statusCode).toBe(403);
    expect((await sys.api('POST', `/api/v1/payments/${r.id}/send`, { as: DE_NCB })).statusCode).toBe(404);
    const noFacts = await sys.api('POST', `/api/v1/payments/${r.id}/send`, { as: FR_NCB });
    expect(noFacts.statusCode).toBe(400);
    expect(noFacts.json().message).toMatch(/summary/);
    expect(
      (await sys.api('PATCH', `/api/v1/payments/${r.id}`, { as: FR, body: { summary: 'Investment fraud; victim wired savings.', responseHours: 12 } }))
        .statusCode,
    ).toBe(200);

    const sent = (await sys.api('POST', `/api/v1/payments/${r.id}/send`, { as: FR_NCB })).json();
    expect(sent.status).toBe('sent');
    expect(new Date(sent.responseDueAt).getTime() - new Date(sent.sentAt).getTime()).toBe(12 * 3_600_000);
    expect(Math.abs(new Date(sent.sentAt).getTime() - Date.now())).toBeLessThan(60_000);
    expect((await sys.api('POST', `/api/v1/payments/${r.id}/send`, { as: FR_NCB })).statusCode).toBe(409);
    expect((await sys.api('PATCH', `/api/v1/payments/${r.id}`, { as: FR, body: { summary: 'x' } })).statusCode).toBe(409);
    expect((await sys.api('POST', `/api/v1/payments/${r.id}/transfers`, { as: FR, body: { transfers: [eurToDe] } })).statusCode).toBe(409);

    // The receiving NCBs (not other agencies) and the hub are alerted.
    const deAlert = (await inbox(DE_NCB)).find((m) => m.kind === 'payment.request' && m.link === `/payments/${r.id}`);
    expect(deAlert?.title).toMatch(/^Stop-payment request from FR \(online_fraud\): 2 transfer\(s\), EUR 1,500.00 \+ USD 42,300,000.00; answer due /);
    expect((await inbox(DE)).some((m) => m.kind === 'payment.request')).toBe(false);
    expect((await inbox(HUB)).some((m) => m.kind === 'payment.sent' && m.link === `/payments/${r.id}`)).toBe(true);

    // Each receiving country sees the request with its own transfers only.
    const deView = (await sys.api('GET', `/api/v1/payments/${r.id}`, { as: DE_NCB })).json();
    expect(deView.transfers.map((t: { currency: string }) => t.currency)).toEqual(['USD', 'EUR']);
    expect(deView.receivingCountries).toEqual(['DE']);
    expect((await sys.api('GET', `/api/v1/payments/${r.id}`, { as: BR })).json().transfers).toHaveLength(1);
    expect((await sys.api('GET', `/api/v1/payments/${r.id}`, { as: HUB })).json().transfers).toHaveLength(3);
    const [usd, eur, brl] = sent.transfers as Array<{ id: number }>;

    // Answers: only the receiving NCB, only for its own transfers, with the amount held / the reason.
    const answer = (as: string, answers: unknown[]) => sys.api('POST', `/api/v1/payments/${r.id}/answers`, { as, body: { answers } });
    expect((await answer(DE, [{ transferId: usd!.id, outcome: 'held', heldMinor: 1 }])).statusCode).toBe(403);
    expect((await answer(FR_NCB, [{ transferId: usd!.id, outcome: 'held', heldMinor: 1 }])).statusCode).toBe(403);
    expect((await answer(DE_NCB, [{ transferId: brl!.id, outcome: 'not_found' }])).statusCode).toBe(404);
    expect((await answer(DE_NCB, [{ transferId: usd!.id, outcome: 'held' }])).json().message).toMatch(/heldMinor is required/);
    expect((await answer(DE_NCB, [{ transferId: usd!.id, outcome: 'held', heldMinor: 4_230_000_001 }])).statusCode).toBe(400);
    expect((await answer(DE_NCB, [{ transferId: eur!.id, outcome: 'refused' }])).json().message).toMatch(/reason/);
    expect((await answer(DE_NCB, [{ transferId: eur!.id, outcome: 'withdrawn', heldMinor: 5 }])).statusCode).toBe(400);
    expect((await answer(DE_NCB, [{ transferId: eur!.id, outcome: 'lost' }])).statusCode).toBe(400);
    const answered = await answer(DE_NCB, [
      { transferId: usd!.id, outcome: 'held', heldMinor: 3_900_000_000, note: 'frozen by Deutsche Bank' },
      { transferId: eur!.id, outcome: 'withdrawn' },
    ]);
    expect(answered.statusCode, answered.body).toBe(200);
    expect(answered.json().transfers.map((t: { outcome: string }) => t.outcome)).toEqual(['held', 'withdrawn']);

    // The requester sees status per transfer and requested vs held per currency.
    const frView = (await sys.api('GET', `/api/v1/payments/${r.id}`, { as: FR })).json();
    expect(frView.transfers.map((t: { outcome: string; heldMinor: number }) => [t.outcome, t.heldMinor])).toEqual([
      ['held', 3_900_000_000],
      ['withdrawn', 0],
      ['pending', 0],
    ]);
    expect(frView.transfers[0]).toMatchObject({ held: '39000000.00', answerNote: 'frozen by Deutsche Bank' });
    expect(frView.totals.find((t: { currency: string }) => t.currency === 'USD')).toEqual({
      currency: 'USD',
      transfers: 1,
      requestedMinor: 4_230_000_000,
      heldMinor: 3_900_000_000,
      requested: '42300000.00',
      held: '39000000.00',
    });
    expect(frView.progress).toEqual({ transfers: 3, answered: 2, pending: 1, held: 1, withdrawn: 1, not_found: 0, refused: 0 });
    const frInbox = (await inbox(FR_NCB)).filter((m) => m.kind === 'payment.answer' && m.link === `/payments/${r.id}`);
    expect(frInbox.map((m) => m.title).sort()).toEqual([
      `DE answered transfer #${usd!.id} of stop-payment request #${r.id}: held USD 39,000,000.00 of USD 42,300,000.00`,
      `DE answered transfer #${eur!.id} of stop-payment request #${r.id}: already withdrawn (EUR 1,500.00)`,
    ]);
    expect((await inbox(FR)).filter((m) => m.kind === 'payment.answer' && m.link === `/payments/${r.id}`)).toHaveLength(2); // the drafting agency
    expect((await inbox(BR)).some((m) => m.kind === 'payment.answer')).toBe(false);

    // A later answer revises the earlier one (e.g. the money is found after all).
    await answer(DE_NCB, [{ transferId: eur!.id, outcome: 'held', heldMinor: 40_000 }]);
    expect((await sys.api('GET', `/api/v1/payments/${r.id}`, { as: FR })).json().totals.find((t: { currency: string }) => t.currency === 'EUR').held).toBe(
      '400.00',
    );
    const revisions = await auditRows(sys.ctx.db, 'payment.answer', r.id);
    expect(revisions.map((a) => [a.details.transferId, a.details.previous, a.details.outcome])).toEqual([
      [usd!.id, 'pending', 'held'],
      [eur!.id, 'pending', 'withdrawn'],
      [eur!.id, 'withdrawn', 'held'],
    ]);

    // Closure by the requesting NCB; the receivers are told; no more answers.
    expect((await sys.api('POST', `/api/v1/payments/${r.id}/close`, { as: FR })).statusCode).toBe(403);
    expect((await sys.api('POST', `/api/v1/payments/${r.id}/close`, { as: DE_NCB })).statusCode).toBe(403);
    const closed = await sys.api('POST', `/api/v1/payments/${r.id}/close`, { as: FR_NCB, body: { note: 'funds repatriated' } });
    expect(closed.json()).toMatchObject({ status: 'closed', closureNote: 'funds repatriated' });
    expect((await sys.api('POST', `/api/v1/payments/${r.id}/close`, { as: FR_NCB })).statusCode).toBe(409);
    expect((await inbox(DE_NCB)).some((m) => m.kind === 'payment.closed' && m.title.includes('funds repatriated'))).toBe(true);
    expect((await answer(DE_NCB, [{ transferId: usd!.id, outcome: 'withdrawn' }])).statusCode).toBe(409);

    for (const action of ['payment.create', 'payment.update', 'payment.send', 'payment.read', 'payment.answer', 'payment.close']) {
      expect((await auditRows(sys.ctx.db, action, r.id)).length, action).toBeGreaterThan(0);
    }
    const send = (await auditRows(sys.ctx.db, 'payment.send', r.id))[0]!;
    expect(send).toMatchObject({ actor_email: FR_NCB, details: { receivingCountries: ['BR', 'DE'] } });
  });

  it('visibility: requesting country, receiving countries and the hub; 404 for a third country; 403 by role', async () => {
    const r = await sentRequest([usdToDe]);
    expect((await sys.api('GET', `/api/v1/payments/${r.id}`, { as: BR })).statusCode).toBe(404);
    expect(ids(await sys.api('GET', '/api/v1/payments', { as: BR }))).not.toContain(r.id);
    expect(
      (await sys.api('POST', `/api/v1/payments/${r.id}/answers`, { as: DE_NCB, body: { answers: [{ transferId: 999_999, outcome: 'not_found' }] } }))
        .statusCode,
    ).toBe(404);
    for (const as of [FR, DE, HUB, ADMIN]) expect((await sys.api('GET', `/api/v1/payments/${r.id}`, { as })).statusCode, as).toBe(200);
    expect(ids(await sys.api('GET', '/api/v1/payments', { as: HUB }))).toContain(r.id);
    expect(ids(await sys.api('GET', '/api/v1/payments?side=received', { as: DE }))).toContain(r.id);
    expect(ids(await sys.api('GET', '/api/v1/payments?side=received', { as: FR }))).not.toContain(r.id);
    expect(ids(await sys.api('GET', '/api/v1/payments?side=requested&status=sent', { as: FR }))).toContain(r.id);
    expect((await sys.api('GET', '/api/v1/payments', { as: DPO })).statusCode).toBe(403);
    expect((await sys.api('GET', `/api/v1/payments/${r.id}`, { as: DPO })).statusCode).toBe(403);
    // The hub coordinates but does not request; a receiving country does not edit the request.
    expect((await sys.api('POST', '/api/v1/payments', { as: HUB, body: { offence: 'sextortion' } })).statusCode).toBe(403);
    expect((await sys.api('PATCH', `/api/v1/payments/${r.id}`, { as: DE, body: { summary: 'x' } })).statusCode).toBe(403);
    expect((await auditRows(sys.ctx.db, 'payment.list')).length).toBeGreaterThan(0);
  });

  it('IBAN checksum and length, BIC format, currency and receiving country are checked with a clear 400', async () => {
    const draft = (t: Record<string, unknown>, more: unknown[] = []) =>
      sys.api('POST', '/api/v1/payments', { as: FR, body: { offence: 'online_fraud', transfers: [...more, { ...usdToDe, ...t }] } });
    const bad = async (t: Record<string, unknown>, pattern: RegExp, field: string, more: unknown[] = []) => {
      const res = await draft(t, more);
      expect(res.statusCode, JSON.stringify(t)).toBe(400);
      expect(res.json().message).toMatch(pattern);
      expect(res.json().details?.field).toBe(field);
    };
    const count = async () => (await sys.ctx.db.selectFrom('payment_requests').select('id').execute()).length;
    const before = await count();
    await bad({ beneficiaryAccount: 'DE89370400440532013001' }, /^transfer 1: IBAN DE89370400440532013001 fails its checksum/, 'beneficiaryAccount');
    await bad({ beneficiaryAccount: 'DE8937040044053201300' }, /has 21 characters; a DE IBAN has 22/, 'beneficiaryAccount');
    await bad({ beneficiaryBic: 'DEUT1EFF' }, /BIC\/SWIFT code "DEUT1EFF" is not valid: 8 or 11 characters/, 'beneficiaryBic');
    await bad({ beneficiaryBic: 'DEUTDEFF50' }, /BIC\/SWIFT/, 'beneficiaryBic');
    await bad({ currency: 'XYZ' }, /"XYZ" is not an ISO 4217 currency code/, 'currency');
    await bad({ receivingCountry: 'BR' }, /receivingCountry BR matches neither the IBAN \(DE\) nor the BIC \(DE\)/, 'receivingCountry');
    await bad({ beneficiaryAccount: 'FR1420041010050500013M02606', beneficiaryBic: 'BNPAFRPP' }, /your own country \(FR\)/, 'receivingCountry');
    await bad({ beneficiaryAccount: '0042-77', beneficiaryBic: null }, /name the receivingCountry/, 'receivingCountry');
    await bad({ transferredAt: new Date(Date.now() + 3_600_000).toISOString() }, /in the future/, 'transferredAt');
    await bad({ beneficiaryAccount: 'DE89370400440532013001' }, /^transfer 2: /, 'beneficiaryAccount', [eurToDe]);
    // Not a member country (no NCB to ask).
    const us = await draft({ beneficiaryAccount: '000123456789', beneficiaryBic: 'CHASUS33', receivingCountry: undefined });
    expect(us.statusCode).toBe(400);
    expect(us.json()).toMatchObject({ message: 'not member countries (no NCB to ask): US', details: { unknown: ['US'] } });
    // Money is whole minor units: no floats, no zero.
    for (const amountMinor of [12.5, 0, -100, '12.5']) expect((await draft({ amountMinor })).statusCode, String(amountMinor)).toBe(400);
    expect((await draft({ transferredAt: 'yesterday' })).statusCode).toBe(400);
    expect(await count()).toBe(before); // nothing stored by the refused requests
    // Valid: an 11-character BIC, a DE IBAN typed in lower case with spaces, a JPY amount without minor digits.
    const ok = await draft({ beneficiaryBic: 'deutdeff500', currency: 'jpy', amountMinor: 5_000_000 });
    expect(ok.statusCode, ok.body).toBe(201);
    expect(ok.json().transfers[0]).toMatchObject({ beneficiaryBic: 'DEUTDEFF500', currency: 'JPY', amount: '5000000', receivingCountry: 'DE' });
  });

  it('drafts: transfers added and removed by the requesting country; sending needs a transfer; linked case shown only to who may see it', async () => {
    const kase = (await sys.api('POST', '/api/v1/cases', { as: FR, body: { reference: 'IGRIP-1', title: 'Sextortion of a minor' } })).json();
    const hidden = (await sys.api('POST', '/api/v1/cases', { as: DE, body: { reference: 'IGRIP-DE', title: 'kept', distribution: 'agency' } })).json();
    expect((await sys.api('POST', '/api/v1/payments', { as: FR, body: { offence: 'sextortion', caseId: hidden.id } })).statusCode).toBe(404);
    const d = (await sys.api('POST', '/api/v1/payments', { as: FR, body: { offence: 'sextortion', summary: 'Victim aged 15.', caseId: kase.id } })).json();
    expect(d.transfers).toEqual([]);
    const empty = await sys.api('POST', `/api/v1/payments/${d.id}/send`, { as: FR_NCB });
    expect(empty.statusCode).toBe(400);
    expect(empty.json().message).toMatch(/no transfer/);
    expect((await sys.api('POST', `/api/v1/payments/${d.id}/transfers`, { as: DE, body: { transfers: [eurToDe] } })).statusCode).toBe(404);
    const bad = await sys.api('POST', `/api/v1/payments/${d.id}/transfers`, { as: FR, body: { transfers: [eurToDe, { ...eurToDe, beneficiaryBic: 'X' }] } });
    expect(bad.json().message).toMatch(/^transfer 2: BIC/);
    const added = await sys.api('POST', `/api/v1/payments/${d.id}/transfers`, { as: FR, body: { transfers: [eurToDe, brlToBr] } });
    expect(added.statusCode, added.body).toBe(201);
    expect(added.json().transfers).toHaveLength(2); // the refused batch left nothing behind
    const brId = added.json().transfers[1].id;
    expect((await sys.api('DELETE', `/api/v1/payments/${d.id}/transfers/${brId}`, { as: 'fr.analyst@demo.icse' })).json().receivingCountries).toEqual(['DE']);
    expect((await sys.api('DELETE', `/api/v1/payments/${d.id}/transfers/${brId}`, { as: FR })).statusCode).toBe(404);
    const sent = (await sys.api('POST', `/api/v1/payments/${d.id}/send`, { as: FR_NCB })).json();
    expect(sent).toMatchObject({ status: 'sent', caseId: kase.id, responseHours: 24 });
    expect((await sys.api('GET', `/api/v1/payments/${d.id}`, { as: DE_NCB })).json().caseId).toBeNull();
    expect((await sys.api('GET', `/api/v1/payments/${d.id}`, { as: BR })).statusCode).toBe(404); // its transfer was removed
    for (const action of ['payment.transfer.add', 'payment.transfer.remove']) expect((await auditRows(sys.ctx.db, action, d.id)).length, action).toBe(1);
    // A draft abandoned: closed without ever being sent, nobody told, still invisible to others.
    const abandoned = (await sys.api('POST', '/api/v1/payments', { as: FR, body: { offence: 'other', transfers: [eurToDe] } })).json();
    expect((await sys.api('POST', `/api/v1/payments/${abandoned.id}/close`, { as: FR_NCB })).json().status).toBe('closed');
    expect((await sys.api('GET', `/api/v1/payments/${abandoned.id}`, { as: HUB })).statusCode).toBe(404);
    expect((await inbox(DE_NCB)).some((m) => m.link === `/payments/${abandoned.id}`)).toBe(false);
  });

  it('overdue list: sent requests past their due time with transfers still unanswered', async () => {
    const late = await sentRequest([usdToDe, brlToBr], { responseHours: 1 });
    const onTime = await sentRequest([eurToDe]);
    const answeredLate = await sentRequest([eurToDe], { responseHours: 1 });
    const overdue = async (as: string) =>
      (await sys.api('GET', '/api/v1/payments/overdue', { as })).json().requests as Array<{
        id: number;
        pendingCountries: string[];
        pendingTransfers: number;
        overdueMinutes: number;
        pendingTotals: Array<{ currency: string }>;
      }>;
    expect((await overdue(HUB)).map((x) => x.id)).not.toContain(late.id);

    // Two hours later (the clock moved in the database), without answers.
    await sys.ctx.db
      .updateTable('payment_requests')
      .set({ response_due_at: new Date(Date.now() - 2 * 3_600_000) })
      .where('id', 'in', [late.id, answeredLate.id])
      .execute();
    await sys.api('POST', `/api/v1/payments/${answeredLate.id}/answers`, {
      as: DE_NCB,
      body: { answers: [{ transferId: answeredLate.transfers[0].id, outcome: 'not_found' }] },
    });
    const hub = await overdue(HUB);
    const entry = hub.find((x) => x.id === late.id)!;
    expect(entry).toMatchObject({ pendingTransfers: 2, pendingCountries: ['BR', 'DE'], overdue: true });
    expect(entry.overdueMinutes).toBeGreaterThanOrEqual(119);
    expect(entry.pendingTotals.map((t) => t.currency)).toEqual(['BRL', 'USD']);
    expect(hub.map((x) => x.id)).not.toContain(onTime.id);
    expect(hub.map((x) => x.id)).not.toContain(answeredLate.id);
    expect((await sys.api('GET', `/api/v1/payments/${late.id}`, { as: FR })).json().overdue).toBe(true);

    // DE answers its part: it is no longer late; BR still is; the requester still sees it overdue.
    await sys.api('POST', `/api/v1/payments/${late.id}/answers`, {
      as: DE_NCB,
      body: { answers: [{ transferId: late.transfers[0].id, outcome: 'refused', reason: 'no court order yet' }] },
    });
    expect((await overdue(HUB)).find((x) => x.id === late.id)?.pendingCountries).toEqual(['BR']);
    expect((await overdue(DE_NCB)).map((x) => x.id)).not.toContain(late.id);
    expect((await overdue(BR)).map((x) => x.id)).toContain(late.id);
    expect((await overdue(FR)).map((x) => x.id)).toContain(late.id);
    expect((await sys.api('GET', `/api/v1/payments/${late.id}`, { as: FR })).json().transfers[0]).toMatchObject({
      outcome: 'refused',
      refusalReason: 'no court order yet',
    });
    expect((await inbox(FR_NCB)).some((m) => m.title.includes('refused: no court order yet'))).toBe(true);

    // Closed: off the list.
    await sys.api('POST', `/api/v1/payments/${late.id}/close`, { as: FR_NCB, body: {} });
    expect((await overdue(HUB)).map((x) => x.id)).not.toContain(late.id);
    expect((await sys.api('GET', '/api/v1/payments/overdue', { as: DPO })).statusCode).toBe(403);
    expect((await auditRows(sys.ctx.db, 'payment.overdue')).length).toBeGreaterThan(0);
  });
});
