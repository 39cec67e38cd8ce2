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
import { pixelBudgetFor } from './hasher.js';

const FR = 'fr.investigator@demo.icse';
const DE = 'de.investigator@demo.icse';
let sys: TestSystem;
let caseId: number;

beforeAll(async () => {
  // Small upload limit for item 14, and a small decode budget for item 11 (the rest of the suite uses the defaults).
  sys = await startTestSystem({ ICSE_UPLOAD_LIMIT_BYTES: String(256 * 1024), ICSE_DECODE_PIXEL_BUDGET: String(1_000_000) });
  caseId = await newCase(sys, FR, 'HOSTILE-TEXT');
}, 60_000);
afterAll(async () => {
  await sys?.close();
});

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
      BEGIN IF NEW.camera_model = 'REFUSED-BY-DB' THEN RAISE EXCEPTION 'unsupported Unicode escape sequence' USING ERRCODE = '22P05'; END IF; RETURN NEW; END $$`.execute(
      sys.ctx.db,
    );
    await sql`CREATE TRIGGER refuse_test_media BEFORE INSERT ON media FOR EACH ROW EXECUTE FUNCTION refuse_test_media()`.execute(sys.ctx.db);
    try {
      const bad = await nulExifJpeg(5, 'REFUSED-BY-DB');
      const good = await generatedImage(6);
      const seizure = await newSeizure(sys, FR, caseId, 'refused');
      expect(
        (
          await upload(sys, FR, seizure, [
            { name: 'bad.jpg', data: bad },
            { name: 'good.png', data: good },
          ])
        ).statusCode,
      ).toBe(200);
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

describe('item 14: a file over the upload limit', () => {
  it('leaves an item too_large with no hash, and the other files of the upload are received', async () => {
    const seizure = await newSeizure(sys, FR, caseId, 'oversized');
    const big = Buffer.alloc(300 * 1024, 7); // limit is 256 KiB here
    const small = await generatedImage(11);
    const r = await upload(sys, FR, seizure, [
      { name: 'big.bin', data: big },
      { name: 'small.png', data: small },
    ]);
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json()).toMatchObject({ files: 2, errors: 1 });
    await waitComplete(sys, FR, seizure);
    const { byPath } = await triageByPath(sys, FR, seizure);
    expect(byPath['big.bin'].status).toBe('error');
    expect(byPath['big.bin'].error.reason).toBe('too_large');
    expect(byPath['big.bin'].error.message).toMatch(/262144-byte upload limit/);
    const row = (
      await sql<{
        sha256: string | null;
        md5: string | null;
        size_bytes: number | null;
      }>`SELECT sha256, md5, size_bytes FROM seizure_items WHERE seizure_id = ${seizure} AND path = 'big.bin'`.execute(sys.ctx.db)
    ).rows[0]!;
    expect(row).toEqual({ sha256: null, md5: null, size_bytes: null });
    // No stored object for any prefix of the refused file.
    expect(await media(sha(big.subarray(0, 256 * 1024)))).toBeUndefined();
    expect(byPath['small.png']).toMatchObject({ status: 'done', result: 'new' });
  }, 30_000);
});

describe('item 15: a hash line claims a SHA-256 before the real file arrives', () => {
  it('the real bytes, uploaded later, complete the record with PDQ, thumbnail and EXIF', async () => {
    const photo = await nulExifJpeg(21, 'Lumia');
    const digest = sha(photo);
    const hashSeizure = await newSeizure(sys, FR, caseId, 'hash-first', { hashOnly: true });
    const h = await sys.api('POST', `/api/v1/seizures/${hashSeizure}/hashes`, {
      as: FR,
      body: `name,sha256\nphone.jpg,${digest}\n`,
      headers: { 'content-type': 'text/csv' },
    });
    expect(h.statusCode, h.body).toBe(200);
    await waitComplete(sys, FR, hashSeizure);
    const before = await media(digest);
    expect(before).toMatchObject({ stored: false, hash_only: true, pdq: null, thumb_stored: false, camera_make: null });

    const fileSeizure = await newSeizure(sys, FR, caseId, 'file-later');
    expect((await upload(sys, FR, fileSeizure, [{ name: 'phone.jpg', data: photo }])).statusCode).toBe(200);
    await waitComplete(sys, FR, fileSeizure);
    const after = await media(digest);
    expect(after.id).toBe(before.id);
    expect(after).toMatchObject({ stored: true, hash_only: false, thumb_stored: true, camera_make: 'Nokia 2', camera_model: 'Lumia', width: 200, height: 150 });
    expect(after.pdq).toMatch(/^[0-9a-f]{64}$/);
    expect(after.md5).toBe(createHash('md5').update(photo).digest('hex'));
    expect((await sys.api('GET', `/api/v1/media/${after.id}/thumbnail`, { as: FR })).statusCode).toBe(200);
    const { byPath } = await triageByPath(sys, FR, fileSeizure);
    expect(byPath['phone.jpg']).toMatchObject({ status: 'done', result: 'known_exact' });
  }, 40_000);
});

describe('item 16: NUL in a text field or a file name', () => {
  it('answers 400 naming the field instead of a 500', async () => {
    const r = await sys.api('POST', `/api/v1/cases/${caseId}/seizures`, { as: FR, body: { label: 'disk\u0000 2' } });
    expect(r.statusCode).toBe(400);
    expect(r.json().message).toMatch(/label.*NUL/);
    const q = await sys.api('GET', `/api/v1/search?cameraMake=${encodeURIComponent('Nokia\0')}`, { as: FR });
    expect(q.statusCode).toBe(400);
    const hs = await newSeizure(sys, FR, caseId, 'nul-json', { hashOnly: true });
    const j = await sys.api('POST', `/api/v1/seizures/${hs}/hashes`, { as: FR, body: [{ name: 'a\u0000.jpg', sha256: 'ab'.repeat(32) }] });
    expect(j.statusCode).toBe(400);
    expect(j.json().message).toMatch(/\[0\]\.name/);
  });

  it('refuses the file whose name holds a NUL with a 400, and keeps the other files of the upload', async () => {
    const seizure = await newSeizure(sys, FR, caseId, 'nul-name');
    const good = await generatedImage(31);
    const r = await upload(sys, FR, seizure, [
      { name: 'before.png', data: good },
      { name: 'evil\0name.jpg', data: await generatedImage(32) },
      { name: 'after.png', data: await generatedImage(33) },
    ]);
    expect(r.statusCode, r.body).toBe(400);
    expect(r.json().message).toMatch(/evil\\\\0name\.jpg.*NUL.*other 2 file/);
    await waitComplete(sys, FR, seizure);
    const { byPath } = await triageByPath(sys, FR, seizure);
    expect(Object.keys(byPath).sort()).toEqual(['after.png', 'before.png']);
    expect(byPath['before.png']).toMatchObject({ status: 'done', result: 'new' });
  }, 30_000);

  it('gives an archive entry whose name holds a NUL an item with a reason (never a 500)', async () => {
    const seizure = await newSeizure(sys, FR, caseId, 'nul-entry');
    const zip = buildZip([
      { name: 'ok.png', data: await generatedImage(41) },
      { name: 'bad\0.png', data: await generatedImage(42) },
    ]);
    expect((await upload(sys, FR, seizure, [{ name: 'x.zip', data: zip }])).statusCode).toBe(200);
    await waitComplete(sys, FR, seizure);
    const { byPath } = await triageByPath(sys, FR, seizure);
    expect(byPath['x.zip/ok.png']).toMatchObject({ status: 'done' });
    expect(byPath['x.zip/bad.png'].error.reason).toBe('path_traversal');
  }, 30_000);
});

/** A tar with a regular file, a symbolic link, a hard link and a FIFO. */
async function linkTar(image: Buffer): Promise<Buffer> {
  const pack = tar.pack();
  const chunks: Buffer[] = [];
  pack.on('data', (c: unknown) => {
    chunks.push(c as Buffer);
  });
  const done = new Promise<void>((r) => {
    pack.on('end', () => r());
  });
  const entry = (h: Partial<tar.Header> & { name: string }, data?: Buffer) =>
    new Promise<void>((res, rej) => pack.entry(h as tar.Header, data ?? Buffer.alloc(0), (e) => (e ? rej(e) : res())));
  await entry({ name: 'photos/real.png', size: image.length }, image);
  await entry({ name: 'photos/link.png', type: 'symlink', linkname: '/etc/passwd' });
  await entry({ name: 'photos/hard.png', type: 'link', linkname: 'photos/real.png' });
  await entry({ name: 'photos/pipe', type: 'fifo' });
  pack.finalize();
  await done;
  return Buffer.concat(chunks);
}

describe('item 18: links and special files', () => {
  it('gives symlinks, hardlinks and FIFOs in a tar, and a symlink in a zip, an item each with a reason', async () => {
    const seizure = await newSeizure(sys, FR, caseId, 'links');
    const image = await generatedImage(51);
    // A zip symlink entry: Unix "made by", mode 0120777 in the external attributes, content = the target.
    const zip = buildZip([
      { name: 'a.png', data: image },
      { name: 'ln', data: Buffer.from('../../secret') },
    ]);
    const cd = zip.indexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02]), zip.indexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02])) + 4);
    zip.writeUInt16LE((3 << 8) | 20, cd + 4);
    zip.writeUInt32LE((0o120777 << 16) >>> 0, cd + 38);
    const r = await upload(sys, FR, seizure, [
      { name: 'links.tar', data: await linkTar(image) },
      { name: 'links.zip', data: zip },
    ]);
    expect(r.statusCode, r.body).toBe(200);
    await waitComplete(sys, FR, seizure);
    const { byPath } = await triageByPath(sys, FR, seizure);
    expect(byPath['links.tar/photos/real.png']).toMatchObject({ status: 'done' });
    expect(byPath['links.tar/photos/link.png'].error).toMatchObject({ reason: 'symlink', message: expect.stringMatching(/\/etc\/passwd.*not followed/) });
    expect(byPath['links.tar/photos/hard.png'].error.reason).toBe('hardlink');
    expect(byPath['links.tar/photos/pipe'].error).toMatchObject({ reason: 'special_file', message: expect.stringMatching(/fifo/) });
    expect(byPath['links.zip/ln'].error.reason).toBe('symlink');
    expect(byPath['links.zip/a.png']).toMatchObject({ status: 'done' });
  }, 30_000);
});

describe('item 11: decode memory bounded by pixels in flight', () => {
  it('never decodes two images together when both do not fit the pixel budget (1 MP here; 2 workers)', async () => {
    const budget = pixelBudgetFor(sys.ctx);
    expect(budget.budget).toBe(1_000_000);
    const seizure = await newSeizure(sys, FR, caseId, 'pixels');
    const images = await Promise.all([61, 62, 63, 64].map((s) => generatedImage(s, { width: 1200, height: 900, format: 'jpeg' })));
    budget.peak = 0;
    expect(
      (
        await upload(
          sys,
          FR,
          seizure,
          images.map((data, i) => ({ name: `big${i}.jpg`, data })),
        )
      ).statusCode,
    ).toBe(200);
    const s = await waitComplete(sys, FR, seizure, 40_000);
    expect(s.counts.done).toBe(4);
    // Each 1.08 MP image ran alone: never 2.16 MP in flight.
    expect(budget.peak).toBe(1200 * 900);
    expect(budget.pixelsInUse).toBe(0);
  }, 60_000);
});
