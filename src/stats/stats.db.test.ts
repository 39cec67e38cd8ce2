// Statistics: the figures move exactly by the records inserted, and carry no labels.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestSystem, type TestSystem } from '../testing/harness.js';
import { auditRows, insertMedia } from '../series/test-media.js';

let sys: TestSystem;
const FR = 'fr.investigator@demo.icse',
  DE = 'de.investigator@demo.icse',
  BR = 'br.investigator@demo.icse';
beforeAll(async () => {
  sys = await startTestSystem();
});
afterAll(async () => {
  await sys?.close();
});

type Stats = {
  totals: Record<string, number>;
  identificationsPerMonth: Array<{ month: string; victimsIdentified: number; victimsRescued: number }>;
  perCountry: Array<Record<string, number> & { country: string }>;
};
const stats = async (as = 'hub.analyst@demo.icse'): Promise<Stats> => (await sys.api('GET', '/api/v1/stats', { as })).json();
const country = (s: Stats, c: string) => s.perCountry.find((x) => x.country === c)!;
const month = (s: Stats, m: string) => s.identificationsPerMonth.find((x) => x.month === m) ?? { victimsIdentified: 0, victimsRescued: 0 };

describe('statistics', () => {
  it('count media, series, identifications per country and month, countries connected', async () => {
    const before = await stats();
    const s1 = (await sys.api('POST', '/api/v1/series', { as: FR, body: { name: 'Stats one' } })).json();
    await sys.api('POST', '/api/v1/series', { as: FR, body: { name: 'Stats two', distribution: 'agency' } });
    await sys.api('POST', '/api/v1/series', { as: DE, body: { name: 'Stats three' } });
    for (let i = 0; i < 3; i++) await insertMedia(sys.ctx.db, { ownerEmail: FR, distribution: 'agency' });
    await insertMedia(sys.ctx.db, { ownerEmail: BR });
    const v1 = (await sys.api('POST', `/api/v1/series/${s1.id}/victims`, { as: FR, body: { label: 'Secret label one' } })).json();
    const v2 = (await sys.api('POST', `/api/v1/series/${s1.id}/victims`, { as: FR, body: { label: 'Secret label two' } })).json();
    const o1 = (await sys.api('POST', `/api/v1/series/${s1.id}/offenders`, { as: FR, body: { label: 'Offender label' } })).json();
    expect((await sys.api('POST', `/api/v1/victims/${v1.id}/identify`, { as: DE, body: { date: '2025-01-15' } })).statusCode).toBe(200);
    expect((await sys.api('POST', `/api/v1/victims/${v2.id}/identify`, { as: BR, body: { date: '2025-02-03' } })).statusCode).toBe(200);
    expect((await sys.api('POST', `/api/v1/victims/${v2.id}/rescue`, { as: BR, body: { date: '2025-02-20' } })).statusCode).toBe(200);
    expect((await sys.api('POST', `/api/v1/offenders/${o1.id}/identify`, { as: FR, body: { date: '2025-02-05' } })).statusCode).toBe(200);

    const after = await stats();
    const delta = (k: string) => after.totals[k]! - before.totals[k]!;
    expect({
      media: delta('media'),
      series: delta('series'),
      victims: delta('victims'),
      victimsIdentified: delta('victimsIdentified'),
      victimsRescued: delta('victimsRescued'),
      offendersIdentified: delta('offendersIdentified'),
    }).toEqual({ media: 4, series: 3, victims: 2, victimsIdentified: 2, victimsRescued: 1, offendersIdentified: 1 });
    expect(after.totals.countriesConnected).toBe(3); // FR, DE, BR have users; the hub is not a member country
    expect(country(after, 'FR').media - country(before, 'FR').media).toBe(3);
    expect(country(after, 'FR').series - country(before, 'FR').series).toBe(2);
    expect(country(after, 'DE').series - country(before, 'DE').series).toBe(1);
    expect(country(after, 'BR').media - country(before, 'BR').media).toBe(1);
    expect(country(after, 'DE').victimsIdentified - country(before, 'DE').victimsIdentified).toBe(1);
    expect(country(after, 'BR').victimsIdentified - country(before, 'BR').victimsIdentified).toBe(1);
    expect(country(after, 'FR').offendersIdentified - country(before, 'FR').offendersIdentified).toBe(1);
    expect(month(after, '2025-01').victimsIdentified - month(before, '2025-01').victimsIdentified).toBe(1);
    expect(month(after, '2025-02').victimsIdentified - month(before, '2025-02').victimsIdentified).toBe(1);
    expect(month(after, '2025-02').victimsRescued - month(before, '2025-02').victimsRescued).toBe(1);

    // Agency-only records are counted but nothing about them is revealed.
    const body = JSON.stringify(await stats(BR));
    expect(body).not.toMatch(/Secret label|Offender label|Stats two/);
    expect((await auditRows(sys.ctx.db, 'stats.read')).map((r) => r.actor_email)).toContain(BR);
  });
});
