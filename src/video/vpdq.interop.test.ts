// vPDQ as the reference (facebook/ThreatExchange vpdq/cpp) computes and prints it (issue 16):
//  - the sampling interval is trunc(secondsPerHash × frameRate) with frameRate = avg_frame_rate (else
//    r_frame_rate) as the exact fraction (hashing/ffmpegwrapper.cpp, filehasher.cpp);
//  - the timestamp is computed in float: float(frame) / float(framerate) (hashing/hasher.h), printed fixed
//    with 3 decimals (io/vpdqio.cpp);
//  - every sampled frame is printed, low quality included (the match tools filter by quality), so an all-black
//    clip prints its lines.
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runHashCommand } from '../imaging/index.js';
import { tempDir } from '../imaging/test-images.js';
import { ffmpegChoice } from './ffmpeg.js';
import { hashVideo, parseVpdq } from './index.js';
import './register.js';
import { lavfiClip } from './test-videos.js';
import { formatVpdqLine } from './vpdq-format.js';

const tmp = tempDir('icse-vpdq-');
const p = (n: string) => path.join(tmp.dir, n);
const haveFfprobe = ffmpegChoice().ffprobe !== null;

beforeAll(async () => {
  // 29.997 fps: ffmpeg's text says "30 fps"; the reference takes every 29th frame.
  await lavfiClip(p('odd-rate.mkv'), 'testsrc2=size=160x120:rate=29997/1000', 4);
  await lavfiClip(p('black.mp4'), 'color=c=black:size=160x120:rate=25', 3);
}, 120_000);
afterAll(() => tmp.cleanup());

async function hashCli(file: string): Promise<string[]> {
  let out = '';
  const code = await runHashCommand([file], {
    stdout: (t) => {
      out += t;
    },
    stderr: () => {},
  });
  expect(code).toBe(0);
  return out.split('\n').filter(Boolean);
}

describe('vPDQ sampling and printing as the reference does', () => {
  it.skipIf(!haveFfprobe)('samples by the exact rational rate: every 29th frame at 29997/1000 fps, not every 30th', async () => {
    const r = await hashVideo(p('odd-rate.mkv'), { digests: false });
    expect(r.fpsRational).toBe('29997/1000');
    expect(r.fps).toBe(29997 / 1000);
    expect(r.allFrames.map((f) => f.frame)).toEqual([0, 29, 58, 87, 116].filter((f) => f < r.framesSampled * 29));
    expect(r.allFrames.length).toBeGreaterThanOrEqual(4);
  });

  it.skipIf(haveFfprobe)("without ffprobe the rate is ffmpeg's rounded text, and the result says so", async () => {
    const r = await hashVideo(p('odd-rate.mkv'), { digests: false });
    expect(r.fpsRational).toBeNull();
    expect(r.warnings.join(' ')).toMatch(/rounded text/);
  });

  it('timestamps are float32 frame / float32 rate, printed with 3 decimals', async () => {
    const r = await hashVideo(p('odd-rate.mkv'), { digests: false });
    const f = r.allFrames[1]!;
    expect(f.timestamp).toBe(Math.fround(Math.fround(f.frame) / Math.fround(r.fps)));
    if (haveFfprobe) expect(f.timestamp).not.toBe(f.frame / r.fps); // at 29.997 fps the double quotient differs: the float one is printed
    expect(formatVpdqLine(f)).toBe(`${f.frame},${f.quality},${f.hash},${f.timestamp.toFixed(3)}`);
    if (haveFfprobe) expect(formatVpdqLine(f).split(',')[3]).toBe('0.967'); // 29 / 29.997 in float
  });

  it('an all-black clip prints its lines (quality 0), and they read back', async () => {
    const lines = await hashCli(p('black.mp4'));
    expect(lines).toEqual([0, 25, 50].map((fr, i) => `${fr},0,${'0'.repeat(64)},${i}.000`));
    expect(parseVpdq(lines.join('\n'))).toHaveLength(3);
    // Stored and matched frames still exclude low quality (the match-time filter).
    const r = await hashVideo(p('black.mp4'), { digests: false });
    expect(r.frames).toEqual([]);
    expect(r.allFrames).toHaveLength(3);
  });

  it('names the ffmpeg in use (FFMPEG_PATH, the system one, or the bundled fallback)', () => {
    const c = ffmpegChoice();
    expect(['FFMPEG_PATH', 'system', 'bundled']).toContain(c.source);
    expect(c.version).toMatch(/^ffmpeg version /);
  });
});
