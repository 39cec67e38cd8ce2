// Read a video's header (container, stream, size, rate, duration) and refuse what we will not decode,
// before any frame is decoded: empty files, non-videos, absurd resolutions, absurd durations.

import { stat } from 'node:fs/promises';
import { VideoDecodeError, fromFsError } from './errors.js';
import { exactFrameRate, inputArgs, parseProbe, runFfmpeg, safeInputUrl, stderrReason, type VideoProbe, type VideoSource } from './ffmpeg.js';

export interface VideoLimits {
  /** Widest / tallest frame accepted, in pixels (default 8192: 8K). */
  maxDimension?: number;
  /** Pixels per frame accepted (default 7680×4320, 8K UHD). */
  maxPixels?: number;
  /** Longest stated duration accepted, in seconds (default 6 h). */
  maxDurationS?: number;
  /** Wall-time limit of the header probe (default 20 s). */
  probeTimeoutMs?: number;
  /** Demuxers allowed (default VIDEO_DEMUXERS). */
  demuxers?: readonly string[];
  signal?: AbortSignal;
  /** Read the video from this URL (`path` then only names it in errors). */
  source?: VideoSource;
}

export const DEFAULT_LIMITS = {
  maxDimension: 8192,
  maxPixels: 7680 * 4320,
  maxDurationS: 6 * 3600,
  probeTimeoutMs: 20_000,
} as const;

export interface ProbedVideo extends VideoProbe {
  sizeBytes: number;
  /** The rate as a fraction ("30000/1001") when ffprobe gave it exactly; null when taken from ffmpeg's rounded text. */
  fpsRational: string | null;
}

/** Probe `path`; throws VideoDecodeError (empty, unreadable, not_video, corrupt, too_large, too_long, timeout). */
export async function probeVideo(path: string, limits: VideoLimits = {}): Promise<ProbedVideo> {
  let st = limits.source ? { size: limits.source.sizeBytes } : null;
  if (!st) {
    let fst;
    try {
      fst = await stat(path);
    } catch (err) {
      throw fromFsError(err, path);
    }
    if (fst.isDirectory()) throw new VideoDecodeError('unreadable', 'is a directory', { path });
    if (!fst.isFile()) throw new VideoDecodeError('unreadable', 'not a regular file', { path });
    st = fst;
  }
  if (st.size === 0) throw new VideoDecodeError('empty', 'the file is empty (0 bytes)', { path });

  const input = limits.source ? { url: limits.source.url, cleanup: async () => {} } : await safeInputUrl(path);
  let run;
  let exact: { fps: number; rational: string } | null = null;
  try {
    run = await runFfmpeg(inputArgs(input.url, limits.demuxers), { timeoutMs: limits.probeTimeoutMs ?? DEFAULT_LIMITS.probeTimeoutMs, signal: limits.signal });
    // The reference samples by the exact rational rate (avg_frame_rate, else r_frame_rate): ffmpeg prints it
    // with 2 decimals only (29.997 fps -> "30 fps" would sample every 30th frame where it takes every 29th).
    const first = parseProbe(run.stderr).streams.find((s) => !s.attachedPic);
    if (first && !run.timedOut && !run.aborted)
      exact = await exactFrameRate(input.url, first.streamIndex, limits.probeTimeoutMs ?? DEFAULT_LIMITS.probeTimeoutMs);
  } finally {
    await input.cleanup();
  }
  if (run.timedOut) throw new VideoDecodeError('timeout', 'reading the video header took too long', { path });
  if (run.aborted) throw new VideoDecodeError('timeout', 'cancelled', { path });

  const parsed = parseProbe(run.stderr);
  if (!parsed.container) {
    // A low detection score means ffmpeg only guessed from the file name extension.
    if (!/detected only with low score/.test(run.stderr) && /moov atom not found|truncat|End of file|partial file/i.test(run.stderr)) {
      throw new VideoDecodeError('corrupt', `truncated or damaged video (${stderrReason(run.stderr)})`, { path });
    }
    throw new VideoDecodeError('not_video', `not a recognised video container (${stderrReason(run.stderr)})`, { path });
  }
  const stream = parsed.streams.find((s) => !s.attachedPic);
  if (!stream) throw new VideoDecodeError('not_video', `no video stream in the ${parsed.container} container`, { path });
  const { width, height } = stream;
  if (width <= 0 || height <= 0) throw new VideoDecodeError('corrupt', 'the video stream states no frame size', { path });

  const maxDim = limits.maxDimension ?? DEFAULT_LIMITS.maxDimension;
  const maxPixels = limits.maxPixels ?? DEFAULT_LIMITS.maxPixels;
  if (width > maxDim || height > maxDim || width * height > maxPixels) {
    throw new VideoDecodeError('too_large', `frame size ${width}x${height} is over the limit (${maxDim} px per side, ${maxPixels} px per frame)`, { path });
  }
  const maxDur = limits.maxDurationS ?? DEFAULT_LIMITS.maxDurationS;
  if (parsed.durationS !== null && parsed.durationS > maxDur) {
    throw new VideoDecodeError('too_long', `duration ${parsed.durationS.toFixed(0)} s is over the ${maxDur} s limit`, { path });
  }
  return {
    container: parsed.container,
    codec: stream.codec,
    streamIndex: stream.streamIndex,
    width,
    height,
    fps: exact && stream === parsed.streams.find((s) => !s.attachedPic) ? exact.fps : stream.fps,
    fpsRational: exact?.rational ?? null,
    durationS: parsed.durationS,
    sizeBytes: st.size,
  };
}
