// vPDQ hashing of one video file: frames sampled as the reference does (every trunc(secondsPerHash × fps)-th
// decoded frame with fps the exact rational avg_frame_rate, frame number = decoded-frame index, timestamp =
// float32(frame) / float32(fps)), each frame hashed at full resolution with PDQ (src/hashing, bit-exact with
// the reference). `allFrames` is every sampled frame, as the reference prints them (it filters quality at
// match time); `frames` keeps those of quality ≥ minQuality for storage and matching;
// kept frames also get PDQ of centre crops (CROP_SCALES) for crop-tolerant matching (see match.ts).
// File digests are streamed alongside. Bounded: header checks before decoding, a frame cap, a
// wall-time limit after which ffmpeg is killed.

import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { lumaFromRgb, pdqFromLuma, pdqFromRgb } from '../hashing/index.js';
import { VideoDecodeError, fromFsError } from './errors.js';
import { inputArgs, runFfmpeg, safeInputUrl, stderrReason } from './ffmpeg.js';
import { encodePosterJpeg, type PosterOptions } from './poster.js';
import { DEFAULT_LIMITS, probeVideo, type VideoLimits } from './probe.js';

/** One hashed frame, as in the reference output line `frame,quality,hash,timestamp`. */
export interface VideoFrameHash {
  /** Index of the decoded frame in the video stream (0-based). */
  frame: number;
  /** PDQ quality 0..100. */
  quality: number;
  /** PDQ hash, 64 lowercase hex. */
  hash: string;
  /** Seconds from the start: frame / fps. */
  timestamp: number;
  /**
   * PDQ of centre crops of the frame (one per HashVideoOptions.cropScales, same order): not part of the
   * reference format; they make matching tolerant of cropped copies (see match.ts). Absent when parsed from text.
   */
  cropHashes?: string[];
}

export interface HashVideoOptions extends VideoLimits {
  /** Sampling interval in seconds (reference secondsPerHash; default 1). */
  secondsPerHash?: number;
  /** Frames below this PDQ quality are dropped (default 50, the reference match filter). */
  minQuality?: number;
  /** Most frames sampled; beyond it the result is marked partial (default: maxDurationS / secondsPerHash). */
  maxFrames?: number;
  /** Wall-time limit of the decode; ffmpeg is killed and VideoDecodeError('timeout') thrown (default 10 min). */
  timeoutMs?: number;
  /** Also compute MD5 / SHA-1 / SHA-256 of the file (default true). */
  digests?: boolean;
  /** Centre-crop scales hashed besides the full frame (default CROP_SCALES; [] for none). */
  cropScales?: readonly number[];
  /** Also return a JPEG poster (the kept frame nearest the middle) from the same decode. */
  poster?: boolean | PosterOptions;
}

export interface VideoHashResult {
  md5: string | null;
  sha1: string | null;
  sha256: string | null;
  sizeBytes: number;
  /** ffmpeg demuxer name, e.g. 'mov,mp4,m4a,3gp,3g2,mj2'. */
  container: string;
  codec: string;
  width: number;
  height: number;
  fps: number;
  /** Container duration, or estimated from the frames decoded when the container states none. */
  durationS: number;
  /** Kept frames (quality ≥ minQuality), in frame order. */
  frames: VideoFrameHash[];
  /** Every sampled frame in frame order, low quality included (the reference vpdq-hash-video output). */
  allFrames: VideoFrameHash[];
  /** The frame rate as an exact fraction when ffprobe gave it; null when from ffmpeg's 2-decimal text. */
  fpsRational: string | null;
  /** Frames sampled and hashed, kept or not. */
  framesSampled: number;
  /** Frames dropped for low quality. */
  framesDropped: number;
  /** True when decoding stopped early (damaged stream, frame cap); the frames decoded are still valid. */
  partial: boolean;
  warnings: string[];
  poster?: { jpeg: Buffer; frame: number; timestamp: number; width: number; height: number };
}

export const DEFAULT_HASH_OPTIONS = { secondsPerHash: 1, minQuality: 50, timeoutMs: 10 * 60_000 } as const;

/**
 * PDQ is not crop-tolerant: a copy cropped by 5 % lands 44–72 bits from its original, past the match
 * distance. A copy cropped by c ≈ a centre crop of the original at scale 1 − c, so every kept frame is
 * also hashed at these scales and matching compares every hash of one frame with every hash of the other.
 */
