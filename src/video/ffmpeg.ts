// The ffmpeg binary and the ways we run it: a probe (stream header from ffmpeg's own stderr, and the exact
// rational frame rate from ffprobe when one is at hand) and a bounded run whose stdout we consume. Every run
// is wall-time limited and killed on timeout; stderr is kept only as a bounded tail.
//
// Which ffmpeg: FFMPEG_PATH, else the system's `ffmpeg` on PATH (a current build: the bundled one is a 2018
// static build that decodes HEVC Main10 2 bits off and lacks newer codecs), else the bundled
// @ffmpeg-installer/ffmpeg (nothing is fetched at run time). ffprobe: FFPROBE_PATH, else the `ffprobe` beside
// the chosen ffmpeg or on PATH; without one the rate comes from ffmpeg's rounded text (snapFrameRate).

import { execFile, spawn, spawnSync } from 'node:child_process';
import { accessSync, constants as fsConstants } from 'node:fs';
import { createRequire } from 'node:module';
import { mkdtemp, rm, symlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { delimiter, dirname, join, resolve } from 'node:path';
import { VideoDecodeError } from './errors.js';

const require = createRequire(import.meta.url);

function executable(p: string | undefined): p is string {
  if (!p) return false;
  try {
    accessSync(p, fsConstants.X_OK);
    return true;
  } catch {
    return false;
  }
}

function onPath(name: string): string | undefined {
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    if (dir && executable(join(dir, name))) return join(dir, name);
  }
  return undefined;
}

export interface FfmpegChoice {
  path: string;
  /** Where it came from: FFMPEG_PATH, the system PATH, or the bundled npm package. */
  source: 'FFMPEG_PATH' | 'system' | 'bundled';
  /** First line of `ffmpeg -version`, e.g. "ffmpeg version 7.1.1-1 …". */
  version: string;
  /** ffprobe used for exact frame rates, or null (rates then from ffmpeg's rounded text). */
  ffprobe: string | null;
}

let cached: FfmpegChoice | undefined;

/** The ffmpeg (and ffprobe) in use; decided once per process. */
export function ffmpegChoice(): FfmpegChoice {
  if (cached) return cached;
  let path: string | undefined;
  let source: FfmpegChoice['source'];
  if (process.env.FFMPEG_PATH) {
    if (!executable(process.env.FFMPEG_PATH)) throw new VideoDecodeError('unavailable', `FFMPEG_PATH=${process.env.FFMPEG_PATH} is not an executable file`);
    path = process.env.FFMPEG_PATH;
    source = 'FFMPEG_PATH';
  } else if ((path = onPath('ffmpeg'))) source = 'system';
  else {
    try {
      path = (require('@ffmpeg-installer/ffmpeg') as { path: string }).path;
      source = 'bundled';
    } catch (err) {
      throw new VideoDecodeError('unavailable', 'no ffmpeg: set FFMPEG_PATH, install one on PATH, or install @ffmpeg-installer/ffmpeg', { cause: err });
    }
  }
  const v = spawnSync(path, ['-hide_banner', '-version'], { encoding: 'latin1', timeout: 10_000 });
  const version = (v.stdout ?? '').split('\n')[0]?.trim() || 'unknown';
  const sibling = join(dirname(path), 'ffprobe');
  // FFPROBE_PATH set to anything not executable (e.g. "none") turns ffprobe off.
  const ffprobe =
    process.env.FFPROBE_PATH !== undefined
      ? executable(process.env.FFPROBE_PATH)
        ? process.env.FFPROBE_PATH
        : null
      : executable(sibling)
        ? sibling
        : (onPath('ffprobe') ?? null);
  cached = { path, source, version, ffprobe };
  return cached;
}

/** Absolute path of the ffmpeg binary in use (see ffmpegChoice). */
export function ffmpegPath(): string {
  return ffmpegChoice().path;
}

/** For tests: decide again (after changing FFMPEG_PATH / PATH). */
export function resetFfmpegChoice(): void {
  cached = undefined;
}

/** A rational frame rate as ffprobe prints it ("30000/1001"); null for 0/0 or malformed text. */
export function parseRational(text: string): { num: number; den: number } | null {
  const m = /^\s*(\d+)\/(\d+)\s*$/.exec(text);
  if (!m) return null;
  const num = Number(m[1]),
    den = Number(m[2]);
  return num > 0 && den > 0 ? { num, den } : null;
}

/**
 * The stream's frame rate as the reference takes it: avg_frame_rate, or r_frame_rate when that is 0/0,
 * as the exact fraction (num / den in double), from ffprobe. Null without ffprobe or on any failure.
 */
