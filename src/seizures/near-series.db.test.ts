// Near matches prefer the known medium that carries a series: a resized copy that is closest to the uploader's own
// earlier copy (no series) must still lead to the series original; every other match travels with it, redacted.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import sharp from 'sharp';
import { startTestSystem, type TestSystem } from '../testing/harness.js';
import { sceneJpeg } from '../demo/scenes.js';
import { makeSeries, newCase, newSeizure, triageByPath, upload, waitComplete } from './testkit.js';

const DE = 'de.investigator@demo.icse',
  FR = 'fr.investigator@demo.icse',
  BR = 'br.investigator@demo.icse';
let sys: TestSystem;
beforeAll(async () => {
  sys = await startTestSystem();
}, 60_000);
afterAll(async () => {
  await sys?.close();
});

async function ingest(as: string, ref: string, files: Array<{ name: string; data: Buffer }>) {
  const s = await newSeizure(sys, as, await newCase(sys, as, ref), ref);
  expect((await upload(sys, as, s, files)).statusCode).toBe(200);
  await waitComplete(sys, as, s);
  return { seizure: s, ...(await triageByPath(sys, as, s)) };
}

describe('near-match selection', () => {
  it('shows the series original rather than a closer copy without a series, and lists every match', async () => {
    const original = await sceneJpeg(301);
    const de = await ingest(DE, 'DE-PREF', [{ name: 'orig.jpg', data: original }]);
    const deMedium = de.byPath['orig.jpg'].mediaId as number;
    await sql`UPDATE media SET distribution = 'all' WHERE id = ${deMedium}`.execute(sys.ctx.db);
    const series = await makeSeries(sys, DE, 'S-PREF-1', 'Green room', 'all', [deMedium]);

    // FR's earlier seizure holds a heavily edited copy (darkened, half size): near the original, no series of its own.
    const edited = await sharp(original).resize(320).modulate({ brightness: 0.8 }).jpeg({ quality: 60 }).toBuffer();
    const fr1 = await ingest(FR, 'FR-PREF-1', [{ name: 'edited.jpg', data: edited }]);
    expect(fr1.byPath['edited.jpg'].result).toBe('known_near');
    const frOwn = fr1.byPath['edited.jpg'].mediaId as number;
    // BR holds the same edited picture, kept within Brazil.
    const br = await ingest(BR, 'BR-PREF', [{ name: 'edited-br.png', data: await sharp(edited).png().toBuffer() }]);
    const brMedium = br.byPath['edited-br.png'].mediaId as number;
    await sql`UPDATE media SET distribution = 'country' WHERE id = ${brMedium}`.execute(sys.ctx.db);

    // A re-encoded copy of FR's edited picture: closer to FR's own copy than to the series original.
    const fr2 = await ingest(FR, 'FR-PREF-2', [{ name: 'again.jpg', data: await sharp(edited).jpeg({ quality: 90 }).toBuffer() }]);
    const item = fr2.byPath['again.jpg'];
    const stored = (
      await sql<{ match: { mediaId: number; distance: number; others: Array<{ mediaId: number; distance: number }> } }>`
      SELECT match FROM seizure_items WHERE id = ${item.itemId}`.execute(sys.ctx.db)
    ).rows[0]!.match;
    const own = stored.others.find((o) => o.mediaId === frOwn)!;
    expect(own).toBeDefined();
    expect(own.distance).toBeLessThan(stored.distance); // the premise: the copy without a series is the closer one

    expect(item.result).toBe('known_near');
    expect(item.known).toMatchObject({ restricted: false, matchedMediaId: deMedium, series: { id: series, number: 'S-PREF-1' }, victimIdentified: false });
    const others = item.known.otherMatches as Array<Record<string, unknown>>;
    expect(others).toContainEqual(expect.objectContaining({ restricted: false, matchedMediaId: frOwn, series: null }));
    // Brazil's copy is not shared with France: only who knows it and whom to contact, no medium number or distance.
    expect(others).toContainEqual({ restricted: true, ownerCountry: 'BR', message: expect.stringContaining('known to BR, contact its NCB') });
    expect(JSON.stringify(others)).not.toContain(`"matchedMediaId":${brMedium}`);
  });
});
