// Search by each key, with visibility filtering and audit; PDQ near search by the live index and by the fallback.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestSystem, type TestSystem } from '../testing/harness.js';
import type { Principal } from '../access/principal.js';
import { auditRows, flipBits, insertMedia, randomHex, userOf, type TestMediaInput } from '../series/test-media.js';
import { SearchService } from './service.js';
import { hammingHex as hamming } from '../matching/code.js';

let sys: TestSystem;
const FR = 'fr.investigator@demo.icse',
  DE = 'de.investigator@demo.icse',
  BR = 'br.investigator@demo.icse';
const P = randomHex(32);
type M = Awaited<ReturnType<typeof insertMedia>>;
let a: M, b: M, c: M, d: M, e: M;

async function add(m: TestMediaInput) {
  const row = await insertMedia(sys.ctx.db, m);
  // Keep the match service's live index (when this build has one) in step, as ingest does.
  const matcher = (sys.ctx as unknown as { matcher?: { start(): Promise<void>; add(id: number, pdq: string): void } }).matcher;
  if (matcher) {
    await matcher.start();
    matcher.add(row.id, row.pdq);
  }
  return row;
}
const search = async (as: string, q: string) => {
  const r = await sys.api('GET', `/api/v1/search?${q}`, { as });
  expect(r.statusCode, r.body).toBe(200);
  return r.json();
};
const ids = (list: Array<{ id: number }> | undefined) => (list ?? []).map((x) => x.id).sort((x, y) => x - y);
const sorted = (...xs: number[]) => xs.sort((x, y) => x - y);

beforeAll(async () => {
  sys = await startTestSystem();
  a = await add({ ownerEmail: FR, pdq: P, cameraMake: 'Canon', cameraModel: 'EOS 5D Mark IV', cameraSerial: 'SN-4242', capturedAt: '2024-05-10T10:00:00Z' });
  b = await add({
    ownerEmail: DE,
    pdq: flipBits(P, 5),
    distribution: 'agency',
    cameraMake: 'Canon',
    cameraModel: 'EOS 5D Mark IV',
    cameraSerial: 'SN-4242',
    capturedAt: '2024-05-11T10:00:00Z',
  });
  c = await add({ ownerEmail: FR, pdq: flipBits(P, 10, 3), cameraMake: 'NIKON CORPORATION', cameraModel: 'D750', capturedAt: '2023-01-01T00:00:00Z' });
  d = await add({ ownerEmail: FR, pdq: flipBits(P, 25, 5) });
  e = await add({ ownerEmail: BR, pdq: randomHex(32), distribution: 'countries', sharedWith: ['DE'], cameraMake: 'Canon', capturedAt: '2024-05-12T00:00:00Z' });
});
afterAll(async () => {
  await sys?.close();
});

