// The ffmpeg binary (npm @ffmpeg-installer/ffmpeg, shipped with the package: nothing is fetched at run
// time) and the two ways we run it: a probe (stream header only, from ffmpeg's own stderr since ffprobe
// is not shipped) and a bounded run whose stdout we consume. Every run is wall-time limited and killed
// on timeout; stderr is kept only as a bounded tail.

import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { mkdtemp, rm, symlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { VideoDecodeError } from './errors.js';

const require = createRequire(import.meta.url);

let cachedPath: string | undefined;
/** Absolute path of the bundled ffmpeg binary. */
export function ffmpegPath(): string {
  if (!cachedPath) {
    try {
      cachedPath = (require('@ffmpeg-installer/ffmpeg') as { path: string }).path;
    } catch (err) {
      throw new VideoDecodeError('unavailable', 'the ffmpeg binary (@ffmpeg-installer/ffmpeg) is not installed', { cause: err });
    }
  }
  return cachedPath;
}

/**
 * Demuxers ffmpeg may use on seized files. Anything else (playlists that open other files or URLs,
 * 'tty' which turns any text into a "video", image demuxers, …) is refused by ffmpeg itself.
 */
export const VIDEO_DEMUXERS: readonly string[] = [
  'mov', 'mp4', 'm4a', '3gp', '3g2', 'mj2', 'matroska', 'webm', 'avi', 'flv', 'mpegts', 'mpeg', 'mpegvideo',
  'asf', 'ogg', 'rm', 'nut', 'mxf', 'dv', 'h264', 'hevc', 'm4v', 'wtv', 'yuv4mpegpipe',
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
export interface VideoSource { url: string; sizeBytes: number }

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
    const kill = () => { if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL'); };
    const timer = setTimeout(() => { timedOut = true; kill(); }, options.timeoutMs);
    const onAbort = () => { aborted = true; kill(); };
    options.signal?.addEventListener('abort', onAbort, { once: true });
    if (options.signal?.aborted) onAbort();

    child.stderr!.setEncoding('latin1');
    child.stderr!.on('data', (s: string) => {
      stderr += s;
      if (stderr.length > 2 * limit) stderr = stderr.slice(-limit);
    });
    const consumed = options.onStdout
      ? options.onStdout(child.stdout!).catch((err: unknown) => { consumerError = err; kill(); child.stdout!.resume(); })
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
export function parseProbe(stderr: string): { container: string | null; durationS: number | null; streams: Array<Omit<VideoProbe, 'container' | 'durationS'> & { attachedPic: boolean }> } {
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
  const lines = stderr.split(/\r?\n/).map((l) => l.trim()).filter((l) => l && !/^(At least one output file|Input #|Duration:|Stream #|Metadata:)/.test(l));
  const last = lines.at(-1) ?? 'unknown ffmpeg error';
  return last.replace(/'?file:.*?(?=: )/g, 'input').replace(/'?http:\/\/127\.0\.0\.1:\d+\/[^\s:']*'?/g, 'input').slice(0, 300);
}
