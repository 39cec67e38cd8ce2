// Comments, consultations and the notification inbox: visibility, notifications, read state, audit.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestSystem, type TestSystem } from '../testing/harness.js';
import { auditRows, insertMedia } from '../series/test-media.js';

let sys: TestSystem;
const FR = 'fr.investigator@demo.icse',
  FR_AN = 'fr.analyst@demo.icse',
  FR_NCB = 'fr.ncb@demo.icse',
  DE = 'de.investigator@demo.icse',
  DE_AN = 'de.analyst@demo.icse',
  BR = 'br.investigator@demo.icse';
beforeAll(async () => {
  sys = await startTestSystem();
});
afterAll(async () => {
  await sys?.close();
});

const inbox = async (as: string, q = '') => (await sys.api('GET', `/api/v1/notifications${q}`, { as })).json();

describe('comments', () => {
  it('are visible to whoever sees the target; a comment notifies the owning agency', async () => {
    const s = (await sys.api('POST', '/api/v1/series', { as: FR, body: { name: 'Commented' } })).json();
    const hidden = (await sys.api('POST', '/api/v1/series', { as: FR, body: { name: 'Hidden', distribution: 'country' } })).json();
    const victim = (await sys.api('POST', `/api/v1/series/${s.id}/victims`, { as: FR, body: { label: 'Victim C' } })).json();
    const m = await insertMedia(sys.ctx.db, { ownerEmail: FR });
    const before = (await inbox(FR_AN)).unread;

    const c = await sys.api('POST', '/api/v1/comments', {
      as: DE,
      body: { targetType: 'series', targetId: s.id, body: 'Same wallpaper as our series S-2019-12' },
    });
    expect(c.statusCode).toBe(201);
    expect(
      (await sys.api('POST', '/api/v1/comments', { as: DE, body: { targetType: 'victim', targetId: victim.id, body: 'Accent suggests Bavaria' } })).statusCode,
    ).toBe(201);
    expect(
      (await sys.api('POST', '/api/v1/comments', { as: BR, body: { targetType: 'media', targetId: m.id, body: 'Camera seen in BR seizure' } })).statusCode,
    ).toBe(201);
    expect((await sys.api('POST', '/api/v1/comments', { as: DE, body: { targetType: 'series', targetId: hidden.id, body: 'x' } })).statusCode).toBe(404);
    expect((await sys.api('POST', '/api/v1/comments', { as: DE, body: { targetType: 'series', targetId: s.id, body: '   ' } })).statusCode).toBe(400);
    await sys.api('POST', '/api/v1/comments', { as: FR, body: { targetType: 'series', targetId: hidden.id, body: 'internal note' } });

    const list = (await sys.api('GET', `/api/v1/comments?targetType=series&targetId=${s.id}`, { as: BR })).json().comments;
    expect(list).toEqual([expect.objectContaining({ body: 'Same wallpaper as our series S-2019-12', authorCountry: 'DE', mine: false })]);
    const denied = await sys.api('GET', `/api/v1/comments?targetType=series&targetId=${hidden.id}`, { as: DE });
    expect(denied.statusCode).toBe(404);
    expect(denied.body).not.toContain('internal note');
    expect((await sys.api('GET', `/api/v1/media/${m.id}`, { as: DE })).json().commentsCount).toBe(1);

    // The owning agency (all its users) got one notification per foreign comment; its own note made none.
    const frInbox = await inbox(FR_AN, '?kind=comment');
    expect(frInbox.notifications.map((n: { title: string }) => n.title)).toEqual([
      `New comment on medium #${m.id} (BR)`,
      'New comment on victim "Victim C" (DE)',
      `New comment on series ${s.number} (DE)`,
    ]);
    expect(frInbox.notifications.every((n: { addressedTo: string }) => n.addressedTo === 'agency')).toBe(true);
    expect((await inbox(FR_AN)).unread).toBe(before + 3);
    expect((await inbox(DE_AN, '?kind=comment')).notifications).toEqual([]);
    expect((await auditRows(sys.ctx.db, 'comment.list', s.id)).map((a) => a.actor_email)).toEqual([BR]);
  });
});