describe('search', () => {
  it('finds media by exact hashes, only where visible', async () => {
    for (const [k, v] of [
      ['md5', a.md5],
      ['sha1', a.sha1],
      ['sha256', a.sha256],
      ['pdq', a.pdq],
    ] as const) {
      expect(ids((await search(BR, `${k}=${v.toUpperCase()}`)).media), k).toEqual([a.id]);
    }
    expect((await search(BR, `md5=${b.md5}`)).media).toEqual([]);
    expect(ids((await search(DE, `md5=${b.md5}`)).media)).toEqual([b.id]);
    expect(ids((await search(DE, `sha256=${e.sha256}`)).media)).toEqual([e.id]);
    expect((await search(FR, `sha256=${e.sha256}`)).media).toEqual([]);
    expect((await sys.api('GET', '/api/v1/search?md5=xyz', { as: BR })).statusCode).toBe(400);
    expect((await sys.api('GET', '/api/v1/search', { as: BR })).statusCode).toBe(400);
    expect((await sys.api('GET', '/api/v1/search?capturedFrom=notadate', { as: BR })).statusCode).toBe(400);
  });

  it('finds PDQ neighbours within a distance, ranked, without a table scan', async () => {
    expect(hamming(P, b.pdq)).toBe(5);
    expect(hamming(P, c.pdq)).toBe(10);
    expect(hamming(P, d.pdq)).toBe(25);
    const hasMatcher = !!(sys.ctx as unknown as { matcher?: unknown }).matcher;
    const near = await search(BR, `pdq=${P}&maxDistance=12`);
    expect(near.media.map((m: { id: number; distance: number }) => [m.id, m.distance])).toEqual([
      [a.id, 0],
      [c.id, 10],
    ]);
    expect(near.pdq.method).toBe(hasMatcher ? 'index' : 'chunk-fallback');
    expect(near.pdq.complete).toBe(true);
    expect(ids((await search(DE, `pdq=${P}&maxDistance=12`)).media)).toEqual(sorted(a.id, b.id, c.id));
    if (hasMatcher) expect(ids((await search(BR, `pdq=${P}&maxDistance=31`)).media)).toEqual(sorted(a.id, c.id, d.id));

    // The fallback (no live index): bounded candidates from the chunk index, complete up to distance 15.
    const u = await userOf(sys.ctx.db, BR);
    const p: Principal = {
      userId: u.id,
      email: BR,
      displayName: 'br',
      role: 'investigator',
      countryCode: 'BR',
      agencyId: u.agency_id,
      isHub: false,
      ip: 'test',
      via: 'session',
    };
    const fallback = await new SearchService(sys.ctx.db).search(p, { pdq: P, maxDistance: 15 });
    expect((fallback.media as Array<{ id: number }>).map((m) => m.id)).toEqual([a.id, c.id]);
    expect(fallback.pdq).toMatchObject({ method: 'chunk-fallback', complete: true });
    expect(fallback.pdq!.candidates).toBeLessThan(5); // not every medium: only those sharing a 16-bit chunk
    const wide = await new SearchService(sys.ctx.db).search(p, { pdq: P, maxDistance: 31 });
    expect(wide.pdq).toMatchObject({ method: 'chunk-fallback', complete: false });
  });

  it('finds media by camera and capture date, series by number or name, victims by label, by country', async () => {
    expect(ids((await search(DE, 'cameraMake=canon')).media)).toEqual(sorted(a.id, b.id, e.id));
    expect(ids((await search(BR, 'cameraMake=canon')).media)).toEqual(sorted(a.id, e.id));
    expect(ids((await search(FR, 'cameraModel=5d%20mark')).media)).toEqual([a.id]);
    expect(ids((await search(DE, 'cameraSerial=sn-4242')).media)).toEqual(sorted(a.id, b.id));
    expect(ids((await search(DE, 'capturedFrom=2024-05-10&capturedTo=2024-05-11')).media)).toEqual(sorted(a.id, b.id));
    expect(ids((await search(FR, 'capturedTo=2023-12-31')).media)).toEqual([c.id]);
    expect(ids((await search(DE, 'cameraMake=canon&country=br')).media)).toEqual([e.id]);

    const open = (await sys.api('POST', '/api/v1/series', { as: FR, body: { name: 'Lighthouse bedroom' } })).json();
    const closed = (await sys.api('POST', '/api/v1/series', { as: FR, body: { name: 'Lighthouse attic', distribution: 'agency' } })).json();
    expect(ids((await search(BR, 'series=lighthouse')).series)).toEqual([open.id]);
    expect(ids((await search(FR, 'series=lighthouse')).series)).toEqual(sorted(open.id, closed.id));
    expect(ids((await search(BR, `series=${open.number.toLowerCase()}`)).series)).toEqual([open.id]);
    expect((await search(BR, `series=${closed.number}`)).series).toEqual([]);

    const v1 = (await sys.api('POST', `/api/v1/series/${open.id}/victims`, { as: FR, body: { label: 'Girl with red scarf' } })).json();
    await sys.api('POST', `/api/v1/series/${open.id}/victims`, { as: FR, body: { label: 'Girl with red hat', distribution: 'agency' } });
    const found = await search(BR, 'victim=girl%20with%20red');
    expect(found.victims.map((v: { id: number; seriesNumber: string }) => [v.id, v.seriesNumber])).toEqual([[v1.id, open.number]]);
    expect((await search(FR, 'victim=girl%20with%20red')).victims).toHaveLength(2);
    const byCountry = await search(BR, 'country=FR');
    expect(ids(byCountry.series)).toEqual([open.id]);
    expect(ids(byCountry.media)).toEqual(sorted(a.id, c.id, d.id));

    const audit = await auditRows(sys.ctx.db, 'search');
    const mine = audit.filter((r) => r.actor_email === DE);
    expect(mine.length).toBeGreaterThan(3);
    expect(mine.some((r) => (r.details.criteria as Record<string, unknown>)?.cameraSerial === 'sn-4242')).toBe(true);
  });
});
