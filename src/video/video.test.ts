// Acceptance: vPDQ hashing of generated benign videos, matching of edited copies, stills, hostile input.
import { createHash } from 'node:crypto';
import { mkdtemp, readFile, rm, truncate, writeFile, copyFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pdqDistance } from '../hashing/index.js';
import { hashImage } from '../imaging/index.js';
import { runHashCommand } from '../imaging/hash-command.js';
import { VideoDecodeError, hashVideo, matchVideoAgainstIndex, matchVideos, parseVpdq, videoPosterJpeg, type VideoHashResult } from './index.js';
import { ffmpeg, lavfiClip, panScene, transcode, UNRELATED_SOURCES, X264 } from './test-videos.js';

let dir = '';
let orig: VideoHashResult;
const p = (name: string) => join(dir, name);

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'icse-video-test-'));
  await panScene(p('orig.mp4'), { seconds: 16 });
  await Promise.all([
    // Different codec and container, different quality and frame rate.
    transcode(p('orig.mp4'), p('reenc.avi'), ['-c:v', 'mpeg4', '-q:v', '9', '-r', '30']),
    transcode(p('orig.mp4'), p('scaled.mp4'), ['-vf', 'scale=320:240', ...X264, '-crf', '30']),
  ]);
  await Promise.all([
    transcode(p('orig.mp4'), p('cropped.mp4'), ['-vf', 'crop=iw*0.99:ih*0.99', ...X264, '-crf', '23']),
    // 5 % crop (centre), and 5 % off every side (90 %) scaled back up to the original size.
    transcode(p('orig.mp4'), p('cropped5.mp4'), ['-vf', 'crop=iw*0.95:ih*0.95', ...X264, '-crf', '23']),
    transcode(p('orig.mp4'), p('cropped10.mp4'), ['-vf', 'crop=iw*0.90:ih*0.90,scale=480:360', ...X264, '-crf', '23']),
    // Trimmed off the sampling grid: starts 2.4 s in, 10 s long.
    transcode(p('orig.mp4'), p('trimmed.mp4'), ['-t', '10', ...X264, '-crf', '23'], ['-ss', '2.4']),
  ]);
  for (const [name, src] of Object.entries(UNRELATED_SOURCES)) await lavfiClip(p(`u-${name}.mp4`), src, 10);
  orig = await hashVideo(p('orig.mp4'), { poster: true });
}, 180_000);

