// Hostile input: every bad file gets its own item status and reason; the seizure completes; good files
// in the same upload are processed; nothing is lost.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import zlib from 'node:zlib';
import { sql } from 'kysely';
import { startTestSystem, type TestSystem } from '../testing/harness.js';
import { sceneJpeg } from '../demo/scenes.js';
import { buildTar, buildZip, generatedImage, hugePngHeader } from './fixtures.js';
import { newCase, newSeizure, triageByPath, upload, waitComplete } from './testkit.js';

const FR = 'fr.investigator@demo.icse';
let sys: TestSystem;
let caseId: number;

beforeAll(async () => {
  sys = await startTestSystem();
  caseId = await newCase(sys, FR, 'HOSTILE-1');
}, 60_000);
afterAll(async () => {
  await sys?.close();
});

describe('hostile uploads', () => {
  it('gives each bad file a clear per-item status and completes the seizure', async () => {
    const good = await sceneJpeg(500);
    const png = await generatedImage(7, { width: 200, height: 150 });
    const truncated = good.subarray(0, Math.floor(good.length / 2));
    const archive = buildZip([
      { name: 'good.jpg', data: good },
      { name: 'truncated.jpg', data: truncated },
      { name: 'empty.jpg', data: Buffer.alloc(0) },
      { name: 'bomb.bin', data: Buffer.alloc(50 * 1024 * 1024), deflate: true },
      { name: '../../etc/evil.jpg', data: png },
      { name: '/abs/evil.jpg', data: png },
      { name: 'huge.png', data: hugePngHeader(50_000, 50_000) },
      { name: 'notes.jpg', data: Buffer.from('this is a text file, not a picture\n') },
      { name: 'picture.txt', data: png },
      { name: 'dup-a.jpg', data: good },
      { name: 'dup-a.jpg', data: good },
      { name: 'liar.bin', data: Buffer.alloc(10), declaredSize: 5 },
      { name: 'after-liar.png', data: await generatedImage(9) },
    ]);
    const nested = await buildTar([{ name: 'inner/ok.png', data: await generatedImage(8) }]);
    const seizure = await newSeizure(sys, FR, caseId, 'hostile');
    const r = await upload(sys, FR, seizure, [
      { name: 'evidence.zip', data: archive },
      { name: 'more.tar.gz', data: zlib.gzipSync(nested) },
      { name: 'loose-truncated.png', data: png.subarray(0, 60) },
    ]);
    expect(r.statusCode).toBe(200);
    const s = await waitComplete(sys, FR, seizure);
    expect(s.status).toBe('complete');
    const { byPath } = await triageByPath(sys, FR, seizure);
    const reason = (p: string) => byPath[p]?.error?.reason;

    expect(byPath['evidence.zip/good.jpg']).toMatchObject({ status: 'done', result: 'new' });
    expect(reason('evidence.zip/truncated.jpg')).toBe('truncated');
    expect(reason('evidence.zip/empty.jpg')).toBe('empty');
    expect(reason('evidence.zip/bomb.bin')).toBe('zip_bomb');
    expect(byPath['evidence.zip/bomb.bin'].error.message).toMatch(/decompression bomb/);
    expect(reason('evidence.zip/../../etc/evil.jpg')).toBe('path_traversal');
    expect(reason('evidence.zip//abs/evil.jpg')).toBe('path_traversal');
    expect(reason('evidence.zip/huge.png')).toBe('too_large');
    expect(byPath['evidence.zip/huge.png'].error.message).toMatch(/50000[x×]50000/);
    expect(reason('evidence.zip/notes.jpg')).toBe('not_image');
    // A picture with the wrong extension is still a picture.
    expect(byPath['evidence.zip/picture.txt']).toMatchObject({ status: 'done', result: 'new' });
    // The same file twice: both kept, the copy says which item it duplicates.
    expect(byPath['evidence.zip/dup-a.jpg']).toMatchObject({ status: 'done', result: 'new' });
    expect(byPath['evidence.zip/dup-a.jpg (copy 2)'].note).toMatch(/^duplicate: same file as item \d+/);
    expect(byPath['evidence.zip/good.jpg'].note ?? byPath['evidence.zip/dup-a.jpg'].note).toMatch(/duplicate/);
    expect(reason('evidence.zip/liar.bin')).toBe('zip_bomb');
    expect(byPath['evidence.zip/after-liar.png']).toMatchObject({ status: 'done', result: 'new' });
    expect(byPath['evidence.zip']).toBeUndefined();
    expect(byPath['more.tar.gz/inner/ok.png']).toMatchObject({ status: 'done', result: 'new' });
    expect(reason('loose-truncated.png')).toMatch(/truncated|corrupt/);
    // Every error carries a sentence for the investigator.
    for (const item of Object.values(byPath)) if (item.status === 'error') expect(item.error.message.length).toBeGreaterThan(10);
    expect(s.counts.items).toBe(Object.keys(byPath).length);
    expect(s.counts.pending + s.counts.processing).toBe(0);
    // Traversal never wrote outside the store.
    const media = await sql<{ n: number }>`SELECT count(*)::int AS n FROM media WHERE first_seizure_id = ${seizure}`.execute(sys.ctx.db);
    expect(media.rows[0]!.n).toBe(4); // good.jpg (= dup-a.jpg ×2), picture.txt, after-liar.png, inner/ok.png; nothing from refused entries
  });

  it('refuses non-multipart uploads and uploads to foreign seizures without a 500', async () => {
    const seizure = await newSeizure(sys, FR, caseId, 'plain');
    const r = await sys.api('POST', `/api/v1/seizures/${seizure}/files`, { as: FR, body: { x: 1 } });
    expect(r.statusCode).toBe(400);
    const de = await upload(sys, 'de.investigator@demo.icse', seizure, [{ name: 'a.jpg', data: await sceneJpeg(1) }]);
    expect(de.statusCode).toBe(404);
    const analyst = await upload(sys, 'fr.analyst@demo.icse', seizure, [{ name: 'a.jpg', data: await sceneJpeg(1) }]);
    expect(analyst.statusCode).toBe(200); // same agency
    expect((await sys.api('POST', `/api/v1/cases/999999/seizures`, { as: FR, body: { label: 'x' } })).statusCode).toBe(404);
    expect((await sys.api('GET', `/api/v1/seizures/999999/triage`, { as: FR })).statusCode).toBe(404);
    expect((await sys.api('GET', `/api/v1/media/999999/content`, { as: FR })).statusCode).toBe(404);
  });
});
