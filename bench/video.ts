// npm run bench:video — seconds of video hashed (vPDQ, 1 frame/s, full 720p frames) per second of wall time.
// Generates a benign 720p clip from ffmpeg's lavfi sources (testsrc2 with moving life and cellauto
// overlays and a hue drift), then times hashVideo on it (decode + PDQ + file digests).
//   BENCH_VIDEO_SECONDS (default 45)   BENCH_VIDEO_RUNS (default 2, best kept)

import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { hashVideo } from '../src/video/index.js';
import { ffmpeg } from '../src/video/test-videos.js';
import { ffmpegChoice } from '../src/video/ffmpeg.js';

const seconds = Number(process.env.BENCH_VIDEO_SECONDS ?? 45);
const runs = Math.max(1, Number(process.env.BENCH_VIDEO_RUNS ?? 2));

const dir = await mkdtemp(join(tmpdir(), 'icse-bench-video-'));
try {
  const clip = join(dir, 'clip-720p.mp4');
  const t0 = performance.now();
  await ffmpeg([
    '-f',
    'lavfi',
    '-i',
    'testsrc2=size=1280x720:rate=30',
    '-f',
    'lavfi',
    '-i',
    'life=size=320x180:rate=30:ratio=0.3:seed=5:life_color=#e0e040:death_color=#202080',
    '-f',
    'lavfi',
    '-i',
    'cellauto=size=240x135:rate=30:rule=110',
    '-filter_complex',
    "[0][1]overlay=x='mod(t*60,960)':y='60+40*sin(t)'[a];[a][2]overlay=x='900-mod(t*45,900)':y=520,hue=h=t*6",
    '-t',
    String(seconds),
    '-c:v',
    'libx264',
    '-preset',
    'veryfast',
    '-crf',
    '23',
    '-pix_fmt',
    'yuv420p',
    clip,
  ]);
  console.log(`generated ${seconds} s of 1280x720 @30 fps H.264 in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  const ff = ffmpegChoice();
  console.log(`ffmpeg: ${ff.source} ${ff.path} (${ff.version}); ffprobe: ${ff.ffprobe ?? 'none (rates from ffmpeg text)'}`);

  let best = Infinity;
  let frames = 0;
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    const r = await hashVideo(clip);
    const wall = (performance.now() - t) / 1000;
    frames = r.frames.length;
    console.log(
      `run ${i + 1}: ${r.framesSampled} frames sampled, ${r.frames.length} kept, ${wall.toFixed(2)} s (${(r.durationS / wall).toFixed(1)}x real time)`,
    );
    best = Math.min(best, wall);
  }
  console.log(`kept frames: ${frames}`);
  console.log(`bench:video seconds=${seconds} wall_s=${best.toFixed(3)} speed=${(seconds / best).toFixed(2)}x ffmpeg=${ffmpegChoice().source}`);
} finally {
  await rm(dir, { recursive: true, force: true });
}