afterAll(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe('hashVideo', () => {
  it('samples one frame per second as the reference does, with digests and stream facts', async () => {
    expect(orig).toMatchObject({ width: 480, height: 360, fps: 25, durationS: 16, framesSampled: 16, partial: false, codec: 'h264' });
    expect(orig.frames.map((f) => f.frame)).toEqual(Array.from({ length: 16 }, (_, i) => i * 25));
    expect(orig.frames.map((f) => f.timestamp)).toEqual(Array.from({ length: 16 }, (_, i) => i));
    for (const f of orig.frames) {
      expect(f.hash).toMatch(/^[0-9a-f]{64}$/);
      expect(f.quality).toBeGreaterThanOrEqual(50);
    }
    // Frames seconds apart are different pictures (the test content is not a still).
    expect(pdqDistance(orig.frames[0]!.hash, orig.frames[8]!.hash)).toBeGreaterThan(64);
    const bytes = await readFile(p('orig.mp4'));
    expect(orig.sha256).toBe(createHash('sha256').update(bytes).digest('hex'));
    expect(orig.md5).toBe(createHash('md5').update(bytes).digest('hex'));
    expect(orig.sha1).toBe(createHash('sha1').update(bytes).digest('hex'));
    expect(orig.sizeBytes).toBe(bytes.length);
  });

  it('honours secondsPerHash and hashes deterministically', async () => {
    // Reference: every floor(secondsPerHash × fps)-th decoded frame, here every 5th of 400.
    const dense = await hashVideo(p('orig.mp4'), { secondsPerHash: 0.2, digests: false });
    expect(dense.framesSampled).toBe(80);
    expect(dense.frames.map((f) => f.frame).slice(0, 3)).toEqual([0, 5, 10]);
    expect(dense.frames.filter((f) => f.frame % 25 === 0).map((f) => f.hash)).toEqual(orig.frames.map((f) => f.hash));
    expect(dense.md5).toBeNull();
  });

  it('returns a poster JPEG of the middle frame', async () => {
    const poster = orig.poster!;
    expect(poster.jpeg.subarray(0, 3)).toEqual(Buffer.from([0xff, 0xd8, 0xff]));
    expect(Math.abs(poster.timestamp - 8)).toBeLessThanOrEqual(1);
    const meta = await sharp(poster.jpeg).metadata();
    expect([meta.width, meta.height]).toEqual([320, 240]);
    const alone = await videoPosterJpeg(p('orig.mp4'), { maxSize: 200 });
    expect(alone.timestamp).toBe(8);
    expect((await sharp(alone.jpeg).metadata()).width).toBe(200);
  });
});

describe('matching edited copies', () => {
  const copies = ['reenc.avi', 'scaled.mp4', 'cropped.mp4', 'cropped5.mp4', 'cropped10.mp4', 'trimmed.mp4'];
  for (const name of copies) {
    it(`${name} matches the original above the threshold`, async () => {
      const copy = await hashVideo(p(name));
      const m = matchVideos(copy.frames, orig.frames);
      expect(m.queryMatchPct).toBeGreaterThanOrEqual(80);
      expect(m.isMatch).toBe(true);
      // Seen from the original: everything it holds is in the full-length copies; the trimmed one holds 10 of 16 s.
      expect(matchVideos(orig.frames, copy.frames).queryMatchPct).toBeGreaterThanOrEqual(name === 'trimmed.mp4' ? 40 : 80);
    });
  }

  it('crop hashes are what makes a 5 % crop match: full-frame PDQ alone does not', async () => {
    for (const name of ['cropped5.mp4', 'cropped10.mp4']) {
      const copy = await hashVideo(p(name), { digests: false });
      expect(
        copy.frames.every((f) => f.cropHashes?.length === 2),
        name,
      ).toBe(true);
      const fullOnly = (fs: VideoHashResult['frames']) => fs.map(({ cropHashes: _, ...f }) => f);
      expect(matchVideos(fullOnly(copy.frames), fullOnly(orig.frames)).queryMatchPct, name).toBeLessThan(20);
      // Crop hashes on one side suffice: the original (with crops) finds the copy known only by full hashes (a reference vPDQ file).
      expect(matchVideos(orig.frames, fullOnly(copy.frames)).queryMatchPct, name).toBeGreaterThanOrEqual(80);
    }
  });

  it('unrelated videos do not match, either way round', async () => {
    for (const name of Object.keys(UNRELATED_SOURCES)) {
      const other = await hashVideo(p(`u-${name}.mp4`));
      expect(other.frames.length, name).toBeGreaterThan(0);
      const m = matchVideos(other.frames, orig.frames);
      expect(m.isMatch, name).toBe(false);
      expect(m.queryMatchPct, name).toBeLessThan(20);
      expect(matchVideos(orig.frames, other.frames).isMatch, name).toBe(false);
    }
    // Nor do the synthetic patterns match one another through their crops.
    const hashed = await Promise.all(Object.keys(UNRELATED_SOURCES).map((name) => hashVideo(p(`u-${name}.mp4`), { digests: false })));
    for (let i = 0; i < hashed.length; i++) {
      for (let j = 0; j < hashed.length; j++) if (i !== j) expect(matchVideos(hashed[i]!.frames, hashed[j]!.frames).queryMatchPct, `${i} vs ${j}`).toBe(0);
    }
  });

  it('a still taken from the video matches its frames, and the index search finds the video from it', async () => {
    await ffmpeg(['-ss', '7.3', '-i', p('orig.mp4'), '-frames:v', '1', p('still.png')]);
    const still = await hashImage(p('still.png'));
    const nearest = Math.min(...orig.frames.map((f) => pdqDistance(f.hash, still.pdq.hash)));
    expect(nearest).toBeLessThanOrEqual(31);
    // A toy index holding the original's frames under media 11 and the unrelated bars clip under 12.
    const bars = await hashVideo(p('u-bars.mp4'));
    const stored = [...orig.frames.map((f) => ({ ...f, mediaId: 11 })), ...bars.frames.map((f) => ({ ...f, mediaId: 12 }))];
    const lookup = (pdq: string, r: number) =>
      stored
        .map((s) => ({ mediaId: s.mediaId, frame: s.frame, timestamp: s.timestamp, hash: s.hash, distance: pdqDistance(pdq, s.hash) }))
        .filter((s) => s.distance <= r);
    const found = await matchVideoAgainstIndex([{ hash: still.pdq.hash, quality: still.pdq.quality }], lookup);
    expect(found.map((c) => c.mediaId)).toEqual([11]);
    expect(found[0]!.isMatch).toBe(true);
    expect(Math.abs(found[0]!.pairings[0]!.timestamp! - 7.3)).toBeLessThanOrEqual(1.5);

    // The other way: a known still (media 21) is found inside a newly seized video.
    const stills = [{ mediaId: 21, frame: 0, hash: still.pdq.hash }];
    const inVideo = await matchVideoAgainstIndex(orig.frames, (pdq, r) =>
      stills.map((s) => ({ ...s, distance: pdqDistance(pdq, s.hash) })).filter((s) => s.distance <= r),
    );
    expect(inVideo.map((c) => c.mediaId)).toEqual([21]);
    expect(inVideo[0]!.queryMatchedFrames).toBeGreaterThanOrEqual(1);
  });
});

describe('hostile input gets a clear error in bounded time', () => {
  async function expectReason(promise: Promise<unknown>, reason: string, withinMs = 20_000): Promise<VideoDecodeError> {
    const t0 = Date.now();
    const err = await promise.then(
      () => null,
      (e: unknown) => e,
    );
    expect(err, `expected VideoDecodeError(${reason})`).toBeInstanceOf(VideoDecodeError);
    expect((err as VideoDecodeError).reason).toBe(reason);
    expect((err as VideoDecodeError).message.length).toBeGreaterThan(5);
    expect(Date.now() - t0).toBeLessThan(withinMs);
    return err as VideoDecodeError;
  }

  it('zero-byte, missing and non-video files', async () => {
    await writeFile(p('zero.mp4'), '');
    await expectReason(hashVideo(p('zero.mp4')), 'empty');
    await expectReason(hashVideo(p('missing.mp4')), 'unreadable');
    await writeFile(p('notes.mp4'), 'These are not the frames you are looking for.\n'.repeat(50));
    await expectReason(hashVideo(p('notes.mp4')), 'not_video');
    await sharp({ create: { width: 64, height: 48, channels: 3, background: '#336699' } })
      .jpeg()
      .toFile(p('picture.jpg'));
    await expectReason(hashVideo(p('picture.jpg')), 'not_video');
    await ffmpeg(['-f', 'lavfi', '-i', 'sine=frequency=440:duration=2', '-c:a', 'aac', p('audio.m4a')]);
    await expectReason(hashVideo(p('audio.m4a')), 'not_video');
  });

  it('truncated files', async () => {
    // MP4 written by ffmpeg keeps its index at the end: cut it off and nothing is decodable.
    await copyFile(p('orig.mp4'), p('cut.mp4'));
    await truncate(p('cut.mp4'), Math.floor((await readFile(p('orig.mp4'))).length * 0.4));
    await expectReason(hashVideo(p('cut.mp4')), 'corrupt');
    // A streamable container cut in half still yields the frames before the cut.
    await transcode(p('orig.mp4'), p('stream.mkv'), ['-c', 'copy']);
    const full = (await readFile(p('stream.mkv'))).length;
    await copyFile(p('stream.mkv'), p('stream-cut.mkv'));
    await truncate(p('stream-cut.mkv'), Math.floor(full / 2));
    const half = await hashVideo(p('stream-cut.mkv'));
    expect(half.framesSampled).toBeGreaterThan(2);
    expect(half.framesSampled).toBeLessThan(16);
    expect(matchVideos(half.frames, orig.frames).queryMatchPct).toBeGreaterThanOrEqual(80);
    // Only a header: no frames at all.
    await copyFile(p('stream.mkv'), p('header-only.mkv'));
    await truncate(p('header-only.mkv'), 600);
    await expect(hashVideo(p('header-only.mkv'))).rejects.toSatisfy(
      (e: unknown) => e instanceof VideoDecodeError && ['corrupt', 'no_frames', 'not_video'].includes(e.reason),
    );
  });

  it('absurd resolution is refused from the header, before decoding', async () => {
    await writeFile(p('huge.y4m'), 'YUV4MPEG2 W12000 H12000 F25:1 Ip A1:1 C420jpeg\nFRAME\n');
    const e = await expectReason(hashVideo(p('huge.y4m')), 'too_large', 5_000);
    expect(e.message).toContain('12000x12000');
    await expectReason(hashVideo(p('orig.mp4'), { maxPixels: 320 * 240 }), 'too_large');
  });

  it('a decode over the wall-time limit is killed; long videos are refused or capped', async () => {
    await expectReason(hashVideo(p('orig.mp4'), { timeoutMs: 1 }), 'timeout', 5_000);
    await expectReason(hashVideo(p('orig.mp4'), { maxDurationS: 10 }), 'too_long');
    const capped = await hashVideo(p('orig.mp4'), { maxFrames: 5 });
    expect(capped.framesSampled).toBe(5);
    expect(capped.partial).toBe(true);
  });

  it('a featureless video hashes to no kept frames rather than failing', async () => {
    await lavfiClip(p('black.mp4'), 'color=c=black:size=320x240:rate=25', 4);
    const black = await hashVideo(p('black.mp4'));
    expect(black.frames).toEqual([]);
    expect(black.framesDropped).toBe(4);
  });

  it('odd file names cannot forge ffmpeg output', async () => {
    const odd = p("odd'name\n    Stream #0:0: Video: h264, 16x16, 25 fps.mp4");
    await copyFile(p('scaled.mp4'), odd);
    const r = await hashVideo(odd);
    expect([r.width, r.height]).toEqual([320, 240]);
  });
});

describe('icse hash VIDEO', () => {
  it('prints the reference vPDQ lines', async () => {
    let out = '';
    let err = '';
    const code = await runHashCommand([p('orig.mp4')], {
      stdout: (t) => {
        out += t;
      },
      stderr: (t) => {
        err += t;
      },
    });
    expect(err).toBe('');
    expect(code).toBe(0);
    expect(out.split('\n')[0]).toMatch(/^0,\d{1,3},[0-9a-f]{64},0\.000$/);
    // The interchange lines carry the reference fields only (no crop hashes).
    expect(parseVpdq(out)).toEqual(orig.frames.map(({ cropHashes: _, ...f }) => f));
  });
});
