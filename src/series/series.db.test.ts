// Series lifecycle: numbering, visibility, owner-only changes, media assignment and keyset paging, audit.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestSystem, type TestSystem } from '../testing/harness.js';
import { auditRows, insertMedia } from './test-media.js';

let sys: TestSystem;
const FR = 'fr.investigator@demo.icse',
  FR_NCB = 'fr.ncb@demo.icse',
  DE = 'de.investigator@demo.icse',
  BR = 'br.investigator@demo.icse';
beforeAll(async () => {
  sys = await startTestSystem();
});
afterAll(async () => {
  await sys?.close();
});

describe('series', () => {
  it('creates numbered series, lists and reads per distribution, changes by the owner only', async () => {
    const a = await sys.api('POST', '/api/v1/series', { as: FR, body: { name: 'Blue room', description: 'recurring scene' } });
    expect(a.statusCode).toBe(201);
    const b = await sys.api('POST', '/api/v1/series', { as: FR, body: { name: 'Garden swing', distribution: 'country' } });
    const sa = a.json(),
      sb = b.json();
    const year = new Date().getUTCFullYear();
    expect(sa.number).toMatch(new RegExp(`^S-${year}-\\d{6}$`));
    expect(sb.number).not.toBe(sa.number);
    expect(sa.distribution).toBe('all');
    expect(sa.ownerCountry).toBe('FR');

    const deList = (await sys.api('GET', '/api/v1/series', { as: DE })).json().series.map((s: { id: number }) => s.id);
    expect(deList).toContain(sa.id);
    expect(deList).not.toContain(sb.id);
    expect((await sys.api('GET', `/api/v1/series/${sb.id}`, { as: DE })).statusCode).toBe(404);
    const filtered = (await sys.api('GET', '/api/v1/series?q=garden', { as: FR })).json().series;
    expect(filtered.map((s: { id: number }) => s.id)).toEqual([sb.id]);
    const byNumber = (await sys.api('GET', `/api/v1/series?q=${sa.number}`, { as: DE })).json().series;
    expect(byNumber.map((s: { id: number }) => s.id)).toEqual([sa.id]);

    expect((await sys.api('PATCH', `/api/v1/series/${sa.id}`, { as: DE, body: { name: 'hijack' } })).statusCode).toBe(403);
    expect((await sys.api('PATCH', `/api/v1/series/${sb.id}`, { as: DE, body: { name: 'hijack' } })).statusCode).toBe(404);
    const renamed = await sys.api('PATCH', `/api/v1/series/${sa.id}`, { as: FR, body: { name: 'Blue room (2)', status: 'closed' } });
    expect(renamed.json()).toMatchObject({ name: 'Blue room (2)', status: 'closed' });
    // The owner country's NCB is responsible for national data and may change it too.
    expect((await sys.api('PATCH', `/api/v1/series/${sa.id}`, { as: FR_NCB, body: { status: 'active' } })).json().status).toBe('active');
    expect((await sys.api('GET', '/api/v1/series?status=closed', { as: FR })).json().series).toEqual([]);
    expect((await sys.api('POST', '/api/v1/series', { as: FR, body: { name: 'x', caseId: 999999 } })).statusCode).toBe(404);
    expect((await sys.api('POST', '/api/v1/series', { as: 'dpo@demo.icse', body: { name: 'x' } })).statusCode).toBe(403);
    expect((await sys.api('POST', '/api/v1/series', { as: FR, body: { name: '' } })).statusCode).toBe(400);
  });

  it('assigns visible media, refuses others, pages media by keyset and counts', async () => {
    const s = (await sys.api('POST', '/api/v1/series', { as: FR, body: { name: 'Paging' } })).json();
    const other = (await sys.api('POST', '/api/v1/series', { as: DE, body: { name: 'German series' } })).json();
    const mine = [];
    for (let i = 0; i < 3; i++) mine.push(await insertMedia(sys.ctx.db, { ownerEmail: FR }));
    const restricted = await insertMedia(sys.ctx.db, { ownerEmail: FR, distribution: 'agency' });
    const hiddenDe = await insertMedia(sys.ctx.db, { ownerEmail: DE, distribution: 'agency' });
    const inOther = await insertMedia(sys.ctx.db, { ownerEmail: DE, seriesId: other.id });

    const r = await sys.api('POST', `/api/v1/series/${s.id}/media`, {
      as: FR,
      body: { mediaIds: [...mine.map((m) => m.id), restricted.id, hiddenDe.id, inOther.id] },
    });
    expect(r.statusCode).toBe(200);
    expect(r.json().assigned.sort()).toEqual([...mine.map((m) => m.id), restricted.id].sort());
    expect(r.json().refused).toEqual(
      expect.arrayContaining([
        { mediaId: hiddenDe.id, reason: 'not_found' },
        { mediaId: inOther.id, reason: 'in_other_series' },
      ]),
    );
    const again = await sys.api('POST', `/api/v1/series/${s.id}/media`, { as: FR, body: { mediaIds: [mine[0]!.id] } });
    expect(again.json().unchanged).toEqual([mine[0]!.id]);
    expect((await sys.api('POST', `/api/v1/series/${s.id}/media`, { as: DE, body: { mediaIds: [inOther.id] } })).statusCode).toBe(403);

    const p1 = (await sys.api('GET', `/api/v1/series/${s.id}/media?limit=3`, { as: FR })).json();
    expect(p1.media).toHaveLength(3);
    const p2 = (await sys.api('GET', `/api/v1/series/${s.id}/media?limit=3&afterId=${p1.nextAfterId}`, { as: FR })).json();
    const all = [...p1.media, ...p2.media].map((m: { id: number }) => m.id);
    expect(all.sort()).toEqual([...mine.map((m) => m.id), restricted.id].sort());
    expect(p2.nextAfterId).toBeNull();
    // Another country sees the series but not the agency-only medium in it.
    const deMedia = (await sys.api('GET', `/api/v1/series/${s.id}/media`, { as: DE })).json().media.map((m: { id: number }) => m.id);
    expect(deMedia.sort()).toEqual(mine.map((m) => m.id).sort());
    expect(deMedia).not.toContain(restricted.id);

    const got = (await sys.api('GET', `/api/v1/series/${s.id}`, { as: BR })).json();
    expect(got.counts).toMatchObject({ media: 4, victims: 0, victimsIdentified: 0, offendersIdentified: 0 });

    expect((await sys.api('DELETE', `/api/v1/series/${s.id}/media/${mine[0]!.id}`, { as: FR })).statusCode).toBe(200);
    expect((await sys.api('DELETE', `/api/v1/series/${s.id}/media/${mine[0]!.id}`, { as: FR })).statusCode).toBe(404);
    expect((await sys.api('GET', `/api/v1/series/${s.id}`, { as: FR })).json().counts.media).toBe(3);

    const reads = await auditRows(sys.ctx.db, 'series.read', s.id);
    expect(reads.map((a) => a.actor_email)).toEqual(['br.investigator@demo.icse', FR]);
    expect((await auditRows(sys.ctx.db, 'series.media.list', s.id)).length).toBe(3);
    expect((await auditRows(sys.ctx.db, 'series.media.assign', s.id))[0]!.details).toMatchObject({ refused: expect.any(Array) });
  });
});
