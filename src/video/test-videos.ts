// Benign test videos, generated on the fly with ffmpeg's lavfi sources (no files shipped, nothing fetched).

import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { ffmpegPath } from './ffmpeg.js';

const run = promisify(execFile);

export async function ffmpeg(args: string[]): Promise<void> {
  await run(ffmpegPath(), ['-hide_banner', '-loglevel', 'error', '-nostdin', '-y', ...args], { timeout: 120_000 });
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
