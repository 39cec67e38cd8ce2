// Benign test videos, generated on the fly with ffmpeg's lavfi sources (no files shipped, nothing fetched).
// Each ffmpeg run's output is kept in node_modules/.cache, keyed by the arguments, the content of its input files
// and the ffmpeg binary: a later run (or another test file) copies it instead of encoding again. Tests read the
// clips as fixtures; none relies on an encode being fresh.

import { execFile } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { ffmpegPath } from './ffmpeg.js';

const run = promisify(execFile);
const CACHE = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../node_modules/.cache/icse-test-videos');

/** The cache file for a run, or null when its output is not one file (e.g. `-f null -`). */
function cached(args: string[]): string | null {
  const out = args.at(-1)!;
  if (out === '-' || out.startsWith('pipe:')) return null;
  const bin = ffmpegPath();
  const hash = createHash('sha256')
    .update(bin)
    .update(String(fs.statSync(bin).size));
  args.slice(0, -1).forEach((a, i) => {
    // An input file counts by its content (a re-encoded fixture changes every clip made from it).
    if (args[i - 1] === '-i' && fs.existsSync(a)) hash.update('\0file\0').update(fs.readFileSync(a));
    else hash.update('\0').update(a);
  });
  return path.join(CACHE, `${hash.digest('hex').slice(0, 24)}${path.extname(out)}`);
}

export async function ffmpeg(args: string[]): Promise<void> {
  const keep = cached(args);
  const out = args.at(-1)!;
  if (keep && fs.existsSync(keep)) return fs.promises.copyFile(keep, out);
  await run(ffmpegPath(), ['-hide_banner', '-loglevel', 'error', '-nostdin', '-y', ...args], { timeout: 120_000 });
  if (!keep) return;
  fs.mkdirSync(CACHE, { recursive: true });
  const part = `${keep}.${process.pid}.${randomBytes(4).toString('hex')}.part`;
  fs.copyFileSync(out, part);
  fs.renameSync(part, keep); // atomic: a concurrent test file sees the whole clip or none
}

const X264 = ['-c:v', 'libx264', '-preset', 'ultrafast', '-pix_fmt', 'yuv420p'];

/**
 * A slow pan across a large blocky pattern (a Game-of-Life field scaled up) with a slow hue drift:
 * every frame has strong structure (PDQ quality 100) and frames a few seconds apart differ widely.
 */
export function panScene(out: string, o: { seconds: number; width?: number; height?: number; seed?: number; grid?: string }): Promise<void> {
  const w = o.width ?? 480;
  const h = o.height ?? 360;
  const src =
    `life=size=${o.grid ?? '24x18'}:rate=25:ratio=0.45:seed=${o.seed ?? 7}:life_color=#f0d090:death_color=#183060,` +
    `trim=end_frame=1,loop=loop=-1:size=1:start=0,setpts=N/25/TB,scale=${Math.round((w * 8) / 3)}:${Math.round((h * 8) / 3)}:flags=neighbor,` +
    `crop=${w}:${h}:x='${w / 5}+5*t':y='${h / 5}+3*t',hue=h=t*4`;
  return ffmpeg(['-f', 'lavfi', '-i', src, '-t', String(o.seconds), ...X264, '-crf', '20', out]);
}

/** Unrelated benign sources. */
export const UNRELATED_SOURCES: Record<string, string> = {
  cellauto: 'cellauto=size=480x360:rate=25:rule=110',
  life: 'life=size=320x240:rate=10:ratio=0.3:seed=3:death_color=#202080:life_color=#e0e040',
  bars: 'smptebars=size=480x360:rate=25,drawbox=x=100:y=100:w=80:h=80:color=black:t=fill',
  testsrc: 'testsrc2=size=480x360:rate=25',
  mandelbrot: 'mandelbrot=size=480x360:rate=25',
};

export function lavfiClip(out: string, source: string, seconds: number, extra: string[] = []): Promise<void> {
  return ffmpeg(['-f', 'lavfi', '-i', source, '-t', String(seconds), ...X264, '-crf', '23', ...extra, out]);
}

/** Re-encode `input` with ffmpeg arguments (filters, codec) into `out`. */
export function transcode(input: string, out: string, args: string[], inputArgs: string[] = []): Promise<void> {
  return ffmpeg([...inputArgs, '-i', input, ...args, out]);
}

export { X264 };