export const CROP_SCALES: readonly number[] = [0.95, 0.9];

/** Centre crop (scale of each side) of a luma plane. */
export function centreCropLuma(luma: Float32Array, width: number, height: number, scale: number): { luma: Float32Array; width: number; height: number } {
  const w = Math.max(1, Math.round(width * scale));
  const h = Math.max(1, Math.round(height * scale));
  const x0 = Math.floor((width - w) / 2);
  const y0 = Math.floor((height - h) / 2);
  const out = new Float32Array(w * h);
  for (let y = 0; y < h; y++) out.set(luma.subarray((y0 + y) * width + x0, (y0 + y) * width + x0 + w), y * w);
  return { luma: out, width: w, height: h };
}

async function digestFile(path: string): Promise<{ md5: string; sha1: string; sha256: string }> {
  const md5 = createHash('md5');
  const sha1 = createHash('sha1');
  const sha256 = createHash('sha256');
  try {
    for await (const chunk of createReadStream(path, { highWaterMark: 1 << 20 }) as AsyncIterable<Buffer>) {
      md5.update(chunk);
      sha1.update(chunk);
      sha256.update(chunk);
    }
  } catch (err) {
    throw fromFsError(err, path);
  }
  return { md5: md5.digest('hex'), sha1: sha1.digest('hex'), sha256: sha256.digest('hex') };
}