describe('consultations', () => {
  it('are visible to participant countries and the case owner only; participants are notified', async () => {
    const kase = (await sys.api('POST', '/api/v1/cases', { as: FR, body: { reference: 'CONS-1', title: 'Consulted case', distribution: 'country' } })).json();
    expect(
      (await sys.api('POST', `/api/v1/cases/${kase.id}/consultations`, { as: DE, body: { subject: 'x', countries: ['FR'], message: 'x' } })).statusCode,
    ).toBe(404);
    expect(
      (await sys.api('POST', `/api/v1/cases/${kase.id}/consultations`, { as: FR, body: { subject: 'x', countries: ['ZZ'], message: 'x' } })).statusCode,
    ).toBe(400);
    const created = await sys.api('POST', `/api/v1/cases/${kase.id}/consultations`, {
      as: FR,
      body: { subject: 'Who knows this room?', countries: ['de'], message: 'Please compare with your series.' },
    });
    expect(created.statusCode).toBe(201);
    const t = created.json();
    expect(t).toMatchObject({ caseId: kase.id, countries: ['DE', 'FR'], messages: 1 });

    // Germany takes part although the case itself is not shared with it; Brazil does not.
    const deInbox = await inbox(DE_AN, '?kind=consultation');
    expect(deInbox.notifications).toEqual([
      expect.objectContaining({ title: 'Consultation from FR: Who knows this room?', addressedTo: 'country', read: false, link: `/consultations/${t.id}` }),
    ]);
    expect((await sys.api('GET', `/api/v1/cases/${kase.id}`, { as: DE })).statusCode).toBe(404);
    expect((await sys.api('GET', `/api/v1/consultations/${t.id}`, { as: DE })).json().thread).toEqual([
      expect.objectContaining({ body: 'Please compare with your series.', authorCountry: 'FR' }),
    ]);
    const reply = await sys.api('POST', `/api/v1/consultations/${t.id}/messages`, { as: DE, body: { body: 'Matches our S-2019-12.' } });
    expect(reply.statusCode).toBe(201);
    expect((await sys.api('GET', `/api/v1/cases/${kase.id}/consultations`, { as: DE })).json().consultations.map((c: { id: number }) => c.id)).toEqual([t.id]);
    expect((await sys.api('GET', '/api/v1/consultations', { as: DE })).json().consultations.map((c: { id: number }) => c.id)).toEqual([t.id]);

    for (const url of [`/api/v1/consultations/${t.id}`, `/api/v1/cases/${kase.id}/consultations`]) {
      const r = await sys.api('GET', url, { as: BR });
      expect(r.statusCode).toBe(404);
      expect(r.body).not.toContain('Who knows');
    }
    expect((await sys.api('POST', `/api/v1/consultations/${t.id}/messages`, { as: BR, body: { body: 'let me in' } })).statusCode).toBe(404);
    expect((await sys.api('GET', '/api/v1/consultations', { as: BR })).json().consultations).toEqual([]);
    expect((await inbox(BR, '?kind=consultation')).notifications).toEqual([]);

    const frView = (await sys.api('GET', `/api/v1/consultations/${t.id}`, { as: FR_NCB })).json();
    expect(frView.thread.map((m: { authorCountry: string }) => m.authorCountry)).toEqual(['FR', 'DE']);
    expect((await inbox(FR_NCB, '?kind=consultation_message')).notifications).toHaveLength(1);
    expect((await auditRows(sys.ctx.db, 'consultation.read', t.id)).map((a) => a.actor_email)).toEqual([DE, FR_NCB]);
  });
});

