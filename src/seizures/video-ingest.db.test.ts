// Videos in seizures and triage (issue 8): DE's original clip is known material; FR's seizure holds a
// rescaled re-encode and a copy cropped by 5 % (known-near by vPDQ, the crop through the frames' crop hashes), a still taken from that copy (known-near: found inside DE's
// video), an unrelated clip (new) and a cut-short file (a per-item error). Clips are generated (benign).
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { startTestSystem, type TestSystem } from '../testing/harness.js';
import { MatchService } from '../matchservice/matcher.js';
import { ffmpeg, lavfiClip, panScene, transcode, UNRELATED_SOURCES, X264 } from '../video/test-videos.js';
import { newCase, newSeizure, triageByPath, upload, waitComplete } from './testkit.js';

const DE = 'de.investigator@demo.icse';
const FR = 'fr.investigator@demo.icse';

let sys: TestSystem;
let dir = '';
const clip: Record<string, Buffer> = {};
let deVideo = 0;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'icse-video-ingest-'));
  const p = (n: string) => join(dir, n);
  await Promise.all([
    panScene(p('orig.mp4'), { seconds: 8 }),
    lavfiClip(p('other.mp4'), UNRELATED_SOURCES.testsrc!, 5),
    (async () => {
      sys = await startTestSystem();
    })(),
  ]);
  await transcode(p('orig.mp4'), p('copy.mp4'), ['-vf', 'scale=320:240', ...X264, '-crf', '30']);
  await transcode(p('orig.mp4'), p('crop5.mp4'), ['-vf', 'crop=iw*0.95:ih*0.95', ...X264, '-crf', '23']);
  await transcode(p('copy.mp4'), p('frame.jpg'), ['-frames:v', '1', '-q:v', '3'], ['-ss', '4']);
  for (const n of ['orig.mp4', 'copy.mp4', 'crop5.mp4', 'frame.jpg', 'other.mp4']) clip[n] = await readFile(p(n));
  clip['broken.mp4'] = clip['orig.mp4']!.subarray(0, Math.floor(clip['orig.mp4']!.length * 0.6));

  const deSeizure = await newSeizure(sys, DE, await newCase(sys, DE, 'DE-VID'), 'DE camera');
  expect((await upload(sys, DE, deSeizure, [{ name: 'clip.mp4', data: clip['orig.mp4']! }])).statusCode).toBe(200);
  await waitComplete(sys, DE, deSeizure);
  const tri = await triageByPath(sys, DE, deSeizure);
  expect(tri.byPath['clip.mp4']).toMatchObject({ status: 'done', result: 'new' });
  deVideo = tri.byPath['clip.mp4'].mediaId;
  await sql`UPDATE media SET distribution = 'all' WHERE id = ${deVideo}`.execute(sys.ctx.db);
}, 90_000);
afterAll(async () => {
  await sys?.close();
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe('videos in ingest and triage', () => {
  it('stores a video with its frames, duration and poster thumbnail, and indexes the frames', async () => {
    const m = await sys.ctx.db.selectFrom('media').selectAll().where('id', '=', deVideo).executeTakeFirstOrThrow();
    expect(m).toMatchObject({ media_type: 'video', format: 'mp4', width: 480, height: 360, pdq: null, thumb_stored: true, stored: true });
    expect(m.duration_s).toBeCloseTo(8, 0);
    const frames = await sys.ctx.db.selectFrom('media_frames').selectAll().where('media_id', '=', deVideo).orderBy('frame').execute();
    expect(frames.map((f) => f.timestamp_s)).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
    expect(frames.every((f) => f.crop_pdq?.length === 2 && f.crop_pdq.every((h) => /^[0-9a-f]{64}$/.test(h)))).toBe(true);
    const thumb = await sys.api('GET', `/api/v1/media/${deVideo}/thumbnail`, { as: DE });
    expect(thumb.statusCode).toBe(200);
    expect(thumb.rawPayload.subarray(0, 3)).toEqual(Buffer.from([0xff, 0xd8, 0xff]));
    // The live index holds the frames under their frame ids; a fresh service rebuilds them from media_frames.
    const hits = await sys.ctx.matcher.nearFrames([frames[3]!.pdq], 0);
    expect(hits.map((h) => h.frameRowId)).toContain(frames[3]!.id);
    const fresh = new MatchService(sys.ctx.db, { dataDir: join(dir, 'fresh') });
    await fresh.start();
    const total = (await sql<{ n: number }>`SELECT count(*)::int AS n FROM media_frames`.execute(sys.ctx.db)).rows[0]!.n;
    expect(fresh.frameCount).toBe(total);
    expect((await fresh.nearFrames([frames[5]!.pdq], 0)).map((h) => h.frameRowId)).toContain(frames[5]!.id);
    // Crop hashes are found only when asked for, and rebuilt from media_frames.crop_pdq too.
    const crop = frames[5]!.crop_pdq![1]!;
    expect((await fresh.nearFrames([crop], 0, { withCrops: true })).map((h) => h.frameRowId)).toContain(frames[5]!.id);
    expect((await sys.ctx.matcher.nearFrames([crop], 0, { withCrops: true })).map((h) => h.frameRowId)).toContain(frames[5]!.id);
  });

  it('triages a re-encoded copy, a still from it, an unrelated clip and a broken file', async () => {
    const s = await newSeizure(sys, FR, await newCase(sys, FR, 'FR-VID'), 'FR phone');
    const r = await upload(
      sys,
      FR,
      s,
      ['copy.mp4', 'crop5.mp4', 'frame.jpg', 'other.mp4', 'broken.mp4'].map((name) => ({ name, data: clip[name]! })),
    );
    expect(r.statusCode).toBe(200);
    const done = await waitComplete(sys, FR, s, 60_000);
    expect(done.counts).toMatchObject({ items: 5, done: 4, error: 1, knownNear: 3, new: 1 });
    const { byPath } = await triageByPath(sys, FR, s);

    const copy = byPath['copy.mp4'];
    expect(copy.result).toBe('known_near');
    expect(copy.known).toMatchObject({ restricted: false, matchedMediaId: deVideo, stage: 'vpdq', ownerCountry: 'DE' });
    expect(copy.known.video.queryMatchPct).toBeGreaterThanOrEqual(80);
    expect(copy.known.video.comparedMatchPct).toBeGreaterThanOrEqual(80);
    expect(copy.known.video.ranges[0]).toMatchObject({ from: 0, matchedFrom: 0 });
    expect(copy.known.video.ranges.at(-1).to).toBeGreaterThanOrEqual(6);

    const cropped = byPath['crop5.mp4'];
    expect(cropped.result).toBe('known_near');
    expect(cropped.known).toMatchObject({ matchedMediaId: deVideo, stage: 'vpdq' });
    expect(cropped.known.video.queryMatchPct).toBeGreaterThanOrEqual(80);

    const still = byPath['frame.jpg'];
    expect(still.result).toBe('known_near');
    expect(still.known).toMatchObject({ matchedMediaId: deVideo, stage: 'pdq' });
    expect(Math.abs(still.known.foundInVideo.timestampS - 4)).toBeLessThanOrEqual(1);

    expect(byPath['other.mp4']).toMatchObject({ status: 'done', result: 'new', known: null });
    const other = await sys.ctx.db
      .selectFrom('media')
      .select(['media_type', 'duration_s'])
      .where('id', '=', byPath['other.mp4'].mediaId)
      .executeTakeFirstOrThrow();
    expect(other.media_type).toBe('video');

    const broken = byPath['broken.mp4'];
    expect(broken.status).toBe('error');
    expect(broken.error.reason).toBe('corrupt');
    expect(broken.error.message).toMatch(/truncated|damaged|moov/i);
  });

  it('a video holding a known still image is known-near, with the time of that frame', async () => {
    // DE's still (a frame of its clip, kept as an image); FR's new video shows it for 3 s, then unrelated content.
    const p = (n: string) => join(dir, n);
    await transcode(p('orig.mp4'), p('still.png'), ['-frames:v', '1'], ['-ss', '2']);
    await ffmpeg([
      '-loop',
      '1',
      '-t',
      '3',
      '-i',
      p('still.png'),
      '-f',
      'lavfi',
      '-t',
      '3',
      '-i',
      UNRELATED_SOURCES.cellauto!,
      '-filter_complex',
      '[0:v]scale=480:360,setsar=1,fps=25[a];[1:v]scale=480:360,setsar=1,fps=25[b];[a][b]concat=n=2:v=1[v]',
      '-map',
      '[v]',
      ...X264,
      '-crf',
      '23',
      p('mixed.mp4'),
    ]);
    const deSeizure = await newSeizure(sys, DE, await newCase(sys, DE, 'DE-STILL'), 'DE stills');
    await upload(sys, DE, deSeizure, [{ name: 'still.png', data: await readFile(p('still.png')) }]);
    await waitComplete(sys, DE, deSeizure);
    const deStill = (await triageByPath(sys, DE, deSeizure)).byPath['still.png'].mediaId as number;
    await sql`UPDATE media SET distribution = 'all' WHERE id = ${deStill}`.execute(sys.ctx.db);

    const s = await newSeizure(sys, FR, await newCase(sys, FR, 'FR-VID-2'), 'FR laptop');
    expect((await upload(sys, FR, s, [{ name: 'mixed.mp4', data: await readFile(p('mixed.mp4')) }])).statusCode).toBe(200);
    await waitComplete(sys, FR, s);
    const mixed = (await triageByPath(sys, FR, s)).byPath['mixed.mp4'];
    expect(mixed.result).toBe('known_near');
    expect(mixed.known).toMatchObject({ matchedMediaId: deStill, stage: 'pdq' });
    expect(mixed.known.stillAt.timestampS).toBeLessThan(3);
  });
});