export async function exactFrameRate(inputUrl: string, streamIndex: number, timeoutMs: number): Promise<{ fps: number; rational: string } | null> {
  const probe = ffmpegChoice().ffprobe;
  if (!probe) return null;
  const protocols = /^http:\/\/127\.0\.0\.1:\d+\//.test(inputUrl) ? 'http,tcp' : 'file';
  const stdout = await new Promise<string | null>((res) => {
    execFile(
      probe,
      [
        '-v',
        'error',
        '-protocol_whitelist',
        protocols,
        '-format_whitelist',
        VIDEO_DEMUXERS.join(','),
        '-select_streams',
        String(streamIndex),
        '-show_entries',
        'stream=avg_frame_rate,r_frame_rate',
        '-of',
        'json',
        inputUrl,
      ],
      { encoding: 'utf8', timeout: timeoutMs, maxBuffer: 1 << 20, killSignal: 'SIGKILL' },
      (err, out) => res(err ? null : out),
    );
  });
  if (!stdout) return null;
  try {
    const s = (JSON.parse(stdout) as { streams?: Array<{ avg_frame_rate?: string; r_frame_rate?: string }> }).streams?.[0];
    const avg = parseRational(s?.avg_frame_rate ?? ''),
      real = parseRational(s?.r_frame_rate ?? '');
    const q = avg ?? real;
    return q ? { fps: q.num / q.den, rational: `${q.num}/${q.den}` } : null;
  } catch {
    return null;
  }
}

/**
 * Demuxers ffmpeg may use on seized files. Anything else (playlists that open other files or URLs,
 * 'tty' which turns any text into a "video", image demuxers, …) is refused by ffmpeg itself.
 */
export const VIDEO_DEMUXERS: readonly string[] = [
  'mov',
  'mp4',
  'm4a',
  '3gp',
  '3g2',
  'mj2',
  'matroska',
  'webm',
  'avi',
  'flv',
  'mpegts',
  'mpeg',
  'mpegvideo',
  'asf',
  'ogg',
  'rm',
  'nut',
  'mxf',
  'dv',
  'h264',
  'hevc',
  'm4v',
  'wtv',
  'yuv4mpegpipe',
];

/**
 * Input options shared by every run: only local files (or, for a stored object, the loopback HTTP reader of
 * src/media/loopback.ts), only video demuxers, no autorotation (as the reference).
 */
export function inputArgs(inputUrl: string, demuxers: readonly string[] = VIDEO_DEMUXERS): string[] {
  const protocols = /^http:\/\/127\.0\.0\.1:\d+\//.test(inputUrl) ? 'http,tcp' : 'file';
  return ['-protocol_whitelist', protocols, '-format_whitelist', demuxers.join(','), '-noautorotate', '-i', inputUrl];
}

/** A video read from a URL instead of a file (a stored object decrypted on the fly; never plaintext on disk). */
export interface VideoSource {
  url: string;
  sizeBytes: number;
}

/**
 * ffmpeg prints the input path in its stderr; a path with control characters or quotes could forge
 * lines there. Such paths are reached through a neutral symlink instead. Returns the URL and a cleanup.
 */
export async function safeInputUrl(path: string): Promise<{ url: string; cleanup: () => Promise<void> }> {
  const abs = resolve(path);
  if (!/[\x00-\x1f\x7f'"\\]/.test(abs)) return { url: 'file:' + abs, cleanup: async () => {} };
  const dir = await mkdtemp(join(tmpdir(), 'icse-video-'));
  const link = join(dir, 'input');
  await symlink(abs, link);
  return { url: 'file:' + link, cleanup: () => rm(dir, { recursive: true, force: true }) };
}

export interface RunOptions {
  timeoutMs: number;
  signal?: AbortSignal;
  /** Consumer of stdout; it may throw to abort the run (ffmpeg is then killed). */
  onStdout?: (stdout: NodeJS.ReadableStream) => Promise<void>;
  /** Bytes of stderr to keep (the tail). */
  stderrLimit?: number;
}

export interface RunResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  stderr: string;
  timedOut: boolean;
  aborted: boolean;
}

/** Run ffmpeg with a hard wall-time limit; never rejects on a non-zero exit (callers classify). */
export function runFfmpeg(args: string[], options: RunOptions): Promise<RunResult> {
  const limit = options.stderrLimit ?? 64 * 1024;
  return new Promise<RunResult>((resolvePromise, reject) => {
    let child;
    try {
      child = spawn(ffmpegPath(), ['-hide_banner', '-nostdin', ...args], { stdio: ['ignore', options.onStdout ? 'pipe' : 'ignore', 'pipe'] });
    } catch (err) {
      reject(err instanceof VideoDecodeError ? err : new VideoDecodeError('unavailable', 'cannot start ffmpeg', { cause: err }));
      return;
    }
    let stderr = '';
    let timedOut = false;
    let aborted = false;
    let consumerError: unknown;
    let settled = false;
    const kill = () => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    };
    const timer = setTimeout(() => {
      timedOut = true;
      kill();
    }, options.timeoutMs);
    const onAbort = () => {
      aborted = true;
      kill();
    };
    options.signal?.addEventListener('abort', onAbort, { once: true });
    if (options.signal?.aborted) onAbort();

    child.stderr!.setEncoding('latin1');
    child.stderr!.on('data', (s: string) => {
      stderr += s;
      if (stderr.length > 2 * limit) stderr = stderr.slice(-limit);
    });
    const consumed = options.onStdout
      ? options.onStdout(child.stdout!).catch((err: unknown) => {
          consumerError = err;
          kill();
          child.stdout!.resume();
        })
      : Promise.resolve();
    child.on('error', (err) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      reject(new VideoDecodeError('unavailable', `cannot start ffmpeg: ${err.message}`, { cause: err }));
    });
    child.on('close', (code, sig) => {
      clearTimeout(timer);
      options.signal?.removeEventListener('abort', onAbort);
      void consumed.then(() => {
        if (settled) return;
        settled = true;
        if (consumerError !== undefined) reject(consumerError);
        else resolvePromise({ code, signal: sig, stderr: stderr.slice(-limit), timedOut, aborted });
      });
    });
  });
}