describe('consultation citations', () => {
  it('a message cites media its author may see; each reader is shown only the ones they may see', async () => {
    const kase = (await sys.api('POST', '/api/v1/cases', { as: FR, body: { reference: 'CONS-2', title: 'Cited', distribution: 'agency' } })).json();
    const frOnly = await insertMedia(sys.ctx.db, { ownerEmail: FR, distribution: 'agency' });
    const shared = await insertMedia(sys.ctx.db, { ownerEmail: FR, distribution: 'all' });
    const deOwn = await insertMedia(sys.ctx.db, { ownerEmail: DE, distribution: 'country' });
    const t = (
      await sys.api('POST', `/api/v1/cases/${kase.id}/consultations`, {
        as: FR,
        body: { subject: 'Cited media', countries: ['DE'], message: 'See these', mediaIds: [frOnly.id, shared.id] },
      })
    ).json();

    // Germany, invited, reads the thread: the medium only France's agency may see is left out without a trace.
    const de = (await sys.api('GET', `/api/v1/consultations/${t.id}`, { as: DE })).json();
    expect(de.thread[0].mediaIds).toEqual([shared.id]);
    // It cannot cite what it may not see (same answer as an id that does not exist) ...
    const refused = await sys.api('POST', `/api/v1/consultations/${t.id}/messages`, { as: DE, body: { body: 'and this', mediaIds: [frOnly.id] } });
    expect(refused.statusCode).toBe(400);
    const missing = await sys.api('POST', `/api/v1/consultations/${t.id}/messages`, { as: DE, body: { body: 'and this', mediaIds: [99_999_999] } });
    expect(missing.statusCode).toBe(400);
    expect(refused.json().message.replace(String(frOnly.id), 'N')).toBe(missing.json().message.replace('99999999', 'N'));
    // ... but cites its own, which France sees only where Germany's distribution lets it.
    expect(
      (await sys.api('POST', `/api/v1/consultations/${t.id}/messages`, { as: DE, body: { body: 'ours', mediaIds: [deOwn.id, shared.id] } })).statusCode,
    ).toBe(201);
    const fr = (await sys.api('GET', `/api/v1/consultations/${t.id}`, { as: FR })).json();
    expect(fr.thread.map((m: { mediaIds: number[] }) => m.mediaIds)).toEqual([[frOnly.id, shared.id], [shared.id]]);
    expect((await sys.api('GET', `/api/v1/consultations/${t.id}`, { as: DE_AN })).json().thread[1].mediaIds).toEqual([deOwn.id, shared.id]);
    expect((await auditRows(sys.ctx.db, 'consultation.message', t.id)).at(-1)!.details).toMatchObject({ mediaIds: [deOwn.id, shared.id] });
  });
});

describe('inbox', () => {
  it('counts unread, marks one and all read, per user', async () => {
    const s = (await sys.api('POST', '/api/v1/series', { as: DE, body: { name: 'Inbox' } })).json();
    await sys.api('POST', '/api/v1/comments', { as: FR, body: { targetType: 'series', targetId: s.id, body: 'one' } });
    await sys.api('POST', '/api/v1/comments', { as: FR, body: { targetType: 'series', targetId: s.id, body: 'two' } });
    const start = (await sys.api('GET', '/api/v1/notifications/unread-count', { as: DE })).json().unread;
    expect(start).toBeGreaterThanOrEqual(2);
    const list = await inbox(DE, '?unreadOnly=true&kind=comment');
    expect(list.notifications).toHaveLength(2);
    const first = list.notifications[0].id;
    const marked = await sys.api('POST', `/api/v1/notifications/${first}/read`, { as: DE });
    expect(marked.json()).toEqual({ marked: 1, unread: start - 1 });
    expect((await sys.api('POST', `/api/v1/notifications/${first}/read`, { as: DE })).json()).toEqual({ marked: 0, unread: start - 1 });
    expect((await inbox(DE, '?kind=comment')).notifications.find((n: { id: number }) => n.id === first)).toMatchObject({ read: true });
    // Read state is per user: a colleague of the same agency still has it unread.
    expect((await inbox(DE_AN, '?unreadOnly=true&kind=comment')).notifications.map((n: { id: number }) => n.id)).toContain(first);
    // Someone else's notification: not found.
    expect((await sys.api('POST', `/api/v1/notifications/${first}/read`, { as: BR })).statusCode).toBe(404);
    const all = await sys.api('POST', '/api/v1/notifications/read', { as: DE });
    expect(all.json()).toEqual({ marked: start - 1, unread: 0 });
    expect((await sys.api('GET', '/api/v1/notifications/unread-count', { as: DE })).json()).toEqual({ unread: 0 });
    expect((await sys.api('GET', '/api/v1/notifications/unread-count', { as: 'admin@demo.icse' })).statusCode).toBe(200);
    expect((await auditRows(sys.ctx.db, 'notification.read')).length).toBeGreaterThanOrEqual(3);
  });
});
