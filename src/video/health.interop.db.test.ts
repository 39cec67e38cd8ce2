// /health names the ffmpeg vPDQ runs with (issue 16): FFMPEG_PATH, the system's, or the bundled fallback.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startTestSystem, type TestSystem } from '../testing/harness.js';
import { ffmpegChoice } from './ffmpeg.js';

let sys: TestSystem;
beforeAll(async () => {
  sys = await startTestSystem();
}, 60_000);
afterAll(async () => {
  await sys?.close();
});

it('GET /health reports which ffmpeg is used and whether ffprobe gives exact frame rates', async () => {
  const res = await sys.api('GET', '/health');
  expect(res.statusCode).toBe(200);
  const c = ffmpegChoice();
  expect(res.json().ffmpeg).toEqual({ source: c.source, version: c.version, ffprobe: c.ffprobe !== null });
  expect(res.json().ffmpeg.version).toMatch(/^ffmpeg version /);
});
