// Issue 14, items 0, 14, 15, 16 and 18: text from files that PostgreSQL refuses, failures that cannot be
// recorded, oversized files, hash lines that come before the real file, NUL in names and fields, and
// links / FIFOs inside archives. Each bad thing gets its own item and reason; nothing stalls.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import { sql } from 'kysely';
import tar from 'tar-stream';
import { startTestSystem, type TestSystem } from '../testing/harness.js';
import { buildZip, generatedImage, multipartBody, nulExifJpeg } from './fixtures.js';
import { newCase, newSeizure, triageByPath, upload, waitComplete } from './testkit.js';

const FR = 'fr.investigator@demo.icse';
const DE = 'de.investigator@demo.icse';
let sys: TestSystem;
let caseId: number;

beforeAll(async () => {
  // Small upload limit for item 14 (the rest of the suite uses the default).
  sys = await startTestSystem({ ICSE_UPLOAD_LIMIT_BYTES: String(256 * 1024) });
  caseId = await newCase(sys, FR, 'HOSTILE-TEXT');
}, 60_000);
afterAll(async () => { await sys?.close(); });

const media = async (sha256: string) => (await sql<Record<string, any>>`SELECT * FROM media WHERE sha256 = ${sha256}`.execute(sys.ctx.db)).rows[0];
const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');

describe('item 0: NUL inside EXIF text', () => {
  it('a JPEG whose camera make is "Nokia\\0 2" completes its seizure with the make cleaned', async () => {
    const nokia = await nulExifJpeg(1);
    expect(nokia.includes(Buffer.from('Nokia\0 2', 'latin1'))).toBe(true);
    const seizure = await newSeizure(sys, FR, caseId, 'nokia');
    const others = await Promise.all([2, 3, 4].map((s) => generatedImage(s)));
    const r = await upload(sys, FR, seizure, [{ name: 'nokia.jpg', data: nokia }, ...others.map((d, i) => ({ name: `o${i}.png`, data: d }))]);
    expect(r.statusCode).toBe(200);
    const s = await waitComplete(sys, FR, seizure, 30_000);
    expect(s.counts.error).toBe(0);
    const { byPath } = await triageByPath(sys, FR, seizure);
    expect(byPath['nokia.jpg']).toMatchObject({ status: 'done', result: 'new' });
    const m = await media(sha(nokia));
    expect(m.camera_make).toBe('Nokia 2');
    expect(m.camera_model).toBe('N9');
    expect(JSON.stringify(m.exif)).toContain('Nokia 2');
  }, 40_000);

  it('a batch the database refuses is released item by item: the one at fault ends in error, the others complete', async () => {
    // A trigger stands in for any value PostgreSQL refuses (22P05, as NUL in JSON gave).
    await sql`CREATE OR REPLACE FUNCTION refuse_test_media() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN IF NEW.camera_model = 'REFUSED-BY-DB' THEN RAISE EXCEPTION 'unsupported Unicode escape sequence' USING ERRCODE = '22P05'; END IF; RETURN NEW; END $$`.execute(sys.ctx.db);
    await sql`CREATE TRIGGER refuse_test_media BEFORE INSERT ON media FOR EACH ROW EXECUTE FUNCTION refuse_test_media()`.execute(sys.ctx.db);
    try {
      const bad = await nulExifJpeg(5, 'REFUSED-BY-DB');
      const good = await generatedImage(6);
      const seizure = await newSeizure(sys, FR, caseId, 'refused');
      expect((await upload(sys, FR, seizure, [{ name: 'bad.jpg', data: bad }, { name: 'good.png', data: good }])).statusCode).toBe(200);
      const started = Date.now();
      const s = await waitComplete(sys, FR, seizure, 20_000);
      // No retry loop (pg-boss retries are seconds apart): a refused value is final at once.
      expect(Date.now() - started).toBeLessThan(15_000);
      expect(s.counts.pending + s.counts.processing).toBe(0);
      const { byPath } = await triageByPath(sys, FR, seizure);
      expect(byPath['bad.jpg'].status).toBe('error');
      expect(byPath['bad.jpg'].error.reason).toBe('processing_failed');
      expect(byPath['bad.jpg'].error.message).toMatch(/unsupported Unicode escape sequence/);
      expect(byPath['good.png']).toMatchObject({ status: 'done', result: 'new' });
    } finally {
      await sql`DROP TRIGGER refuse_test_media ON media`.execute(sys.ctx.db);
    }
  }, 30_000);
});
