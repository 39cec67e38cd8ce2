// Index replicas in step (issue 18 item 2): a commit that adds or removes media, video frames or robust
// regions reaches every process's indexes within 1 s, through index_changes (wake-up by NOTIFY, catch-up by
// the seq watermark). On PGlite the single process goes through the same feed; on the server two systems
// share one schema and media ingested through one is matched by the other.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { dbKind, startTestSystem, type TestSystem } from '../testing/harness.js';
import { generatedImage } from '../seizures/fixtures.js';
import { newCase, newSeizure, upload, waitComplete } from '../seizures/testkit.js';
import { hashImage } from '../imaging/hash-image.js';

let a: TestSystem;
beforeAll(async () => {
  a = await startTestSystem();
});
afterAll(async () => {
  await a?.close();
});

const hex = (n: number) => n.toString(16).padStart(2, '0');
/** A PDQ-shaped hash far from the others (deterministic per seed). */
const fakePdq = (seed: number) => Array.from({ length: 32 }, (_, i) => hex((seed * 37 + i * 101) % 256)).join('');

/** Polls until `check` holds; returns the milliseconds it took (fails after `limitMs`). */
async function within(limitMs: number, check: () => Promise<boolean> | boolean): Promise<number> {
  const t0 = Date.now();
  for (;;) {
    if (await check()) return Date.now() - t0;
    if (Date.now() - t0 > limitMs) throw new Error(`not reflected within ${limitMs} ms`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

async function insertMedia(sys: TestSystem, sha: string, pdq: string, type: 'image' | 'video' = 'image') {
  const owner = await sql<{
    country_code: string;
    agency_id: number;
  }>`SELECT country_code, agency_id FROM users WHERE email = 'de.investigator@demo.icse'`.execute(sys.ctx.db);
  const o = owner.rows[0]!;
  const r = await sql<{
    id: number;
  }>`INSERT INTO media (sha256, pdq, media_type, owner_country, owner_agency_id) VALUES (${sha}, ${type === 'image' ? pdq : null}, ${type}, ${o.country_code}, ${o.agency_id}) RETURNING id`.execute(
    sys.ctx.db,
  );
  return r.rows[0]!.id;
}

describe('index replicas', () => {
  it('media, frames and robust regions added or removed by a commit reach the indexes within 1 s (same feed on every database)', async () => {
    await a.ctx.matcher.start();
    const pdq = fakePdq(7);
    const id = await insertMedia(a, 'a'.repeat(64), pdq);
    await within(1000, async () => (await a.ctx.matcher.near([pdq], 0)).some((h) => h.mediaId === id));
    // A video frame
    const vid = await insertMedia(a, 'b'.repeat(64), '', 'video');
    const framePdq = fakePdq(11);
    const frame = await sql<{
      id: number;
    }>`INSERT INTO media_frames (media_id, frame, quality, pdq, timestamp_s) VALUES (${vid}, 0, 100, ${framePdq}, 0) RETURNING id`.execute(a.ctx.db);
    await within(1000, async () => (await a.ctx.matcher.nearFrames([framePdq], 0)).some((h) => h.frameRowId === frame.rows[0]!.id));
    // Robust regions of the image
    const robustBefore = a.ctx.matcher.robustSize;
    await sql`INSERT INTO media_robust (media_id) VALUES (${id})`.execute(a.ctx.db);
    await sql`INSERT INTO media_robust_regions (media_id, base, level, pdq, quality) VALUES (${id}, 'f', 1, ${Buffer.from(fakePdq(13), 'hex')}, 90), (${id}, 'f', 2, ${Buffer.from(fakePdq(17), 'hex')}, 90)`.execute(
      a.ctx.db,
    );
    await within(1000, () => a.ctx.matcher.robustSize === robustBefore + 1);
    // Removal: the frame, then the image (its robust regions go with it by cascade).
    await sql`DELETE FROM media_frames WHERE id = ${frame.rows[0]!.id}`.execute(a.ctx.db);
    await within(1000, async () => (await a.ctx.matcher.nearFrames([framePdq], 0)).length === 0);
    await sql`DELETE FROM media WHERE id = ${id}`.execute(a.ctx.db);
    await within(1000, async () => (await a.ctx.matcher.near([pdq], 0)).length === 0 && a.ctx.matcher.robustSize === robustBefore);
    const h = (await a.api('GET', '/health')).json();
    expect(h.indexes.changeWatermark).toBeGreaterThan(0);
    expect(h.indexes.loaded).toBe(true);
  });

  it('a missed notification only delays: with no listener the poll catches up from the watermark', async () => {
    await a.ctx.matcher.feed.stop(); // no LISTEN, no timer
    const pdq = fakePdq(23);
    const id = await insertMedia(a, 'c'.repeat(64), pdq);
    await new Promise((r) => setTimeout(r, 300));
    expect((await a.ctx.matcher.near([pdq], 0)).some((x) => x.mediaId === id)).toBe(false); // nobody told it
    await a.ctx.matcher.feed.follow(null, 200); // polling only
    await within(1000, async () => (await a.ctx.matcher.near([pdq], 0)).some((x) => x.mediaId === id));
  });

  it.runIf(dbKind === 'postgres')('two processes on one schema: media ingested through one is matched by the other within 1 s', async () => {
    // B serves the API only, so every item is processed (and committed) by A's worker.
    const b = await startTestSystem({ ICSE_DB_SCHEMA: a.config.databaseSchema, ICSE_ROLE: 'api' });
    try {
      await b.ctx.matcher.start();
      const image = await generatedImage(4242, { width: 256, height: 256 });
      const pdq = (await hashImage(image)).pdq.hash;
      expect((await b.ctx.matcher.near([pdq])).length).toBe(0);
      const as = 'de.investigator@demo.icse';
      const seizure = await newSeizure(a, as, await newCase(a, as, 'REPL-1'), 'replica');
      expect((await upload(a, as, seizure, [{ name: 'scene.jpg', data: image }])).statusCode).toBeLessThan(300);
      // The moment A's worker commits the item, B must find it within 1 s (B never processed anything).
      await within(
        45_000,
        async () =>
          (await sql<{ n: number }>`SELECT count(*)::int AS n FROM seizure_items WHERE seizure_id = ${seizure} AND status = 'done'`.execute(a.ctx.db)).rows[0]!
            .n === 1,
      );
      const ms = await within(1000, async () => (await b.ctx.matcher.near([pdq], 0)).length === 1);
      expect(ms).toBeLessThanOrEqual(1000);
      await waitComplete(a, as, seizure);
      expect((await b.api('GET', '/health')).json()).toMatchObject({ role: 'api', indexes: { loaded: true } });
    } finally {
      await b.close(); // drops nothing it does not own: A drops the shared schema
    }
  });
});
