// Stored media through the API on both backends (local directory, S3 via s3rver): an uploaded video whose
// MP4 index sits at the end is hashed by ffmpeg through the loopback range reader (no plaintext temp file),
// and its bytes come back whole or by HTTP Range (206 / 416), every read audited, nothing for other countries.
import fs from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestSystem, type TestSystem } from '../testing/harness.js';
import { startS3rver, type TestS3 } from '../testing/s3.js';
import { panScene } from '../video/test-videos.js';
import { newCase, newSeizure, triageByPath, upload, waitComplete } from '../seizures/testkit.js';

const DE = 'de.investigator@demo.icse';
const FR = 'fr.investigator@demo.icse';

let dir = '';
let clip: Buffer;
let s3: TestS3;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'icse-media-range-'));
  await panScene(join(dir, 'clip.mp4'), { seconds: 4 });
  clip = await readFile(join(dir, 'clip.mp4'));
  s3 = await startS3rver(join(dir, 's3'));
}, 60_000);
afterAll(async () => {
  await s3?.close();
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe.each(['local', 's3'] as const)('media bytes on the %s backend', (backend) => {
  let sys: TestSystem;
  let mediaId = 0;
  beforeAll(async () => {
    if (backend === 's3') Object.assign(process.env, s3.env);
    sys = await startTestSystem(backend === 's3' ? { ICSE_MEDIA_STORE: `s3://icse-media/range-test-${Date.now()}` } : {});
    expect(sys.ctx.mediaStore.backend.description).toMatch(backend === 's3' ? /^s3:\/\/icse-media\// : /^local directory /);
    const seizure = await newSeizure(sys, DE, await newCase(sys, DE, `DE-RANGE-${backend}`), 'range');
    expect((await upload(sys, DE, seizure, [{ name: 'clip.mp4', data: clip }])).statusCode).toBe(200);
    await waitComplete(sys, DE, seizure);
    const tri = await triageByPath(sys, DE, seizure);
    expect(tri.byPath['clip.mp4']).toMatchObject({ status: 'done', result: 'new' });
    mediaId = tri.byPath['clip.mp4'].mediaId;
  }, 90_000);
  afterAll(async () => {
    await sys?.close();
  });

  it('hashes a video whose index is at its end (ffmpeg seeks through the range reader), leaving no temp file', async () => {
    expect(clip.indexOf('moov')).toBeGreaterThan(clip.indexOf('mdat')); // not "faststart": a pipe could not read it
    const frames = await sys.ctx.db.selectFrom('media_frames').select('timestamp_s').where('media_id', '=', mediaId).orderBy('frame').execute();
    expect(frames.map((f) => f.timestamp_s)).toEqual([0, 1, 2, 3]);
    const tmp = join(sys.ctx.config.dataDir, 'media', 'tmp');
    expect(fs.existsSync(tmp) ? fs.readdirSync(tmp) : []).toEqual([]);
  });

  it('answers the whole file, a byte range (206), a suffix range and an unsatisfiable one (416), auditing each', async () => {
    const url = `/api/v1/media/${mediaId}/content`;
    const whole = await sys.api('GET', url, { as: DE });
    expect(whole.statusCode).toBe(200);
    expect(whole.headers['accept-ranges']).toBe('bytes');
    expect(Number(whole.headers['content-length'])).toBe(clip.length);
    expect(whole.rawPayload.equals(clip)).toBe(true);

    expect(clip.length).toBeGreaterThan(70_000);
    const [a, b] = [60_000, clip.length - 3_000]; // across the first 64 KiB chunk boundary
    const part = await sys.api('GET', url, { as: DE, headers: { range: `bytes=${a}-${b}` } });
    expect(part.statusCode).toBe(206);
    expect(part.headers['content-range']).toBe(`bytes ${a}-${b}/${clip.length}`);
    expect(Number(part.headers['content-length'])).toBe(b - a + 1);
    expect(part.rawPayload.equals(clip.subarray(a, b + 1))).toBe(true);

    const tail = await sys.api('GET', url, { as: DE, headers: { range: 'bytes=-1000' } });
    expect(tail.statusCode).toBe(206);
    expect(tail.rawPayload.equals(clip.subarray(clip.length - 1000))).toBe(true);

    const past = await sys.api('GET', url, { as: DE, headers: { range: `bytes=${clip.length}-` } });
    expect(past.statusCode).toBe(416);
    expect(past.headers['content-range']).toBe(`bytes */${clip.length}`);

    const audits = await sys.ctx.db
      .selectFrom('audit_log')
      .select(['details'])
      .where('action', '=', 'media.view_full')
      .where('object_id', '=', String(mediaId))
      .execute();
    const ranges = audits.map((a) => (typeof a.details === 'string' ? JSON.parse(a.details) : a.details)?.range ?? null);
    expect(ranges).toEqual(expect.arrayContaining([null, `${a}-${b}`, `${clip.length - 1000}-${clip.length - 1}`]));
    expect(audits.length).toBe(4);
  });

  it('a country that may not see the medium gets 404, with or without a range', async () => {
    expect((await sys.api('GET', `/api/v1/media/${mediaId}/content`, { as: FR, headers: { range: 'bytes=0-10' } })).statusCode).toBe(404);
    expect((await sys.api('GET', `/api/v1/media/${mediaId}/thumbnail`, { as: FR })).statusCode).toBe(404);
    const thumb = await sys.api('GET', `/api/v1/media/${mediaId}/thumbnail`, { as: DE });
    expect(thumb.statusCode).toBe(200);
    expect(thumb.rawPayload.subarray(0, 3)).toEqual(Buffer.from([0xff, 0xd8, 0xff]));
  });

  it('a stored object that fails its integrity check is a server error, not a 404 that would hide it', async () => {
    const { sha256 } = await sys.ctx.db.selectFrom('media').select('sha256').where('id', '=', mediaId).executeTakeFirstOrThrow();
    const backendStore = sys.ctx.mediaStore.backend;
    const name = `${sha256}.thumb`;
    const head = await backendStore.head(name, 1 << 24);
    expect(head && head.bytes.length).toBe(head?.total);
    const tampered = Buffer.from(head!.bytes);
    tampered[tampered.length - 1] ^= 0x01;
    expect(await backendStore.commitTemp(await backendStore.writeTemp(Readable.from([tampered])), name, true)).toBe(false);
    const res = await sys.api('GET', `/api/v1/media/${mediaId}/thumbnail`, { as: DE });
    expect(res.statusCode).toBe(500);
  });
});