/** What ffmpeg's header dump tells about the first real video stream. */
export interface VideoProbe {
  /** ffmpeg demuxer name, e.g. 'mov,mp4,m4a,3gp,3g2,mj2' or 'matroska,webm'. */
  container: string;
  /** Decoder name of the video stream, e.g. 'h264'. */
  codec: string;
  /** Index of the stream in the container (for -map 0:N). */
  streamIndex: number;
  width: number;
  height: number;
  /** Average frame rate (reference: avg_frame_rate, falling back to r_frame_rate). */
  fps: number;
  /** Container duration in seconds, when the container states it. */
  durationS: number | null;
}

const NTSC_BASES = [24, 30, 48, 60, 120, 240];

/** ffmpeg prints rates rounded (23.98 for 24000/1001): restore the exact NTSC rates so timestamps do not drift. */
export function snapFrameRate(fps: number): number {
  for (const base of NTSC_BASES) {
    const ntsc = (base * 1000) / 1001;
    if (Math.abs(fps - ntsc) < 0.006) return ntsc;
  }
  return fps;
}

function parseRate(text: string, unit: 'fps' | 'tbr'): number | null {
  const m = new RegExp(`(?:^|[ ,])(\\d+(?:\\.\\d+)?)(k?) ${unit}(?=[ ,(]|$)`).exec(text);
  if (!m) return null;
  const v = Number(m[1]) * (m[2] ? 1000 : 1);
  return Number.isFinite(v) && v > 0 ? v : null;
}

/** Parse the "Input #0" block of ffmpeg's stderr. Null fields when absent; throws nothing. */
export function parseProbe(stderr: string): {
  container: string | null;
  durationS: number | null;
  streams: Array<Omit<VideoProbe, 'container' | 'durationS'> & { attachedPic: boolean }>;
} {
  const input = /^Input #0, (.+?), from '/m.exec(stderr);
  const dur = /^\s*Duration: (\d+):(\d{2}):(\d{2}(?:\.\d+)?)/m.exec(stderr);
  const durationS = dur ? Number(dur[1]) * 3600 + Number(dur[2]) * 60 + Number(dur[3]) : null;
  const streams: Array<Omit<VideoProbe, 'container' | 'durationS'> & { attachedPic: boolean }> = [];
  const re = /^\s*Stream #0:(\d+)(?:\[[^\]]*\])?(?:\([^)]*\))?: Video: (.*)$/gm;
  for (let m = re.exec(stderr); m; m = re.exec(stderr)) {
    const desc = m[2]!;
    const codec = /^([\w-]+)/.exec(desc)?.[1] ?? 'unknown';
    const size = /[ ,](\d{1,6})x(\d{1,6})(?=[ ,\]]|$)/.exec(desc);
    const rate = parseRate(desc, 'fps') ?? parseRate(desc, 'tbr');
    streams.push({
      streamIndex: Number(m[1]),
      codec,
      width: size ? Number(size[1]) : 0,
      height: size ? Number(size[2]) : 0,
      fps: rate ? snapFrameRate(rate) : 0,
      attachedPic: /\(attached pic\)/.test(desc),
    });
  }
  return { container: input ? input[1]! : null, durationS: durationS !== null && Number.isFinite(durationS) ? durationS : null, streams };
}

/** Last error-looking line of ffmpeg's stderr, for messages. */
export function stderrReason(stderr: string): string {
  const lines = stderr
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l && !/^(At least one output file|Input #|Duration:|Stream #|Metadata:)/.test(l));
  const last = lines.at(-1) ?? 'unknown ffmpeg error';
  return last
    .replace(/'?file:.*?(?=: )/g, 'input')
    .replace(/'?http:\/\/127\.0\.0\.1:\d+\/[^\s:']*'?/g, 'input')
    .slice(0, 300);
}