/** Hash a video file. Throws VideoDecodeError with a reason code on bad input; never hangs past timeoutMs. */
export async function hashVideo(path: string, options: HashVideoOptions = {}): Promise<VideoHashResult> {
  const secondsPerHash = options.secondsPerHash ?? DEFAULT_HASH_OPTIONS.secondsPerHash;
  if (!(secondsPerHash > 0)) throw new RangeError('secondsPerHash must be > 0');
  const minQuality = options.minQuality ?? DEFAULT_HASH_OPTIONS.minQuality;
  const maxDurationS = options.maxDurationS ?? DEFAULT_LIMITS.maxDurationS;
  const maxFrames = Math.max(1, Math.floor(options.maxFrames ?? maxDurationS / secondsPerHash));
  const started = Date.now();
  const timeoutMs = options.timeoutMs ?? DEFAULT_HASH_OPTIONS.timeoutMs;

  const probe = await probeVideo(path, { ...options, probeTimeoutMs: Math.min(options.probeTimeoutMs ?? DEFAULT_LIMITS.probeTimeoutMs, timeoutMs) });
  const warnings: string[] = [];
  let fps = probe.fps;
  if (!(fps > 0)) {
    fps = 25;
    warnings.push('frame rate not stated; assumed 25 fps');
  }
  if (probe.fpsRational === null && probe.fps > 0)
    warnings.push("frame rate from ffmpeg's rounded text (no ffprobe): sampling may differ from the reference for non-standard rates");
  // Reference: frameMod = (int)(secondsPerHash * frameRate), at least 1.
  const frameMod = Math.max(1, Math.trunc(secondsPerHash * fps));
  const fps32 = Math.fround(fps);
  const { width, height } = probe;
  const frameBytes = width * height * 3;

  const frames: VideoFrameHash[] = [];
  const allFrames: VideoFrameHash[] = [];
  const cropScales = options.cropScales ?? CROP_SCALES;
  if (cropScales.some((c) => !(c > 0 && c < 1))) throw new RangeError('cropScales must be in (0, 1)');
  const luma = new Float32Array(cropScales.length ? width * height : 0);
  let sampled = 0;
  let dropped = 0;
  const posterOpts: PosterOptions | null = options.poster ? (options.poster === true ? {} : options.poster) : null;
  const posterTarget = probe.durationS !== null ? probe.durationS / 2 : 0;
  let poster: { pixels: Buffer; frame: number; timestamp: number; kept: boolean } | null = null;

  const onFrame = (pixels: Buffer): void => {
    const frame = sampled * frameMod;
    // The reference computes the timestamp in float: static_cast<float>(frame) / (float)framerate.
    const timestamp = Math.fround(Math.fround(frame) / fps32);
    sampled++;
    const { hash, quality } = pdqFromRgb(pixels, width, height, 3);
    allFrames.push({ frame, quality, hash, timestamp });
    const kept = quality >= minQuality;
    if (kept) {
      const f: VideoFrameHash = { frame, quality, hash, timestamp };
      if (cropScales.length) lumaFromRgb(pixels, width, height, 3, luma);
      if (cropScales.length)
        f.cropHashes = cropScales.map((s) => {
          const c = centreCropLuma(luma, width, height, s);
          return pdqFromLuma(c.luma, c.width, c.height).hash;
        });
      frames.push(f);
    } else dropped++;
    if (posterOpts) {
      // Nearest kept frame to the middle; a low-quality frame only while nothing better exists.
      const better =
        !poster || (kept && !poster.kept) || (kept === poster.kept && Math.abs(timestamp - posterTarget) < Math.abs(poster.timestamp - posterTarget));
      if (better) poster = { pixels: Buffer.from(pixels), frame, timestamp, kept };
    }
  };

  const consume = async (stdout: NodeJS.ReadableStream): Promise<void> => {
    const buf = Buffer.allocUnsafe(frameBytes);
    let fill = 0;
    for await (const chunk of stdout as AsyncIterable<Buffer>) {
      let off = 0;
      while (off < chunk.length) {
        const n = Math.min(frameBytes - fill, chunk.length - off);
        chunk.copy(buf, fill, off, off + n);
        fill += n;
        off += n;
        if (fill === frameBytes) {
          onFrame(buf);
          fill = 0;
        }
      }
    }
    if (fill > 0) warnings.push(`incomplete last frame (${fill} of ${frameBytes} bytes) ignored`);
  };

  const input = options.source ? { url: options.source.url, cleanup: async () => {} } : await safeInputUrl(path);
  const args = [
    '-loglevel',
    'error',
    ...inputArgs(input.url, options.demuxers),
    '-map',
    `0:${probe.streamIndex}`,
    '-an',
    '-sn',
    '-dn',
    '-vf',
    `select=not(mod(n\\,${frameMod}))`,
    '-vsync',
    '0',
    '-frames:v',
    String(maxFrames),
    '-f',
    'rawvideo',
    '-pix_fmt',
    'rgb24',
    'pipe:1',
  ];
  const remaining = Math.max(1, timeoutMs - (Date.now() - started));
  let run;
  let digests: { md5: string; sha1: string; sha256: string } | null = null;
  try {
    [run, digests] = await Promise.all([
      runFfmpeg(args, { timeoutMs: remaining, signal: options.signal, onStdout: consume }),
      options.digests === false || options.source ? Promise.resolve(null) : digestFile(path),
    ]);
  } finally {
    await input.cleanup();
  }

  if (run.timedOut) throw new VideoDecodeError('timeout', `decoding took longer than ${Math.round(timeoutMs / 1000)} s; stopped`, { path });
  if (run.aborted) throw new VideoDecodeError('timeout', 'cancelled', { path });
  const failed = run.code !== 0;
  if (sampled === 0) {
    if (failed) throw new VideoDecodeError('corrupt', `no frame could be decoded (${stderrReason(run.stderr)})`, { path });
    throw new VideoDecodeError('no_frames', 'the video stream holds no frames', { path });
  }
  let partial = false;
  if (failed || run.stderr.trim()) {
    partial = failed;
    warnings.push(`decoder: ${stderrReason(run.stderr)}`);
  }
  if (sampled >= maxFrames && (probe.durationS === null || probe.durationS * fps > maxFrames * frameMod + frameMod)) {
    partial = true;
    warnings.push(`stopped at the cap of ${maxFrames} sampled frames`);
  }
  const durationS = probe.durationS ?? (sampled * frameMod) / fps;

  const result: VideoHashResult = {
    md5: digests?.md5 ?? null,
    sha1: digests?.sha1 ?? null,
    sha256: digests?.sha256 ?? null,
    sizeBytes: probe.sizeBytes,
    container: probe.container,
    codec: probe.codec,
    width,
    height,
    fps,
    fpsRational: probe.fpsRational,
    durationS,
    frames,
    allFrames,
    framesSampled: sampled,
    framesDropped: dropped,
    partial,
    warnings,
  };
  const p = poster as { pixels: Buffer; frame: number; timestamp: number } | null;
  if (posterOpts && p) {
    const enc = await encodePosterJpeg(p.pixels, width, height, posterOpts);
    result.poster = { jpeg: enc.jpeg, frame: p.frame, timestamp: p.timestamp, width: enc.width, height: enc.height };
  }
  return result;
}
